using System.Collections.Concurrent;
using Dapper;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>
/// Reserves stock for one waiting order (received or backordered), all lines or none, and moves it
/// to <c>allocated</c>; what cannot be served waits as <c>backordered</c>. The reservation and the
/// state change are one transaction (the command's), so a crash between them leaves neither, and a
/// second run finds the order no longer waiting and does nothing.
///
/// First in, first out: an order is not allocated while an earlier order that is backordered wants
/// one of its items, so stock that arrives goes to the queue in order of arrival and a small new
/// order never starves a larger earlier one.
/// </summary>
public static class AllocateKitOrder
{
    public sealed record Command(Guid OrderId) : ICommand<Result<string>>;

    private const string EarlierBackorderWantsAny = """
        SELECT COUNT(1) FROM kit_orders o
        WHERE o.status = 'backordered'
          AND (o.received_at < @ReceivedAt OR (o.received_at = @ReceivedAt AND o.reference < @Reference))
          AND EXISTS (SELECT 1 FROM kit_order_lines l WHERE l.order_id = o.id AND l.sku IN @Skus)
        """;

    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string EarlierBackorderWantsAnyPostgreSql = """
        SELECT COUNT(1) FROM kit_orders o
        WHERE o.status = 'backordered'
          AND (o.received_at < @ReceivedAt OR (o.received_at = @ReceivedAt AND o.reference < @Reference))
          AND EXISTS (SELECT 1 FROM kit_order_lines l WHERE l.order_id = o.id AND l.sku = ANY(@Skus))
        """;

    // First in, first out needs allocations to run one at a time: on SQLite the write lock of
    // BEGIN IMMEDIATE does that; on SQL Server (read committed) two allocations would not see each
    // other's uncommitted backorder, so they queue on an application lock held to the end of the
    // transaction. PostgreSQL (read committed) has the same gap and the same cure: a transaction-scoped
    // advisory lock, released by commit or rollback; the next allocation's statements start after that
    // commit, so under READ COMMITTED they see the backorder and the reservation it made.
    private const string SerialiseSqlServer = """
        EXEC sp_getapplock @Resource = 'kit-allocation', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000
        """;

    private const string SerialisePostgreSql = """
        SELECT pg_advisory_xact_lock(hashtext('kit-allocation'))
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, KitAllocationCheckpoint checkpoint, TimeProvider clock)
        : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (session.Dialect.IsSqlServer || session.Dialect.IsPostgreSql)
            {
                // SQLite needs no statement: BEGIN IMMEDIATE already holds the one write lock.
                await session.ExecuteAsync(
                    session.Dialect.Pick(string.Empty, SerialiseSqlServer, SerialisePostgreSql), null, cancellationToken);
            }

            var order = await KitOrderStore.FindAsync(session, request.OrderId, cancellationToken);
            if (order is null)
            {
                return Error.NotFound("Kit order");
            }

            if (order.Status is not (KitOrderStatus.Received or KitOrderStatus.Backordered))
            {
                return order.Status;
            }

            var now = clock.GetUtcNow();
            var lines = await KitOrderStore.LinesAsync(session, [order.Id], cancellationToken);
            var skus = lines.Select(line => line.Sku).ToArray();
            var allocated = !await EarlierBackorderWaitsAsync(order, skus, cancellationToken)
                && await KitStock.TryReserveAllAsync(session, lines.Select(line => new KitStock.Line(line.Sku, line.Quantity)), now, cancellationToken);
            if (allocated)
            {
                checkpoint.Reached(skus);
            }

            var to = allocated ? KitOrderStatus.Allocated : KitOrderStatus.Backordered;
            if (to == order.Status)
            {
                return order.Status;
            }

            if (!await KitOrderStore.MoveAsync(session, order.Id, order.Status, to, now, null, cancellationToken))
            {
                // Someone moved the order since it was read (SQL Server): the failure rolls back the reservation.
                return Error.Conflict("kitOrderChanged", "The order changed while it was being allocated.");
            }

            if (to == KitOrderStatus.Backordered)
            {
                var activity = (await ActivityStore.FindAsync(session, order.ActivityId, cancellationToken))!;
                await outbox.EnqueueAsync(KitOrderEmails.Backordered(order, lines, activity), cancellationToken);
            }

            return to;
        }

        private async Task<bool> EarlierBackorderWaitsAsync(KitOrderRow order, string[] skus, CancellationToken cancellationToken)
        {
            var connection = await session.ConnectionAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                session.Dialect.Pick(EarlierBackorderWantsAny, EarlierBackorderWantsAny, EarlierBackorderWantsAnyPostgreSql),
                new { order.ReceivedAt, order.Reference, Skus = skus },
                session.Transaction,
                cancellationToken: cancellationToken)) > 0;
        }
    }
}

/// <summary>
/// Allocates one order; enqueued after the order's commit. Safe to run any number of times.
///
/// First in, first out holds across a crash too: orders that arrived earlier and still wait as
/// <c>received</c> (their own job died with the process, or has not run yet) are allocated first, each
/// in its own transaction, so an order placed after a restart never takes the stock of one placed
/// before it. Only earlier orders are served, so a job never works ahead of its own order.
/// </summary>
public sealed class AllocateKitOrderJob(IServiceScopeFactory scopes, ConnectionFactory connections, ILogger<AllocateKitOrderJob> logger)
{
    private const string EarlierReceived = """
        SELECT earlier.id FROM kit_orders earlier
        JOIN kit_orders this_order ON this_order.id = @OrderId
        WHERE earlier.status = 'received'
          AND (earlier.received_at < this_order.received_at
               OR (earlier.received_at = this_order.received_at AND earlier.reference < this_order.reference))
        ORDER BY earlier.received_at, earlier.reference
        """;

    public async Task RunAsync(Guid orderId, CancellationToken cancellationToken)
    {
        Guid[] earlier;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            earlier = (await connection.QueryAsync<Guid>(new CommandDefinition(EarlierReceived, new { OrderId = orderId }, cancellationToken: cancellationToken))).ToArray();
        }

        foreach (var earlierId in earlier)
        {
            await AllocateAsync(earlierId, cancellationToken);
        }

        await AllocateAsync(orderId, cancellationToken);
    }

    private async Task AllocateAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AllocateKitOrder.Command(orderId), cancellationToken);
        if (result is Result<string>.Success { Value: var status })
        {
            logger.LogInformation("Kit order {OrderId} is {Status}", orderId, status);
        }
        else if (result is Result<string>.Failure { Error: var error })
        {
            logger.LogInformation("Kit order {OrderId} not allocated: {Code}", orderId, error.Code);
        }
    }
}

/// <summary>
/// Allocates every waiting order, oldest first, each behind its own savepoint: after a stock receipt
/// (backorders, first in first out), and every few minutes as the <c>kit-allocation</c> job, which
/// also picks up orders still <c>received</c> because a crash or a restart lost their job.
/// </summary>
public sealed class AllocateWaitingKitOrdersJob(IServiceScopeFactory scopes, ConnectionFactory connections, ILogger<AllocateWaitingKitOrdersJob> logger)
{
    private const string Waiting = """
        SELECT o.id FROM kit_orders o
        WHERE o.status IN ('received', 'backordered')
        ORDER BY o.received_at, o.reference
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Guid[] waiting;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            waiting = (await connection.QueryAsync<Guid>(new CommandDefinition(Waiting, cancellationToken: cancellationToken))).ToArray();
        }

        // Oldest first, a hundred orders a commit; each order behind its own savepoint, so one that fails
        // (it changed meanwhile) is rolled back alone, reservation included.
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var results = await scope.ServiceProvider.GetRequiredService<DbSession>().StepwiseAsync(waiting, 100, async orderId =>
        {
            var result = await mediator.Send(new AllocateKitOrder.Command(orderId), cancellationToken);
            return (result, result is Result<string>.Success);
        }, cancellationToken);
        var allocated = results.Count(result => result is Result<string>.Success { Value: KitOrderStatus.Allocated });

        logger.LogInformation("Allocated {Allocated} of {Waiting} waiting kit orders", allocated, waiting.Length);
    }
}

/// <summary>
/// The moment inside allocation's transaction after the stock is reserved and before the order's
/// state changes. In production nothing happens here; a test arms it to throw, which simulates a
/// crash between the two writes and shows that the transaction leaves neither behind.
/// </summary>
public sealed class KitAllocationCheckpoint
{
    private readonly ConcurrentDictionary<string, Exception> crashes = new(StringComparer.Ordinal);

    public void CrashOnceAfterReserving(string sku, Exception crash) => crashes[sku] = crash;

    public bool IsArmed(string sku) => crashes.ContainsKey(sku);

    public void Reached(IEnumerable<string> skus)
    {
        foreach (var sku in skus)
        {
            if (crashes.TryRemove(sku, out var crash))
            {
                throw crash;
            }
        }
    }
}
