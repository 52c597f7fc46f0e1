using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// A change of time or place is not announced at once: it sets (or pushes back) the moment of one notice,
/// <see cref="QuietPeriod"/> after the last edit, so an initiator fixing a typo in three saves sends
/// participants one e-mail, with the final details. The <c>change-notices</c> job sends it when due.
/// </summary>
internal sealed class ScheduleChangeNotice(DbSession session, TimeProvider clock) : INotificationHandler<ActivityRescheduled>
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(15);

    private const string Schedule = """
        UPDATE activities SET change_notice_due_at = @DueAt WHERE id = @Id AND status = 'published'
        """;

    public Task Handle(ActivityRescheduled notification, CancellationToken cancellationToken) =>
        session.ExecuteAsync(Schedule, new { Id = notification.ActivityId, DueAt = clock.GetUtcNow() + QuietPeriod }, cancellationToken);
}
