using System.Diagnostics;
using System.Globalization;
using Dapper;

namespace WeekTegenEenzaamheid.Bench;

/// <summary>
/// The yardstick for the fulfilment figure: the same state changes the service makes for each order
/// (reserve and allocate, batch, ship and take the stock out, deliver), each order in its own
/// transaction as in the service, but as bare SQL with nothing around it.
/// </summary>
public static class DirectFulfilment
{
    private const string Waiting = """
        SELECT o.id AS Id, l.sku AS Sku, l.quantity AS Quantity
        FROM kit_orders o JOIN kit_order_lines l ON l.order_id = o.id
        WHERE o.status = 'received' ORDER BY o.received_at, o.reference
        """;

    private const string Reserve = """
        UPDATE kit_items SET reserved = reserved + @Quantity, updated_at = @Now WHERE sku = @Sku AND on_hand - reserved >= @Quantity
        """;

    private const string Move = """
        UPDATE kit_orders SET status = @To, updated_at = @Now WHERE id = @Id AND status = @From
        """;

    private const string History = """
        INSERT INTO kit_order_history (order_id, status, changed_at) VALUES (@Id, @To, @Now)
        """;

    private const string Batch = """
        INSERT INTO pick_batches (id, created_at, created_by, order_count) VALUES (@BatchId, @Now, 'bench', 0)
        """;

    private const string Pick = """
        UPDATE kit_orders SET status = 'picking', pick_batch_id = @BatchId, updated_at = @Now WHERE status = 'allocated'
        """;

    private const string PickHistory = """
        INSERT INTO kit_order_history (order_id, status, changed_at) SELECT id, 'picking', @Now FROM kit_orders WHERE pick_batch_id = @BatchId
        """;

    private const string Ship = """
        UPDATE kit_orders SET status = 'shipped', carrier = 'PostNL', tracking_number = @TrackingNumber, updated_at = @Now
        WHERE id = @Id AND status = 'picking'
        """;

    private const string TakeOut = """
        UPDATE kit_items SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity, updated_at = @Now WHERE sku = @Sku
        """;

    private const string Event = """
        INSERT INTO carrier_events (event_id, tracking_number, status, occurred_at, received_at, order_id, outcome)
        VALUES (@EventId, @TrackingNumber, 'delivered', @Now, @Now, @Id, 'applied')
        """;

    public static async Task RunAsync(Options options)
    {
        await using var connection = await Sql.Factory(options.Require("db")).OpenAsync();
        var lines = (await connection.QueryAsync<Line>(Waiting)).GroupBy(l => l.Id).ToList();
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;

        foreach (var order in lines)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var line in order)
            {
                await connection.ExecuteAsync(Reserve, new { line.Sku, line.Quantity, Now = now }, transaction);
            }

            await connection.ExecuteAsync(Move, new { Id = order.Key, From = "received", To = "allocated", Now = now }, transaction);
            await connection.ExecuteAsync(History, new { Id = order.Key, To = "allocated", Now = now }, transaction);
            await transaction.CommitAsync();
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var batchId = Guid.CreateVersion7();
            await connection.ExecuteAsync(Batch, new { BatchId = batchId, Now = now }, transaction);
            await connection.ExecuteAsync(Pick, new { BatchId = batchId, Now = now }, transaction);
            await connection.ExecuteAsync(PickHistory, new { BatchId = batchId, Now = now }, transaction);
            await transaction.CommitAsync();
        }

        foreach (var order in lines)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(Ship, new { Id = order.Key, TrackingNumber = TrackingNumber(order.Key), Now = now }, transaction);
            foreach (var line in order)
            {
                await connection.ExecuteAsync(TakeOut, new { line.Sku, line.Quantity, Now = now }, transaction);
            }

            await connection.ExecuteAsync(History, new { Id = order.Key, To = "shipped", Now = now }, transaction);
            await transaction.CommitAsync();
        }

        foreach (var order in lines)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(Event, new { EventId = $"direct-{order.Key}", TrackingNumber = TrackingNumber(order.Key), Id = order.Key, Now = now }, transaction);
            await connection.ExecuteAsync(Move, new { Id = order.Key, From = "shipped", To = "delivered", Now = now }, transaction);
            await connection.ExecuteAsync(History, new { Id = order.Key, To = "delivered", Now = now }, transaction);
            await transaction.CommitAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lines.Count} {watch.Elapsed.TotalSeconds:0.000}"));
    }

    public static string TrackingNumber(Guid orderId) => "3S" + orderId.ToString("N")[^13..].ToUpperInvariant();

    private sealed record Line
    {
        public Guid Id { get; init; }

        public required string Sku { get; init; }

        public int Quantity { get; init; }
    }
}
