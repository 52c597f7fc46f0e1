-- The edition report (Features/Reports/GetEditionReport.cs): each figure is one aggregate over one
-- year's rows. PostgreSQL has no clustered tables: these covering indexes (INCLUDE) let it answer each
-- figure by an index-only scan instead of reading up to 100,000 wide activity rows a figure, as far as
-- the visibility map allows (autovacuum keeps it current).

-- Activities by status, per municipality (folded into provinces), per type, per target group, the
-- participant figures and the expected participants of activities with a kit: all filter on
-- (year, status); municipality_code is a key column so the per-municipality GROUP BY reads in order.
-- id is included for the kit-order check. seats_taken changes with every sign-up, which makes that
-- update a non-HOT one: cheaper than reading every wide row of the year in every report.
CREATE INDEX ix_activities_report ON activities (year, status, municipality_code)
    INCLUDE (type, target_groups, expected_participants, seats_taken, attended, verified_at, id);

-- Kit orders per status, and the orders that left the warehouse, whose lines are the items shipped.
-- activity_id serves the "has a live order" check when the planner prefers a hash join to
-- ux_kit_orders_live_per_activity from 0003.
CREATE INDEX ix_kit_orders_report ON kit_orders (year, status) INCLUDE (id, activity_id);

-- The lines of those orders, quantity included, so the items shipped need no read of the line rows.
CREATE INDEX ix_kit_order_lines_report ON kit_order_lines (order_id, sku) INCLUDE (quantity);
