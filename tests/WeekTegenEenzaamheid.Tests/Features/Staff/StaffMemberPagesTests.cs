using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

[Collection(AppCollection.Name)]
public sealed partial class StaffMemberPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task FirstAdmin_AddsAWarehouseColleague_WhoSignsInByTheEmailedLink()
    {
        var (_, _, admin) = await fixture.App.SignedInMemberAsync("admin", "Eerste Beheerder");
        var colleague = ActivityBodies.UniqueEmail("collega");
        var page = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");
        page.Heading().ShouldBe("Medewerkers");

        var added = await PageClient.SubmitAsync(admin, page, "Medewerker toevoegen", new Dictionary<string, string>
        {
            ["Naam"] = "Wim Magazijn",
            ["E-mailadres"] = colleague,
            ["Rol"] = "logistics",
        });

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldBe("/programmabureau/medewerkers?gedaan=toegevoegd");
        var list = await PageClient.GetAsync(admin, added.Headers.Location.OriginalString);
        list.QuerySelector("[role=status]")!.Text().ShouldStartWith("De medewerker is toegevoegd");
        var row = list.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("th")!.Text() == "Wim Magazijn");
        row.QuerySelectorAll("td")[0].Text().ShouldBe(colleague);
        row.QuerySelector("select option[selected]")!.Text().ShouldBe("Magazijn");
        var mail = (await fixture.Smtp.WaitForAsync(colleague)).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Welkom bij de Week tegen Eenzaamheid");
        mail.TextBody!.ShouldContain("Beste Wim Magazijn,");
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var open = await PageClient.GetAsync(browser, SignInLink().Match(mail.TextBody!).Groups["path"].Value);
        var signedIn = await PageClient.SubmitAsync(browser, open, "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/magazijn");
        (await browser.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AddStaffMember_BadOrTakenAddress_ShowsDutchErrors_AndAddsNobody()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var (_, taken) = await fixture.App.CreateMemberAsync("logistics");
        var page = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");
        var before = await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys");

        var invalid = await PageClient.SubmitAsync(admin, page, "Medewerker toevoegen", new Dictionary<string, string>
        {
            ["Naam"] = "",
            ["E-mailadres"] = "geen-adres",
        });
        var duplicate = await PageClient.SubmitAsync(admin, page, "Medewerker toevoegen", new Dictionary<string, string>
        {
            ["Naam"] = "Dubbel",
            ["E-mailadres"] = taken.ToUpperInvariant(),
            ["Rol"] = "admin",
        });

        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = await PageClient.ParseAsync(invalid);
        errors.FieldError("Naam").ShouldBe("Vul een naam in van hoogstens 100 tekens, op één regel.");
        errors.FieldError("E-mailadres").ShouldBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        errors.FieldError("Rol").ShouldBe("Kies een rol.");
        errors.Field("E-mailadres").GetAttribute("value").ShouldBe("geen-adres");
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PageClient.ParseAsync(duplicate)).FieldError("E-mailadres").ShouldBe("Er is al een medewerker met dit e-mailadres.");
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys")).ShouldBe(before);
    }

    [Fact]
    public async Task ChangeRole_MakesAWarehouseColleagueAnAdmin_FromTheirNextRequest()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var (id, _, colleague) = await fixture.App.SignedInMemberAsync("logistics", "Lotte Rol");
        (await colleague.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");

        var response = await PageClient.SubmitAsync(admin, page, "Rol wijzigen van Lotte Rol", new Dictionary<string, string>
        {
            ["Rol van Lotte Rol"] = "admin",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/programmabureau/medewerkers?gedaan=rol");
        (await colleague.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.ScalarAsync<string>("SELECT role FROM staff_keys WHERE id = @Id", new { Id = id })).ShouldBe("admin");
    }

    [Fact]
    public async Task ChangeRole_OfOneself_AwayFromAdmin_IsRefusedInDutch()
    {
        var (id, _, admin) = await fixture.App.SignedInMemberAsync("admin", "Zelf Beheer");
        var page = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");

        var response = await PageClient.SubmitAsync(admin, page, "Rol wijzigen van Zelf Beheer", new Dictionary<string, string>
        {
            ["Rol van Zelf Beheer"] = "logistics",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PageClient.ParseAsync(response)).FieldError("Rol van Zelf Beheer")
            .ShouldBe("Je kunt je eigen beheerrol niet weghalen. Vraag dat aan een andere beheerder.");
        (await fixture.App.ScalarAsync<string>("SELECT role FROM staff_keys WHERE id = @Id", new { Id = id })).ShouldBe("admin");
        (await admin.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoke_AfterTheConfirmationStep_EndsTheColleaguesSessionAtOnce()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var (id, email, colleague) = await fixture.App.SignedInMemberAsync("admin", "Vera Vertrek");
        (await colleague.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");
        var link = list.QuerySelectorAll("a").Single(a => a.Text() == "Toegang intrekken van Vera Vertrek").GetAttribute("href")!;

        var confirm = await PageClient.GetAsync(admin, link);
        confirm.Heading().ShouldBe("Toegang van Vera Vertrek intrekken");
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys WHERE id = @Id AND revoked_at IS NULL", new { Id = id }))
            .ShouldBe(1);
        var response = await PageClient.SubmitAsync(admin, confirm, "Toegang intrekken");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/programmabureau/medewerkers?gedaan=ingetrokken");
        var after = await colleague.GetPageAsync("/programmabureau");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.ShouldEndWith("/medewerkers/inloggen?terug=%2Fprogrammabureau");
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_sessions WHERE staff_id = @Id AND ended_at IS NULL",
            new { Id = id })).ShouldBe(0);
        var row = (await PageClient.GetAsync(admin, "/programmabureau/medewerkers")).QuerySelectorAll("table tbody tr")
            .Single(r => r.QuerySelectorAll("td")[0].Text() == email);
        row.QuerySelectorAll("td")[3].Text().ShouldNotBe("Nee");
    }

    [Fact]
    public async Task Revoke_Oneself_IsRefusedInDutch_AndChangesNothing()
    {
        var (id, _, admin) = await fixture.App.SignedInMemberAsync("admin", "Ikke Zelf");

        var confirm = await PageClient.GetAsync(admin, $"/programmabureau/medewerkers/{id}/intrekken");
        var posted = await PageClient.PostFormFromAsync(admin, "/programmabureau/medewerkers",
            $"/programmabureau/medewerkers/{id}/intrekken");

        confirm.QuerySelector("[role=alert]")!.Text()
            .ShouldBe("Je kunt je eigen toegang niet intrekken. Vraag dat aan een andere beheerder.");
        confirm.QuerySelectorAll("button").Select(b => b.Text()).ShouldNotContain("Toegang intrekken");
        posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys WHERE id = @Id AND revoked_at IS NULL", new { Id = id }))
            .ShouldBe(1);
    }

    [Fact]
    public async Task StaffForms_WithoutTheAntiforgeryToken_Return400_AndChangeNothing()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");
        var (id, _, colleague) = await fixture.App.SignedInMemberAsync("logistics", "Anti Vervalsing");
        var list = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");
        var confirm = await PageClient.GetAsync(admin, $"/programmabureau/medewerkers/{id}/intrekken");
        var before = await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys");

        var add = await PageClient.SubmitAsync(admin, list, "Medewerker toevoegen", new Dictionary<string, string>
        {
            ["Naam"] = "Zonder Token", ["E-mailadres"] = ActivityBodies.UniqueEmail("token"), ["Rol"] = "admin",
        }, withAntiforgery: false);
        var role = await PageClient.SubmitAsync(admin, list, "Rol wijzigen van Anti Vervalsing",
            new Dictionary<string, string> { ["Rol van Anti Vervalsing"] = "admin" }, withAntiforgery: false);
        var revoke = await PageClient.SubmitAsync(admin, confirm, "Toegang intrekken", withAntiforgery: false);

        add.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        role.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        revoke.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys")).ShouldBe(before);
        (await fixture.App.ScalarAsync<string>("SELECT role FROM staff_keys WHERE id = @Id", new { Id = id })).ShouldBe("logistics");
        (await colleague.GetPageAsync("/medewerkers/inloggen")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_sessions WHERE staff_id = @Id AND ended_at IS NULL",
            new { Id = id })).ShouldBe(1);
    }

    [Fact]
    public async Task SignOut_WithTheButtonOfAStaffPage_EndsTheSession()
    {
        var (id, _, admin) = await fixture.App.SignedInMemberAsync("admin");
        var page = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");

        var response = await PageClient.SubmitAsync(admin, page, "Uitloggen");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).Heading().ShouldBe("Je bent uitgelogd");
        (await admin.GetPageAsync("/programmabureau/medewerkers")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_sessions WHERE staff_id = @Id AND ended_at IS NULL",
            new { Id = id })).ShouldBe(0);
    }

    [GeneratedRegex(@"https://wte\.test(?<path>/medewerkers/inloggen/link\?token=[A-Za-z0-9_\-%]+)")]
    private static partial Regex SignInLink();
}
