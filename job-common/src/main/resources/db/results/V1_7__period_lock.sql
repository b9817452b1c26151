-- At most one run of a (job, period) at a time, reruns and restarts included, across processes and
-- nodes: a run holds the period by inserting its row (the primary key makes the insert the test),
-- and removes it when it ends. holder is the token of the process that took it; execution_id is the
-- execution running under it (NULL between taking the period and the execution's start);
-- heartbeat_at is refreshed while it runs, so a holder that died can be told from a live one.
CREATE TABLE period_lock (
    job          VARCHAR(100) NOT NULL,
    period       VARCHAR(10)  NOT NULL,
    holder       VARCHAR(64)  NOT NULL,
    execution_id BIGINT       NULL,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    acquired_at  TIMESTAMP(3) NOT NULL,
    heartbeat_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (job, period)
);
