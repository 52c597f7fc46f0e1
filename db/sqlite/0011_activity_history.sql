-- What happened to an activity and who did it (issue 12: "recorded with who did it", as kit orders have a history).
-- Types as in 0001: instants UTC text, ids lower-case GUID text. staff_id is the staff member (staff_keys.id) whose
-- key or session did it; null for what the service or the initiator did. note holds a reason (a rejection's), never
-- personal data. Only rejected, cancelled or published activities get rows, and the retention job deletes only
-- unverified ones, so no row keeps an activity from being deleted.
CREATE TABLE activity_history (
    id          INTEGER PRIMARY KEY,
    activity_id TEXT    NOT NULL REFERENCES activities (id),
    at          TEXT    NOT NULL,
    event       TEXT    NOT NULL,
    staff_id    TEXT    NULL REFERENCES staff_keys (id),
    note        TEXT    NULL
);

CREATE INDEX ix_activity_history_activity ON activity_history (activity_id, id);
