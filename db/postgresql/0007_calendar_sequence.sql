-- calendar_sequence: the version of the activity's calendar entry (RFC 5545 SEQUENCE), raised by every burst
-- of changes of time or place (Features/Activities/ChangeActivity.cs) and by the cancellation or rejection.
-- The public calendar.ics and every e-mailed .ics write it, so all copies of one version carry the same
-- number and a later one replaces the earlier.
ALTER TABLE activities ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0;

-- Activities changed before this column existed: their change notices carried change_notices_sent as the
-- SEQUENCE, so start from there: one higher for a burst whose notice is still pending, and one higher again
-- for those already cancelled or rejected.
UPDATE activities SET calendar_sequence = change_notices_sent
    + CASE WHEN change_notice_due_at IS NOT NULL THEN 1 ELSE 0 END
    + CASE WHEN status IN ('cancelled', 'rejected') THEN 1 ELSE 0 END;
