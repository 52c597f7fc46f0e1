-- The per-recipient limit on verification e-mails (Platform/Email/RecipientLimit.cs) counts one
-- address's recent outbox rows. Text compares case-sensitively here (as on SQLite), so addresses are
-- compared as lower(to_address) = lower(@Address), and an expression index serves only a query that
-- repeats the expression, hence lower(to_address).
CREATE INDEX ix_outbox_recipient ON outbox_messages (lower(to_address), created_at);
