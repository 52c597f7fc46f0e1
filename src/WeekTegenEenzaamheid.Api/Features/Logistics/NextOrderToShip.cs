using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The scanner's next order: after <c>Reference</c> was shipped, the order of the same pick batch that follows it in the
/// printed slips' order (received first, then reference; <see cref="GetPickList"/>) and still waits to ship, else the
/// first one before it that still waits, so the next form is the next parcel on the table; null when the batch is done. Another batch's stuck order is never
/// offered, so a scanned number cannot land on a parcel nobody is holding.
/// </summary>
public static class NextOrderToShip
{
    public sealed record Query(string Reference) : IQuery<string?>;

    private const string SelectNext = """
        SELECT n.reference FROM kit_orders s
        JOIN kit_orders n ON n.pick_batch_id = s.pick_batch_id
        WHERE s.reference = @Reference AND n.status = 'picking'
        ORDER BY CASE WHEN n.received_at > s.received_at OR (n.received_at = s.received_at AND n.reference > s.reference)
                 THEN 0 ELSE 1 END,
            n.received_at, n.reference
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, string?>
    {
        public async Task<string?> Handle(Query request, CancellationToken cancellationToken) =>
            await session.QueryFirstOrDefaultAsync<string>(SelectNext, new { request.Reference }, cancellationToken);
    }
}
