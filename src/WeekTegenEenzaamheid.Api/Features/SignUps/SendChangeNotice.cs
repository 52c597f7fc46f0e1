using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// Sends an activity's due change notice: one e-mail per confirmed participant for the whole burst of edits.
/// Taking the notice and raising the burst number is one conditional UPDATE, so two runs never both send.
/// </summary>
public static class SendChangeNotice
{
    public sealed record Command(Guid ActivityId) : ICommand<int>;

    private const string Take = """
        UPDATE activities SET change_notice_due_at = NULL, change_notices_sent = change_notices_sent + 1
        WHERE id = @Id AND change_notice_due_at IS NOT NULL AND change_notice_due_at <= @Now
        """;

    private const string SelectBurst = """
        SELECT change_notices_sent FROM activities WHERE id = @Id
        """;

    private const string SelectConfirmed = $"""
        SELECT {SignUpStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId AND r.status = 'confirmed'
        ORDER BY r.sign_up_no
        """;

    internal sealed class Handler(DbSession session, Seats seats, ParticipantEmails emails, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await seats.LockActivityAsync(request.ActivityId, cancellationToken);
            var now = clock.GetUtcNow();
            if (activity is null
                || await session.ExecuteAsync(Take, new { activity.Id, Now = now }, cancellationToken) == 0
                || activity.Status != ActivityStatus.Published
                || now >= activity.EndsAt)
            {
                return 0;
            }

            var burst = await session.ExecuteScalarAsync<int>(SelectBurst, new { activity.Id }, cancellationToken);
            var participants = await session.QueryAsync<SignUpRow>(SelectConfirmed, new { ActivityId = activity.Id }, cancellationToken);
            foreach (var participant in participants)
            {
                await emails.ChangedAsync(activity, participant, burst, cancellationToken);
            }

            return participants.Count;
        }
    }
}

/// <summary>The recurring <c>change-notices</c> job: sends every change notice whose quiet period has passed.</summary>
public sealed class ChangeNoticeJob(DbSession session, IMediator mediator, TimeProvider clock, ILogger<ChangeNoticeJob> logger)
{
    private const string SelectDue = """
        SELECT id FROM activities WHERE change_notice_due_at IS NOT NULL AND change_notice_due_at <= @Now
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var due = await session.QueryAsync<Guid>(SelectDue, new { Now = clock.GetUtcNow() }, cancellationToken);
        var sent = 0;
        foreach (var activityId in due)
        {
            sent += await mediator.Send(new SendChangeNotice.Command(activityId), cancellationToken);
        }

        logger.LogInformation("Change notices: {Activities} activities, {Emails} e-mails", due.Count, sent);
    }
}
