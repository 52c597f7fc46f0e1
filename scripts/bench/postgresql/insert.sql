-- pgbench: one single-row insert in its own transaction (the old yardstick, printed beside the fair one).
INSERT INTO staff_keys (id, name, role, key_hash, created_at) VALUES (gen_random_uuid(), 'bench', 'admin', md5(random()::text), now());
