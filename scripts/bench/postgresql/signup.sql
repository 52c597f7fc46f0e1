-- pgbench: the statements of one sign-up (SignUps/SignUpForActivity.cs, Seats.cs, Registration.cs,
-- Platform/Email/Outbox.cs) by direct SQL in one transaction: the yardstick of the sign-up figure. Its e-mail row is
-- stored as already sent (the same insert), so the service's dispatcher, running in the same database, leaves it alone.
\set n random(1, :activities)
\set size random(1, 3)
BEGIN;
SELECT id, status, capacity, seats_taken, starts_at, title, venue_name, city FROM activities WHERE id = md5(:n::text)::uuid FOR UPDATE;
UPDATE activities SET seats_taken = seats_taken + :size
WHERE id = md5(:n::text)::uuid AND (capacity IS NULL OR seats_taken + :size <= capacity);
INSERT INTO registrations (id, activity_id, sign_up_no, status, name, email, email_key, party_size, created_at, confirmed_at)
SELECT gen_random_uuid(), md5(:n::text)::uuid, COALESCE(MAX(r.sign_up_no), 0) + 1, 'confirmed', 'Deelnemer',
       'p' || :client_id || '-' || md5(random()::text) || '@bench.test', 'p' || :client_id || '-' || md5(random()::text) || '@bench.test',
       :size, now(), now()
FROM registrations r WHERE r.activity_id = md5(:n::text)::uuid
RETURNING id AS registration \gset
INSERT INTO registration_tokens (token_hash, registration_id, created_at) VALUES (md5(random()::text), ':registration'::uuid, now());
INSERT INTO outbox_messages (id, idempotency_key, to_address, to_name, subject, text_body, html_body, attachments,
    status, attempts, next_attempt_at, created_at)
SELECT gen_random_uuid(), 'signup-confirmed:' || ':registration', 'p@bench.test', 'Deelnemer', 'Je bent aangemeld',
       repeat('Tekst van de bevestiging. ', 60), repeat('<p>HTML van de bevestiging.</p>', 60),
       '[{"FileName":"activiteit.ics","ContentType":"text/calendar","Content":"' || repeat('QkVHSU46VkNBTEVOREFS', 32) || '"}]',
       'sent', 0, now(), now()
WHERE NOT EXISTS (SELECT 1 FROM outbox_messages WHERE idempotency_key = 'signup-confirmed:' || ':registration');
COMMIT;
