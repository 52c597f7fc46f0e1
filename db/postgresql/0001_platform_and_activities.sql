-- PostgreSQL: instants timestamptz (stored as UTC), dates date, ids uuid, booleans boolean.
-- Same numbers and meaning as db/sqlite and db/sqlserver. See Platform/Data/TypeHandlers.cs.
-- Text compares case-sensitively here, as on SQLite; codes and e-mail keys are stored lower-cased or as given.

CREATE TABLE editions (
    year                  integer     NOT NULL PRIMARY KEY,
    starts_on             date        NOT NULL,
    ends_on               date        NOT NULL,
    opening_on            date        NOT NULL,
    registration_opens_at timestamptz NOT NULL,
    kit_order_deadline    timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

CREATE TABLE activities (
    id                    uuid          NOT NULL PRIMARY KEY,
    year                  integer       NOT NULL,
    status                varchar(32)   NOT NULL,
    title                 varchar(120)  NOT NULL,
    description           varchar(4000) NULL,
    type                  varchar(32)   NOT NULL,
    target_groups         varchar(200)  NOT NULL,
    starts_at             timestamptz   NOT NULL,
    ends_at               timestamptz   NOT NULL,
    expected_participants integer       NOT NULL,
    capacity              integer       NULL,
    sign_up_required      boolean       NOT NULL,
    free                  boolean       NOT NULL,
    wheelchair_accessible boolean       NOT NULL,
    accessibility_notes   varchar(1000) NULL,
    venue_name            varchar(200)  NULL,
    street                varchar(200)  NULL,
    house_number          varchar(20)   NULL,
    postcode              varchar(7)    NULL,
    city                  varchar(100)  NULL,
    municipality_code     varchar(6)    NOT NULL,
    online_url            varchar(500)  NULL,
    organisation_name     varchar(200)  NULL,
    contact_name          varchar(200)  NULL,
    contact_email         varchar(254)  NULL,
    phone                 varchar(32)   NULL,
    manage_token_hash     varchar(64)   NOT NULL,
    rejection_reason      varchar(1000) NULL,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    verified_at           timestamptz   NULL,
    cancelled_at          timestamptz   NULL,
    rejected_at           timestamptz   NULL
);

CREATE INDEX ix_activities_listing ON activities (year, status, starts_at, id);
CREATE INDEX ix_activities_municipality ON activities (municipality_code, year, status, starts_at, id);
CREATE INDEX ix_activities_unverified ON activities (status, created_at);

CREATE TABLE outbox_messages (
    id              uuid          NOT NULL PRIMARY KEY,
    idempotency_key varchar(200)  NOT NULL,
    to_address      varchar(254)  NOT NULL,
    to_name         varchar(200)  NULL,
    subject         varchar(300)  NOT NULL,
    text_body       text          NOT NULL,
    html_body       text          NOT NULL,
    attachments     text          NULL,
    status          varchar(16)   NOT NULL,
    attempts        integer       NOT NULL,
    next_attempt_at timestamptz   NOT NULL,
    locked_by       varchar(100)  NULL,
    locked_until    timestamptz   NULL,
    last_error      varchar(1000) NULL,
    created_at      timestamptz   NOT NULL,
    sent_at         timestamptz   NULL
);

CREATE UNIQUE INDEX ux_outbox_idempotency_key ON outbox_messages (idempotency_key);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);

CREATE TABLE staff_keys (
    id         uuid         NOT NULL PRIMARY KEY,
    name       varchar(200) NOT NULL,
    role       varchar(32)  NOT NULL,
    key_hash   varchar(64)  NOT NULL,
    created_at timestamptz  NOT NULL
);

CREATE UNIQUE INDEX ux_staff_keys_hash ON staff_keys (key_hash);
