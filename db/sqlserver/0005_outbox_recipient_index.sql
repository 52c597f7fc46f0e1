-- The per-recipient limit on verification e-mails (Platform/Email/RecipientLimit.cs) counts one
-- address's recent outbox rows. The database's case-insensitive collation compares addresses
-- case-blind, so the plain column serves.
CREATE INDEX ix_outbox_recipient ON outbox_messages (to_address, created_at);
