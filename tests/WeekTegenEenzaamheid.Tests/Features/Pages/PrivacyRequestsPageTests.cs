using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Features.Privacy;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

/// <summary>Issue 14: the programme office's page /programmabureau/privacyverzoeken (access, answer, erasure).</summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyRequestsPageTests(AppFixture fixture)
{
    private const string Path = "/programmabureau/privacyverzoeken";

    /// <summary>An edition only the erasure test fills, so its report holds only what that test made.</summary>
    private const int ReportYear = 2087;

    [Fact]
    public async Task Search_ShowsEveryKindOfRecord_AndNothingOfASimilarAddress_RecordedWithTheSessionsStaffId()
    {
        var (_, address) = await fixture.App.CreateMemberAsync("logistics", "Vera Vindbaar");
        var similar = address.Replace("@", ".de@", StringComparison.Ordinal);
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var mine = await PublishAsync(fixture.Edition, address.ToUpperInvariant(), "Vera Vindbaar");
        await KitFlow.PlaceAsync(fixture, mine, KitFlow.Order((sku, 1)));
        var theirs = await PublishAsync(fixture.Edition, similar, "Anton Anders");
        await SignUpFlow.SignUpAsync(fixture, theirs.Id, partySize: 3, name: "Vera Vindbaar", email: address);
        await SignUpFlow.SignUpAsync(fixture, mine.Id, partySize: 2, name: "Anton Anders", email: similar);
        await fixture.Smtp.WaitForAsync(address, 2);
        var (adminId, _, client) = await fixture.App.SignedInMemberAsync("admin", "Petra Programma");

        var (response, page) = await SearchAsync(client, address.ToUpperInvariant());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Heading().ShouldBe("Privacyverzoeken");
        Rows(page, "Activiteiten waarvan dit adres de contactpersoon is").ShouldHaveSingleItem()
            .ShouldContain("Vera Vindbaar");
        Rows(page, "Aanmeldingen").ShouldHaveSingleItem()
            .ShouldContain($"{fixture.Edition.Year} | Vera Vindbaar | {address} | 3 | Aangemeld");
        Rows(page, "Kom-Erbij pakketten").ShouldHaveSingleItem().ShouldContain("1234 AB");
        Rows(page, "E-mails aan dit adres").ShouldContain(row => row.Contains("Je bent aangemeld", StringComparison.Ordinal));
        Rows(page, "Medewerkersaccount").ShouldHaveSingleItem().ShouldContain("Magazijn");
        var text = page.QuerySelector("main")!.TextContent;
        text.ShouldNotContain(similar, Case.Insensitive);
        text.ShouldNotContain("Anton Anders");
        var access = Rows(page, "Verzoeken over dit adres").ShouldHaveSingleItem();
        access.ShouldContain("Inzage | Petra Programma");
        access.ShouldContain("Aanmeldingen: 1");
        // The address is personal data: it is posted, never put in a link or a form's address.
        page.QuerySelectorAll("form").ShouldAllBe(form => form.GetAttribute("method") == "post");
        page.QuerySelectorAll("a[href], form[action]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("action")!)
            .ShouldAllBe(url => !url.Contains("vindbaar", StringComparison.OrdinalIgnoreCase) && !url.Contains('@'));
        var recorded = (await RequestsAsync(address)).ShouldHaveSingleItem()!;
        (recorded["kind"]!.GetValue<string>(), recorded["requestedBy"]!.GetValue<Guid>()).ShouldBe(("access", adminId));
        (await RequestsAsync(similar)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_WithoutAValidAddress_ShowsTheDutchError_AndRecordsNothing()
    {
        var client = await fixture.App.SignedInClientAsync("admin");

        var (response, page) = await SearchAsync(client, "geen-adres");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        page.FieldError("E-mailadres").ShouldBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        page.Field("E-mailadres").GetAttribute("value").ShouldBe("geen-adres");
        page.QuerySelectorAll("h2").Select(h => h.Text()).ShouldNotContain("Gegevens wissen");
    }

    [Fact]
    public async Task DownloadAsJson_IsTheApisAnswer_AsAnAttachment()
    {
        var address = ActivityBodies.UniqueEmail("download");
        var activity = await PublishAsync(fixture.Edition, address, "Dirk Download");
        await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Dirk Download", email: address);
        var client = await fixture.App.SignedInClientAsync("admin");
        var (_, page) = await SearchAsync(client, address);

        var download = await PageClient.SubmitAsync(client, page, "Download als JSON");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var disposition = download.Content.Headers.ContentDisposition.ShouldNotBeNull();
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileName!.Trim('"').ShouldStartWith("gegevens-week-tegen-eenzaamheid-");
        disposition.FileName.ShouldNotContain("download", Case.Insensitive);
        var api = await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(address)}");
        (await download.Content.ReadAsStringAsync()).ShouldBe(await api.Content.ReadAsStringAsync());
        (await RequestsAsync(address)).Select(r => r!["kind"]!.GetValue<string>()).ShouldBe(["access", "access", "access"]);
    }

    [Fact]
    public async Task PrintView_IsALetterToThePerson_WithTheTablesAndWhatTheyCanDoNext()
    {
        var address = ActivityBodies.UniqueEmail("brief");
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2, name: "Bea Brief", email: address);
        var client = await fixture.App.SignedInClientAsync("admin");
        var (_, page) = await SearchAsync(client, address);

        var response = await PageClient.SubmitAsync(client, page, "Afdrukversie");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var letter = await PageClient.ParseAsync(response);
        letter.Heading().ShouldBe("Overzicht van je gegevens bij de Week tegen Eenzaamheid");
        letter.QuerySelectorAll("h2").Select(h => h.Text())
            .ShouldBe(["Wat we over je bewaren", "Waarom en hoe lang", "Wat kun je nu doen?"]);
        Rows(letter, "Aanmeldingen").ShouldHaveSingleItem().ShouldContain("Bea Brief");
        letter.QuerySelector("main")!.TextContent.ShouldContain("Autoriteit Persoonsgegevens");
        letter.QuerySelector("main")!.Text().ShouldContain($"E-mailadres: {address}");
    }

    [Fact]
    public async Task Erase_AsksFirst_ThenLeavesNoTrace_RecordedWithTheSessionsStaffId_AndTheReportUnchanged()
    {
        var name = $"Eva Erase {Guid.NewGuid().ToString("N")[..10]}";
        // The person was also a staff member, since revoked: the staff rows are part of the scan.
        var (staffId, address) = await fixture.App.CreateMemberAsync("logistics", name);
        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE staff_keys SET revoked_at = created_at WHERE id = @Id", new { Id = staffId });
        }

        var edition = await PutReportEditionAsync();
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var mine = await PublishAsync(edition, address, name, day: 0);
        var orderBody = KitFlow.Order((sku, 1));
        orderBody["delivery"]!["recipient"] = name;
        var order = await KitFlow.PlaceAsync(fixture, mine, orderBody);
        await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        var other = await PublishAsync(edition, ActivityBodies.UniqueEmail(), "Olga Overig", day: 0);
        await SignUpFlow.SignUpAsync(fixture, other.Id, partySize: 2, name: name, email: address);
        var stays = await SignUpFlow.SignUpAsync(fixture, other.Id, name: $"Piet Blijft {Guid.NewGuid().ToString("N")[..8]}");
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, order, trackingNumber);
        var delivered = await fixture.Public.SendAsync(
            KitFlow.CarrierEvent(KitFlow.CarrierEventJson(trackingNumber, "delivered", DateTimeOffset.UtcNow)));
        delivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Smtp.WaitForAsync(address, 2);
        fixture.App.Clock.Advance(edition.At(0, 17) - fixture.App.Clock.GetUtcNow());
        var before = await ReportAsync();
        var (adminId, _, client) = await fixture.App.SignedInMemberAsync("admin");
        var (_, found) = await SearchAsync(client, address);

        var askResponse = await PageClient.SubmitAsync(client, found, "Gegevens wissen");

        askResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ask = await PageClient.ParseAsync(askResponse);
        ask.Heading().ShouldBe("Gegevens wissen");
        var steps = ask.QuerySelector("main")!.TextContent;
        steps.ShouldContain("worden eerst geannuleerd");
        steps.ShouldContain("wie op de wachtlijst staat, schuift door");
        steps.ShouldContain("Een medewerkersaccount met dit adres wordt alleen gewist als het is ingetrokken");
        steps.ShouldContain("Wissen kun je niet ongedaan maken");
        var noReason = await PageClient.SubmitAsync(client, ask, "Ja, wis de gegevens");
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(noReason);
        again.FieldError("Reden").ShouldBe("Vul een reden in van 3 tot 1000 tekens, zonder het e-mailadres.");
        (await FindAsync(address))["signUps"]!.AsArray().ShouldHaveSingleItem();

        var response = await PageClient.SubmitAsync(client, again, "Ja, wis de gegevens",
            new Dictionary<string, string> { ["Reden"] = "Verzoek per brief" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var done = await PageClient.ParseAsync(response);
        done.Heading().ShouldBe("Gegevens gewist");
        var counts = done.QuerySelectorAll("tbody tr").ToDictionary(
            row => row.QuerySelector("td")!.Text(), row => int.Parse(row.QuerySelectorAll("td")[1].Text()));
        (counts["Aanmeldingen gewist"], counts["Contactgegevens van activiteiten gewist"], counts["Bezorgadressen gewist"],
            counts["Medewerkersaccounts gewist"], counts["Activiteiten geannuleerd"]).ShouldBe((1, 1, 1, 1, 0));
        (await ReportAsync()).ShouldBe(before);
        var erasure = (await RequestsAsync(address)).Last()!;
        (erasure["kind"]!.GetValue<string>(), erasure["requestedBy"]!.GetValue<Guid>(), erasure["reason"]!.GetValue<string>())
            .ShouldBe(("erasure", adminId, "Verzoek per brief"));
        if (DatabaseScan.Available)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, address)).ShouldBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, stays.Name)).ShouldContain("registrations.name");
        }
    }

    [Fact]
    public async Task Erase_WithoutTheAntiforgeryToken_Returns400_AndErasesNothing()
    {
        var address = ActivityBodies.UniqueEmail("vervalst");
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Frits Formulier", email: address);
        var client = await fixture.App.SignedInClientAsync("admin");
        var (_, found) = await SearchAsync(client, address);
        var ask = await PageClient.ParseAsync(await PageClient.SubmitAsync(client, found, "Gegevens wissen"));

        var response = await PageClient.SubmitAsync(client, ask, "Ja, wis de gegevens",
            new Dictionary<string, string> { ["Reden"] = "Verzoek per brief" }, withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PageClient.ParseAsync(response)).Heading().ShouldBe("Formulier niet verwerkt");
        (await FindAsync(address))["signUps"]!.AsArray().ShouldHaveSingleItem()!["name"]!.GetValue<string>().ShouldBe("Frits Formulier");
        (await RequestsAsync(address)).ShouldAllBe(record => record!["kind"]!.GetValue<string>() == "access");
    }

    [Fact]
    public async Task Uitloggen_FromThePage_EndsTheSession()
    {
        var client = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(client, Path);

        var response = await PageClient.SubmitAsync(client, page, "Uitloggen");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await PageClient.ParseAsync(response)).Heading().ShouldBe("Je bent uitgelogd");
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Path) { Headers = { { "Accept", "text/html" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "")]
    [InlineData("POST", "/download")]
    [InlineData("POST", "/wissen/bevestigen")]
    public async Task WithoutASession_RedirectsToSignIn_AndForLogistics_Is403(string method, string suffix)
    {
        var anonymous = fixture.App.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var logistics = await fixture.App.SignedInClientAsync("logistics");
        // Posts carry a valid antiforgery token, so what refuses them is the session and the role.
        Task<HttpResponseMessage> SendAsync(HttpClient client) => method == "GET"
            ? client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Path) { Headers = { { "Accept", "text/html" } } })
            : PageClient.PostFormAsync(client, Path + suffix, ("email", "jan@example.nl"), ("reden", "Verzoek per brief"));

        var redirected = await SendAsync(anonymous);
        var refused = await SendAsync(logistics);

        redirected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // A post comes back to the sign-in page without a return path: its address may take posts only.
        if (method == "GET")
        {
            redirected.Headers.Location!.OriginalString.ShouldContain("/medewerkers/inloggen?terug=");
        }
        else
        {
            redirected.Headers.Location!.OriginalString.ShouldBe("/medewerkers/inloggen");
        }

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PageClient.ParseAsync(refused)).Heading().ShouldBe("Geen toegang");
    }

    private static IReadOnlyList<string> Rows(IDocument page, string heading)
    {
        var title = page.QuerySelectorAll("h2, h3").Single(h => h.Text() == heading);
        var table = title.NextElementSibling;
        while (table is not null && table.LocalName != "table" && table.LocalName is not ("h2" or "h3"))
        {
            table = table.NextElementSibling;
        }

        table.ShouldNotBeNull($"No table under \"{heading}\"");
        table.LocalName.ShouldBe("table", $"No table under \"{heading}\"");
        return table.QuerySelectorAll("tbody tr").Select(row => string.Join(" | ", row.QuerySelectorAll("td").Select(td => td.Text())))
            .ToList();
    }

    private static async Task<(HttpResponseMessage Response, IDocument Page)> SearchAsync(HttpClient client, string email)
    {
        var form = await PageClient.GetAsync(client, Path);
        var response = await PageClient.SubmitAsync(client, form, "Zoeken", new Dictionary<string, string> { ["E-mailadres"] = email });
        return (response, await PageClient.ParseAsync(response));
    }

    private async Task<RegisteredActivity> PublishAsync(TestEdition edition, string contactEmail, string contactName, int day = 1)
    {
        var body = ActivityBodies.Valid(edition, contactEmail, day);
        body["capacity"] = 10;
        body["organiser"]!["contactName"] = contactName;
        return await ActivityFlow.PublishAsync(fixture, body);
    }

    private async Task<JsonObject> FindAsync(string email) =>
        await (await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(email)}")).ReadJsonAsync();

    private async Task<JsonArray> RequestsAsync(string email) =>
        (await fixture.Admin.GetFromJsonAsync<JsonArray>($"/api/admin/persons/requests?email={Uri.EscapeDataString(email)}"))!;

    private async Task<string> ReportAsync()
    {
        var response = await fixture.Admin.GetAsync($"/api/reports/editions/{ReportYear}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    private Task<TestEdition> PutReportEditionAsync() => SignUpFlow.PutEditionStartingInAsync(fixture, ReportYear, 2);
}
