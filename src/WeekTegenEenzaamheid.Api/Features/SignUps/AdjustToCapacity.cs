using FluentValidation;
using FluentValidation.Results;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// A new capacity: lower than the seats already confirmed is refused (the change rolls back with a 422,
/// nobody loses a confirmed seat); higher promotes whoever now fits from the waitlist.
/// </summary>
internal sealed class AdjustToCapacity(Seats seats) : INotificationHandler<ActivityCapacityChanged>
{
    public async Task Handle(ActivityCapacityChanged notification, CancellationToken cancellationToken)
    {
        var activity = (await seats.LockActivityAsync(notification.ActivityId, cancellationToken))!;
        if (activity.Capacity is { } capacity && capacity < activity.SeatsTaken)
        {
            throw new ValidationException([new ValidationFailure("capacity",
                $"{activity.SeatsTaken} seats are already confirmed; the capacity cannot be lower than that.")]);
        }

        await seats.PromoteAsync(activity.Id, cancellationToken);
    }
}
