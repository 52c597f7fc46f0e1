using System.Text.Json.Nodes;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Valid registration bodies, as JSON a test can bend field by field.</summary>
public static class ActivityBodies
{
    public static string UniqueEmail(string prefix = "initiator") => $"{prefix}-{Guid.NewGuid():N}@example.nl";

    public static JsonObject Valid(
        TestEdition edition, string? contactEmail = null, int day = 1, string municipalityCode = "GM0995") => new()
    {
        ["year"] = edition.Year,
        ["title"] = "Soep & praat",
        ["description"] = "Samen soep eten en praten.",
        ["type"] = "meal",
        ["targetGroups"] = new JsonArray("elderly", "everyone"),
        ["startsAt"] = edition.At(day, 14).ToString("O"),
        ["endsAt"] = edition.At(day, 16).ToString("O"),
        ["expectedParticipants"] = 40,
        ["capacity"] = 30,
        ["signUpRequired"] = true,
        ["free"] = true,
        ["wheelchairAccessible"] = true,
        ["accessibilityNotes"] = null,
        ["location"] = new JsonObject
        {
            ["venueName"] = "Buurthuis De Linde",
            ["street"] = "Lindelaan",
            ["houseNumber"] = "12a",
            ["postcode"] = "1234ab",
            ["city"] = "Lelystad",
            ["municipalityCode"] = municipalityCode,
            ["onlineUrl"] = null,
        },
        ["organiser"] = new JsonObject
        {
            ["organisationName"] = null,
            ["contactName"] = "Fatima Yilmaz",
            ["contactEmail"] = contactEmail ?? UniqueEmail(),
            ["phone"] = null,
        },
    };
}
