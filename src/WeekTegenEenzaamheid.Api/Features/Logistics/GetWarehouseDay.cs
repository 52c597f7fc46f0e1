using MediatR;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The warehouse's day at a glance: how many orders are in each state (every state of <see cref="KitOrderStatus.All"/>, zero
/// included, in that order) and, per article that backordered orders wait for, how many orders wait and how many units they
/// need against what is available (on hand minus reserved), sorted by article number.
/// </summary>
public static class GetWarehouseDay
{
    public sealed record Query : IQuery<Day>;

    public sealed record Day(IReadOnlyList<StateCount> States, IReadOnlyList<Waiting> WaitingForStock);

    public sealed record StateCount(string Status, int Orders);

    public sealed record Waiting(string Sku, string Name, int Orders, int Quantity, int Available);

    private const string CountByStatus = """
        SELECT status AS Status, COUNT(1) AS Orders FROM kit_orders GROUP BY status
        """;

    private const string SelectWaiting = """
        SELECT l.sku AS Sku, i.name AS Name, COUNT(1) AS Orders, SUM(l.quantity) AS Quantity, i.on_hand - i.reserved AS Available
        FROM kit_order_lines l
        JOIN kit_orders o ON o.id = l.order_id
        JOIN kit_items i ON i.sku = l.sku
        WHERE o.status = 'backordered'
        GROUP BY l.sku, i.name, i.on_hand, i.reserved
        ORDER BY l.sku
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Day>
    {
        public async Task<Day> Handle(Query request, CancellationToken cancellationToken)
        {
            var counts = (await session.QueryAsync<CountRow>(CountByStatus, null, cancellationToken))
                .ToDictionary(count => count.Status, count => count.Orders, StringComparer.Ordinal);
            var states = KitOrderStatus.All.Select(status => new StateCount(status, counts.GetValueOrDefault(status))).ToArray();
            var waiting = await session.QueryAsync<WaitingRow>(SelectWaiting, null, cancellationToken);
            return new Day(
                states, waiting.Select(row => new Waiting(row.Sku, row.Name, row.Orders, row.Quantity, row.Available)).ToArray());
        }
    }

    // Rows with properties, not positional records: COUNT and SUM are a long on SQLite and PostgreSQL, an int on SQL Server.
    private sealed record CountRow
    {
        public required string Status { get; init; }

        public int Orders { get; init; }
    }

    private sealed record WaitingRow
    {
        public required string Sku { get; init; }

        public required string Name { get; init; }

        public int Orders { get; init; }

        public int Quantity { get; init; }

        public int Available { get; init; }
    }
}
