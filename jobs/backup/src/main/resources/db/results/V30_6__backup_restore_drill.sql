-- backup restore drill: one row per drill that passed (a failed drill fails its run; the run row
-- holds its message). The drilled backup was restored into a scratch directory and schema, and every
-- table's row count and part checksums matched the manifest. Rows are evidence that a backup was
-- restorable; like backup_retention they are facts that a rerun of the day does not remove.

CREATE TABLE backup_drill (
    job_instance_id BIGINT       NOT NULL,
    backup_id       VARCHAR(40)  NOT NULL,
    drilled_at      TIMESTAMP(3) NOT NULL,
    scratch_schema  VARCHAR(64)  NOT NULL,
    tables_checked  INT          NOT NULL,
    rows_checked    BIGINT       NOT NULL,
    files_restored  BIGINT       NOT NULL,
    drill_ms        BIGINT       NOT NULL,
    PRIMARY KEY (job_instance_id, backup_id)
);
