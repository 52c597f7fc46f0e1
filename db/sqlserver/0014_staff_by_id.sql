-- Who of the staff did it, by id (staff_keys.id, the key's or the session's member), as activity_history (0011) has it:
-- the name is joined from staff_keys when read, so erasing a revoked member (staff_keys.name '(gewist)') erases it
-- everywhere. Null: no staff member did it (a job, the carrier, the initiator) or the row is older than this script.
-- Rows written from now on keep no name as text: kit_order_history.note holds what happened without the name, and the
-- NOT NULL text columns pick_batches.created_by and kit_stock_receipts.booked_by hold 'staff' beside a staff_id (or the
-- job's name, 'pick-batches job'). Older rows keep the name they were written with; erasing that member replaces it
-- (Features/Privacy/Erasure.cs), so no script guesses here which member a name meant.
ALTER TABLE kit_order_history ADD staff_id UNIQUEIDENTIFIER NULL REFERENCES staff_keys (id);
ALTER TABLE pick_batches ADD staff_id UNIQUEIDENTIFIER NULL REFERENCES staff_keys (id);
ALTER TABLE kit_stock_receipts ADD staff_id UNIQUEIDENTIFIER NULL REFERENCES staff_keys (id);
