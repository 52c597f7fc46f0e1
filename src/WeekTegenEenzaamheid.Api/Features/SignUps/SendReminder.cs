using Dapper;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The reminder, <see cref="SignUpOptions.ReminderLeadTime"/> before the start, once per participant. A party
/// that got its seat after that moment (a late sign-up or a late promotion) has just had an e-mail with every
/// detail and gets no reminder. Marking and queueing are one transaction and the mark is conditional, so a
/// second run, or two at once, send nothing more.
/// </summary>
public static class SendReminder
{
    public sealed record Command(Guid RegistrationId) : ICommand<bool>;

    private const string Mark = """
        UPDATE registrations SET reminded_at = @Now WHERE id = @Id AND status = 'confirmed' AND reminded_at IS NULL
        """;

    internal sealed class Handler(DbSession session, ParticipantEmails emails, SignUpOptions options, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var registration = await RegistrationStore.FindAsync(session, request.RegistrationId, cancellationToken);
            if (registration is not { Status: RegistrationStatus.Confirmed, RemindedAt: null, ConfirmedAt: { } confirmedAt })
            {
                return false;
            }

            var activity = (await ActivityStore.FindAsync(session, registration.ActivityId, cancellationToken))!;
            var moment = activity.StartsAt - options.ReminderLeadTime;
            var now = clock.GetUtcNow();
            if (activity.Status != ActivityStatus.Published || now < moment || now >= activity.StartsAt || confirmedAt >= moment)
            {
                return false;
            }

            var connection = await session.ConnectionAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(Mark, new { registration.Id, Now = now }, session.Transaction, cancellationToken: cancellationToken)) == 0)
            {
                return false;
            }

            await emails.ReminderAsync(activity, registration, cancellationToken);
            return true;
        }
    }
}

/// <summary>The recurring <c>reminders</c> job: every confirmed participant of an activity that starts within the lead time.</summary>
public sealed class ReminderJob(DbSession session, IMediator mediator, SignUpOptions options, TimeProvider clock, ILogger<ReminderJob> logger)
{
    private const string SelectCandidates = """
        SELECT r.id FROM registrations r JOIN activities a ON a.id = r.activity_id
        WHERE a.status = 'published' AND a.starts_at > @Now AND a.starts_at <= @Horizon
          AND r.status = 'confirmed' AND r.reminded_at IS NULL AND r.email IS NOT NULL
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var connection = await session.ConnectionAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<Guid>(new CommandDefinition(
            SelectCandidates, new { Now = now, Horizon = now + options.ReminderLeadTime }, cancellationToken: cancellationToken))).ToArray();
        var sent = 0;
        foreach (var registrationId in candidates)
        {
            if (await mediator.Send(new SendReminder.Command(registrationId), cancellationToken))
            {
                sent++;
            }
        }

        logger.LogInformation("Reminders: {Sent} sent of {Candidates} candidates", sent, candidates.Length);
    }
}
