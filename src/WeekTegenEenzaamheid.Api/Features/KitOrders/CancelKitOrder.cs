using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The owner cancels the order while nothing has left the shelf: received, allocated or backordered.</summary>
public static class CancelKitOrder
{
    public sealed record Command(Guid ActivityId, string? ManageToken) : ICommand<Result<KitOrderView>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, CancellationToken cancellationToken) =>
            ActivityStore.IsOwnerAsync(session, ActivityId, ManageToken, cancellationToken);
    }

    public static async Task<Results<Ok<KitOrderView>, ProblemHttpResult>> Endpoint(
        Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, token), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<KitOrderView>>
    {
        public async Task<Result<KitOrderView>> Handle(Command request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindForActivityAsync(session, request.ActivityId, cancellationToken);
            if (order is null)
            {
                return Error.NotFound("Kit order");
            }

            if (order.Status != KitOrderStatus.Cancelled)
            {
                if (!KitOrderStatus.CancellableByOwner.Contains(order.Status))
                {
                    return Error.Conflict("kitOrderNotCancellable", $"The order is {order.Status}; it can only be cancelled before it is picked.");
                }

                if (!await KitOrderCancellation.CancelAsync(session, order, "cancelled by the initiator", clock.GetUtcNow(), cancellationToken))
                {
                    return Error.ConcurrentChange("The kit order");
                }
            }

            var current = (await KitOrderStore.FindAsync(session, order.Id, cancellationToken))!;
            return await KitOrderStore.ViewAsync(session, current, cancellationToken);
        }
    }
}

public static class KitOrderCancellation
{
    /// <summary>
    /// Cancels the order from the status that was read and returns its reserved stock, in the
    /// caller's transaction. False when someone moved the order first.
    /// </summary>
    public static async Task<bool> CancelAsync(DbSession session, KitOrderRow order, string note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await KitOrderStore.MoveAsync(session, order.Id, order.Status, KitOrderStatus.Cancelled, now, note, cancellationToken))
        {
            return false;
        }

        if (KitOrderStatus.HoldsStock(order.Status))
        {
            var lines = await KitOrderStore.LinesAsync(session, [order.Id], cancellationToken);
            await KitStock.ReleaseAsync(session, lines.Select(line => new KitStock.Line(line.Sku, line.Quantity)), now, cancellationToken);
        }

        return true;
    }
}

/// <summary>A cancelled or rejected activity needs no kit: an order not yet shipped is cancelled with it.</summary>
internal sealed class CancelKitOrderWhenActivityCancelled(DbSession session, TimeProvider clock) : INotificationHandler<ActivityCancelled>
{
    public async Task Handle(ActivityCancelled notification, CancellationToken cancellationToken)
    {
        var order = await KitOrderStore.FindForActivityAsync(session, notification.ActivityId, cancellationToken);
        if (order is null || !KitOrderStatus.Unshipped.Contains(order.Status))
        {
            return;
        }

        if (!await KitOrderCancellation.CancelAsync(session, order, "activity cancelled", clock.GetUtcNow(), cancellationToken))
        {
            // Runs inside the activity's transaction: failing it lets the caller retry rather than leave a live order behind.
            throw new ConcurrentChangeException($"Kit order {order.Reference} changed while its activity was being cancelled.");
        }
    }
}
