using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>Cancelling an order, shared by the owner's, the staff's and the activity's cancellation.</summary>
public static class KitOrderCancellation
{
    /// <summary>
    /// Cancels the order from the status that was read and returns its reserved stock, in the
    /// caller's transaction. False when someone moved the order first. <paramref name="staffId"/>: the staff member who
    /// cancels (<see cref="KitOrderStore.RecordAsync"/>).
    /// </summary>
    public static async Task<bool> CancelAsync(
        DbSession session, KitOrderRow order, string note, DateTimeOffset now, CancellationToken cancellationToken,
        Guid? staffId = null)
    {
        if (!await KitOrderStore.MoveAsync(
            session, order.Id, order.Status, KitOrderStatus.Cancelled, now, note, cancellationToken, staffId))
        {
            return false;
        }

        if (KitOrderStatus.HoldsStock(order.Status))
        {
            var lines = await KitOrderStore.LinesAsync(session, [order.Id], cancellationToken);
            await KitStock.ReleaseAsync(session, lines.Select(KitStock.Line.Of), now, cancellationToken);
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
