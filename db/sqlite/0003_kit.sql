-- Kom-Erbij pakket: catalogue and stock, orders and their history, pick batches, carrier events.
-- Same conventions as 0001: instants UTC text, dates 'yyyy-MM-dd', ids GUID text, booleans 0/1.

CREATE TABLE kit_items (
    sku           TEXT    NOT NULL PRIMARY KEY,
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    max_per_order INTEGER NOT NULL,
    active        INTEGER NOT NULL,
    on_hand       INTEGER NOT NULL,
    reserved      INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    -- The last line of defence against overselling: no statement may leave more reserved than on hand.
    CONSTRAINT ck_kit_items_stock CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE kit_stock_receipts (
    id          TEXT    NOT NULL PRIMARY KEY,
    sku         TEXT    NOT NULL REFERENCES kit_items (sku),
    quantity    INTEGER NOT NULL,
    note        TEXT    NULL,
    booked_by   TEXT    NOT NULL,
    received_at TEXT    NOT NULL
);

CREATE INDEX ix_kit_stock_receipts_sku ON kit_stock_receipts (sku, received_at);

-- One row per year: the last number handed out in KE-<year>-<number>.
CREATE TABLE kit_order_counters (
    year        INTEGER NOT NULL PRIMARY KEY,
    last_number INTEGER NOT NULL
);

CREATE TABLE pick_batches (
    id          TEXT    NOT NULL PRIMARY KEY,
    created_at  TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    order_count INTEGER NOT NULL
);

CREATE TABLE kit_orders (
    id                   TEXT    NOT NULL PRIMARY KEY,
    reference            TEXT    NOT NULL,
    activity_id          TEXT    NOT NULL REFERENCES activities (id),
    year                 INTEGER NOT NULL,
    status               TEXT    NOT NULL,
    recipient            TEXT    NOT NULL,
    street               TEXT    NOT NULL,
    house_number         TEXT    NOT NULL,
    postcode             TEXT    NOT NULL,
    city                 TEXT    NOT NULL,
    phone                TEXT    NULL,
    wished_delivery_date TEXT    NULL,
    pick_batch_id        TEXT    NULL REFERENCES pick_batches (id),
    carrier              TEXT    NULL,
    tracking_number      TEXT    NULL,
    carrier_event_at     TEXT    NULL,
    received_at          TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);

CREATE UNIQUE INDEX ux_kit_orders_reference ON kit_orders (reference);
-- An activity has at most one order that is not cancelled, even under concurrent requests.
CREATE UNIQUE INDEX ux_kit_orders_live_per_activity ON kit_orders (activity_id) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX ux_kit_orders_tracking_number ON kit_orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX ix_kit_orders_queue ON kit_orders (status, received_at, reference);
CREATE INDEX ix_kit_orders_activity ON kit_orders (activity_id, received_at);
CREATE INDEX ix_kit_orders_listing ON kit_orders (year, received_at, id);
CREATE INDEX ix_kit_orders_pick_batch ON kit_orders (pick_batch_id);

CREATE TABLE kit_order_lines (
    order_id TEXT    NOT NULL REFERENCES kit_orders (id),
    sku      TEXT    NOT NULL REFERENCES kit_items (sku),
    quantity INTEGER NOT NULL,
    PRIMARY KEY (order_id, sku)
);

CREATE INDEX ix_kit_order_lines_sku ON kit_order_lines (sku);

-- Every state an order went through; the id keeps entries of the same instant in order.
CREATE TABLE kit_order_history (
    id         INTEGER PRIMARY KEY,
    order_id   TEXT    NOT NULL REFERENCES kit_orders (id),
    status     TEXT    NOT NULL,
    changed_at TEXT    NOT NULL,
    note       TEXT    NULL
);

CREATE INDEX ix_kit_order_history_order ON kit_order_history (order_id, id);

CREATE TABLE carrier_events (
    event_id        TEXT NOT NULL PRIMARY KEY,
    tracking_number TEXT NOT NULL,
    status          TEXT NOT NULL,
    occurred_at     TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    order_id        TEXT NULL REFERENCES kit_orders (id),
    outcome         TEXT NOT NULL
);

-- The kit as the programme sent it in earlier years. Stock starts at 0: the warehouse books what it
-- actually has as a receipt, so every unit on hand can be traced to a booking.
INSERT INTO kit_items (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at) VALUES
    ('KEP-PLACEMAT', 'Placemats', 'Papieren placemats in de huisstijl van de Week tegen Eenzaamheid, met vragen die een gesprek op gang brengen. Pak van 50.', 4, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-POSTER-A3', 'Poster A3', 'Poster om je activiteit aan te kondigen, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 10, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-POSTER-A2', 'Poster A2', 'Grote poster voor een raam of prikbord, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 4, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-UITNODIGING', 'Uitnodigingskaarten', 'Kaarten om buren, bekenden en nieuwe gezichten persoonlijk uit te nodigen. Pak van 25.', 8, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-ANSICHTKAART', 'Ansichtkaarten', 'Ansichtkaarten met een hartelijke boodschap, om iemand na afloop een kaartje te sturen. Pak van 25.', 8, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-GESPREKSKAARTJES', 'Gesprekskaartjes', 'Kaartjes met vragen voor op tafel, om makkelijk met elkaar in gesprek te komen. Set van 50.', 10, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-BUTTONS', 'Buttons', 'Buttons met "Kom erbij!" voor vrijwilligers, gastvrouwen en gastheren. Zakje van 25.', 4, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now')),
    ('KEP-VLOERSTICKER', 'Vloersticker', 'Ronde vloersticker (60 cm) die bezoekers de weg wijst naar je activiteit.', 2, 1, 0, 0, strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.0000000Z', 'now'));
