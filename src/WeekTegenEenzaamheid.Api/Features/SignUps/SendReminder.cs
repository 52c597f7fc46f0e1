using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The reminders of one activity, <see cref="SignUpOptions.ReminderLeadTime"/> before its start, once per
/// participant, in one transaction. A party that got its seat after that moment (a late sign-up or a late
/// promotion) has just had an e-mail with every detail and gets no reminder. Marking and queueing share the
/// transaction and the mark is conditional, so a second run, or two at once, send nothing more.
/// </summary>
public static class SendReminder
{
    public sealed record Command(Guid ActivityId) : ICommand<int>;

    private const string Due = $"""
        SELECT {SignUpStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId AND r.status = 'confirmed' AND r.reminded_at IS NULL
          AND r.email IS NOT NULL AND r.confirmed_at < @Moment
        ORDER BY r.sign_up_no
        """;

    private const string Mark = """
        UPDATE registrations SET reminded_at = @Now WHERE id = @Id AND status = 'confirmed' AND reminded_at IS NULL
        """;

    internal sealed class Handler(DbSession session, ParticipantEmails emails, SignUpOptions options, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken);
            var now = clock.GetUtcNow();
            if (activity is not { Status: ActivityStatus.Published }
                || now < activity.StartsAt - options.ReminderLeadTime
                || now >= activity.StartsAt)
            {
                return 0;
            }

            var moment = activity.StartsAt - options.ReminderLeadTime;
            var due = await session.QueryAsync<SignUpRow>(Due, new { request.ActivityId, Moment = moment }, cancellationToken);
            var sent = 0;
            foreach (var signUp in due)
            {
                if (await session.ExecuteAsync(Mark, new { signUp.Id, Now = now }, cancellationToken) == 1)
                {
                    await emails.ReminderAsync(activity, signUp, cancellationToken);
                    sent++;
                }
            }

            return sent;
        }
    }
}

/// <summary>The recurring <c>reminders</c> job: every activity that starts within the lead time and still has someone to remind.</summary>
public sealed class ReminderJob(
    DbSession session, IMediator mediator, SignUpOptions options, TimeProvider clock, ILogger<ReminderJob> logger)
{
    private const string SelectCandidates = """
        SELECT DISTINCT a.id FROM registrations r JOIN activities a ON a.id = r.activity_id
        WHERE a.status = 'published' AND a.starts_at > @Now AND a.starts_at <= @Horizon
          AND r.status = 'confirmed' AND r.reminded_at IS NULL AND r.email IS NOT NULL
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var activities = await session.QueryAsync<Guid>(
            SelectCandidates, new { Now = now, Horizon = now + options.ReminderLeadTime }, cancellationToken);
        var sent = 0;
        foreach (var activityId in activities)
        {
            sent += await mediator.Send(new SendReminder.Command(activityId), cancellationToken);
        }

        logger.LogInformation("Reminders: {Sent} sent for {Activities} activities", sent, activities.Count);
    }
}
