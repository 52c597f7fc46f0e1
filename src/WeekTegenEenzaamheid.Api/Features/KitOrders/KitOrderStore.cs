using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The reads and the state change every kit order slice shares.</summary>
public static class KitOrderStore
{
    public const string Columns = """
        o.id AS Id, o.reference AS Reference, o.activity_id AS ActivityId, o.year AS Year, o.status AS Status,
        o.recipient AS Recipient, o.street AS Street, o.house_number AS HouseNumber, o.postcode AS Postcode, o.city AS City,
        o.phone AS Phone, o.wished_delivery_date AS WishedDeliveryDate, o.pick_batch_id AS PickBatchId,
        o.carrier AS Carrier, o.tracking_number AS TrackingNumber, o.carrier_event_at AS CarrierEventAt,
        o.received_at AS ReceivedAt
        """;

    private const string SelectById = $"""
        SELECT {Columns} FROM kit_orders o WHERE o.id = @Id
        """;

    private const string SelectByReference = $"""
        SELECT {Columns} FROM kit_orders o WHERE o.reference = @Reference
        """;

    // The live order if there is one, else the latest cancelled one: what the owner asks about.
    private const string SelectForActivity = $"""
        SELECT {Columns} FROM kit_orders o
        WHERE o.activity_id = @ActivityId
        ORDER BY CASE WHEN o.status = 'cancelled' THEN 1 ELSE 0 END, o.received_at DESC
        """;

    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes
    // no array: the …PostgreSql twins below compare with ANY, the ids cast from text to uuid.
    private const string SelectLines = """
        SELECT l.order_id AS OrderId, l.sku AS Sku, i.name AS Name, l.quantity AS Quantity
        FROM kit_order_lines l JOIN kit_items i ON i.sku = l.sku
        WHERE l.order_id IN @OrderIds
        ORDER BY l.sku
        """;

    private const string SelectHistory = """
        SELECT h.order_id AS OrderId, h.status AS Status, h.changed_at AS ChangedAt, h.note AS Note, h.staff_id AS StaffId,
            s.name AS StaffName
        FROM kit_order_history h
        LEFT JOIN staff_keys s ON s.id = h.staff_id
        WHERE h.order_id IN @OrderIds
        ORDER BY h.id
        """;

    private const string SelectLinesPostgreSql = """
        SELECT l.order_id AS OrderId, l.sku AS Sku, i.name AS Name, l.quantity AS Quantity
        FROM kit_order_lines l JOIN kit_items i ON i.sku = l.sku
        WHERE l.order_id = ANY(CAST(@OrderIds AS uuid[]))
        ORDER BY l.sku
        """;

    private const string SelectHistoryPostgreSql = """
        SELECT h.order_id AS OrderId, h.status AS Status, h.changed_at AS ChangedAt, h.note AS Note, h.staff_id AS StaffId,
            s.name AS StaffName
        FROM kit_order_history h
        LEFT JOIN staff_keys s ON s.id = h.staff_id
        WHERE h.order_id = ANY(CAST(@OrderIds AS uuid[]))
        ORDER BY h.id
        """;

    private const string InsertHistory = """
        INSERT INTO kit_order_history (order_id, status, changed_at, note, staff_id) VALUES (@OrderId, @Status, @Now, @Note, @StaffId)
        """;

    private const string ChangeStatus = """
        UPDATE kit_orders SET status = @To, updated_at = @Now WHERE id = @Id AND status = @From
        """;

    public static Task<KitOrderRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<KitOrderRow>(SelectById, new { Id = id }, cancellationToken);

    public static Task<KitOrderRow?> FindByReferenceAsync(DbSession session, string reference, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<KitOrderRow>(
            SelectByReference, new { Reference = reference.Trim().ToUpperInvariant() }, cancellationToken);

    public static Task<KitOrderRow?> FindForActivityAsync(DbSession session, Guid activityId, CancellationToken cancellationToken) =>
        session.QueryFirstOrDefaultAsync<KitOrderRow>(SelectForActivity, new { ActivityId = activityId }, cancellationToken);

    public static Task<IReadOnlyList<KitOrderLineRow>> LinesAsync(
        DbSession session, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        ForIdsAsync<KitOrderLineRow>(
            session, session.Dialect.Pick(SelectLines, SelectLines, SelectLinesPostgreSql), orderIds, cancellationToken);

    public static Task<IReadOnlyList<KitOrderHistoryRow>> HistoryAsync(
        DbSession session, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken) =>
        ForIdsAsync<KitOrderHistoryRow>(
            session, session.Dialect.Pick(SelectHistory, SelectHistory, SelectHistoryPostgreSql), orderIds, cancellationToken);

    // Dapper expands "IN @OrderIds" into one parameter per id, and SQL Server takes at most 2,100
    // parameters: a pick batch of thousands of orders is read a thousand ids at a time.
    private const int IdsPerQuery = 1000;

    private static async Task<IReadOnlyList<TRow>> ForIdsAsync<TRow>(
        DbSession session, string sql, IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken)
    {
        var rows = new List<TRow>();
        foreach (var ids in orderIds.Chunk(IdsPerQuery))
        {
            rows.AddRange(await session.QueryAsync<TRow>(sql, new { OrderIds = IdList(ids) }, cancellationToken));
        }

        return rows;
    }

    public static async Task<KitOrderView> ViewAsync(DbSession session, KitOrderRow order, CancellationToken cancellationToken) =>
        KitOrderView.From(
            order, await LinesAsync(session, [order.Id], cancellationToken), await HistoryAsync(session, [order.Id], cancellationToken));

    /// <summary>
    /// Moves the order from the status that was read to another and records it in the history (<paramref name="staffId"/>:
    /// see <see cref="RecordAsync"/>). False when someone else moved it first: the caller must then not act on the old status.
    /// </summary>
    public static async Task<bool> MoveAsync(
        DbSession session, Guid id, string from, string to, DateTimeOffset now, string? note, CancellationToken cancellationToken,
        Guid? staffId = null)
    {
        var changed = await session.ExecuteAsync(ChangeStatus, new { Id = id, From = from, To = to, Now = now }, cancellationToken);
        if (changed == 0)
        {
            return false;
        }

        await RecordAsync(session, id, to, now, note, cancellationToken, staffId);
        return true;
    }

    /// <summary>
    /// Adds a history entry. <paramref name="staffId"/> is the staff member who did it (<c>StaffIdentity.Id</c>), null for
    /// the service, the carrier or the initiator; the note never holds the member's name: <see
    /// cref="KitOrderHistoryRow.NoteForStaff"/> joins it in when read, so an erased member shows as "(gewist)".
    /// </summary>
    public static async Task RecordAsync(
        DbSession session, Guid id, string status, DateTimeOffset now, string? note, CancellationToken cancellationToken,
        Guid? staffId = null) =>
        await session.ExecuteAsync(
            InsertHistory, new { OrderId = id, Status = status, Now = now, Note = note, StaffId = staffId }, cancellationToken);

    /// <summary>
    /// Ids for an <c>IN @Ids</c> list. Dapper expands lists without consulting the Guid type handler, so
    /// SQLite would bind each id as a BLOB and match none of the TEXT ids. Text works on both: SQL Server
    /// converts the parameter to UNIQUEIDENTIFIER (the higher-precedence type), not the column.
    /// </summary>
    public static string[] IdList(IEnumerable<Guid> ids) => ids.Select(id => id.ToString("D")).ToArray();
}
