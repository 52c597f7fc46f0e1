using System.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class PublicPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task StartPage_ShowsTheComingWeek_ASearchForm_AndALinkToOrganise()
    {
        var page = await PageClient.GetAsync(fixture.Public, "/");

        page.Heading().ShouldStartWith("Week tegen Eenzaamheid 20");
        page.QuerySelector("form[method=get][action='/activiteiten']").ShouldNotBeNull();
        page.Field("Gemeente").TagName.ShouldBe("SELECT");
        page.QuerySelectorAll("a").Any(a => a.Text() == "Organiseer een activiteit" && a.GetAttribute("href") == "/activiteit-aanmelden")
            .ShouldBeTrue();
    }

    [Fact]
    public async Task Search_ByMunicipalityName_FindsThePublishedActivity_AndLinksToItsPage()
    {
        var word = "Zoek" + Guid.NewGuid().ToString("N")[..8];
        var body = ActivityBodies.Valid(fixture.Edition, municipalityCode: "GM0363");
        body["title"] = $"Koffie {word}";
        body["capacity"] = 5;
        var activity = await ActivityFlow.PublishAsync(fixture, body);

        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten?jaar={fixture.Edition.Year}&gemeente=Amsterdam&q={word}");

        var link = page.QuerySelectorAll($"a[href='/activiteiten/{activity.Id}']").ShouldHaveSingleItem();
        link.TextContent.ShouldBe($"Koffie {word}");
        page.Field("Gemeente").QuerySelector("option[selected]")!.TextContent.ShouldBe("Amsterdam");
        var elsewhere = await PageClient.GetAsync(fixture.Public, $"/activiteiten?jaar={fixture.Edition.Year}&gemeente=Lelystad&q={word}");
        elsewhere.QuerySelectorAll($"a[href='/activiteiten/{activity.Id}']").Length.ShouldBe(0);
        link.Closest("li")!.TextContent.ShouldContain("Nog 5 plaatsen");
    }

    [Fact]
    public async Task Search_WithoutResults_InvitesToOrganise()
    {
        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten?jaar={fixture.Edition.Year}&q=zzzbestaatnietzzz");

        page.QuerySelector("main")!.TextContent.ShouldContain("Organiseer zelf een activiteit");
        page.QuerySelectorAll(".wte-results li").Length.ShouldBe(0);
    }

    [Fact]
    public async Task Search_WithAnUnknownType_ShowsADutchError()
    {
        var page = await PageClient.GetAsync(fixture.Public, "/activiteiten?soort=zwemmen", HttpStatusCode.UnprocessableEntity);

        page.FieldError("Soort activiteit").ShouldBe("Kies een soort activiteit uit de lijst.");
        page.SummaryErrors().ShouldBe(["Kies een soort activiteit uit de lijst."]);
    }

    [Fact]
    public async Task ActivityPage_ShowsTheFacts_TheCalendarLink_AndTheSignUpForm()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);

        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");

        page.Heading().ShouldBe("Soep & praat");
        page.QuerySelector("dl")!.TextContent.ShouldContain("Toegankelijkheid");
        var calendar = page.QuerySelectorAll("a").Single(a => a.Text() == "Zet in je agenda").GetAttribute("href")!;
        (await fixture.Public.GetAsync(calendar)).Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        page.Field("Naam").GetAttribute("type").ShouldBe("text");
        page.Field("E-mailadres").GetAttribute("type").ShouldBe("email");
        page.Field("Aantal personen").GetAttribute("type").ShouldBe("number");
        page.FormWithButton("Aanmelden").ShouldNotBeNull();
    }

    [Fact]
    public async Task SignUp_ThroughTheForm_ShowsTheResult_AndSendsTheEmail()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");
        var email = $"pagina-{Guid.NewGuid():N}@example.nl";

        var response = await PageClient.SubmitAsync(fixture.Public, page, "Aanmelden", new Dictionary<string, string>
        {
            ["Naam"] = "Anna de Vries",
            ["E-mailadres"] = email,
            ["Aantal personen"] = "2",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await PageClient.ParseAsync(response);
        result.Heading().ShouldBe("Je bent aangemeld");
        result.QuerySelector("main")!.TextContent.ShouldContain("e-mail");
        var mail = (await fixture.Smtp.WaitForAsync(email)).ShouldHaveSingleItem();
        mail.TextBody!.ShouldContain($"https://wte.test/activiteiten/{activity.Id}");
    }

    [Fact]
    public async Task SignUp_WhenFull_PutsYouOnTheWaitingList()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");
        page.QuerySelector("main")!.TextContent.ShouldContain("wachtlijst");

        var response = await PageClient.SubmitAsync(fixture.Public, page, "Aanmelden", new Dictionary<string, string>
        {
            ["Naam"] = "Bram",
            ["E-mailadres"] = $"wacht-{Guid.NewGuid():N}@example.nl",
            ["Aantal personen"] = "1",
        });

        var result = await PageClient.ParseAsync(response);
        result.Heading().ShouldBe("Je staat op de wachtlijst");
        result.QuerySelector("main")!.TextContent.ShouldContain("plaats 1");
    }

    [Fact]
    public async Task SignUp_WithErrors_ShowsDutchMessagesBesideTheFieldsAndInTheSummary_AndKeepsWhatWasTyped()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");

        var response = await PageClient.SubmitAsync(fixture.Public, page, "Aanmelden", new Dictionary<string, string>
        {
            ["Naam"] = "Cor",
            ["E-mailadres"] = "geen-adres",
            ["Aantal personen"] = "3",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(response);
        var message = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.";
        again.FieldError("E-mailadres").ShouldBe(message);
        again.Field("E-mailadres").GetAttribute("aria-invalid").ShouldBe("true");
        again.SummaryErrors().ShouldBe([message]);
        again.QuerySelector($".wte-error-summary a")!.GetAttribute("href").ShouldBe("#" + again.Field("E-mailadres").Id);
        again.Field("Naam").GetAttribute("value").ShouldBe("Cor");
        again.Field("E-mailadres").GetAttribute("value").ShouldBe("geen-adres");
        again.Field("Aantal personen").GetAttribute("value").ShouldBe("3");
        again.Title!.ShouldStartWith("Fout:");
    }

    [Fact]
    public async Task SignUp_WithoutTheAntiforgeryToken_Fails()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");
        var email = $"csrf-{Guid.NewGuid():N}@example.nl";

        var response = await PageClient.SubmitAsync(fixture.Public, page, "Aanmelden", new Dictionary<string, string>
        {
            ["Naam"] = "Dirk",
            ["E-mailadres"] = email,
            ["Aantal personen"] = "1",
        }, withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PageClient.ParseAsync(response)).Heading().ShouldBe("Formulier niet verwerkt");
        var signUps = await SignUpFlow.ManagedAsync(fixture, activity);
        signUps["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task CancelledActivity_SaysItDoesNotGoAhead()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken)))
            .EnsureSuccessStatusCode();

        var page = await PageClient.GetAsync(fixture.Public, $"/activiteiten/{activity.Id}");

        page.QuerySelector("main")!.TextContent.ShouldContain("Deze activiteit gaat niet door.");
        page.QuerySelectorAll("form[method=post]").Length.ShouldBe(0);
    }
}
