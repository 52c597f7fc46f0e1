using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>The Dutch words the privacy request pages show for the codes of a person's records and of request records.</summary>
public static class PrivacyLabels
{
    /// <summary>What a person reads where a value was erased.</summary>
    public const string Erased = "(gewist)";

    public static string SignUpState(string status) => status switch
    {
        SignUpStatus.Confirmed => "Aangemeld",
        SignUpStatus.Waitlisted => "Op de wachtlijst",
        SignUpStatus.Cancelled => "Geannuleerd",
        _ => status,
    };

    public static string KitOrderState(string status) => KitOrderStatus.InDutch(status);

    /// <summary>An outbox row's state (<c>pending</c>, <c>sent</c>, <c>failed</c>).</summary>
    public static string EmailState(string status) => status switch
    {
        "pending" => "Wordt verstuurd",
        "sent" => "Verstuurd",
        "failed" => "Niet bezorgd",
        _ => status,
    };

    public static string Role(string role) => role switch
    {
        StaffRoles.Logistics => "Magazijn",
        StaffRoles.Admin => "Programmabureau",
        _ => role,
    };

    public static string Kind(string kind) => kind switch
    {
        PrivacyRequestKind.Access => "Inzage",
        PrivacyRequestKind.Erasure => "Wissen",
        PrivacyRequestKind.SignUpErasure => "Aanmelding gewist door de deelnemer",
        PrivacyRequestKind.ActivityErasure => "Activiteit gewist door de initiatiefnemer",
        _ => kind,
    };

    /// <summary>Who made a request: the staff member's name, or the person themself for self-service.</summary>
    public static string By(PrivacyRequestRecord record) => record switch
    {
        { RequestedByName: { } name } => name,
        { RequestedBy: null } => "De persoon zelf",
        _ => "Onbekende medewerker",
    };

    /// <summary>A count's name in <c>privacy_requests.counts</c> and <see cref="ErasureCounts"/>, in Dutch.</summary>
    public static string Count(string name) => name switch
    {
        "activities" => "Activiteiten als contactpersoon",
        "signUps" => "Aanmeldingen",
        "kitOrders" => "Kom-Erbij pakketten",
        "emails" => "E-mails",
        "staffAccounts" => "Medewerkersaccounts",
        "signUpsCancelled" => "Aanmeldingen geannuleerd",
        "signUpsErased" => "Aanmeldingen gewist",
        "activitiesCancelled" => "Activiteiten geannuleerd",
        "contactsErased" => "Contactgegevens van activiteiten gewist",
        "kitOrderAddressesErased" => "Bezorgadressen gewist",
        "kitOrdersKeptUntilDelivery" => "Bezorgadressen bewaard tot de bezorging",
        "emailsDeleted" => "E-mails verwijderd",
        "staffAccountsErased" => "Medewerkersaccounts gewist",
        "staffAccountsKept" => "Medewerkersaccounts niet gewist (niet ingetrokken)",
        _ => name,
    };

    /// <summary>The counts that are not zero, as "Aanmeldingen gewist: 2; E-mails verwijderd: 3"; "Niets" when all are zero.</summary>
    public static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(count => count.Value != 0).Select(count => $"{Count(count.Key)}: {count.Value}").ToArray() is { Length: > 0 } parts
            ? string.Join("; ", parts)
            : "Niets";
}
