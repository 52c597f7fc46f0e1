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

    // First in, first out needs allocations to run one at a time: two allocations side by side would not see each
    // other's uncommitted backorder or reservation (TransactionLock says how each database queues them).
    private const string AllocationLock = "kit-allocation";

    internal sealed class Handler(DbSession session, Outbox outbox, IKitAllocationObserver observer, TimeProvider clock)
        : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            await TransactionLock.TakeAsync(session, AllocationLock, cancellationToken);

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
                && await KitStock.TryReserveAllAsync(session, lines.Select(KitStock.Line.Of), now, cancellationToken);
            if (allocated)
            {
                observer.Reserved(skus);
            }

            var to = allocated ? KitOrderStatus.Allocated : KitOrderStatus.Backordered;
            if (to == order.Status)
            {
                return order.Status;
            }

            if (!await KitOrderStore.MoveAsync(session, order.Id, order.Status, to, now, null, cancellationToken))
            {
                // Someone moved the order since it was read (SQL Server): the failure rolls back the reservation.
                return Error.ConcurrentChange("The kit order");
            }

            if (to == KitOrderStatus.Backordered)
            {
                var activity = (await ActivityStore.FindAsync(session, order.ActivityId, cancellationToken))!;
                await outbox.EnqueueAsync(KitOrderEmails.Backordered(order, lines, activity), cancellationToken);
            }

            return to;
        }

        private async Task<bool> EarlierBackorderWaitsAsync(KitOrderRow order, string[] skus, CancellationToken cancellationToken) =>
            await session.ExecuteScalarAsync<int>(
                session.Dialect.Pick(EarlierBackorderWantsAny, EarlierBackorderWantsAny, EarlierBackorderWantsAnyPostgreSql),
                new { order.ReceivedAt, order.Reference, Skus = skus }, cancellationToken) > 0;
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
/// <remarks>Hangfire gives each run its own scope: the session and the mediator are the run's.</remarks>
public sealed class AllocateKitOrderJob(DbSession session, IMediator mediator, ILogger<AllocateKitOrderJob> logger)
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
        var earlier = await session.QueryAsync<Guid>(EarlierReceived, new { OrderId = orderId }, cancellationToken);

        // No transaction is open here, so the transaction behaviour commits each allocation on its own.
        foreach (var earlierId in earlier)
        {
            await AllocateAsync(earlierId, cancellationToken);
        }

        await AllocateAsync(orderId, cancellationToken);
    }

    private async Task AllocateAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new AllocateKitOrder.Command(orderId), cancellationToken);
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
/// <remarks>Hangfire gives each run its own scope: the session and the mediator are the run's.</remarks>
public sealed class AllocateWaitingKitOrdersJob(DbSession session, IMediator mediator, ILogger<AllocateWaitingKitOrdersJob> logger)
{
    private const string Waiting = """
        SELECT o.id FROM kit_orders o
        WHERE o.status IN ('received', 'backordered')
        ORDER BY o.received_at, o.reference
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var waiting = await session.QueryAsync<Guid>(Waiting, null, cancellationToken);

        // Oldest first, a hundred orders a commit; each order behind its own savepoint, so one that fails
        // (it changed meanwhile) is rolled back alone, reservation included.
        var results = await session.StepwiseAsync(waiting, 100, async orderId =>
        {
            var result = await mediator.Send(new AllocateKitOrder.Command(orderId), cancellationToken);
            return (result, result is Result<string>.Success);
        }, cancellationToken);
        var allocated = results.Count(result => result is Result<string>.Success { Value: KitOrderStatus.Allocated });

        logger.LogInformation("Allocated {Allocated} of {Waiting} waiting kit orders", allocated, waiting.Count);
    }
}

/// <summary>
/// Told inside allocation's transaction after an order's stock is reserved and before its state
/// changes. Production registers <see cref="KitAllocationObserver.None"/>; the tests register one
/// that throws there, to show a crash between the two writes leaves neither behind.
/// </summary>
public interface IKitAllocationObserver
{
    /// <summary>The order's lines (these SKUs) are reserved; its state is not changed yet.</summary>
    void Reserved(IReadOnlyList<string> skus);
}

public static class KitAllocationObserver
{
    /// <summary>Observes nothing.</summary>
    public static readonly IKitAllocationObserver None = new NoObserver();

    private sealed class NoObserver : IKitAllocationObserver
    {
        public void Reserved(IReadOnlyList<string> skus)
        {
        }
    }
}
