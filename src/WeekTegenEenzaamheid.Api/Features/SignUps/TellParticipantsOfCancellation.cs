using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// A cancelled or rejected activity: every participant still signed up (confirmed or waiting) is told,
/// in the cancelling transaction, and a pending change notice is dropped (this e-mail says more).
/// </summary>
internal sealed class TellParticipantsOfCancellation(DbSession session, Seats seats, ParticipantEmails emails)
    : INotificationHandler<ActivityCancelled>
{
    private const string SelectActive = $"""
        SELECT {SignUpStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId AND r.status IN ('confirmed', 'waitlisted')
        ORDER BY r.sign_up_no
        """;

    private const string DropChangeNotice = """
        UPDATE activities SET change_notice_due_at = NULL WHERE id = @Id
        """;

    public async Task Handle(ActivityCancelled notification, CancellationToken cancellationToken)
    {
        var activity = (await seats.LockActivityAsync(notification.ActivityId, cancellationToken))!;
        await session.ExecuteAsync(DropChangeNotice, new { activity.Id }, cancellationToken);
        var participants = await session.QueryAsync<SignUpRow>(SelectActive, new { ActivityId = activity.Id }, cancellationToken);
        foreach (var participant in participants)
        {
            await emails.ActivityCancelledAsync(activity, participant, cancellationToken);
        }
    }
}
