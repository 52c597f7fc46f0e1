using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class InitiatorPagesTests(AppFixture fixture)
{
    private Dictionary<string, string> Registration(string email) => new()
    {
        ["Titel"] = "Breicafé De Steek",
        ["Omschrijving"] = "Samen breien en koffie drinken.",
        ["Soort activiteit"] = "creative",
        ["Datum"] = fixture.Edition.StartsOn.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Begintijd"] = "10:00",
        ["Eindtijd"] = "12:00",
        ["Verwacht aantal deelnemers"] = "12",
        ["Maximum aantal deelnemers"] = "15",
        ["Naam van de locatie"] = "Bibliotheek Centrum",
        ["Straat"] = "Stationsplein",
        ["Huisnummer"] = "3",
        ["Postcode"] = "8232 AB",
        ["Plaats"] = "Lelystad",
        ["Gemeente"] = "GM0995",
        ["Naam contactpersoon"] = "Els Bakker",
        ["E-mailadres contactpersoon"] = email,
        ["Iedereen"] = "true",
    };

    [Fact]
    public async Task Register_ThroughTheForm_SaysToCheckTheEmail_AndTheLinkOpensTheManagePage()
    {
        var email = ActivityBodies.UniqueEmail("pagina");
        var form = await PageClient.GetAsync(fixture.Public, "/activiteit-aanmelden");
        form.Heading().ShouldBe("Activiteit aanmelden");
        form.QuerySelectorAll("fieldset legend").Select(l => l.Text())
            .ShouldBe(["De activiteit", "Voor wie is de activiteit?", "Wanneer", "Waar", "Wie organiseert"]);
        form.Field("Dit is een online activiteit").GetAttribute("type").ShouldBe("checkbox");
        form.Field("Gemeente").QuerySelectorAll("option").Any(o => o.TextContent == "Lelystad").ShouldBeTrue();

        var response = await PageClient.SubmitAsync(fixture.Public, form, "Activiteit aanmelden", Registration(email));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await PageClient.ParseAsync(response)).Heading().ShouldBe("Controleer je e-mail");
        var (id, token) = ActivityFlow.ManageLink((await fixture.Smtp.WaitForAsync(email)).Single());
        var manage = await PageClient.GetAsync(fixture.Public, $"/beheer/activiteiten/{id}?token={Uri.EscapeDataString(token)}");
        manage.Url.ShouldNotContain("token", Case.Insensitive);
        manage.Heading().ShouldBe("Breicafé De Steek");

        var confirmed = await PageClient.ParseAsync(await PageClient.SubmitAsync(fixture.Public, manage, "Bevestig mijn activiteit"));

        confirmed.QuerySelector("[role=status]")!.TextContent.ShouldContain("je activiteit is bevestigd");
        confirmed.QuerySelectorAll("h2").Select(h => h.Text())
            .ShouldBe(["Gegevens wijzigen", "Aanmeldingen", "Kom-Erbij pakket", "Activiteit annuleren"]);
        var published = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{id}");
        published.Heading().ShouldBe("Breicafé De Steek");
        published.QuerySelector("main")!.TextContent.ShouldContain("creatief", Case.Insensitive);
    }

    [Fact]
    public async Task Register_WithErrors_ShowsDutchMessages_AndKeepsWhatWasTyped()
    {
        var form = await PageClient.GetAsync(fixture.Public, "/activiteit-aanmelden");
        var fields = Registration("geen-adres");
        fields["Postcode"] = "12";

        var response = await PageClient.SubmitAsync(fixture.Public, form, "Activiteit aanmelden", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(response);
        again.FieldError("Postcode").ShouldBe("Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.");
        again.FieldError("E-mailadres contactpersoon").ShouldBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        again.SummaryErrors().ShouldContain("Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.");
        again.Field("Titel").GetAttribute("value").ShouldBe("Breicafé De Steek");
        again.Field("Postcode").GetAttribute("value").ShouldBe("12");
        again.Field("Gemeente").QuerySelector("option[selected]")!.TextContent.ShouldBe("Lelystad");
    }

    [Fact]
    public async Task ManagePage_WithoutTokenOrCookie_SaysTheLinkIsNotValid()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var page = await PageClient.GetAsync(fixture.App.CreateClient(), $"/beheer/activiteiten/{activity.Id}", HttpStatusCode.NotFound);

        page.Heading().ShouldBe("Link niet geldig");
    }

    [Fact]
    public async Task ChangeTime_SaysParticipantsWillBeTold()
    {
        var (client, activity, page) = await ManageAsync();

        var response = await PageClient.SubmitAsync(client, page, "Wijzigingen opslaan", new Dictionary<string,
            string> { ["Begintijd"] = "13:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var changed = await PageClient.ParseAsync(response);
        changed.QuerySelector("[role=status]")!.TextContent.ShouldContain("De deelnemers krijgen een e-mail");
        changed.Field("Begintijd").GetAttribute("value").ShouldBe("13:00");
        (await SignUpFlow.ManagedAsync(fixture, activity))["startsAt"]!.GetValue<string>().ShouldContain("T13:00:00");
    }

    [Fact]
    public async Task Change_WithAnEmptyTitle_ShowsTheDutchErrorInTheChangeForm()
    {
        var (client, _, page) = await ManageAsync();

        var response = await PageClient.SubmitAsync(client, page, "Wijzigingen opslaan", new Dictionary<string, string> { ["Titel"] = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(response);
        again.FieldError("Titel").ShouldBe("Vul een titel in van 3 tot 120 tekens.");
        again.SummaryErrors().ShouldBe(["Vul een titel in van 3 tot 120 tekens."]);
    }

    [Fact]
    public async Task SignUps_AreListed_WithACsvAndAPrintView()
    {
        var (client, activity, _) = await ManageAsync();
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2, name: "Karin Smit");

        var page = await PageClient.GetAsync(client, $"/beheer/activiteiten/{activity.Id}");

        page.QuerySelector("table")!.TextContent.ShouldContain("Karin Smit");
        var csv = await client.GetAsync(page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("CSV")).GetAttribute("href"));
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain("Karin Smit");
        var print = await PageClient.GetAsync(client,
            page.QuerySelectorAll("a").Single(a => a.Text() == "Lijst om af te drukken").GetAttribute("href")!);
        print.QuerySelector("th")!.TextContent.ShouldBe("Aanwezig");
        print.QuerySelector("tbody")!.TextContent.ShouldContain("Karin Smit");
    }

    [Fact]
    public async Task OrderKit_ThroughTheForm_ShowsItsStatusAndHistory()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5, maxPerOrder: 3);
        var (client, _, page) = await ManageAsync();
        var label = page.QuerySelectorAll("label").Single(l => l.GetAttribute("for") == $"veld-aantal-{sku}").Text();

        var response = await PageClient.SubmitAsync(client, page, "Pakket bestellen", new Dictionary<string, string> { [label] = "2" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var ordered = await PageClient.ParseAsync(response);
        ordered.QuerySelector("[role=status]")!.TextContent.ShouldContain("Je Kom-Erbij pakket is besteld");
        var kit = ordered.GetElementById("pakket")!.ParentElement!;
        kit.TextContent.ShouldContain("Geschiedenis");
        kit.TextContent.ShouldContain("Ontvangen");
        ordered.QuerySelectorAll("form").Any(f => f.TextContent.Contains("Pakket bestellen")).ShouldBeFalse();
    }

    [Fact]
    public async Task OrderKit_TooMany_ShowsTheDutchError()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5, maxPerOrder: 3);
        var (client, _, page) = await ManageAsync();
        var label = page.QuerySelectorAll("label").Single(l => l.GetAttribute("for") == $"veld-aantal-{sku}").Text();

        var response = await PageClient.SubmitAsync(client, page, "Pakket bestellen", new Dictionary<string, string> { [label] = "9" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(response)).FieldError(label).ShouldBe("Vul een aantal in van 0 tot en met 3.");
    }

    [Fact]
    public async Task Cancel_AsksFirst_ThenCancels()
    {
        var (client, activity, page) = await ManageAsync();
        var ask = await PageClient.GetAsync(client,
            page.QuerySelectorAll("a").Single(a => a.Text() == "Activiteit annuleren").GetAttribute("href")!);
        ask.QuerySelector("main")!.TextContent.ShouldContain("Kom-Erbij pakket");
        (await SignUpFlow.ManagedAsync(fixture, activity))["status"]!.GetValue<string>().ShouldBe("published");

        var response = await PageClient.SubmitAsync(client, ask, "Ja, annuleer de activiteit");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).QuerySelector("[role=status]")!.TextContent.ShouldContain("geannuleerd");
        (await SignUpFlow.ManagedAsync(fixture, activity))["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    private async Task<(HttpClient Client, RegisteredActivity Activity, IDocument Page)> ManageAsync()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var client = fixture.App.CreateClient();
        var page = await PageClient.GetAsync(client,
            $"/beheer/activiteiten/{activity.Id}?token={Uri.EscapeDataString(activity.ManageToken)}");
        return (client, activity, page);
    }
}
