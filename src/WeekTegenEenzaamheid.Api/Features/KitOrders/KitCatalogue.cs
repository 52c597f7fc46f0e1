using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>A catalogue item with its stock; <see cref="KitCatalogue"/> aliases its columns to these names.</summary>
public sealed record KitItemRow
{
    public required string Sku { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public int MaxPerOrder { get; init; }

    public bool Active { get; init; }

    public int OnHand { get; init; }

    public int Reserved { get; init; }

    /// <summary>The quantity waiting in backordered orders: stock that arrives goes to them first.</summary>
    public int Backordered { get; init; }
}

public static class KitCatalogue
{
    public const string Columns = """
        i.sku AS Sku, i.name AS Name, i.description AS Description, i.max_per_order AS MaxPerOrder, i.active AS Active,
        i.on_hand AS OnHand, i.reserved AS Reserved,
        COALESCE((SELECT SUM(l.quantity) FROM kit_order_lines l JOIN kit_orders o ON o.id = l.order_id
                  WHERE l.sku = i.sku AND o.status = 'backordered'), 0) AS Backordered
        """;

    private const string SelectAll = $"""
        SELECT {Columns} FROM kit_items i ORDER BY i.sku
        """;

    private const string SelectBySkus = $"""
        SELECT {Columns} FROM kit_items i WHERE i.sku IN @Skus
        """;

    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string SelectBySkusPostgreSql = $"""
        SELECT {Columns} FROM kit_items i WHERE i.sku = ANY(@Skus)
        """;

    public static Task<IReadOnlyList<KitItemRow>> AllAsync(DbSession session, CancellationToken cancellationToken) =>
        session.QueryAsync<KitItemRow>(SelectAll, null, cancellationToken);

    public static async Task<IReadOnlyDictionary<string, KitItemRow>> FindAsync(
        DbSession session, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var wanted = skus.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<string, KitItemRow>();
        }

        var rows = await session.QueryAsync<KitItemRow>(
            session.Dialect.Pick(SelectBySkus, SelectBySkus, SelectBySkusPostgreSql), new { Skus = wanted }, cancellationToken);
        return rows.ToDictionary(row => row.Sku, StringComparer.Ordinal);
    }
}
