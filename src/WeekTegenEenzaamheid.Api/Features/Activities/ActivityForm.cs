using System.Globalization;
using System.Text.Json;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The registration form of the pages in both directions: its fields to an <see cref="ActivityInput"/> (a day and two
/// Amsterdam clock times become instants), an activity back to its fields, and the rules' failures in Dutch.
/// </summary>
public static class ActivityForm
{
    /// <summary>The online switch sets this type; the type list leaves it out.</summary>
    public const string OnlineType = "online";

    /// <summary>The API's field paths to the form's fields, with the Dutch message a person sees.</summary>
    public static readonly IReadOnlyDictionary<string, (string Field, string Message)> Errors = new Dictionary<string, (string, string)>
    {
        ["year"] = ("datum", "Kies een dag in de Week tegen Eenzaamheid; aanmelden voor deze Week is nu niet mogelijk."),
        ["title"] = ("titel", "Vul een titel in van 3 tot 120 tekens."),
        ["description"] = ("omschrijving", "Maak de omschrijving korter: hoogstens 4000 tekens."),
        ["type"] = ("soort", "Kies een soort activiteit."),
        ["targetGroups"] = ("doelgroepen", "Kies voor wie de activiteit is."),
        ["startsAt"] = ("datum", "Kies een dag en begintijd in de Week tegen Eenzaamheid."),
        ["endsAt"] = ("eindtijd", "Kies een eindtijd na de begintijd, op een dag in de Week."),
        ["expectedParticipants"] = ("verwacht", "Vul het verwachte aantal deelnemers in: 1 tot 10.000."),
        ["capacity"] = ("capaciteit", "Vul een maximum aantal deelnemers in van 1 tot 10.000, of laat het leeg."),
        ["accessibilityNotes"] = ("toegankelijkheid", "Maak de toelichting over toegankelijkheid korter: hoogstens 1000 tekens."),
        ["location"] = ("gemeente", "Kies een gemeente."),
        ["location.municipalityCode"] = ("gemeente", "Kies een gemeente uit de lijst."),
        ["location.onlineUrl"] = ("link", "Vul de link naar de online activiteit in; die begint met https://."),
        ["location.venueName"] = ("locatie", "Vul de naam van de locatie in."),
        ["location.street"] = ("straat", "Vul de straat in."),
        ["location.houseNumber"] = ("huisnummer", "Vul een huisnummer in, eventueel met toevoeging, bijvoorbeeld 12a."),
        ["location.postcode"] = ("postcode", "Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."),
        ["location.city"] = ("plaats", "Vul de plaats in."),
        ["organiser"] = ("contactnaam", "Vul de gegevens van de contactpersoon in."),
        ["organiser.organisationName"] = ("organisatie", "Maak de naam van de organisatie korter: hoogstens 200 tekens."),
        ["organiser.contactName"] = ("contactnaam", "Vul de naam van de contactpersoon in."),
        ["organiser.contactEmail"] = ("contactemail", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        ["organiser.phone"] = ("telefoon", "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678."),
    };

    /// <summary>The input the form describes, or null with errors on <paramref name="form"/> for what cannot be read at all.</summary>
    public static T? ToInput<T>(FormState form)
        where T : ActivityInput, new()
    {
        string? Text(string name) => form.Value(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;
        bool Checked(string name) => form.Value(name) is "true" or "on";
        int? Number(string name, string apiField)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture,
                out var number))
            {
                return number;
            }

            form.AddError(name, Errors[apiField].Message);
            return null;
        }

        DateOnly? day = null;
        if (Text("datum") is { } dayText)
        {
            if (DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay))
            {
                day = parsedDay;
            }
            else
            {
                form.AddError("datum", "Vul een datum in, bijvoorbeeld 2027-10-01.");
            }
        }
        else
        {
            form.AddError("datum", "Vul de datum in.");
        }

        TimeOnly? Clock(string name, string missing)
        {
            if (Text(name) is not { } text)
            {
                form.AddError(name, missing);
                return null;
            }

            if (AmsterdamTime.TryParseTimeField(text, out var time))
            {
                return time;
            }

            form.AddError(name, "Vul een tijd in als uu:mm, bijvoorbeeld 14:30.");
            return null;
        }

        var start = Clock("begintijd", "Vul de begintijd in.");
        var end = Clock("eindtijd", "Vul de eindtijd in.");
        var expected = Number("verwacht", "expectedParticipants");
        var capacity = Number("capaciteit", "capacity");
        if (form.HasErrors)
        {
            return null;
        }

        var online = Checked("online");
        var signUps = Checked("aanmelden");
        return new T
        {
            Year = day!.Value.Year,
            Title = Text("titel"),
            Description = Text("omschrijving"),
            Type = online ? OnlineType : Text("soort"),
            TargetGroups = form.Values("doelgroepen"),
            StartsAt = AmsterdamTime.Local(day.Value.ToDateTime(start!.Value)),
            EndsAt = AmsterdamTime.Local(day.Value.ToDateTime(end!.Value)),
            ExpectedParticipants = expected,
            Capacity = signUps ? capacity : null,
            SignUpRequired = signUps,
            Free = Checked("gratis"),
            WheelchairAccessible = Checked("rolstoel"),
            AccessibilityNotes = Text("toegankelijkheid"),
            Location = new LocationInput
            {
                VenueName = online ? null : Text("locatie"),
                Street = online ? null : Text("straat"),
                HouseNumber = online ? null : Text("huisnummer"),
                Postcode = online ? null : Text("postcode"),
                City = online ? null : Text("plaats"),
                MunicipalityCode = Text("gemeente"),
                OnlineUrl = online ? Text("link") : null,
            },
            Organiser = new OrganiserInput
            {
                OrganisationName = Text("organisatie"),
                ContactName = Text("contactnaam"),
                ContactEmail = Text("contactemail"),
                Phone = Text("telefoon"),
            },
        };
    }

    /// <summary>The form filled in with an activity as it is stored.</summary>
    public static FormState From(ManagedActivity activity)
    {
        var start = AmsterdamTime.ToLocal(activity.StartsAt);
        var online = activity.Type == OnlineType;
        return new FormState()
            .Set("titel", activity.Title)
            .Set("omschrijving", activity.Description)
            .Set("soort", online ? null : activity.Type)
            .Set("doelgroepen", string.Join(',', activity.TargetGroups))
            .Set("gratis", activity.Free ? "true" : null)
            .Set("rolstoel", activity.WheelchairAccessible ? "true" : null)
            .Set("toegankelijkheid", activity.AccessibilityNotes)
            .Set("datum", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Set("begintijd", AmsterdamTime.TimeField(activity.StartsAt))
            .Set("eindtijd", AmsterdamTime.TimeField(activity.EndsAt))
            .Set("verwacht", activity.ExpectedParticipants.ToString(CultureInfo.InvariantCulture))
            .Set("aanmelden", activity.SignUpRequired ? "true" : null)
            .Set("capaciteit", activity.Capacity?.ToString(CultureInfo.InvariantCulture))
            .Set("online", online ? "true" : null)
            .Set("link", activity.Location.OnlineUrl)
            .Set("locatie", activity.Location.VenueName)
            .Set("straat", activity.Location.Street)
            .Set("huisnummer", activity.Location.HouseNumber)
            .Set("postcode", activity.Location.Postcode)
            .Set("plaats", activity.Location.City)
            .Set("gemeente", activity.Location.MunicipalityCode)
            .Set("organisatie", activity.Organiser.OrganisationName)
            .Set("contactnaam", activity.Organiser.ContactName)
            .Set("contactemail", activity.Organiser.ContactEmail)
            .Set("telefoon", activity.Organiser.Phone);
    }

    /// <summary>
    /// The change form as a merge patch: every field the form shows, nulls included (an emptied field is cleared);
    /// the year stays as it is, since the form changes the day, not the edition.
    /// </summary>
    public static JsonElement ToPatch(ActivityInput input, JsonSerializerOptions json)
    {
        var patch = JsonSerializer.SerializeToNode(input, json)!.AsObject();
        patch.Remove("year");
        return JsonSerializer.SerializeToElement(patch, json);
    }

    /// <summary>Whether the change moves the activity in time or place: participants will be told.</summary>
    public static bool MovesTimeOrPlace(ManagedActivity before, ActivityInput after)
    {
        var place = after.Location ?? new LocationInput();
        var afterPlace = new LocationView(
            place.VenueName,
            place.Street,
            place.HouseNumber,
            ActivityRules.NormalisePostcode(place.Postcode) ?? place.Postcode,
            place.City,
            place.MunicipalityCode ?? string.Empty,
            place.OnlineUrl);
        return before.StartsAt != after.StartsAt || before.EndsAt != after.EndsAt
            || before.Location.Describe(before.Type) != afterPlace.Describe(after.Type ?? string.Empty);
    }
}
