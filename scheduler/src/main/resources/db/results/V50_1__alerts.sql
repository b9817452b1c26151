-- Alerts (issue 15): one row per incident, named by its key (e.g. run-failed:<job>:<period>), OPEN
-- while its condition holds, RESOLVED when it clears; a condition that comes back opens the incident
-- again with the next occurrence. Times are UTC wall-clock (columns *_utc).
CREATE TABLE alert (
    incident_key    VARCHAR(400)  NOT NULL,
    kind            VARCHAR(30)   NOT NULL,
    job             VARCHAR(100)  NOT NULL,
    period          VARCHAR(10)   NOT NULL,
    state           VARCHAR(10)   NOT NULL,
    occurrence      INT           NOT NULL,
    summary         VARCHAR(500)  NOT NULL,
    opened_at_utc   DATETIME(3)   NOT NULL,
    resolved_at_utc DATETIME(3)   NULL,
    PRIMARY KEY (incident_key)
);

-- One message per incident, occurrence and state (FIRING, RESOLVED) on a channel, with the exact body
-- sent (so every retry carries the same bytes and signature) and its delivery state: attempts made,
-- the last answer (HTTP status or the connection failure's class), the next attempt, delivered at.
-- A delivery that used up its attempts keeps delivered_at_utc NULL and next_attempt_utc NULL.
CREATE TABLE alert_delivery (
    idempotency_key  VARCHAR(450)  NOT NULL,
    incident_key     VARCHAR(400)  NOT NULL,
    channel          VARCHAR(20)   NOT NULL,
    state            VARCHAR(10)   NOT NULL,
    body             VARCHAR(4000) NOT NULL,
    attempts         INT           NOT NULL,
    last_status      VARCHAR(100)  NULL,
    created_at_utc   DATETIME(3)   NOT NULL,
    next_attempt_utc DATETIME(3)   NULL,
    delivered_at_utc DATETIME(3)   NULL,
    PRIMARY KEY (idempotency_key)
);
CREATE INDEX alert_delivery_incident ON alert_delivery (incident_key);
