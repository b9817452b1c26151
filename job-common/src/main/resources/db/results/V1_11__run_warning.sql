-- Warnings a completed run publishes beside its metrics: a figure whose value is text (the period
-- whose input files a run was given again, the dates an export's rows fall in), never a number and
-- never a KPI. Replaced with the period's other results when a rerun publishes.
CREATE TABLE run_warning (
    job_instance_id BIGINT        NOT NULL,
    job             VARCHAR(100)  NOT NULL,
    period          VARCHAR(10)   NOT NULL,
    name            VARCHAR(100)  NOT NULL,
    value           VARCHAR(100)  NOT NULL,
    message         VARCHAR(1000) NOT NULL,
    PRIMARY KEY (job_instance_id, name)
);
CREATE INDEX run_warning_job_period ON run_warning (job, period);
