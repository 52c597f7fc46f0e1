using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Municipalities;

[Collection(AppCollection.Name)]
public sealed class JoinedMunicipalitiesTests(AppFixture fixture)
{
    private const int MunicipalitiesInTheCbsList = 342;

    private static string PathOf(int year) => $"/api/editions/{year}/joined-municipalities";

    [Fact]
    public async Task SetJoinedMunicipalities_ReplacesTheList_AndTheReportCountsTheJoinedWithAnActivity()
    {
        const int year = 2071;
        var edition = await PutEditionAsync(year);
        await PublishAsync(edition, "GM0363");
        await PublishAsync(edition, "GM0363");
        await PublishAsync(edition, "GM0014");

        var saved = await PutAsync(year, "GM0363", "gm0344", " GM0935 ", "GM0363");
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var list = await saved.ReadJsonAsync();
        list["count"]!.GetValue<int>().ShouldBe(3);
        Codes(list).ShouldBe(["GM0363", "GM0935", "GM0344"]);
        Names(list).ShouldBe(["Amsterdam", "Maastricht", "Utrecht"]);
        (await fixture.Admin.GetFromJsonAsync<JsonObject>(PathOf(year)))!.ToJsonString().ShouldBe(list.ToJsonString());

        var municipalities = (await ReportAsync(year))["municipalities"]!;
        municipalities["withActivity"]!.GetValue<int>().ShouldBe(2);
        municipalities["joined"]!.GetValue<int>().ShouldBe(3);
        municipalities["joinedWithActivity"]!.GetValue<int>().ShouldBe(1);
        municipalities["joinedShare"]!.GetValue<double>().ShouldBe(Math.Round(3.0 / MunicipalitiesInTheCbsList, 4));
        municipalities["joinedWithActivityShare"]!.GetValue<double>().ShouldBe(0.3333);
        var csv = await ReportCsvAsync(year);
        csv.ShouldContain("Aangesloten gemeenten;3\r\n");
        csv.ShouldContain("Aangesloten gemeenten met ten minste één activiteit;1\r\n");
        csv.ShouldContain("Aandeel aangesloten gemeenten (van alle gemeenten);0,9%\r\n");
        csv.ShouldContain("Aandeel aangesloten gemeenten met een activiteit;33,3%\r\n");

        var replaced = await PutAsync(year, "GM0014", "GM0363");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        var after = await replaced.ReadJsonAsync();
        Codes(after).ShouldBe(["GM0363", "GM0014"]);
        Entry(after, "GM0363")["joinedAt"]!.GetValue<string>().ShouldBe(Entry(list, "GM0363")["joinedAt"]!.GetValue<string>());
        municipalities = (await ReportAsync(year))["municipalities"]!;
        municipalities["joined"]!.GetValue<int>().ShouldBe(2);
        municipalities["joinedWithActivity"]!.GetValue<int>().ShouldBe(2);
        municipalities["joinedWithActivityShare"]!.GetValue<double>().ShouldBe(1.0);

        (await PutAsync(year)).StatusCode.ShouldBe(HttpStatusCode.OK);
        municipalities = (await ReportAsync(year))["municipalities"]!;
        municipalities["joined"]!.GetValue<int>().ShouldBe(0);
        municipalities["joinedShare"]!.GetValue<double>().ShouldBe(0.0);
        municipalities["joinedWithActivityShare"].ShouldBeNull();
    }

    [Fact]
    public async Task SetJoinedMunicipalities_WithUnknownCodes_Returns422NamingThem_AndChangesNothing()
    {
        const int year = 2072;
        (await PutAsync(year, "GM0363")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var problem = await (await PutAsync(year, "GM0014", "GM9999", "Amsterdam")).ShouldBeProblemAsync(422, "unknownMunicipality");

        problem["detail"]!.GetValue<string>().ShouldContain("GM9999, Amsterdam");
        problem["errors"]!["municipalities"]!.AsArray().Select(code => code!.GetValue<string>()).ShouldBe(["GM9999", "Amsterdam"]);
        Codes((await fixture.Admin.GetFromJsonAsync<JsonObject>(PathOf(year)))!).ShouldBe(["GM0363"]);
    }

    [Fact]
    public async Task SetJoinedMunicipalities_WithoutAList_Returns422()
    {
        var response = await fixture.Admin.PutAsJsonAsync(PathOf(2072), new { });

        await response.ShouldBeValidationProblemAsync("municipalities");
    }

    [Fact]
    public async Task JoinedMunicipalities_ForAYearOutsideTheRange_Returns404Or422()
    {
        await (await fixture.Admin.GetAsync(PathOf(1999))).ShouldBeProblemAsync(404, "notFound");
        await (await PutAsync(2101, "GM0363")).ShouldBeValidationProblemAsync("year");
    }

    [Fact]
    public async Task JoinedMunicipalities_WithoutAnAdminKey_Returns401Or403()
    {
        await (await fixture.Public.GetAsync(PathOf(2072))).ShouldBeProblemAsync(401, "unauthorized");
        await (await fixture.Logistics.GetAsync(PathOf(2072))).ShouldBeProblemAsync(403, "forbidden");
        await (await fixture.Logistics.PutAsJsonAsync(PathOf(2072), new { municipalities = new[] { "GM0363" } }))
            .ShouldBeProblemAsync(403, "forbidden");
        await (await fixture.Logistics.PostAsync(PathOf(2072) + "/import", File("GM0363", Encoding.UTF8)))
            .ShouldBeProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task ImportJoinedMunicipalities_ReadsCodesAndNamesInWindows1252_AndReportsEveryRow()
    {
        const int year = 2073;
        (await PutAsync(year, "GM0599")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = "gemeente;code\r\nAmsterdam;GM0363\r\nSúdwest-Fryslân\r\n0014\r\n\r\nBeek (L.)\r\nNergensdorp\r\ngm0363\r\n";

        var response = await fixture.Admin.PostAsync(PathOf(year) + "/import", File(text, CodePages(1252)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.ReadJsonAsync();
        report["joined"]!.GetValue<int>().ShouldBe(4);
        report["matched"]!.GetValue<int>().ShouldBe(4);
        report["duplicates"]!.GetValue<int>().ShouldBe(1);
        report["failed"]!.GetValue<int>().ShouldBe(1);
        var rows = report["rows"]!.AsArray().Select(row => (
            Line: row!["line"]!.GetValue<int>(), Outcome: row["outcome"]!.GetValue<string>(), Code: row["code"]?.GetValue<string>()))
            .ToArray();
        rows.ShouldBe([
            (1, "header", null), (2, "matched", "GM0363"), (3, "matched", "GM1900"), (4, "matched", "GM0014"),
            (6, "matched", "GM0888"), (7, "failed", null), (8, "duplicate", "GM0363"),
        ]);
        Codes((await fixture.Admin.GetFromJsonAsync<JsonObject>(PathOf(year)))!).ShouldBe(["GM0363", "GM0888", "GM0014", "GM1900"]);
    }

    [Fact]
    public async Task ImportJoinedMunicipalities_WithExcelsSepHint_ReadsPastItBySeparator()
    {
        const int year = 2067;

        var response = await fixture.Admin.PostAsync(PathOf(year) + "/import",
            File("sep=,\r\nnaam,code\r\nLelystad,GM0995\r\n", Encoding.UTF8));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.ReadJsonAsync();
        report["failed"]!.GetValue<int>().ShouldBe(0);
        Codes((await fixture.Admin.GetFromJsonAsync<JsonObject>(PathOf(year)))!).ShouldBe(["GM0995"]);
    }

    [Fact]
    public async Task ImportJoinedMunicipalities_NamingNoMunicipality_Returns422AndChangesNothing()
    {
        const int year = 2074;
        (await PutAsync(year, "GM0599")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (await fixture.Admin.PostAsync(PathOf(year) + "/import", File("naam\r\nNergensdorp\r\n", Encoding.UTF8)))
            .ShouldBeProblemAsync(422, "noMunicipalities");
        await (await fixture.Admin.PostAsync(PathOf(year) + "/import", File(string.Empty, Encoding.UTF8)))
            .ShouldBeProblemAsync(422, "noMunicipalities");
        var invalidUtf8 = new ByteArrayContent([0x47, 0x4D, 0xC3, 0x28]);
        invalidUtf8.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");
        await (await fixture.Admin.PostAsync(PathOf(year) + "/import", invalidUtf8)).ShouldBeProblemAsync(422, "csvEncoding");

        Codes((await fixture.Admin.GetFromJsonAsync<JsonObject>(PathOf(year)))!).ShouldBe(["GM0599"]);
    }

    [Fact]
    public async Task ImportJoinedMunicipalities_AsJson_Returns415()
    {
        var response = await fixture.Admin.PostAsJsonAsync(PathOf(2074) + "/import", new { municipalities = new[] { "GM0363" } });

        await response.ShouldBeProblemAsync(415);
    }

    private static Encoding CodePages(int codePage) => CodePagesEncodingProvider.Instance.GetEncoding(codePage)!;

    private static ByteArrayContent File(string text, Encoding encoding)
    {
        var content = new ByteArrayContent(encoding.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private Task<HttpResponseMessage> PutAsync(int year, params string[] codes) =>
        fixture.Admin.PutAsJsonAsync(PathOf(year), new { municipalities = codes });

    private static string[] Codes(JsonObject list) =>
        [.. list["municipalities"]!.AsArray().Select(entry => entry!["code"]!.GetValue<string>())];

    private static string[] Names(JsonObject list) =>
        [.. list["municipalities"]!.AsArray().Select(entry => entry!["name"]!.GetValue<string>())];

    private static JsonNode Entry(JsonObject list, string code) =>
        list["municipalities"]!.AsArray().Single(entry => entry!["code"]!.GetValue<string>() == code)!;

    private async Task<JsonObject> ReportAsync(int year) =>
        (await fixture.Admin.GetFromJsonAsync<JsonObject>($"/api/reports/editions/{year}"))!;

    private async Task<string> ReportCsvAsync(int year)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/editions/{year}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await fixture.Admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
    }

    private Task<TestEdition> PutEditionAsync(int year) => SignUpFlow.PutEditionStartingInAsync(fixture, year, 20);

    private Task<RegisteredActivity> PublishAsync(TestEdition edition, string municipalityCode) =>
        ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(edition, day: 1, municipalityCode: municipalityCode));
}
