using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class EditionPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task Editions_ListEveryEdition_WithALinkToChangeIt()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");

        var page = await PageClient.GetAsync(admin, "/programmabureau/edities");

        page.Heading().ShouldBe("Edities");
        var row = page.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("th")!.Text() == fixture.Edition.Year.ToString());
        row.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/programmabureau/edities/{fixture.Edition.Year}");
        row.QuerySelector("a")!.Text().ShouldBe($"Editie {fixture.Edition.Year} wijzigen");
    }

    [Fact]
    public async Task NewEdition_ShowsTheDefaultSchedule_AndSavingItSetsTheDates()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var start = await PageClient.GetAsync(admin, "/programmabureau/edities");

        var opened = await admin.GetAsync("/programmabureau/edities/nieuw?jaar=2096");
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.OriginalString.ShouldBe("/programmabureau/edities/2096");
        var form = await PageClient.GetAsync(admin, "/programmabureau/edities/2096");
        form.Heading().ShouldBe("Editie 2096");
        form.Field("Eerste dag van de Week").GetAttribute("value").ShouldBe("2096-09-27");
        form.Field("Aanmelden van activiteiten kan vanaf").GetAttribute("value").ShouldBe("2096-03-01T00:00");

        var saved = await PageClient.SubmitAsync(admin, form, "Editie opslaan", new Dictionary<string, string>
        {
            ["Eerste dag van de Week"] = "2096-10-04",
            ["Laatste dag van de Week"] = "2096-10-10",
            ["Dag van de landelijke opening"] = "2096-10-03",
            ["Aanmelden van activiteiten kan vanaf"] = "2096-02-15T09:30",
            ["Pakketten bestellen kan tot"] = "2096-09-01T00:00",
        });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldBe("/programmabureau/edities?gedaan=2096");
        (await PageClient.GetAsync(admin, saved.Headers.Location.OriginalString)).QuerySelector("[role=status]")!.Text()
            .ShouldBe("De data van de Week van 2096 zijn opgeslagen.");
        var edition = await fixture.Public.GetFromJsonAsync<JsonObject>("/api/editions/2096");
        edition!["startsOn"]!.GetValue<string>().ShouldBe("2096-10-04");
        edition["endsOn"]!.GetValue<string>().ShouldBe("2096-10-10");
        edition["openingOn"]!.GetValue<string>().ShouldBe("2096-10-03");
        DateTimeOffset.Parse(edition["registrationOpensAt"]!.GetValue<string>())
            .ShouldBe(new DateTimeOffset(2096, 2, 15, 9, 30, 0, TimeSpan.FromHours(1)));
        DateTimeOffset.Parse(edition["kitOrderDeadline"]!.GetValue<string>())
            .ShouldBe(new DateTimeOffset(2096, 9, 1, 0, 0, 0, TimeSpan.FromHours(2)));
        start.Heading().ShouldBe("Edities");
    }

    [Fact]
    public async Task NewEdition_ABadYear_ShowsTheDutchError()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");

        var response = await admin.GetPageAsync("/programmabureau/edities/nieuw?jaar=3000");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(response)).FieldError("Jaar").ShouldBe("Vul een jaar in tussen 2000 en 2100.");
        (await admin.GetPageAsync("/programmabureau/edities/1999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EditEdition_EndBeforeStart_OrNoDate_ShowsDutchErrors_AndChangesNothing()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var before = await fixture.Public.GetStringAsync($"/api/editions/{fixture.Edition.Year}");
        var form = await PageClient.GetAsync(admin, $"/programmabureau/edities/{fixture.Edition.Year}");

        var response = await PageClient.SubmitAsync(admin, form, "Editie opslaan", new Dictionary<string, string>
        {
            ["Eerste dag van de Week"] = $"{fixture.Edition.Year}-10-04",
            ["Laatste dag van de Week"] = $"{fixture.Edition.Year}-10-01",
        });
        var unreadable = await PageClient.SubmitAsync(admin, form, "Editie opslaan", new Dictionary<string, string>
        {
            ["Dag van de landelijke opening"] = "morgen",
            ["Pakketten bestellen kan tot"] = "31-08",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await PageClient.ParseAsync(response);
        page.FieldError("Laatste dag van de Week").ShouldBe("De laatste dag mag niet voor de eerste dag liggen.");
        page.Field("Laatste dag van de Week").GetAttribute("value").ShouldBe($"{fixture.Edition.Year}-10-01");
        var second = await PageClient.ParseAsync(unreadable);
        second.FieldError("Dag van de landelijke opening").ShouldBe("Vul een datum in tussen 1900 en 2200, bijvoorbeeld 2027-09-30.");
        second.FieldError("Pakketten bestellen kan tot")
            .ShouldBe("Vul een datum en tijd in tussen 1900 en 2200, bijvoorbeeld 2027-03-01 00:00.");
        (await fixture.Public.GetStringAsync($"/api/editions/{fixture.Edition.Year}")).ShouldBe(before);
    }

    [Fact]
    public async Task EditEdition_WithoutTheAntiforgeryToken_Returns400_AndChangesNothing()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var before = await fixture.Public.GetStringAsync($"/api/editions/{fixture.Edition.Year}");
        var form = await PageClient.GetAsync(admin, $"/programmabureau/edities/{fixture.Edition.Year}");

        var response = await PageClient.SubmitAsync(admin, form, "Editie opslaan", new Dictionary<string, string>
        {
            ["Eerste dag van de Week"] = $"{fixture.Edition.Year}-09-01",
        }, withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.Public.GetStringAsync($"/api/editions/{fixture.Edition.Year}")).ShouldBe(before);
    }
}
