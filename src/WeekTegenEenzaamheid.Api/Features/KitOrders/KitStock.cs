using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>
/// Every change to stock goes through here, always inside the transaction that also changes the
/// order, and always as a single UPDATE whose WHERE clause re-checks the quantity it needs.
///
/// Why that can never oversell:
/// <list type="bullet">
/// <item>SQLite: every write transaction starts with BEGIN IMMEDIATE, so writers run one after the
/// other and each UPDATE sees the stock the previous one committed.</item>
/// <item>SQL Server (READ COMMITTED, the default): an UPDATE takes an update lock on the row before it
/// evaluates the WHERE clause and holds the exclusive lock until the transaction ends, so a second
/// reservation of the same SKU waits and then evaluates <c>on_hand - reserved &gt;= @Quantity</c>
/// against the committed result of the first. No read-then-write gap exists to race in.</item>
/// <item>Both: the CHECK constraint <c>reserved &lt;= on_hand</c> on kit_items makes any statement that
/// would oversell fail, whatever isolation level a database is configured with.</item>
/// </list>
/// Lines are reserved in SKU order so two allocations on SQL Server lock rows in the same order and
/// cannot deadlock each other.
/// </summary>
public static class KitStock
{
    private const string Reserve = """
        UPDATE kit_items SET reserved = reserved + @Quantity, updated_at = @Now
        WHERE sku = @Sku AND on_hand - reserved >= @Quantity
        """;

    private const string Release = """
        UPDATE kit_items SET reserved = reserved - @Quantity, updated_at = @Now
        WHERE sku = @Sku AND reserved >= @Quantity
        """;

    private const string TakeOut = """
        UPDATE kit_items SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity, updated_at = @Now
        WHERE sku = @Sku AND reserved >= @Quantity
        """;

    private const string Receive = """
        UPDATE kit_items SET on_hand = on_hand + @Quantity, updated_at = @Now WHERE sku = @Sku
        """;

    public sealed record Line(string Sku, int Quantity)
    {
        public static Line Of(KitOrderLineRow line) => new(line.Sku, line.Quantity);
    }

    /// <summary>Reserves every line or none: a line that does not fit undoes the ones before it.</summary>
    public static async Task<bool> TryReserveAllAsync(
        DbSession session, IEnumerable<Line> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reserved = new List<Line>();
        foreach (var line in InLockOrder(lines))
        {
            if (await ExecuteAsync(session, Reserve, line, now, cancellationToken) == 0)
            {
                foreach (var done in reserved)
                {
                    await MustAsync(session, Release, done, now, cancellationToken);
                }

                return false;
            }

            reserved.Add(line);
        }

        return true;
    }

    /// <summary>Gives reserved stock back (a cancelled order).</summary>
    public static async Task ReleaseAsync(
        DbSession session, IEnumerable<Line> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var line in InLockOrder(lines))
        {
            await MustAsync(session, Release, line, now, cancellationToken);
        }
    }

    /// <summary>Reserved stock leaves the warehouse (a shipment): on hand and reserved both go down.</summary>
    public static async Task TakeOutAsync(
        DbSession session, IEnumerable<Line> lines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var line in InLockOrder(lines))
        {
            await MustAsync(session, TakeOut, line, now, cancellationToken);
        }
    }

    public static async Task<bool> ReceiveAsync(DbSession session, Line line, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(session, Receive, line, now, cancellationToken) == 1;

    private static IEnumerable<Line> InLockOrder(IEnumerable<Line> lines) => lines.OrderBy(line => line.Sku, StringComparer.Ordinal);

    private static async Task MustAsync(DbSession session, string sql, Line line, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ExecuteAsync(session, sql, line, now, cancellationToken) != 1)
        {
            // Only an order that holds a reservation gets here; anything else is a bug, and the
            // exception rolls the whole transaction back rather than let the books drift.
            throw new InvalidOperationException($"Stock of {line.Sku} does not cover a reservation of {line.Quantity}.");
        }
    }

    private static Task<int> ExecuteAsync(
        DbSession session, string sql, Line line, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(sql, new { line.Sku, line.Quantity, Now = now }, cancellationToken);
}
