-- The sign-up benchmark's activities on PostgreSQL: :activities published activities of next year's
-- Week that take sign-ups, without a capacity (every sign-up confirms and reserves seats), ids
-- md5(n)::uuid so that pgbench can name them; and an edition for the year.
INSERT INTO editions (year, starts_on, ends_on, opening_on, registration_opens_at, kit_order_deadline, updated_at)
VALUES (:year, make_date(:year, 9, 24), make_date(:year, 9, 30), make_date(:year, 9, 23), now() - interval '30 days',
        make_date(:year, 9, 1)::timestamptz, now())
ON CONFLICT (year) DO NOTHING;

INSERT INTO activities (id, year, status, title, description, type, target_groups, starts_at, ends_at, expected_participants,
    capacity, sign_up_required, free, wheelchair_accessible, venue_name, street, house_number, postcode, city,
    municipality_code, contact_name, contact_email, manage_token_hash, created_at, updated_at, verified_at)
SELECT md5(g::text)::uuid, :year, 'published', 'Soep en gesprek ' || g, 'Samen soep eten en praten.', 'meal', 'elderly,everyone',
    make_date(:year, 9, 25) + time '14:00' AT TIME ZONE 'Europe/Amsterdam',
    make_date(:year, 9, 25) + time '16:00' AT TIME ZONE 'Europe/Amsterdam', 40,
    NULL, TRUE, TRUE, TRUE, 'Buurthuis De Linde', 'Lindelaan', '12a', '1234 AB', 'Lelystad',
    'GM0995', 'Bench', 'bench-' || g || '@example.nl', md5('token' || g), now(), now(), now()
FROM generate_series(1, :activities) AS g;
