-- The per-recipient limit on verification e-mails (Platform/Email/RecipientLimit.cs) counts one
-- address's recent outbox rows. Addresses are compared case-blind; SQLite uses an index on an
-- expression only when the query repeats that expression, hence lower(to_address).
CREATE INDEX ix_outbox_recipient ON outbox_messages (lower(to_address), created_at);
