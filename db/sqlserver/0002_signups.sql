-- Participant sign-ups, the waitlist, reminders, change notices and reported attendance.
-- Types as in 0001: instants DATETIMEOFFSET in UTC, ids UNIQUEIDENTIFIER, booleans BIT.

-- seats_taken: the confirmed party sizes, reserved with a conditional UPDATE (SignUps/Seats.cs).
-- change_notice_due_at: a pending "time or place changed" e-mail, pushed back by every edit of a burst;
-- change_notices_sent numbers the bursts (the e-mails' idempotency keys and the calendar's SEQUENCE).
ALTER TABLE activities ADD
    seats_taken             INT               NOT NULL CONSTRAINT df_activities_seats_taken DEFAULT 0,
    change_notice_due_at    DATETIMEOFFSET(7) NULL,
    change_notices_sent     INT               NOT NULL CONSTRAINT df_activities_change_notices_sent DEFAULT 0,
    attendance_requested_at DATETIMEOFFSET(7) NULL,
    attendance_token_hash   NVARCHAR(64)      NULL,
    attended                INT               NULL,
    attendance_reported_at  DATETIMEOFFSET(7) NULL;
GO

CREATE INDEX ix_activities_starts ON activities (status, starts_at);
CREATE INDEX ix_activities_ends ON activities (status, ends_at);
CREATE INDEX ix_activities_change_notice ON activities (change_notice_due_at) WHERE change_notice_due_at IS NOT NULL;

-- sign_up_no: the order of arrival per activity (the waitlist is first come, first served).
-- email_key: the lower-cased address while the sign-up is active; NULL once cancelled or erased, so the
-- filtered unique index allows one active sign-up per address per activity and a new one after a cancellation.
-- name, email and email_key are personal data: the retention job sets them to NULL (erased_at).
CREATE TABLE registrations (
    id           UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    activity_id  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT fk_registrations_activity REFERENCES activities (id) ON DELETE CASCADE,
    sign_up_no   INT               NOT NULL,
    status       NVARCHAR(16)      NOT NULL,
    name         NVARCHAR(200)     NULL,
    email        NVARCHAR(254)     NULL,
    email_key    NVARCHAR(254)     NULL,
    party_size   INT               NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    confirmed_at DATETIMEOFFSET(7) NULL,
    cancelled_at DATETIMEOFFSET(7) NULL,
    reminded_at  DATETIMEOFFSET(7) NULL,
    erased_at    DATETIMEOFFSET(7) NULL
);

CREATE UNIQUE CLUSTERED INDEX ux_registrations_arrival ON registrations (activity_id, sign_up_no);
CREATE UNIQUE INDEX ux_registrations_email ON registrations (activity_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX ix_registrations_status ON registrations (activity_id, status, sign_up_no);
CREATE INDEX ix_registrations_cancelled ON registrations (status, cancelled_at);

-- Every e-mail to a participant carries a cancel link with a fresh token; only the hashes are kept,
-- and each of them works until the sign-up's personal data is erased.
CREATE TABLE registration_tokens (
    token_hash      NVARCHAR(64)      NOT NULL PRIMARY KEY,
    registration_id UNIQUEIDENTIFIER  NOT NULL CONSTRAINT fk_registration_tokens_registration REFERENCES registrations (id) ON DELETE CASCADE,
    created_at      DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_registration_tokens_registration ON registration_tokens (registration_id);
