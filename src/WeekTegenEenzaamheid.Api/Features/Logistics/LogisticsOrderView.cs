using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

public sealed record ActivitySummary(Guid Id, string Title, DateTimeOffset StartsAt, string MunicipalityName, string Province);

/// <summary>A history entry as the warehouse reads it; <c>note</c> names the staff member who did it (<see
/// cref="KitOrderHistoryRow.NoteForStaff"/>).</summary>
public sealed record StaffHistoryEntry(string Status, DateTimeOffset At, string? Note);

/// <summary>An order as the warehouse sees it: the full delivery address, the activity it is for, its batch and history.</summary>
public sealed record LogisticsOrderView(
    Guid Id,
    string Reference,
    string Status,
    ActivitySummary Activity,
    IReadOnlyList<KitOrderLineView> Lines,
    DeliveryView Delivery,
    DateOnly? WishedDeliveryDate,
    DateTimeOffset ReceivedAt,
    Guid? PickBatchId,
    ShipmentView? Shipment,
    IReadOnlyList<StaffHistoryEntry> History);

public static class LogisticsOrders
{
    private const string SelectActivities = """
        SELECT a.id AS Id, a.title AS Title, a.starts_at AS StartsAt, a.municipality_code AS MunicipalityCode
        FROM activities a WHERE a.id IN @Ids
        """;

    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string SelectActivitiesPostgreSql = """
        SELECT a.id AS Id, a.title AS Title, a.starts_at AS StartsAt, a.municipality_code AS MunicipalityCode
        FROM activities a WHERE a.id = ANY(CAST(@Ids AS uuid[]))
        """;

    public static async Task<IReadOnlyList<LogisticsOrderView>> ViewsAsync(
        DbSession session, MunicipalityDirectory municipalities, IReadOnlyList<KitOrderRow> orders, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
        {
            return [];
        }

        var ids = orders.Select(order => order.Id).ToArray();
        var lines = (await KitOrderStore.LinesAsync(session, ids, cancellationToken)).ToLookup(line => line.OrderId);
        var history = (await KitOrderStore.HistoryAsync(session, ids, cancellationToken)).ToLookup(entry => entry.OrderId);
        var activityIds = KitOrderStore.IdList(orders.Select(order => order.ActivityId).Distinct());
        var activities = (await session.QueryAsync<ActivityRow>(
                session.Dialect.Pick(SelectActivities, SelectActivities, SelectActivitiesPostgreSql),
                new { Ids = activityIds },
                cancellationToken))
            .ToDictionary(activity => activity.Id);

        return orders.Select(order =>
        {
            var activity = activities[order.ActivityId];
            var municipality = municipalities.Find(activity.MunicipalityCode);
            return new LogisticsOrderView(
                order.Id,
                order.Reference,
                order.Status,
                new ActivitySummary(
                    activity.Id,
                    activity.Title,
                    AmsterdamTime.ToLocal(activity.StartsAt),
                    municipality?.Name ?? activity.MunicipalityCode,
                    municipality?.Province ?? string.Empty),
                lines[order.Id].Select(line => new KitOrderLineView(line.Sku, line.Name, line.Quantity)).ToArray(),
                KitOrderView.DeliveryOf(order),
                order.WishedDeliveryDate,
                AmsterdamTime.ToLocal(order.ReceivedAt),
                order.PickBatchId,
                KitOrderView.ShipmentOf(order),
                history[order.Id]
                    .Select(entry => new StaffHistoryEntry(entry.Status, AmsterdamTime.ToLocal(entry.ChangedAt), entry.NoteForStaff))
                    .ToArray());
        }).ToArray();
    }

    public static async Task<LogisticsOrderView> ViewAsync(
        DbSession session, MunicipalityDirectory municipalities, KitOrderRow order, CancellationToken cancellationToken) =>
        (await ViewsAsync(session, municipalities, [order], cancellationToken))[0];

    private sealed record ActivityRow
    {
        public Guid Id { get; init; }

        public required string Title { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public required string MunicipalityCode { get; init; }
    }
}
