-- backup retention: one row per backup (or incomplete backup) a run's retention step deleted from
-- the store. Rows are facts about the store, so a rerun of the day does not remove them (this is
-- not one of the job's detail tables that a rerun replaces). reason: expired | unverified | incomplete.

CREATE TABLE backup_retention (
    job_instance_id BIGINT       NOT NULL,
    backup_id       VARCHAR(40)  NOT NULL,
    backup_day      DATE         NULL,
    reason          VARCHAR(20)  NOT NULL,
    deleted_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (job_instance_id, backup_id)
);
