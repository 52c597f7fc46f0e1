using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The e-mails to a participant, in Dutch, queued in the caller's transaction. Each carries a cancel link
/// with a token of its own (<see cref="SignUpStore.IssueTokenAsync"/>); each idempotency key names
/// its cause, so one event never queues a second e-mail.
/// </summary>
public sealed class ParticipantEmails(DbSession session, Outbox outbox, AppOptions app, ActivityCalendar calendar, TimeProvider clock)
{
    public static string CancelPath(Guid signUpId, string cancelToken) =>
        $"/aanmeldingen/{signUpId}/annuleren?token={Uri.EscapeDataString(cancelToken)}";

    public Task ConfirmedAsync(ActivityRow activity, SignUpRow signUp, CancellationToken cancellationToken) =>
        SendAsync($"signup-confirmed:{signUp.Id}", signUp, new EmailComposer($"Je bent aangemeld: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph(Seats(signUp, "Je aanmelding is bevestigd. We zien je graag bij deze activiteit van de Week tegen Eenzaamheid."))
            .Facts(Facts(activity, signUp))
            .Paragraph("In de bijlage vind je de activiteit voor je agenda.")
            .Attach(calendar.Attachment(activity)), cancellationToken);

    public Task WaitlistedAsync(ActivityRow activity, SignUpRow signUp, int position, CancellationToken cancellationToken) =>
        SendAsync($"signup-waitlisted:{signUp.Id}", signUp, new EmailComposer($"Je staat op de wachtlijst: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph($"De activiteit is vol. Je staat op de wachtlijst, op plaats {position}. "
                + $"Komt er een plek vrij voor {PartyText(signUp)}, dan schuif je vanzelf door en krijg je meteen een e-mail.")
            .Facts(Facts(activity, signUp)), cancellationToken);

    public Task PromotedAsync(ActivityRow activity, SignUpRow signUp, CancellationToken cancellationToken) =>
        SendAsync($"signup-promoted:{signUp.Id}", signUp, new EmailComposer($"Er is plek: je bent aangemeld voor {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph(Seats(signUp,
                "Goed nieuws: er is een plek vrijgekomen. Je stond op de wachtlijst en je aanmelding is nu bevestigd."))
            .Facts(Facts(activity, signUp))
            .Paragraph("Kun je toch niet? Annuleer dan via de link hieronder, zodat iemand anders je plek krijgt.")
            .Attach(calendar.Attachment(activity)), cancellationToken);

    public Task ReminderAsync(ActivityRow activity, SignUpRow signUp, CancellationToken cancellationToken) =>
        SendAsync($"reminder:{signUp.Id}", signUp, new EmailComposer($"Herinnering: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph("Binnenkort is het zover: je bent aangemeld voor deze activiteit van de Week tegen Eenzaamheid.")
            .Facts(Facts(activity, signUp))
            .Paragraph("Kun je toch niet? Annuleer dan via de link hieronder, zodat iemand anders je plek krijgt."), cancellationToken);

    /// <param name="burst">The number of the burst of edits this e-mail announces (its idempotency key); the calendar
    /// carries the activity's stored sequence, as the public file does.</param>
    public Task ChangedAsync(ActivityRow activity, SignUpRow signUp, int burst, CancellationToken cancellationToken) =>
        SendAsync($"activity-changed:{signUp.Id}:{burst}", signUp, new EmailComposer($"Gewijzigd: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph("De tijd of de plaats van een activiteit waarvoor je bent aangemeld, is gewijzigd. Dit zijn de gegevens nu:")
            .Facts(Facts(activity, signUp))
            .Paragraph("In de bijlage vind je de bijgewerkte activiteit voor je agenda. "
                + "Past het je niet meer? Annuleer dan via de link hieronder.")
            .Attach(calendar.Attachment(activity)), cancellationToken);

    /// <param name="activity">As stored after the cancellation or rejection: its calendar goes as a CANCEL of the entry.</param>
    public Task ActivityCancelledAsync(ActivityRow activity, SignUpRow signUp, CancellationToken cancellationToken) =>
        SendAsync($"activity-cancelled:{signUp.Id}", signUp, new EmailComposer($"Gaat niet door: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph("Helaas: deze activiteit waarvoor je je had aangemeld, gaat niet door. Je hoeft niets te doen.")
            .Facts(Facts(activity, signUp))
            .Paragraph("In de bijlage vind je de afzegging voor je agenda: daarmee verdwijnt de activiteit uit je agenda.")
            .Paragraph("Kijk in de activiteitenkalender van de Week tegen Eenzaamheid voor andere activiteiten bij jou in de buurt.")
            .Attach(calendar.Attachment(activity)), cancellationToken, "Aanmelding bekijken");

    /// <summary>The participant cancelled: what is cancelled, and that nothing more is needed. No link: nothing is left to do.</summary>
    public Task SignUpCancelledAsync(ActivityRow activity, SignUpRow signUp, CancellationToken cancellationToken) =>
        SendAsync($"signup-cancelled:{signUp.Id}", signUp, new EmailComposer($"Afgemeld: {activity.Title}")
            .Paragraph($"Beste {signUp.Name},")
            .Paragraph(signUp.Status == SignUpStatus.Waitlisted
                ? "Je hebt je afgemeld: je staat niet meer op de wachtlijst voor deze activiteit. Je hoeft niets meer te doen."
                : "Je hebt je afgemeld voor deze activiteit. Je plaats komt vrij voor een ander. Je hoeft niets meer te doen.")
            .Facts(ActivityEmails.Facts(activity.ToInput()).Append(("Afgemeld voor", PartyText(signUp))))
            .Paragraph("Toch weer zin om te komen? Meld je dan opnieuw aan via de activiteitenkalender, zolang er plaats is."),
            cancellationToken,
            linkLabel: null);

    /// <param name="linkLabel">The label of the link to the sign-up (with a fresh token); null for no link.</param>
    private async Task SendAsync(
        string idempotencyKey,
        SignUpRow signUp,
        EmailComposer email,
        CancellationToken cancellationToken,
        string? linkLabel = "Aanmelding bekijken of annuleren")
    {
        if (signUp.Email is null)
        {
            return;
        }

        email.Link("Activiteit bekijken", app.Link(ActivityPages.PublicPath(signUp.ActivityId)));
        if (linkLabel is not null)
        {
            var token = await SignUpStore.IssueTokenAsync(session, signUp.Id, clock.GetUtcNow(), cancellationToken);
            email.Link(linkLabel, app.Link(CancelPath(signUp.Id, token)));
        }

        await outbox.EnqueueAsync(email.To(idempotencyKey, signUp.Email, signUp.Name), cancellationToken);
    }

    // A waitlisted party is not signed up yet: "Aangemeld" would tell it that it has a seat.
    private static IEnumerable<(string, string?)> Facts(ActivityRow activity, SignUpRow signUp) =>
        ActivityEmails.Facts(activity.ToInput()).Append(signUp.Status == SignUpStatus.Waitlisted
            ? ("Op de wachtlijst voor", PartyText(signUp))
            : ("Aangemeld", PartyText(signUp)));

    private static string Seats(SignUpRow signUp, string text) => signUp.PartySize == 1
        ? text
        : $"{text} Er zijn {signUp.PartySize} plaatsen voor je gereserveerd.";

    private static string PartyText(SignUpRow signUp) =>
        signUp.PartySize == 1 ? "1 persoon" : $"{signUp.PartySize} personen";
}
