-- Participant sign-ups, the waitlist, reminders, change notices and reported attendance.
-- Types as in 0001: instants timestamptz, ids uuid, booleans boolean.

-- seats_taken: the confirmed party sizes, reserved with a conditional UPDATE (SignUps/Seats.cs).
-- change_notice_due_at: a pending "time or place changed" e-mail, pushed back by every edit of a burst;
-- change_notices_sent numbers the bursts (the e-mails' idempotency keys and the calendar's SEQUENCE).
ALTER TABLE activities
    ADD COLUMN seats_taken             integer      NOT NULL DEFAULT 0,
    ADD COLUMN change_notice_due_at    timestamptz  NULL,
    ADD COLUMN change_notices_sent     integer      NOT NULL DEFAULT 0,
    ADD COLUMN attendance_requested_at timestamptz  NULL,
    ADD COLUMN attendance_token_hash   varchar(64)  NULL,
    ADD COLUMN attended                integer      NULL,
    ADD COLUMN attendance_reported_at  timestamptz  NULL;

CREATE INDEX ix_activities_starts ON activities (status, starts_at);
CREATE INDEX ix_activities_ends ON activities (status, ends_at);
CREATE INDEX ix_activities_change_notice ON activities (change_notice_due_at) WHERE change_notice_due_at IS NOT NULL;

-- sign_up_no: the order of arrival per activity (the waitlist is first come, first served).
-- email_key: the lower-cased address while the sign-up is active; NULL once cancelled or erased, so the
-- partial unique index allows one active sign-up per address per activity and a new one after a cancellation.
-- name, email and email_key are personal data: the retention job sets them to NULL (erased_at).
CREATE TABLE registrations (
    id           uuid         NOT NULL PRIMARY KEY,
    activity_id  uuid         NOT NULL CONSTRAINT fk_registrations_activity REFERENCES activities (id) ON DELETE CASCADE,
    sign_up_no   integer      NOT NULL,
    status       varchar(16)  NOT NULL,
    name         varchar(200) NULL,
    email        varchar(254) NULL,
    email_key    varchar(254) NULL,
    party_size   integer      NOT NULL,
    created_at   timestamptz  NOT NULL,
    confirmed_at timestamptz  NULL,
    cancelled_at timestamptz  NULL,
    reminded_at  timestamptz  NULL,
    erased_at    timestamptz  NULL
);

CREATE UNIQUE INDEX ux_registrations_arrival ON registrations (activity_id, sign_up_no);
CREATE UNIQUE INDEX ux_registrations_email ON registrations (activity_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX ix_registrations_status ON registrations (activity_id, status, sign_up_no);
CREATE INDEX ix_registrations_cancelled ON registrations (status, cancelled_at);

-- Every e-mail to a participant carries a cancel link with a fresh token; only the hashes are kept,
-- and each of them works until the sign-up's personal data is erased.
CREATE TABLE registration_tokens (
    token_hash      varchar(64) NOT NULL PRIMARY KEY,
    registration_id uuid        NOT NULL CONSTRAINT fk_registration_tokens_registration REFERENCES registrations (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL
);

CREATE INDEX ix_registration_tokens_registration ON registration_tokens (registration_id);
