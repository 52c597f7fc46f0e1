-- The edition report (Features/Reports/GetEditionReport.cs): each figure is one aggregate over one
-- year's rows. These indexes hold every column those queries read, so SQLite answers each from the
-- index alone instead of reading up to 100,000 wide activity rows a figure.

-- Activities by status, per municipality (folded into provinces), per type, per target group, the
-- participant figures and the expected participants of activities with a kit: all filter on
-- (year, status). municipality_code comes third so the per-municipality GROUP BY reads in order and
-- needs no sort; id is last for the kit-order check. seats_taken changes with every sign-up, which
-- then rewrites this index entry too: cheaper than a table read per activity in every report.
CREATE INDEX ix_activities_report ON activities (year, status, municipality_code, type, target_groups, expected_participants, seats_taken, attended, verified_at, id);

-- Kit orders per status, and the orders that left the warehouse, whose lines are the items shipped.
-- (Whether an activity has a live order is answered by ux_kit_orders_live_per_activity from 0003.)
CREATE INDEX ix_kit_orders_report ON kit_orders (year, status, id);

-- The lines of those orders, quantity included, so the items shipped need no read of the line rows.
CREATE INDEX ix_kit_order_lines_report ON kit_order_lines (order_id, sku, quantity);
