-- Who changed what on the staff pages and the staff API, where the thing changed keeps no history of its own (issue
-- 12: every change is recorded with who did it): a member added, a role changed, a member revoked, an edition saved,
-- a failed e-mail tried again, a catalogue item saved. Kit orders, activities (0011), receipts, pick batches and
-- joined municipalities keep their own. Ids only, no personal data: staff_id is the key's or session's member (null
-- for a job), subject the id, year or article number acted on.
CREATE TABLE staff_actions (
    id        uuid NOT NULL PRIMARY KEY,
    done_at   timestamptz NOT NULL,
    staff_id  uuid NULL REFERENCES staff_keys (id),
    action    varchar(100) NOT NULL,
    subject   varchar(100) NOT NULL
);
CREATE INDEX ix_staff_actions_subject ON staff_actions (subject, done_at);
