-- Which job repository this is: one row, its id a UUID written by the first node that needs it
-- (common.workers.RepositoryIdentity). A partition request carries the manager's id; a worker whose
-- database holds another id refuses the request instead of running it against another repository.
CREATE TABLE job_repository_identity (
    singleton  INT          NOT NULL,
    id         CHAR(36)     NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (singleton)
);
