-- Four-eyes approvals (issue 14): an action an installation wants a second admin to approve
-- (custos.approvals.required) is stored here instead of being carried out. Its state moves once,
-- by a conditional UPDATE ... WHERE state = 'PENDING', so two approvals carry it out once:
-- PENDING -> APPROVED -> EXECUTED | FAILED, or PENDING -> REJECTED | EXPIRED. Times are UTC
-- wall-clock (columns *_utc); arguments are a JSON object of strings, from which the action is
-- carried out by the process that approves it.
CREATE TABLE approval_request (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    action           VARCHAR(50)   NOT NULL,
    target           VARCHAR(200)  NOT NULL,
    arguments        VARCHAR(2000) NOT NULL,
    requester        VARCHAR(100)  NOT NULL,
    requester_role   VARCHAR(16)   NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    requested_at_utc DATETIME(3)   NOT NULL,
    expires_at_utc   DATETIME(3)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    decided_by       VARCHAR(100)  NULL,
    decided_at_utc   DATETIME(3)   NULL,
    outcome          VARCHAR(200)  NULL,
    PRIMARY KEY (id)
);
CREATE INDEX approval_request_state ON approval_request (state);
