-- training-coverage: staging of the three exports (emptied once a run is published) and the
-- detail table of results: one row per in-scope employee with the courses still missing.

CREATE TABLE tc_employee_stage (
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

CREATE TABLE tc_requirement_stage (
    job_instance_id BIGINT       NOT NULL,
    course_id       VARCHAR(64)  NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    title           VARCHAR(255) NOT NULL,
    audience        VARCHAR(200) NOT NULL,
    PRIMARY KEY (job_instance_id, course_id, file, line)
);

-- Clustered by employee so that one employee's completions are read as one range.
CREATE TABLE tc_completion_stage (
    job_instance_id BIGINT       NOT NULL,
    employee_id     VARCHAR(64)  NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    course_id       VARCHAR(64)  NOT NULL,
    completed_on    DATE         NOT NULL,
    score           INT          NULL,
    PRIMARY KEY (job_instance_id, employee_id, file, line)
);

CREATE TABLE training_coverage (
    job_instance_id BIGINT        NOT NULL,
    employee_id     VARCHAR(64)   NOT NULL,
    full_name       VARCHAR(255)  NOT NULL,
    department      VARCHAR(100)  NOT NULL,
    covered         BOOLEAN       NOT NULL,
    missing_courses VARCHAR(4000) NOT NULL,
    PRIMARY KEY (job_instance_id, employee_id)
);
