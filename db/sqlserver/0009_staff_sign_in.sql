-- Staff pages (/magazijn, /programmabureau): staff sign in with their e-mail address through a link.
-- Types as in 0001: instants DATETIMEOFFSET in UTC, ids UNIQUEIDENTIFIER.

-- A staff member (one row per person, with the API key made by `staff create`) gets an address to sign in with;
-- email_key is the address as ActivityRules.EmailKey folds it. Revoking sets revoked_at: the key and every session
-- of the member stop working at once (both are looked up with revoked_at IS NULL).
ALTER TABLE staff_keys ADD email NVARCHAR(254) NULL, email_key NVARCHAR(254) NULL, revoked_at DATETIMEOFFSET(7) NULL;
GO
CREATE INDEX ix_staff_keys_email ON staff_keys (email_key);

-- A staff sign-in link: valid 15 minutes, used once, only its SHA-256 hash stored; deleted a day after it expired,
-- and counted per member for the per-address limit.
CREATE TABLE staff_sign_in_links (
    id          UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    staff_id    UNIQUEIDENTIFIER  NOT NULL REFERENCES staff_keys (id),
    token_hash  NVARCHAR(64)      NOT NULL,
    created_at  DATETIMEOFFSET(7) NOT NULL,
    expires_at  DATETIMEOFFSET(7) NOT NULL,
    used_at     DATETIMEOFFSET(7) NULL
);
CREATE UNIQUE INDEX ux_staff_sign_in_links_token ON staff_sign_in_links (token_hash);
CREATE INDEX ix_staff_sign_in_links_staff ON staff_sign_in_links (staff_id, created_at);

-- A signed-in browser of a staff member: at most 8 hours; signing out or revoking the member ends it (ended_at).
-- The cookie carries the session's id; every staff page request checks the row.
CREATE TABLE staff_sessions (
    id          UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    staff_id    UNIQUEIDENTIFIER  NOT NULL REFERENCES staff_keys (id),
    created_at  DATETIMEOFFSET(7) NOT NULL,
    expires_at  DATETIMEOFFSET(7) NOT NULL,
    ended_at    DATETIMEOFFSET(7) NULL
);
CREATE INDEX ix_staff_sessions_staff ON staff_sessions (staff_id);

-- ASP.NET Core Data Protection's key ring, shared by every app server, so a cookie made by one server is read by the
-- next (staff sessions, owner cookies, antiforgery tokens). One row per key, its XML as Data Protection writes it.
CREATE TABLE data_protection_keys (
    friendly_name  NVARCHAR(200)  NOT NULL PRIMARY KEY,
    xml            NVARCHAR(MAX)  NOT NULL
);
