-- backup: one row per backup a run wrote (the detail table of results). The archive step inserts
-- it once the archive is in the store, with the manifest to write; the manifest step marks it
-- written, the verify step verified. manifest holds the manifest JSON exactly as stored.

CREATE TABLE backup_object (
    job_instance_id  BIGINT       NOT NULL,
    backup_id        VARCHAR(40)  NOT NULL,
    backup_day       DATE         NOT NULL,
    execution_id     BIGINT       NOT NULL,
    archive_key      VARCHAR(255) NOT NULL,
    manifest_key     VARCHAR(255) NOT NULL,
    archive_size     BIGINT       NOT NULL,
    archive_sha256   CHAR(64)     NOT NULL,
    key_id           BIGINT       NULL,
    entries          BIGINT       NOT NULL,
    row_count        BIGINT       NOT NULL,
    bytes_in         BIGINT       NOT NULL,
    sources          VARCHAR(1000) NOT NULL,
    created_at       TIMESTAMP(3) NOT NULL,
    archive_ms       BIGINT       NOT NULL,
    manifest_written BOOLEAN      NOT NULL DEFAULT FALSE,
    verified         BOOLEAN      NOT NULL DEFAULT FALSE,
    verified_at      TIMESTAMP(3) NULL,
    verify_ms        BIGINT       NULL,
    manifest         LONGTEXT     NOT NULL,
    PRIMARY KEY (job_instance_id, backup_id)
);
CREATE INDEX backup_object_day ON backup_object (backup_day);
