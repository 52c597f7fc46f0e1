-- Kom-Erbij pakket: catalogue and stock, orders and their history, pick batches, carrier events.
-- Same conventions as 0001: instants DATETIMEOFFSET in UTC, dates DATE, ids UNIQUEIDENTIFIER, booleans BIT.

CREATE TABLE kit_items (
    sku           NVARCHAR(40)      NOT NULL PRIMARY KEY,
    name          NVARCHAR(120)     NOT NULL,
    description   NVARCHAR(1000)    NOT NULL,
    max_per_order INT               NOT NULL,
    active        BIT               NOT NULL,
    on_hand       INT               NOT NULL,
    reserved      INT               NOT NULL,
    created_at    DATETIMEOFFSET(7) NOT NULL,
    updated_at    DATETIMEOFFSET(7) NOT NULL,
    -- The last line of defence against overselling: no statement may leave more reserved than on hand.
    CONSTRAINT ck_kit_items_stock CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
);

CREATE TABLE kit_stock_receipts (
    id          UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    sku         NVARCHAR(40)      NOT NULL REFERENCES kit_items (sku),
    quantity    INT               NOT NULL,
    note        NVARCHAR(500)     NULL,
    booked_by   NVARCHAR(200)     NOT NULL,
    received_at DATETIMEOFFSET(7) NOT NULL
);

CREATE INDEX ix_kit_stock_receipts_sku ON kit_stock_receipts (sku, received_at);

-- One row per year: the last number handed out in KE-<year>-<number>.
CREATE TABLE kit_order_counters (
    year        INT NOT NULL PRIMARY KEY,
    last_number INT NOT NULL
);

CREATE TABLE pick_batches (
    id          UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    created_at  DATETIMEOFFSET(7) NOT NULL,
    created_by  NVARCHAR(200)     NOT NULL,
    order_count INT               NOT NULL
);

CREATE TABLE kit_orders (
    id                   UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY NONCLUSTERED,
    reference            NVARCHAR(16)      NOT NULL,
    activity_id          UNIQUEIDENTIFIER  NOT NULL REFERENCES activities (id),
    year                 INT               NOT NULL,
    status               NVARCHAR(32)      NOT NULL,
    recipient            NVARCHAR(200)     NOT NULL,
    street               NVARCHAR(200)     NOT NULL,
    house_number         NVARCHAR(20)      NOT NULL,
    postcode             NVARCHAR(7)       NOT NULL,
    city                 NVARCHAR(100)     NOT NULL,
    phone                NVARCHAR(32)      NULL,
    wished_delivery_date DATE              NULL,
    pick_batch_id        UNIQUEIDENTIFIER  NULL REFERENCES pick_batches (id),
    carrier              NVARCHAR(40)      NULL,
    tracking_number      NVARCHAR(40)      NULL,
    carrier_event_at     DATETIMEOFFSET(7) NULL,
    received_at          DATETIMEOFFSET(7) NOT NULL,
    updated_at           DATETIMEOFFSET(7) NOT NULL
);

CREATE CLUSTERED INDEX cx_kit_orders_listing ON kit_orders (year, received_at, id);
CREATE UNIQUE INDEX ux_kit_orders_reference ON kit_orders (reference);
-- An activity has at most one order that is not cancelled, even under concurrent requests.
CREATE UNIQUE INDEX ux_kit_orders_live_per_activity ON kit_orders (activity_id) WHERE status <> N'cancelled';
CREATE UNIQUE INDEX ux_kit_orders_tracking_number ON kit_orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX ix_kit_orders_queue ON kit_orders (status, received_at, reference);
CREATE INDEX ix_kit_orders_activity ON kit_orders (activity_id, received_at);
CREATE INDEX ix_kit_orders_pick_batch ON kit_orders (pick_batch_id);

CREATE TABLE kit_order_lines (
    order_id UNIQUEIDENTIFIER NOT NULL REFERENCES kit_orders (id),
    sku      NVARCHAR(40)     NOT NULL REFERENCES kit_items (sku),
    quantity INT              NOT NULL,
    PRIMARY KEY (order_id, sku)
);

CREATE INDEX ix_kit_order_lines_sku ON kit_order_lines (sku);

-- Every state an order went through; the id keeps entries of the same instant in order.
CREATE TABLE kit_order_history (
    id         BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    order_id   UNIQUEIDENTIFIER      NOT NULL REFERENCES kit_orders (id),
    status     NVARCHAR(32)          NOT NULL,
    changed_at DATETIMEOFFSET(7)     NOT NULL,
    note       NVARCHAR(500)         NULL
);

CREATE INDEX ix_kit_order_history_order ON kit_order_history (order_id, id);

CREATE TABLE carrier_events (
    event_id        NVARCHAR(100)     NOT NULL PRIMARY KEY,
    tracking_number NVARCHAR(40)      NOT NULL,
    status          NVARCHAR(32)      NOT NULL,
    occurred_at     DATETIMEOFFSET(7) NOT NULL,
    received_at     DATETIMEOFFSET(7) NOT NULL,
    order_id        UNIQUEIDENTIFIER  NULL REFERENCES kit_orders (id),
    outcome         NVARCHAR(32)      NOT NULL
);

-- The kit as the programme sent it in earlier years. Stock starts at 0: the warehouse books what it
-- actually has as a receipt, so every unit on hand can be traced to a booking.
INSERT INTO kit_items (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at) VALUES
    (N'KEP-PLACEMAT', N'Placemats', N'Papieren placemats in de huisstijl van de Week tegen Eenzaamheid, met vragen die een gesprek op gang brengen. Pak van 50.', 4, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-POSTER-A3', N'Poster A3', N'Poster om je activiteit aan te kondigen, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 10, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-POSTER-A2', N'Poster A2', N'Grote poster voor een raam of prikbord, met ruimte om zelf de datum, de tijd en de plek in te vullen.', 4, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-UITNODIGING', N'Uitnodigingskaarten', N'Kaarten om buren, bekenden en nieuwe gezichten persoonlijk uit te nodigen. Pak van 25.', 8, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-ANSICHTKAART', N'Ansichtkaarten', N'Ansichtkaarten met een hartelijke boodschap, om iemand na afloop een kaartje te sturen. Pak van 25.', 8, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-GESPREKSKAARTJES', N'Gesprekskaartjes', N'Kaartjes met vragen voor op tafel, om makkelijk met elkaar in gesprek te komen. Set van 50.', 10, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-BUTTONS', N'Buttons', N'Buttons met "Kom erbij!" voor vrijwilligers, gastvrouwen en gastheren. Zakje van 25.', 4, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME()),
    (N'KEP-VLOERSTICKER', N'Vloersticker', N'Ronde vloersticker (60 cm) die bezoekers de weg wijst naar je activiteit.', 2, 1, 0, 0, SYSUTCDATETIME(), SYSUTCDATETIME());
