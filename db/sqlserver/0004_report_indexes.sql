-- The edition report (Features/Reports/GetEditionReport.cs): each figure is one aggregate over one
-- year's rows. The clustered indexes already start with year, but their leaf rows are the whole wide
-- rows; these narrow indexes hold only what the report reads.

-- Activities by status, per municipality (folded into provinces), per type, per target group, the
-- participant figures and the expected participants of activities with a kit: all filter on
-- (year, status); municipality_code is a key column so the per-municipality GROUP BY reads in order.
-- Every nonclustered row carries the clustered key (year, status, starts_at, id), so id is there for
-- the kit-order check. seats_taken changes with every sign-up, which then updates this index too:
-- cheaper than reading every wide row of the year in every report.
CREATE INDEX ix_activities_report ON activities (year, status, municipality_code)
    INCLUDE (type, target_groups, expected_participants, seats_taken, attended, verified_at);

-- Kit orders per status, and the orders that left the warehouse, whose lines are the items shipped
-- (id comes with the clustered key). activity_id serves the "has a live order" check when the
-- optimizer prefers a hash join to ux_kit_orders_live_per_activity from 0003.
CREATE INDEX ix_kit_orders_report ON kit_orders (year, status) INCLUDE (activity_id);

-- The lines need nothing new: their primary key (order_id, sku) is clustered, so the quantity is in it.
