-- permission-reconciliation: staging of the three exports (emptied once a run is published), and
-- the detail table of results: one row per finding.
-- Identifiers (employee, role, system, permission) are stored trimmed and upper-cased.

CREATE TABLE rc_employee_stage (
    job_instance_id BIGINT       NOT NULL,
    employee_id     VARCHAR(64)  NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    full_name       VARCHAR(255) NOT NULL,
    department      VARCHAR(100) NOT NULL,
    role            VARCHAR(100) NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    hired_on        DATE         NOT NULL,
    departed_on     DATE         NULL,
    PRIMARY KEY (job_instance_id, employee_id, file, line)
);

CREATE TABLE rc_entitlement_stage (
    job_instance_id BIGINT       NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    role            VARCHAR(100) NOT NULL,
    system          VARCHAR(100) NOT NULL,
    permission      VARCHAR(200) NOT NULL,
    PRIMARY KEY (job_instance_id, file, line)
);

-- Every grant row as exported, clustered by the grant it names: the rows of one grant (from
-- several files or lines) lie together and in key order, so the review reads the distinct grants
-- by one GROUP BY that streams along the primary key, with no sort and no temporary table.
-- file_number: the file's place among the run's access_grants*.csv in name order (a number keeps
-- the two million rows smaller than the name would).
CREATE TABLE rc_grant_stage (
    job_instance_id BIGINT       NOT NULL,
    employee_id     VARCHAR(64)  NOT NULL,
    system          VARCHAR(100) NOT NULL,
    permission      VARCHAR(200) NOT NULL,
    file_number     SMALLINT     NOT NULL,
    line            BIGINT       NOT NULL,
    granted_on      DATE         NOT NULL,
    last_used_on    DATE         NULL,
    PRIMARY KEY (job_instance_id, employee_id, system, permission, file_number, line)
);

-- status: NEW or PERSISTING against the previous month's published findings.
-- days_departed: LEAVER_ACCESS only, days from departed_on to the end of the month.
CREATE TABLE reconciliation_finding (
    job_instance_id BIGINT       NOT NULL,
    employee_id     VARCHAR(64)  NOT NULL,
    system          VARCHAR(100) NOT NULL,
    permission      VARCHAR(200) NOT NULL,
    rule            VARCHAR(20)  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    days_departed   INT          NULL,
    granted_on      DATE         NOT NULL,
    last_used_on    DATE         NULL,
    PRIMARY KEY (job_instance_id, employee_id, system, permission)
);
