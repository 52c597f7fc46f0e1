using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>The e-mails to an activity's contact, in Dutch.</summary>
public sealed class ActivityEmails(AppOptions app)
{
    /// <summary>What the idempotency key of every verification e-mail starts with; the per-recipient limit counts these.</summary>
    public const string VerificationKind = "activity-verification:";

    public static string ManagePath(Guid id, string manageToken) => $"/beheer/activiteiten/{id}?token={Uri.EscapeDataString(manageToken)}";

    public OutgoingEmail Verification(Guid id, ActivityInput activity, string manageToken)
    {
        var organiser = activity.Organiser!;
        return new EmailComposer($"Bevestig je activiteit: {activity.Title!.Trim()}")
            .Paragraph($"Beste {organiser.ContactName!.Trim()},")
            .Paragraph("Dank je wel voor het aanmelden van je activiteit voor de Week tegen Eenzaamheid. Bevestig je aanmelding via de " +
                "link hieronder; pas daarna verschijnt de activiteit in de activiteitenkalender.")
            .Facts(Facts(activity))
            .Link("Bevestig en beheer je activiteit", app.Link(ManagePath(id, manageToken)))
            .Paragraph("Bewaar deze e-mail: met deze link kun je de activiteit later wijzigen of annuleren en een Kom-Erbij pakket " +
                "bestellen. Deel de link niet met anderen.\nBevestig je de aanmelding niet binnen 72 uur, dan vervalt ze.")
            .Paragraph(NotRequested)
            .To($"{VerificationKind}{id}", organiser.ContactEmail!.Trim(), organiser.ContactName!.Trim());
    }

    // Matches what the service does: an unconfirmed registration is never published and lapses after 72 hours.
    private const string NotRequested =
        "Heb je dit niet aangevraagd? Dan hoef je niets te doen: zonder bevestiging wordt de activiteit niet gepubliceerd "
        + "en vervalt de aanmelding na 72 uur.";

    public OutgoingEmail Rejected(ActivityRow activity, string reason) =>
        new EmailComposer($"Je activiteit is niet geplaatst: {activity.Title}")
            .Paragraph($"Beste {activity.ContactName},")
            .Paragraph(activity.Status == ActivityStatus.Published
                ? $"Je activiteit \"{activity.Title}\" is door het programmabureau uit de activiteitenkalender gehaald. "
                    + "Wie zich had aangemeld, krijgt daarvan bericht."
                : $"Je activiteit \"{activity.Title}\" is door het programmabureau niet in de activiteitenkalender geplaatst.")
            .Paragraph($"Reden: {reason}")
            .Paragraph("Denk je dat dit een vergissing is? Beantwoord dan deze e-mail.")
            .To($"activity-rejected:{activity.Id}", activity.ContactEmail!, activity.ContactName);

    public static IEnumerable<(string, string?)> Facts(ActivityInput activity)
    {
        var location = activity.Location!;
        yield return ("Activiteit", activity.Title!.Trim());
        yield return ("Wanneer", AmsterdamTime.Span(activity.StartsAt!.Value, activity.EndsAt!.Value));
        yield return ("Waar", new LocationView(location.VenueName, location.Street, location.HouseNumber,
            ActivityRules.NormalisePostcode(location.Postcode),
            location.City, location.MunicipalityCode ?? string.Empty, location.OnlineUrl).Describe(activity.Type!));
    }
}
