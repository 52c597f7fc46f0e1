using MediatR;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// A pick batch as its print view shows it: the totals per article (sorted by article number) and the orders with their lines
/// and delivery addresses, in the pick list's order (<see cref="GetPickList"/>: received first, cancelled orders left off).
/// </summary>
public static class GetPickBatch
{
    public sealed record Query(Guid Id) : IQuery<Result<Batch>>;

    /// <summary>
    /// <paramref name="CreatedBy"/>: the staff member's name as it is now ("(gewist)" once erased), the job's name, or for a
    /// batch older than 0014 the name it was made with.
    /// </summary>
    public sealed record Batch(
        Guid Id, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<Total> Totals, IReadOnlyList<LogisticsOrderView> Orders);

    public sealed record Total(string Sku, string Name, int Quantity);

    private const string SelectBatch = """
        SELECT b.id AS Id, b.created_at AS CreatedAt, COALESCE(s.name, b.created_by) AS CreatedBy
        FROM pick_batches b
        LEFT JOIN staff_keys s ON s.id = b.staff_id
        WHERE b.id = @Id
        """;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<Batch>>
    {
        public async Task<Result<Batch>> Handle(Query request, CancellationToken cancellationToken)
        {
            var batch = await session.QuerySingleOrDefaultAsync<BatchRow>(SelectBatch, new { request.Id }, cancellationToken);
            if (batch is null)
            {
                return Error.NotFound("Pick batch");
            }

            var rows = await session.QueryAsync<KitOrderRow>(GetPickList.SelectOrders, new { BatchId = request.Id }, cancellationToken);
            var orders = await LogisticsOrders.ViewsAsync(session, municipalities, rows, cancellationToken);
            var totals = orders.SelectMany(order => order.Lines).GroupBy(line => line.Sku)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => new Total(group.Key, group.First().Name, group.Sum(line => line.Quantity)))
                .ToArray();
            return new Batch(batch.Id, AmsterdamTime.ToLocal(batch.CreatedAt), batch.CreatedBy, totals, orders);
        }
    }

    private sealed record BatchRow
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public required string CreatedBy { get; init; }
    }
}
