-- key-rotation (test fixture control, 90.x): staging of key_inventory.csv, emptied once a run is
-- published. key_id is stored trimmed and upper-cased.

CREATE TABLE kr_key_stage (
    job_instance_id BIGINT       NOT NULL,
    key_id          VARCHAR(64)  NOT NULL,
    file            VARCHAR(255) NOT NULL,
    line            BIGINT       NOT NULL,
    rotated_on      DATE         NOT NULL,
    PRIMARY KEY (job_instance_id, file, line)
);
