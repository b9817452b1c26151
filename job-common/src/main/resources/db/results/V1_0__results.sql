-- The results schema every job shares. Rows are keyed by the Spring Batch job instance that
-- produced them; period_result points at the instance whose rows are the period's results.
-- Versions: 1.x job-common, 10.x training-coverage, 20.x permission-reconciliation,
-- 30.x backup, 40.x audit-rollup.

CREATE TABLE run (
    execution_id    BIGINT       NOT NULL PRIMARY KEY,
    job_instance_id BIGINT       NOT NULL,
    job             VARCHAR(100) NOT NULL,
    period          VARCHAR(10)  NOT NULL,
    rerun           INT          NOT NULL DEFAULT 0,
    status          VARCHAR(20)  NOT NULL,
    started_at      TIMESTAMP(3) NULL,
    ended_at        TIMESTAMP(3) NULL,
    read_count      BIGINT       NOT NULL DEFAULT 0,
    write_count     BIGINT       NOT NULL DEFAULT 0,
    skip_count      BIGINT       NOT NULL DEFAULT 0,
    exit_message    VARCHAR(2500) NULL,
    code_version    VARCHAR(50)  NULL,
    host            VARCHAR(255) NULL,
    pid             BIGINT       NULL,
    heartbeat_at    TIMESTAMP(3) NULL
);
CREATE INDEX run_job_period ON run (job, period);

CREATE TABLE period_result (
    job             VARCHAR(100) NOT NULL,
    period          VARCHAR(10)  NOT NULL,
    job_instance_id BIGINT       NOT NULL,
    execution_id    BIGINT       NOT NULL,
    completed_at    TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (job, period)
);

CREATE TABLE metric (
    job_instance_id BIGINT       NOT NULL,
    job             VARCHAR(100) NOT NULL,
    period          VARCHAR(10)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    value           DOUBLE       NULL,
    unit            VARCHAR(20)  NOT NULL,
    target          DOUBLE       NULL,
    met             BOOLEAN      NULL,
    missing_reason  VARCHAR(500) NULL,
    PRIMARY KEY (job_instance_id, name)
);
CREATE INDEX metric_job_period ON metric (job, period);

CREATE TABLE reject (
    job_instance_id BIGINT        NOT NULL,
    file            VARCHAR(255)  NOT NULL,
    line            BIGINT        NOT NULL,
    reason          VARCHAR(1000) NOT NULL,
    PRIMARY KEY (job_instance_id, file, line)
);

CREATE TABLE input_file (
    job_instance_id BIGINT       NOT NULL,
    file            VARCHAR(255) NOT NULL,
    bytes           BIGINT       NOT NULL,
    sha256          CHAR(64)     NOT NULL,
    rows_read       BIGINT       NOT NULL,
    PRIMARY KEY (job_instance_id, file)
);
