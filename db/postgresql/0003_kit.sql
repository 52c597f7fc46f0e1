-- Kom-Erbij pakket: catalogue and stock, orders and their history, pick batches, carrier events.
-- Same conventions as 0001: instants timestamptz, dates date, ids uuid, booleans boolean.

CREATE TABLE kit_items (
    sku           varchar(40)   NOT NULL PRIMARY KEY,
    name          varchar(120)  NOT NULL,
    description   varchar(1000) NOT NULL,
    max_per_order integer       NOT NULL,
    active        boolean       NOT NULL,
    on_hand       integer       NOT NULL,
    reserved      integer       NOT NULL,
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    -- The last line of defence against overselling: no statement may leave more reserved than on hand.
    CONSTRAINT ck_kit_items_stock CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE kit_stock_receipts (
    id          uuid         NOT NULL PRIMARY KEY,
    sku         varchar(40)  NOT NULL REFERENCES kit_items (sku),
    quantity    integer      NOT NULL,
    note        varchar(500) NULL,
    booked_by   varchar(200) NOT NULL,
    received_at timestamptz  NOT NULL
);

CREATE INDEX ix_kit_stock_receipts_sku ON kit_stock_receipts (sku, received_at);

-- One row per year: the last number handed out in KE-<year>-<number>.
CREATE TABLE kit_order_counters (
    year        integer NOT NULL PRIMARY KEY,
    last_number integer NOT NULL
);

CREATE TABLE pick_batches (
    id          uuid         NOT NULL PRIMARY KEY,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(200) NOT NULL,
    order_count integer      NOT NULL
);

CREATE TABLE kit_orders (
    id                   uuid         NOT NULL PRIMARY KEY,
    reference            varchar(16)  NOT NULL,
    activity_id          uuid         NOT NULL REFERENCES activities (id),
    year                 integer      NOT NULL,
    status               varchar(32)  NOT NULL,
    recipient            varchar(200) NOT NULL,
    street               varchar(200) NOT NULL,
    house_number         varchar(20)  NOT NULL,
    postcode             varchar(7)   NOT NULL,
    city                 varchar(100) NOT NULL,
    phone                varchar(32)  NULL,
    wished_delivery_date date         NULL,
    pick_batch_id        uuid         NULL REFERENCES pick_batches (id),
    carrier              varchar(40)  NULL,
    tracking_number      varchar(40)  NULL,
    carrier_event_at     timestamptz  NULL,
    received_at          timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL
);

CREATE INDEX ix_kit_orders_listing ON kit_orders (year, received_at, id);
CREATE UNIQUE INDEX ux_kit_orders_reference ON kit_orders (reference);
-- An activity has at most one order that is not cancelled, even under concurrent requests.
CREATE UNIQUE INDEX ux_kit_orders_live_per_activity ON kit_orders (activity_id) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX ux_kit_orders_tracking_number ON kit_orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX ix_kit_orders_queue ON kit_orders (status, received_at, reference);
CREATE INDEX ix_kit_orders_activity ON kit_orders (activity_id, received_at);
CREATE INDEX ix_kit_orders_pick_batch ON kit_orders (pick_batch_id);

CREATE TABLE kit_order_lines (
    order_id uuid        NOT NULL REFERENCES kit_orders (id),
    sku      varchar(40) NOT NULL REFERENCES kit_items (sku),
    quantity integer     NOT NULL,
    PRIMARY KEY (order_id, sku)
);

CREATE INDEX ix_kit_order_lines_sku ON kit_order_lines (sku);

-- Every state an order went through; the id keeps entries of the same instant in order.
CREATE TABLE kit_order_history (
    id         bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   uuid         NOT NULL REFERENCES kit_orders (id),
    status     varchar(32)  NOT NULL,
    changed_at timestamptz  NOT NULL,
    note       varchar(500) NULL
);

CREATE INDEX ix_kit_order_history_order ON kit_order_history (order_id, id);

CREATE TABLE carrier_events (
    event_id        varchar(100) NOT NULL PRIMARY KEY,
    tracking_number varchar(40)  NOT NULL,
    status          varchar(32)  NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    received_at     timestamptz  NOT NULL,
    order_id        uuid         NULL REFERENCES kit_orders (id),
    outcome         varchar(32)  NOT NULL
);

-- The kit as the programme sent it in earlier years. Stock starts at 0: the warehouse books what it
-- actually has as a receipt, so every unit on hand can be traced to a booking.
INSERT INTO kit_items (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at) VALUES
    ('KEP-PLACEMAT', 'Placemats', 'Papieren placemats in de huisstijl van de Week tegen Eenzaamheid, met vragen die een gesprek op gang brengen. Pak van 50.', 4, TRUE, 0, 0, now(), now()),
    ('KEP-POSTER-A3', 'Poster A3', 'Poster om je activiteit aan te kondigen, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 10, TRUE, 0, 0, now(), now()),
    ('KEP-POSTER-A2', 'Poster A2', 'Grote poster voor een raam of prikbord, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 4, TRUE, 0, 0, now(), now()),
    ('KEP-UITNODIGING', 'Uitnodigingskaarten', 'Kaarten om buren, bekenden en nieuwe gezichten persoonlijk uit te nodigen. Pak van 25.', 8, TRUE, 0, 0, now(), now()),
    ('KEP-ANSICHTKAART', 'Ansichtkaarten', 'Ansichtkaarten met een hartelijke boodschap, om iemand na afloop een kaartje te sturen. Pak van 25.', 8, TRUE, 0, 0, now(), now()),
    ('KEP-GESPREKSKAARTJES', 'Gesprekskaartjes', 'Kaartjes met vragen voor op tafel, om makkelijk met elkaar in gesprek te komen. Set van 50.', 10, TRUE, 0, 0, now(), now()),
    ('KEP-BUTTONS', 'Buttons', 'Buttons met "Kom erbij!" voor vrijwilligers, gastvrouwen en gastheren. Zakje van 25.', 4, TRUE, 0, 0, now(), now()),
    ('KEP-VLOERSTICKER', 'Vloersticker', 'Ronde vloersticker (60 cm) die bezoekers de weg wijst naar je activiteit.', 2, TRUE, 0, 0, now(), now());
