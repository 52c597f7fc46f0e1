-- "Mijn activiteiten" (/beheer): an initiator signs in with the contact e-mail address through a link.
-- Types as in 0001: instants UTC text, ids lower-case GUID text.

-- A sign-in link: valid 15 minutes, used once, only its SHA-256 hash stored. email_key is the lower-cased
-- address; links are deleted a day after they expired (personal data), and counted per address for the limit.
CREATE TABLE sign_in_links (
    id          TEXT NOT NULL PRIMARY KEY,
    email_key   TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT NULL
);
CREATE UNIQUE INDEX ux_sign_in_links_token ON sign_in_links (token_hash);
CREATE INDEX ix_sign_in_links_email ON sign_in_links (email_key, created_at);

-- A signed-in browser: the session's token hash and the verified address it may manage activities of.
CREATE TABLE owner_sessions (
    token_hash  TEXT NOT NULL PRIMARY KEY,
    email_key   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX ix_owner_sessions_expires ON owner_sessions (expires_at);
