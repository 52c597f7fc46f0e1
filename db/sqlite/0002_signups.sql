-- Participant sign-ups, the waitlist, reminders, change notices and reported attendance.
-- Types as in 0001: instants UTC text, ids lower-case GUID text, booleans 0/1.

-- seats_taken: the confirmed party sizes, reserved with a conditional UPDATE (SignUps/Seats.cs).
-- change_notice_due_at: a pending "time or place changed" e-mail, pushed back by every edit of a burst;
-- change_notices_sent numbers the bursts (the e-mails' idempotency keys and the calendar's SEQUENCE).
ALTER TABLE activities ADD COLUMN seats_taken INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN change_notice_due_at TEXT NULL;
ALTER TABLE activities ADD COLUMN change_notices_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN attendance_requested_at TEXT NULL;
ALTER TABLE activities ADD COLUMN attendance_token_hash TEXT NULL;
ALTER TABLE activities ADD COLUMN attended INTEGER NULL;
ALTER TABLE activities ADD COLUMN attendance_reported_at TEXT NULL;

CREATE INDEX ix_activities_starts ON activities (status, starts_at);
CREATE INDEX ix_activities_ends ON activities (status, ends_at);
CREATE INDEX ix_activities_change_notice ON activities (change_notice_due_at) WHERE change_notice_due_at IS NOT NULL;

-- sign_up_no: the order of arrival per activity (the waitlist is first come, first served).
-- email_key: the lower-cased address while the sign-up is active; NULL once cancelled or erased, so the
-- unique index allows one active sign-up per address per activity and a new one after a cancellation.
-- name, email and email_key are personal data: the retention job sets them to NULL (erased_at).
CREATE TABLE registrations (
    id           TEXT    NOT NULL PRIMARY KEY,
    activity_id  TEXT    NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    sign_up_no   INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    name         TEXT    NULL,
    email        TEXT    NULL,
    email_key    TEXT    NULL,
    party_size   INTEGER NOT NULL,
    created_at   TEXT    NOT NULL,
    confirmed_at TEXT    NULL,
    cancelled_at TEXT    NULL,
    reminded_at  TEXT    NULL,
    erased_at    TEXT    NULL
);

CREATE UNIQUE INDEX ux_registrations_arrival ON registrations (activity_id, sign_up_no);
CREATE UNIQUE INDEX ux_registrations_email ON registrations (activity_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX ix_registrations_status ON registrations (activity_id, status, sign_up_no);
CREATE INDEX ix_registrations_cancelled ON registrations (status, cancelled_at);

-- Every e-mail to a participant carries a cancel link with a fresh token; only the hashes are kept,
-- and each of them works until the sign-up's personal data is erased.
CREATE TABLE registration_tokens (
    token_hash      TEXT NOT NULL PRIMARY KEY,
    registration_id TEXT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
);

CREATE INDEX ix_registration_tokens_registration ON registration_tokens (registration_id);
