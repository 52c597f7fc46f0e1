using System.Net;
using System.Net.Http.Json;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class OfficeActivityPagesTests(AppFixture fixture)
{
    private static readonly string[] OfficePaths =
        ["/programmabureau", "/programmabureau/edities", "/programmabureau/edities/2030", "/programmabureau/e-mails",
            "/programmabureau/medewerkers"];

    [Fact]
    public async Task ProgrammeOffice_ForALogisticsSession_Returns403()
    {
        var logistics = await fixture.App.SignedInClientAsync("logistics");

        foreach (var path in OfficePaths)
        {
            var response = await logistics.GetPageAsync(path);

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await PageClient.ParseAsync(response)).Heading().ShouldBe("Geen toegang");
        }
    }

    [Fact]
    public async Task ProgrammeOffice_WithoutSession_RedirectsToSignIn()
    {
        foreach (var path in OfficePaths)
        {
            var response = await fixture.App.CreateClient(new() { AllowAutoRedirect = false }).GetPageAsync(path);

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.OriginalString.ShouldEndWith("/medewerkers/inloggen?terug=" + Uri.EscapeDataString(path));
        }
    }

    [Fact]
    public async Task ProgrammeOffice_WithAnApiKeyOnly_RedirectsToSignIn()
    {
        var keyOnly = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        keyOnly.DefaultRequestHeaders.Authorization = new("Bearer", fixture.AdminKey);

        var response = await keyOnly.GetPageAsync("/programmabureau");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ActivityList_ShowsEveryStatus_AndFiltersBySearchTextAndStatus()
    {
        var word = "kantoor" + Guid.NewGuid().ToString("N")[..10];
        var pending = ActivityBodies.Valid(fixture.Edition);
        pending["title"] = $"Wacht {word}";
        var published = ActivityBodies.Valid(fixture.Edition);
        published["title"] = $"Open {word}";
        await ActivityFlow.RegisterAsync(fixture, pending);
        var open = await ActivityFlow.PublishAsync(fixture, published);
        var admin = await fixture.App.SignedInClientAsync("admin");

        var all = await PageClient.GetAsync(admin, $"/programmabureau?jaar={fixture.Edition.Year}&q={word}");
        var onlyPending = await PageClient.GetAsync(admin,
            $"/programmabureau?jaar={fixture.Edition.Year}&q={word}&status=pendingVerification");
        var byContact = await PageClient.GetAsync(admin, $"/programmabureau?jaar={fixture.Edition.Year}&q={open.ContactEmail}");

        all.Heading().ShouldBe($"Activiteiten van {fixture.Edition.Year}");
        Rows(all).ShouldBe([$"Wacht {word} Wacht op bevestiging", $"Open {word} Gepubliceerd"], ignoreOrder: true);
        Rows(onlyPending).ShouldBe([$"Wacht {word} Wacht op bevestiging"]);
        Rows(byContact).ShouldBe([$"Open {word} Gepubliceerd"]);
        all.Field("Status").ShouldNotBeNull();
        all.Field("Provincie").ShouldNotBeNull();
        all.Field("Gemeente").ShouldNotBeNull();
        all.Field("Soort activiteit").ShouldNotBeNull();
        all.Field("Jaar").QuerySelectorAll("option[selected]").Single().GetAttribute("value").ShouldBe(fixture.Edition.Year.ToString());
    }

    [Fact]
    public async Task ActivityList_BadFilter_ShowsDutchError_NotA500()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");

        var response = await admin.GetPageAsync("/programmabureau?status=weg&jaar=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await PageClient.ParseAsync(response);
        page.FieldError("Jaar").ShouldBe("Kies een jaar tussen 2000 en 2100.");
        var second = await PageClient.ParseAsync(await admin.GetPageAsync("/programmabureau?status=weg"));
        second.FieldError("Status").ShouldBe("Kies een status uit de lijst.");
    }

    [Fact]
    public async Task ActivityDetail_ShowsContactFields()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");

        var page = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");

        page.Heading().ShouldBe("Soep & praat");
        page.Body!.Text().ShouldContain(activity.ContactEmail);
        page.Body!.Text().ShouldContain("Fatima Yilmaz");
        page.Body!.Text().ShouldContain("Het programmabureau heeft nog niets met deze activiteit gedaan.");
        (await admin.GetPageAsync($"/programmabureau/activiteiten/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reject_FromTheDetailPage_RecordsTheReasonAndWho_AndTellsTheContact()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var (adminId, _, admin) = await fixture.App.SignedInMemberAsync("admin", "Rita Redactie");
        var detail = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");
        const string reason = "Dit is reclame voor een winkel.";

        var response = await PageClient.SubmitAsync(admin, detail, "Afwijzen", new Dictionary<string, string> { ["Reden"] = reason });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/programmabureau/activiteiten/{activity.Id}?gedaan=afgewezen");
        var after = await PageClient.GetAsync(admin, response.Headers.Location.OriginalString);
        after.QuerySelector("[role=status]")!.Text().ShouldStartWith("De activiteit is afgewezen.");
        var history = after.QuerySelectorAll("table tbody tr").ShouldHaveSingleItem().QuerySelectorAll("td")
            .Select(td => td.Text()).ToList();
        history[1..].ShouldBe(["Afgewezen", "Rita Redactie", reason]);
        after.QuerySelectorAll("button").Select(b => b.Text()).ShouldNotContain("Afwijzen");
        (await fixture.App.ScalarAsync<long>(
            """
            SELECT COUNT(1) FROM activity_history
            WHERE activity_id = @Id AND staff_id = @StaffId AND event = 'rejected' AND note = @Reason
            """,
            new { activity.Id, StaffId = adminId, Reason = reason })).ShouldBe(1);
        var mail = (await fixture.Smtp.WaitForAsync(activity.ContactEmail, 2))
            .Single(e => e.Subject?.StartsWith("Je activiteit is niet geplaatst", StringComparison.Ordinal) == true);
        mail.TextBody!.ShouldContain($"Reden: {reason}");
    }

    [Fact]
    public async Task Reject_ByApiKey_RecordsTheKeysStaffId()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var keyId = await fixture.App.ScalarAsync<string>("SELECT name FROM staff_keys WHERE key_hash = @Hash",
            new { Hash = WeekTegenEenzaamheid.Api.Platform.Security.Tokens.Hash(fixture.AdminKey) });

        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", new { reason = "Spam van een bot." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");
        page.QuerySelectorAll("table tbody tr td").Select(td => td.Text()).ToList()[1..]
            .ShouldBe(["Afgewezen", keyId, "Spam van een bot."]);
    }

    [Fact]
    public async Task Reject_WithoutAReason_ShowsTheDutchError_AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");
        var detail = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");

        var response = await PageClient.SubmitAsync(admin, detail, "Afwijzen", new Dictionary<string, string> { ["Reden"] = " x " });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await PageClient.ParseAsync(response);
        page.FieldError("Reden").ShouldBe("Geef een reden van 3 tot 1000 tekens.");
        page.SummaryErrors().ShouldBe(["Geef een reden van 3 tot 1000 tekens."]);
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reject_WithoutTheAntiforgeryToken_Returns400_AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");
        var detail = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");

        var response = await PageClient.SubmitAsync(admin, detail, "Afwijzen", new Dictionary<string, string> { ["Reden"] = "Spam spam." },
            withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM activity_history WHERE activity_id = @Id", new { activity.Id }))
            .ShouldBe(0);
    }

    [Fact]
    public async Task Reject_ACancelledActivity_SaysItCannot()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");
        var detail = await PageClient.GetAsync(admin, $"/programmabureau/activiteiten/{activity.Id}");
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PageClient.SubmitAsync(admin, detail, "Afwijzen", new Dictionary<string, string> { ["Reden"] = "Spam spam." });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PageClient.ParseAsync(response)).QuerySelector("[role=alert]")!.Text()
            .ShouldBe("Niet afgewezen: deze activiteit is al geannuleerd of afgewezen.");
    }

    private static List<string> Rows(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("table tbody tr")
            .Select(row => row.QuerySelectorAll("td").First().Text() + " " + row.QuerySelectorAll("td").Last().Text())
            .ToList();
}
