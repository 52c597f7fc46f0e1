using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// A new capacity: whoever now fits is promoted from the waitlist. (A capacity below the confirmed seats
/// never gets here: <see cref="ChangeActivity"/> refuses it.)
/// </summary>
internal sealed class PromoteOnCapacityChange(Seats seats) : INotificationHandler<ActivityCapacityChanged>
{
    public async Task Handle(ActivityCapacityChanged notification, CancellationToken cancellationToken)
    {
        var activity = (await seats.LockActivityAsync(notification.ActivityId, cancellationToken))!;
        await seats.PromoteAsync(activity.Id, cancellationToken);
    }
}
