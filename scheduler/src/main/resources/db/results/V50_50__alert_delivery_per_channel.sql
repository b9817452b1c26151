-- Alerts go to several channels (webhook, mail, chat): one message per incident, occurrence, state and
-- channel. The idempotency key stays the same on every channel (a receiver sees one key per message).
ALTER TABLE alert_delivery DROP PRIMARY KEY;
ALTER TABLE alert_delivery ADD PRIMARY KEY (idempotency_key, channel);
