-- What happened to an activity and who did it (issue 12: "recorded with who did it", as kit orders have a history).
-- Types as in 0001: instants timestamptz, ids uuid. staff_id is the staff member (staff_keys.id) whose key or session
-- did it; null for what the service or the initiator did. note holds a reason (a rejection's), never personal data.
-- Only rejected, cancelled or published activities get rows, and the retention job deletes only unverified ones, so
-- no row keeps an activity from being deleted.
CREATE TABLE activity_history (
    id          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id uuid          NOT NULL REFERENCES activities (id),
    at          timestamptz   NOT NULL,
    event       varchar(32)   NOT NULL,
    staff_id    uuid          NULL REFERENCES staff_keys (id),
    note        varchar(1000) NULL
);

CREATE INDEX ix_activity_history_activity ON activity_history (activity_id, id);
