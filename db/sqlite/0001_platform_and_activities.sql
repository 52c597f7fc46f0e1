-- Instants are UTC text 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (sortable), dates 'yyyy-MM-dd',
-- ids lower-case GUID text, booleans 0/1. See Platform/Data/TypeHandlers.cs.

CREATE TABLE editions (
    year                  INTEGER NOT NULL PRIMARY KEY,
    starts_on             TEXT    NOT NULL,
    ends_on               TEXT    NOT NULL,
    opening_on            TEXT    NOT NULL,
    registration_opens_at TEXT    NOT NULL,
    kit_order_deadline    TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);

CREATE TABLE activities (
    id                    TEXT    NOT NULL PRIMARY KEY,
    year                  INTEGER NOT NULL,
    status                TEXT    NOT NULL,
    title                 TEXT    NOT NULL,
    description           TEXT    NULL,
    type                  TEXT    NOT NULL,
    target_groups         TEXT    NOT NULL,
    starts_at             TEXT    NOT NULL,
    ends_at               TEXT    NOT NULL,
    expected_participants INTEGER NOT NULL,
    capacity              INTEGER NULL,
    sign_up_required      INTEGER NOT NULL,
    free                  INTEGER NOT NULL,
    wheelchair_accessible INTEGER NOT NULL,
    accessibility_notes   TEXT    NULL,
    venue_name            TEXT    NULL,
    street                TEXT    NULL,
    house_number          TEXT    NULL,
    postcode              TEXT    NULL,
    city                  TEXT    NULL,
    municipality_code     TEXT    NOT NULL,
    online_url            TEXT    NULL,
    organisation_name     TEXT    NULL,
    contact_name          TEXT    NULL,
    contact_email         TEXT    NULL,
    phone                 TEXT    NULL,
    manage_token_hash     TEXT    NOT NULL,
    rejection_reason      TEXT    NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    verified_at           TEXT    NULL,
    cancelled_at          TEXT    NULL,
    rejected_at           TEXT    NULL
);

CREATE INDEX ix_activities_listing ON activities (year, status, starts_at, id);
CREATE INDEX ix_activities_municipality ON activities (municipality_code, year, status, starts_at, id);
CREATE INDEX ix_activities_unverified ON activities (status, created_at);

CREATE TABLE outbox_messages (
    id              TEXT    NOT NULL PRIMARY KEY,
    idempotency_key TEXT    NOT NULL,
    to_address      TEXT    NOT NULL,
    to_name         TEXT    NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    attachments     TEXT    NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    locked_by       TEXT    NULL,
    locked_until    TEXT    NULL,
    last_error      TEXT    NULL,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT    NULL
);

CREATE UNIQUE INDEX ux_outbox_idempotency_key ON outbox_messages (idempotency_key);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);

CREATE TABLE staff_keys (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    key_hash   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_staff_keys_hash ON staff_keys (key_hash);
