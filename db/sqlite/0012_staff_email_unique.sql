-- One active staff member per sign-in address: the sign-in link of an address goes to exactly one member. Adding a
-- member checks first; this index decides when two additions of one address race. A revoked member's address may
-- come back on a new member.
CREATE UNIQUE INDEX ux_staff_keys_email_active ON staff_keys (email_key) WHERE revoked_at IS NULL AND email_key IS NOT NULL;
