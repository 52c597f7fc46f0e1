using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Reports;

[Collection(AppCollection.Name)]
public sealed class ReportPageTests(AppFixture fixture)
{
    /// <summary>An edition only these tests fill.</summary>
    private const int Year = 2075;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    [Fact]
    public async Task ReportPage_ShowsEveryNumberOfTheJsonReport_AndColoursTheMapByActivities()
    {
        var edition = await PutEditionAsync(Year);
        foreach (var code in new[] { "GM0363", "GM0363", "GM0363", "GM0014", "GM0344" })
        {
            await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(edition, day: 1, municipalityCode: code));
        }

        var joined = await fixture.Admin.PutAsJsonAsync($"/api/editions/{Year}/joined-municipalities",
            new { municipalities = new[] { "GM0363", "GM0599" } });
        joined.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/api/reports/editions/{Year}"))!;

        var office = await fixture.App.SignedInClientAsync("admin");
        var response = await office.GetAsync($"/programmabureau/cijfers/{Year}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeLessThan(1_000_000);
        var page = await PageClient.ParseAsync(response);

        page.Heading().ShouldBe($"Cijfers van de Week tegen Eenzaamheid {Year}");
        var shown = page.QuerySelectorAll("tr[data-key]").ToDictionary(row => row.GetAttribute("data-key")!, Number);
        var figures = Leaves(json).Where(leaf => leaf.Path is not "year" and not "participants.reportedAttendance"
            && !leaf.Path.StartsWith("municipalities.list", StringComparison.Ordinal)).ToList();
        figures.Count.ShouldBeGreaterThan(40);
        foreach (var (path, value) in figures)
        {
            shown.ShouldContainKey(path);
            shown[path].ShouldBe(Expected(path, value), path);
        }

        shown["municipalities.joined"].ShouldBe("2");
        shown["municipalities.joinedWithActivity"].ShouldBe("1");
        shown["municipalities.joinedWithActivityShare"].ShouldBe("50,0%");
        foreach (var entry in json["municipalities"]!["list"]!.AsArray())
        {
            var row = page.QuerySelector($"#per-gemeente tr[data-key='municipalities.list.{entry!["code"]}']").ShouldNotBeNull();
            row.QuerySelector("th")!.Text().ShouldBe(entry["name"]!.GetValue<string>());
            row.QuerySelectorAll("td").Last().Text().ShouldBe(entry["activities"]!.GetValue<int>().ToString(Dutch));
        }
    }

    [Fact]
    public async Task ReportPage_Map_HasOneShapePerMunicipality_ColouredByItsActivities_WithATextAlternative()
    {
        var edition = await PutEditionAsync(Year + 1);
        foreach (var code in new[] { "GM0363", "GM0363", "GM0363", "GM0014" })
        {
            await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(edition, day: 1, municipalityCode: code));
        }

        var page = await PageClient.GetAsync(await fixture.App.SignedInClientAsync("admin"), $"/programmabureau/cijfers/{Year + 1}");

        var map = page.QuerySelector("figure.wte-map svg").ShouldNotBeNull();
        var shapes = map.QuerySelectorAll("path[data-code]");
        shapes.Length.ShouldBe(342);
        shapes.Select(shape => shape.GetAttribute("data-code")).Distinct().Count().ShouldBe(342);
        Bucket(map, "GM0363").ShouldBe("wte-map__bucket-2");
        Bucket(map, "GM0014").ShouldBe("wte-map__bucket-1");
        Bucket(map, "GM0935").ShouldBe("wte-map__bucket-0");
        shapes.Count(shape => shape.ClassList.Contains("wte-map__bucket-0")).ShouldBe(340);
        map.QuerySelector("path[data-code='GM0363'] title")!.Text().ShouldBe("Amsterdam: 3 activiteiten");
        map.QuerySelector("path[data-code='GM0014'] title")!.Text().ShouldBe("Groningen: 1 activiteit");

        map.GetAttribute("role").ShouldBe("img");
        var caption = page.GetElementById(map.GetAttribute("aria-labelledby")!).ShouldNotBeNull();
        caption.QuerySelector("a[href='#per-gemeente']").ShouldNotBeNull();
        page.GetElementById("per-gemeente").ShouldNotBeNull();
        page.QuerySelectorAll(".wte-map__legend li").Select(item => item.Text()).ShouldBe([
            "Geen activiteiten (340 gemeenten)", "1 tot en met 2 activiteiten (1 gemeente)", "3 tot en met 9 activiteiten (1 gemeente)",
            "10 tot en met 29 activiteiten (0 gemeenten)", "30 of meer activiteiten (0 gemeenten)",
        ]);
        page.QuerySelector("figure.wte-map")!.Text().ShouldContain("Bron: CBS, Kadaster");
    }

    [Fact]
    public async Task ReportPage_LinksToTheCsvAndJsonOfTheReport()
    {
        var office = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(office, $"/programmabureau/cijfers/{Year}");

        var csvLink = page.QuerySelectorAll("a").Single(a => a.Text() == "Download de cijfers als CSV").GetAttribute("href")!;
        var jsonLink = page.QuerySelectorAll("a").Single(a => a.Text() == "Bekijk de cijfers als JSON").GetAttribute("href")!;
        var csv = await office.GetAsync(csvLink);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var apiCsv = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/editions/{Year}");
        apiCsv.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        (await csv.Content.ReadAsByteArrayAsync()).ShouldBe(await (await fixture.Admin.SendAsync(apiCsv)).Content.ReadAsByteArrayAsync());
        (await office.GetStringAsync(jsonLink)).ShouldBe(await fixture.Admin.GetStringAsync($"/api/reports/editions/{Year}"));
    }

    [Theory]
    [InlineData("/programmabureau/cijfers/2075")]
    [InlineData("/programmabureau/cijfers/2075/csv")]
    [InlineData("/programmabureau/gemeenten/2075")]
    public async Task ReportPages_ForALogisticsSession_Return403_AndWithoutASession_RedirectToSignIn(string path)
    {
        var logistics = await fixture.App.SignedInClientAsync("logistics");
        (await logistics.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var anonymous = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await anonymous.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath.ShouldBe("/medewerkers/inloggen");
    }

    [Fact]
    public async Task ReportPage_SignOutFormOfThePage_EndsTheSession()
    {
        var office = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(office, $"/programmabureau/cijfers/{Year}");

        var signedOut = await PageClient.SubmitAsync(office, page, "Uitloggen");

        signedOut.StatusCode.ShouldBe(HttpStatusCode.OK, await signedOut.Content.ReadAsStringAsync());
        (await PageClient.ParseAsync(signedOut)).Heading().ShouldBe("Je bent uitgelogd");
        (await office.GetAsync($"/programmabureau/cijfers/{Year}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ReportPage_WithoutAYear_OpensTheComingEdition()
    {
        var office = await fixture.App.SignedInClientAsync("admin");

        var response = await office.GetAsync("/programmabureau/cijfers");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldMatch(@"^/programmabureau/cijfers/\d{4}$");
    }

    [Fact]
    public async Task ReportPage_ForAYearOutsideTheRange_IsADutch404Page()
    {
        var page = await PageClient.GetAsync(await fixture.App.SignedInClientAsync("admin"), "/programmabureau/cijfers/1999",
            HttpStatusCode.NotFound);

        page.Heading().ShouldBe("Jaar niet gevonden");
    }

    [Fact]
    public async Task JoinedMunicipalitiesPage_TickAndSave_ThenReadAFile_ReplacesTheList()
    {
        const int year = 2077;
        var office = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(office, $"/programmabureau/gemeenten/{year}");
        page.Heading().ShouldBe($"Aangesloten gemeenten {year}");
        page.QuerySelectorAll("fieldset legend").Select(legend => legend.Text()).Count().ShouldBe(12);
        page.QuerySelectorAll("input[type=checkbox][name=gemeente]").Length.ShouldBe(342);

        var saved = await PageClient.SubmitAsync(office, page, "Opslaan",
            new Dictionary<string, string> { ["Amsterdam"] = "true", ["Bergen (L.)"] = "true" });

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var after = await PageClient.ParseAsync(saved);
        after.QuerySelector("[role=status]")!.Text().ShouldBe("De lijst is opgeslagen: 2 gemeenten zijn aangesloten.");
        after.QuerySelectorAll("input[name=gemeente]:checked").Select(box => box.GetAttribute("value")).ShouldBe(["GM0893", "GM0363"],
            ignoreOrder: true);
        (await JoinedCodesAsync(year)).ShouldBe(["GM0363", "GM0893"]);

        var token = after.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("code\nGM0014\nUtrecht\nNergensdorp\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "bestand", "aangesloten.csv");
        var read = await office.PostAsync($"/programmabureau/gemeenten/{year}/bestand", form);

        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        var result = await PageClient.ParseAsync(read);
        result.QuerySelector("[role=status]")!.Text().ShouldBe("Het bestand is ingelezen: 2 gemeenten zijn aangesloten.");
        result.QuerySelectorAll("tr[data-outcome]").Select(row => row.GetAttribute("data-outcome")).ShouldBe(
            ["header", "matched", "matched", "failed"]);
        (await JoinedCodesAsync(year)).ShouldBe(["GM0014", "GM0344"]);
    }

    [Fact]
    public async Task JoinedMunicipalitiesPage_WithoutAFile_ShowsTheErrorAndChangesNothing()
    {
        const int year = 2078;
        (await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}/joined-municipalities", new { municipalities = new[] { "GM0599" } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var office = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(office, $"/programmabureau/gemeenten/{year}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var empty = new ByteArrayContent(Encoding.UTF8.GetBytes("Nergensdorp\n"));
        form.Add(empty, "bestand", "leeg.csv");

        var response = await office.PostAsync($"/programmabureau/gemeenten/{year}/bestand", form);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var after = await PageClient.ParseAsync(response);
        after.FieldError("Bestand").ShouldStartWith("In het bestand staat geen enkele gemeente");
        after.SummaryErrors().Count.ShouldBe(1);
        (await JoinedCodesAsync(year)).ShouldBe(["GM0599"]);
    }

    private async Task<string[]> JoinedCodesAsync(int year) =>
        [.. (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/api/editions/{year}/joined-municipalities"))!["municipalities"]!
            .AsArray().Select(entry => entry!["code"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static string Bucket(IElement map, string code) =>
        map.QuerySelector($"path[data-code='{code}']")!.ClassList
            .Single(name => name.StartsWith("wte-map__bucket-", StringComparison.Ordinal));

    // A bar's cell holds its number as text and the bar as SVG without text.
    private static string Number(IElement row) => row.QuerySelector("td")!.Text();

    /// <summary>What the page should show for a JSON number: Dutch digits, a share as a Dutch percentage.</summary>
    private static string Expected(string path, JsonNode? value) => value switch
    {
        null => "geen (er zijn geen aangesloten gemeenten)",
        _ when path.EndsWith("hare", StringComparison.Ordinal) =>
            (value.GetValue<double>() * 100).ToString("0.0", Dutch) + "%",
        _ => value.GetValue<long>().ToString("N0", Dutch),
    };

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonNode? node, string path = "") => node switch
    {
        JsonObject obj => obj.SelectMany(property => Leaves(property.Value, path.Length == 0 ? property.Key : $"{path}.{property.Key}")),
        JsonArray array => array.SelectMany((item, index) => Leaves(item, $"{path}.{index}")),
        _ => [(path, node)],
    };

    private Task<TestEdition> PutEditionAsync(int year) => SignUpFlow.PutEditionStartingInAsync(fixture, year, 20);
}
