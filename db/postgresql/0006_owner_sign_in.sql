-- "Mijn activiteiten" (/beheer): an initiator signs in with the contact e-mail address through a link.
-- Types as in 0001: instants timestamptz, ids uuid.

-- A sign-in link: valid 15 minutes, used once, only its SHA-256 hash stored. email_key is the address as
-- ActivityRules.EmailKey folds it; links are deleted a day after they expired (personal data), and counted per
-- address for the limit.
CREATE TABLE sign_in_links (
    id          uuid          NOT NULL PRIMARY KEY,
    email_key   varchar(254)  NOT NULL,
    token_hash  varchar(64)   NOT NULL,
    created_at  timestamptz   NOT NULL,
    expires_at  timestamptz   NOT NULL,
    used_at     timestamptz   NULL
);
CREATE UNIQUE INDEX ux_sign_in_links_token ON sign_in_links (token_hash);
CREATE INDEX ix_sign_in_links_email ON sign_in_links (email_key, created_at);

-- A signed-in browser: the session's token hash and the verified address it may manage activities of.
CREATE TABLE owner_sessions (
    token_hash  varchar(64)   NOT NULL PRIMARY KEY,
    email_key   varchar(254)  NOT NULL,
    created_at  timestamptz   NOT NULL,
    expires_at  timestamptz   NOT NULL
);
CREATE INDEX ix_owner_sessions_expires ON owner_sessions (expires_at);
