-- The console's users (issue 14): a bcrypt hash, never the password; one role each; the login
-- throttle's state (consecutive failures, locked until). Times are UTC wall-clock (columns *_utc).
CREATE TABLE console_user (
    name                    VARCHAR(100) NOT NULL,
    password_hash           VARCHAR(255) NOT NULL,
    role                    VARCHAR(16)  NOT NULL,
    enabled                 BOOLEAN      NOT NULL,
    failed_logins           INT          NOT NULL,
    locked_until_utc        DATETIME(3)  NULL,
    created_at_utc          DATETIME(3)  NOT NULL,
    password_changed_at_utc DATETIME(3)  NOT NULL,
    last_login_at_utc       DATETIME(3)  NULL,
    PRIMARY KEY (name)
);

-- Operator audit log: one row per action carried out (never for reading or opening a dialog).
-- Append-only: the application has no statement that updates or deletes it (see ARCHITECTURE.md).
CREATE TABLE operator_audit (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at_utc DATETIME(3)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    role            VARCHAR(16)   NOT NULL,
    action          VARCHAR(50)   NOT NULL,
    target          VARCHAR(200)  NOT NULL,
    arguments       VARCHAR(2000) NULL,
    reason          VARCHAR(2000) NULL,
    outcome         VARCHAR(50)   NOT NULL,
    client_address  VARCHAR(100)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX operator_audit_occurred ON operator_audit (occurred_at_utc);
