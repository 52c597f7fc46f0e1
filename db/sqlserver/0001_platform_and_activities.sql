-- Instants are DATETIMEOFFSET in UTC, dates DATE, ids UNIQUEIDENTIFIER, booleans BIT.
-- See Platform/Data/TypeHandlers.cs.

CREATE TABLE editions (
    year                  INT               NOT NULL PRIMARY KEY,
    starts_on             DATE              NOT NULL,
    ends_on               DATE              NOT NULL,
    opening_on            DATE              NOT NULL,
    registration_opens_at DATETIMEOFFSET(7) NOT NULL,
    kit_order_deadline    DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE activities (
    id                    UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    year                  INT               NOT NULL,
    status                NVARCHAR(32)      NOT NULL,
    title                 NVARCHAR(120)     NOT NULL,
    description           NVARCHAR(4000)    NULL,
    type                  NVARCHAR(32)      NOT NULL,
    target_groups         NVARCHAR(200)     NOT NULL,
    starts_at             DATETIMEOFFSET(7) NOT NULL,
    ends_at               DATETIMEOFFSET(7) NOT NULL,
    expected_participants INT               NOT NULL,
    capacity              INT               NULL,
    sign_up_required      BIT               NOT NULL,
    free                  BIT               NOT NULL,
    wheelchair_accessible BIT               NOT NULL,
    accessibility_notes   NVARCHAR(1000)    NULL,
    venue_name            NVARCHAR(200)     NULL,
    street                NVARCHAR(200)     NULL,
    house_number          NVARCHAR(20)      NULL,
    postcode              NVARCHAR(7)       NULL,
    city                  NVARCHAR(100)     NULL,
    municipality_code     NVARCHAR(6)       NOT NULL,
    online_url            NVARCHAR(500)     NULL,
    organisation_name     NVARCHAR(200)     NULL,
    contact_name          NVARCHAR(200)     NULL,
    contact_email         NVARCHAR(254)     NULL,
    phone                 NVARCHAR(32)      NULL,
    manage_token_hash     NVARCHAR(64)      NOT NULL,
    rejection_reason      NVARCHAR(1000)    NULL,
    created_at            DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL,
    verified_at           DATETIMEOFFSET(7) NULL,
    cancelled_at          DATETIMEOFFSET(7) NULL,
    rejected_at           DATETIMEOFFSET(7) NULL
);

CREATE CLUSTERED INDEX cx_activities_listing ON activities (year, status, starts_at, id);
CREATE INDEX ix_activities_municipality ON activities (municipality_code, year, status, starts_at, id);
CREATE INDEX ix_activities_unverified ON activities (status, created_at);

CREATE TABLE outbox_messages (
    id              UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    idempotency_key NVARCHAR(200)     NOT NULL,
    to_address      NVARCHAR(254)     NOT NULL,
    to_name         NVARCHAR(200)     NULL,
    subject         NVARCHAR(300)     NOT NULL,
    text_body       NVARCHAR(MAX)     NOT NULL,
    html_body       NVARCHAR(MAX)     NOT NULL,
    attachments     NVARCHAR(MAX)     NULL,
    status          NVARCHAR(16)      NOT NULL,
    attempts        INT               NOT NULL,
    next_attempt_at DATETIMEOFFSET(7) NOT NULL,
    locked_by       NVARCHAR(100)     NULL,
    locked_until    DATETIMEOFFSET(7) NULL,
    last_error      NVARCHAR(1000)    NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    sent_at         DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE INDEX ux_outbox_idempotency_key ON outbox_messages (idempotency_key);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);

CREATE TABLE staff_keys (
    id         UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    name       NVARCHAR(200)     NOT NULL,
    role       NVARCHAR(32)      NOT NULL,
    key_hash   NVARCHAR(64)      NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL
);

CREATE UNIQUE INDEX ux_staff_keys_hash ON staff_keys (key_hash);
