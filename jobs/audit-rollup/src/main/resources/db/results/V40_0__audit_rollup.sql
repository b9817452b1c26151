-- audit-rollup: staging of audit_findings.csv (emptied once a run is published) and the detail
-- table of results: the year's findings against the previous year's, one line per severity,
-- category and status. finding_id is stored trimmed and upper-cased.

CREATE TABLE ar_finding_stage (
    job_instance_id BIGINT       NOT NULL,
    finding_id      VARCHAR(64)  NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    audit_year      INT          NOT NULL,
    opened_on       DATE         NOT NULL,
    severity        VARCHAR(10)  NOT NULL,
    category        VARCHAR(100) NOT NULL,
    title           VARCHAR(500) NOT NULL,
    status          VARCHAR(12)  NOT NULL,
    closed_on       DATE         NULL,
    PRIMARY KEY (job_instance_id, file, line)
);

-- section: SEVERITY, CATEGORY or STATUS; item: e.g. HIGH, Access control, OPEN.
-- findings: of the rollup's year; findings_previous: of the year before.
CREATE TABLE audit_rollup_line (
    job_instance_id   BIGINT       NOT NULL,
    section           VARCHAR(10)  NOT NULL,
    item              VARCHAR(100) NOT NULL,
    findings          INT          NOT NULL,
    findings_previous INT          NOT NULL,
    PRIMARY KEY (job_instance_id, section, item)
);
