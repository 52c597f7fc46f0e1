using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

/// <summary>
/// After the activity, asks its initiator once how many people came. The manage token is stored only as a
/// hash, so the e-mail cannot repeat the manage link: it carries a token of its own that can do this one
/// thing. Marking and queueing are one transaction and the mark is conditional: a second run sends nothing.
/// </summary>
public static class RequestAttendance
{
    /// <summary>The link in the e-mail: <see cref="AttendancePage"/> with the e-mail's own token.</summary>
    public static string PagePath(Guid activityId, string token) =>
        $"/beheer/activiteiten/{activityId}/opkomst?token={Uri.EscapeDataString(token)}";

    public sealed record Command(Guid ActivityId) : ICommand<bool>;

    private const string Mark = """
        UPDATE activities SET attendance_requested_at = @Now, attendance_token_hash = @TokenHash
        WHERE id = @Id AND attendance_requested_at IS NULL AND attended IS NULL AND status = 'published' AND ends_at <= @Now
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, AppOptions app, TimeProvider clock)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken);
            if (activity?.ContactEmail is null)
            {
                return false;
            }

            var token = Tokens.New();
            var marked = await session.ExecuteAsync(
                Mark, new { activity.Id, Now = clock.GetUtcNow(), TokenHash = Tokens.Hash(token) }, cancellationToken);
            if (marked == 0)
            {
                return false;
            }

            var link = app.Link(PagePath(activity.Id, token));
            await outbox.EnqueueAsync(new EmailComposer($"Hoeveel mensen kwamen er naar {activity.Title}?")
                .Paragraph($"Beste {activity.ContactName},")
                .Paragraph("Dank je wel voor je activiteit in de Week tegen Eenzaamheid! Wil je ons laten weten hoeveel mensen "
                    + "er kwamen? Met die aantallen laat het programma zien wat de Week betekent.")
                .Facts(ActivityEmails.Facts(activity.ToInput()))
                .Link("Geef het aantal bezoekers door", link)
                .Paragraph("Het kost je een halve minuut. Deel de link niet met anderen.")
                .To($"attendance-request:{activity.Id}", activity.ContactEmail, activity.ContactName), cancellationToken);
            return true;
        }
    }
}

/// <summary>
/// The recurring <c>attendance-requests</c> job: activities that ended in the last two weeks and have
/// neither been asked nor reported. (Older ones are left alone, so a first deployment asks no one about last year.)
/// </summary>
public sealed class AttendanceRequestJob(
    DbSession session, IMediator mediator, TimeProvider clock, ILogger<AttendanceRequestJob> logger)
{
    public static readonly TimeSpan AskWithin = TimeSpan.FromDays(14);

    private const string SelectEnded = """
        SELECT id FROM activities
        WHERE status = 'published' AND ends_at <= @Now AND ends_at > @Since
          AND attendance_requested_at IS NULL AND attended IS NULL
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ended = await session.QueryAsync<Guid>(SelectEnded, new { Now = now, Since = now - AskWithin }, cancellationToken);
        var asked = 0;
        foreach (var activityId in ended)
        {
            if (await mediator.Send(new RequestAttendance.Command(activityId), cancellationToken))
            {
                asked++;
            }
        }

        logger.LogInformation("Attendance requests: {Asked} initiators asked", asked);
    }
}
