using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The e-mails to a participant, in Dutch, queued in the caller's transaction. Each carries a cancel link
/// with a token of its own (<see cref="RegistrationStore.IssueTokenAsync"/>); each idempotency key names
/// its cause, so one event never queues a second e-mail.
/// </summary>
public sealed class ParticipantEmails(DbSession session, Outbox outbox, AppOptions app, ActivityCalendar calendar, TimeProvider clock)
{
    public static string CancelPath(Guid registrationId, string cancelToken) =>
        $"/aanmeldingen/{registrationId}/annuleren?token={Uri.EscapeDataString(cancelToken)}";

    public Task ConfirmedAsync(ActivityRow activity, RegistrationRow registration, CancellationToken cancellationToken) =>
        SendAsync($"signup-confirmed:{registration.Id}", registration, new EmailComposer($"Je bent aangemeld: {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph(Seats(registration, "Je aanmelding is bevestigd. We zien je graag bij deze activiteit van de Week tegen Eenzaamheid."))
            .Facts(Facts(activity, registration))
            .Paragraph("In de bijlage vind je de activiteit voor je agenda.")
            .Attach(calendar.Attachment(activity)), cancellationToken);

    public Task WaitlistedAsync(ActivityRow activity, RegistrationRow registration, int position, CancellationToken cancellationToken) =>
        SendAsync($"signup-waitlisted:{registration.Id}", registration, new EmailComposer($"Je staat op de wachtlijst: {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph($"De activiteit is vol. Je staat op de wachtlijst, op plaats {position}. Komt er een plek vrij voor {PartyText(registration)}, dan schuif je vanzelf door en krijg je meteen een e-mail.")
            .Facts(Facts(activity, registration)), cancellationToken);

    public Task PromotedAsync(ActivityRow activity, RegistrationRow registration, CancellationToken cancellationToken) =>
        SendAsync($"signup-promoted:{registration.Id}", registration, new EmailComposer($"Er is plek: je bent aangemeld voor {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph(Seats(registration, "Goed nieuws: er is een plek vrijgekomen. Je stond op de wachtlijst en je aanmelding is nu bevestigd."))
            .Facts(Facts(activity, registration))
            .Paragraph("Kun je toch niet? Annuleer dan via de link hieronder, zodat iemand anders je plek krijgt.")
            .Attach(calendar.Attachment(activity)), cancellationToken);

    public Task ReminderAsync(ActivityRow activity, RegistrationRow registration, CancellationToken cancellationToken) =>
        SendAsync($"reminder:{registration.Id}", registration, new EmailComposer($"Herinnering: {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph("Binnenkort is het zover: je bent aangemeld voor deze activiteit van de Week tegen Eenzaamheid.")
            .Facts(Facts(activity, registration))
            .Paragraph("Kun je toch niet? Annuleer dan via de link hieronder, zodat iemand anders je plek krijgt."), cancellationToken);

    /// <param name="burst">The number of the burst of edits this e-mail announces; also the calendar's SEQUENCE.</param>
    public Task ChangedAsync(ActivityRow activity, RegistrationRow registration, int burst, CancellationToken cancellationToken) =>
        SendAsync($"activity-changed:{registration.Id}:{burst}", registration, new EmailComposer($"Gewijzigd: {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph("De tijd of de plaats van een activiteit waarvoor je bent aangemeld, is gewijzigd. Dit zijn de gegevens nu:")
            .Facts(Facts(activity, registration))
            .Paragraph("In de bijlage vind je de bijgewerkte activiteit voor je agenda. Past het je niet meer? Annuleer dan via de link hieronder.")
            .Attach(calendar.Attachment(activity, burst)), cancellationToken);

    public Task ActivityCancelledAsync(ActivityRow activity, RegistrationRow registration, CancellationToken cancellationToken) =>
        SendAsync($"activity-cancelled:{registration.Id}", registration, new EmailComposer($"Gaat niet door: {activity.Title}")
            .Paragraph($"Beste {registration.Name},")
            .Paragraph("Helaas: deze activiteit waarvoor je je had aangemeld, gaat niet door. Je hoeft niets te doen.")
            .Facts(Facts(activity, registration))
            .Paragraph("Kijk in de activiteitenkalender van de Week tegen Eenzaamheid voor andere activiteiten bij jou in de buurt."), cancellationToken);

    private async Task SendAsync(string idempotencyKey, RegistrationRow registration, EmailComposer email, CancellationToken cancellationToken)
    {
        if (registration.Email is null)
        {
            return;
        }

        var token = await RegistrationStore.IssueTokenAsync(session, registration.Id, clock.GetUtcNow(), cancellationToken);
        var composed = email
            .Link("Activiteit bekijken", app.Link(ActivityPages.PublicPath(registration.ActivityId)))
            .Link("Aanmelding bekijken of annuleren", app.Link(CancelPath(registration.Id, token)))
            .To(idempotencyKey, registration.Email, registration.Name);
        await outbox.EnqueueAsync(composed, cancellationToken);
    }

    private static IEnumerable<(string, string?)> Facts(ActivityRow activity, RegistrationRow registration) =>
        ActivityEmails.Facts(activity.ToInput()).Append(("Aangemeld", PartyText(registration)));

    private static string Seats(RegistrationRow registration, string text) => registration.PartySize == 1
        ? text
        : $"{text} Er zijn {registration.PartySize} plaatsen voor je gereserveerd.";

    private static string PartyText(RegistrationRow registration) =>
        registration.PartySize == 1 ? "1 persoon" : $"{registration.PartySize} personen";
}
