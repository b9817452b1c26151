-- Personal API tokens (issue 14): scripts send "Authorization: Bearer custos_<id>_<secret>". Only the
-- SHA-256 of the secret is kept (hex); the id is the visible part that names the token in lists and
-- in the operator audit log. A revoked token's row is deleted. Times are UTC wall-clock (*_utc).
CREATE TABLE api_token (
    id               VARCHAR(16)  NOT NULL,
    user_name        VARCHAR(100) NOT NULL,
    name             VARCHAR(100) NOT NULL,
    secret_sha256    CHAR(64)     NOT NULL,
    created_at_utc   DATETIME(3)  NOT NULL,
    expires_at_utc   DATETIME(3)  NULL,
    last_used_at_utc DATETIME(3)  NULL,
    PRIMARY KEY (id)
);
CREATE INDEX api_token_user ON api_token (user_name);

-- The one-time setup token custos serve prints when no console user exists: its SHA-256 only.
-- Using it to create the first ADMIN deletes it; a new serve start with still no user replaces it.
CREATE TABLE console_setup_token (
    token_sha256   CHAR(64)    NOT NULL,
    created_at_utc DATETIME(3) NOT NULL,
    PRIMARY KEY (token_sha256)
);
