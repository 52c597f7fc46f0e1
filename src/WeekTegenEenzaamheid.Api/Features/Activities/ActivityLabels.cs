using System.Globalization;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The Dutch words pages and the report CSV show for the API's codes, and how pages write a day; instants go through
/// <see cref="AmsterdamTime"/>.
/// </summary>
public static class ActivityLabels
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static IEnumerable<KeyValuePair<string, string>> Types => ActivityRules.Types.Select(t => KeyValuePair.Create(t, Type(t)));

    public static IEnumerable<KeyValuePair<string, string>> TargetGroupOptions =>
        ActivityRules.TargetGroups.Select(g => KeyValuePair.Create(g, TargetGroup(g)));

    public static string Type(string type) => type switch
    {
        "meetup" => "Ontmoeting",
        "meal" => "Maaltijd",
        "walk" => "Wandeling",
        "sport" => "Sport en bewegen",
        "creative" => "Creatief",
        "culture" => "Cultuur",
        "workshop" => "Workshop",
        "information" => "Informatie",
        "online" => "Online",
        "other" => "Overig",
        _ => type,
    };

    public static string TargetGroup(string group) => group switch
    {
        "everyone" => "Iedereen",
        "elderly" => "Ouderen",
        "youth" => "Jongeren",
        "children" => "Kinderen",
        "caregivers" => "Mantelzorgers",
        "migrants" => "Migranten",
        "lgbtiq" => "LHBTIQ+",
        "disability" => "Mensen met een beperking",
        "lowIncome" => "Mensen met een laag inkomen",
        _ => group,
    };

    public static string Status(string status) => status switch
    {
        ActivityStatus.PendingVerification => "Wacht op je bevestiging",
        ActivityStatus.Published => "Gepubliceerd",
        ActivityStatus.Cancelled => "Geannuleerd",
        ActivityStatus.Rejected => "Niet geplaatst",
        _ => status,
    };

    public static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", Dutch);

    /// <summary>"Vol", "Nog 3 plaatsen", or "Vrij toegankelijk" when the activity takes no sign-ups.</summary>
    public static string Places(PublicActivity activity) => activity switch
    {
        { SignUpRequired: false } => "Aanmelden niet nodig",
        { SeatsLeft: 0 } => "Vol",
        { SeatsLeft: 1 } => "Nog 1 plaats",
        { SeatsLeft: { } left } => $"Nog {left} plaatsen",
        _ => "Aanmelden nodig",
    };
}
