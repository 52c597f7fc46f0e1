using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

[Collection(AppCollection.Name)]
public sealed partial class StaffSignInTests(AppFixture fixture)
{
    [Fact]
    public async Task SignIn_ByTheEmailedLink_StartsAnHttpOnlySession_OfTheMembersRole_Once()
    {
        var (_, email) = await fixture.App.CreateMemberAsync("admin", "Anna Programmabureau");
        var browser = Browser(fixture.App);
        var start = await PageClient.GetAsync(browser, "/medewerkers/inloggen");
        start.Heading().ShouldBe("Inloggen voor medewerkers");

        var sent = await PageClient.SubmitAsync(browser, start, "Stuur mij een inloglink", new Dictionary<string, string>
        {
            ["E-mailadres"] = email.ToUpperInvariant(),
        });

        (await PageClient.ParseAsync(sent)).Heading().ShouldBe("Controleer je e-mail");
        var mail = (await fixture.Smtp.WaitForAsync(email)).ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Je inloglink voor de Week tegen Eenzaamheid");
        mail.TextBody.ShouldNotBeNull().ShouldContain("Beste Anna Programmabureau,");
        var link = SignInLink().Match(mail.TextBody!).Groups["path"].Value;
        var open = await PageClient.GetAsync(browser, link);
        var signedIn = await PageClient.SubmitAsync(browser, open, "Inloggen");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/programmabureau");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wte-medewerker=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("path=/;", Case.Insensitive);
        (await browser.GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = Browser(fixture.App);
        (await PageClient.SubmitAsync(other, await PageClient.GetAsync(other, link), "Inloggen")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignInLink_ForAnUnknownAddress_SaysTheSame_AndSendsNothing()
    {
        var email = ActivityBodies.UniqueEmail("geen-medewerker");
        var start = await PageClient.GetAsync(fixture.Public, "/medewerkers/inloggen");

        var sent = await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string, string>
        {
            ["E-mailadres"] = email,
        });

        (await PageClient.ParseAsync(sent)).Heading().ShouldBe("Controleer je e-mail");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).Count.ShouldBe(0);
    }

    [Fact]
    public async Task SignInLinks_AreLimitedToThreeAnHourPerAddress()
    {
        var (_, email) = await fixture.App.CreateMemberAsync("logistics");
        for (var i = 0; i < 5; i++)
        {
            await RequestLinkAsync(email);
        }

        await fixture.Smtp.WaitForAsync(email, count: 3);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).Count.ShouldBe(3);
    }

    [Fact]
    public async Task SignInLinks_RequestedInParallel_AreStillLimitedToThreeAnHour()
    {
        // Count, then add: parallel requests each counted fewer than three under READ COMMITTED.
        var (_, email) = await fixture.App.CreateMemberAsync("logistics");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => RequestLinkAsync(email)));

        await fixture.Smtp.WaitForAsync(email, count: 3);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).Count.ShouldBe(3);
    }

    [Fact]
    public async Task SignIn_WithAnInvalidAddress_ShowsTheDutchError()
    {
        var start = await PageClient.GetAsync(fixture.Public, "/medewerkers/inloggen");

        var response = await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string, string>
        {
            ["E-mailadres"] = "magazijn",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(response)).FieldError("E-mailadres")
            .ShouldBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
    }

    [Fact]
    public async Task Dashboard_WithoutSession_RedirectsToSignIn_AndTheLinkComesBackToIt()
    {
        var browser = Browser(fixture.App);

        var response = await browser.SendAsync(HtmlGet("/hangfire/recurring"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/medewerkers/inloggen?terug=%2Fhangfire%2Frecurring");
        var (id, email) = await fixture.App.CreateMemberAsync("admin");
        var start = await PageClient.GetAsync(browser, response.Headers.Location.OriginalString);
        await PageClient.SubmitAsync(browser, start, "Stuur mij een inloglink", new Dictionary<string, string> { ["E-mailadres"] = email });
        var link = SignInLink().Match((await fixture.Smtp.WaitForAsync(email)).Single().TextBody!).Groups["path"].Value;
        var signedIn = await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, link), "Inloggen");
        signedIn.Headers.Location!.OriginalString.ShouldBe("/hangfire/recurring");
        (await browser.SendAsync(HtmlGet("/hangfire/recurring"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task FormPost_AfterTheSessionEnded_SignsInBackToTheFormsPage_NotToItsPostOnlyAddress()
    {
        var (id, email) = await fixture.App.CreateMemberAsync("logistics");
        var browser = Browser(fixture.App);
        var signedIn = await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, await fixture.App.SignInLinkAsync(id)),
            "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await PageClient.GetAsync(browser, "/magazijn");
        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE staff_sessions SET ended_at = created_at WHERE staff_id = @Id", new { Id = id });
        }

        var response = await PageClient.SubmitAsync(browser, page, "Maak een pickbatch");

        // The form posts to /magazijn/pickbatches, which takes posts only; the sign-in comes back to /magazijn, where it was.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/medewerkers/inloggen?terug=%2Fmagazijn");
        var start = await PageClient.GetAsync(browser, response.Headers.Location.OriginalString);
        await PageClient.SubmitAsync(browser, start, "Stuur mij een inloglink", new Dictionary<string, string> { ["E-mailadres"] = email });
        var link = SignInLink().Match((await fixture.Smtp.WaitForAsync(email)).Single().TextBody!).Groups["path"].Value;
        var again = await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, link), "Inloggen");
        again.Headers.Location!.OriginalString.ShouldBe("/magazijn");
        (await browser.SendAsync(HtmlGet("/magazijn"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FormPost_AfterTheSessionEnded_FromAFormShownAgainAfterAPost_SignsInBackToTheFirstPage()
    {
        var (id, _, admin) = await fixture.App.SignedInMemberAsync("admin", "Zelf Terug");
        var list = await PageClient.GetAsync(admin, "/programmabureau/medewerkers");
        // Refused (own admin role): the list is shown again, in answer to the post to …/rol, which takes posts only.
        var refused = await PageClient.SubmitAsync(admin, list, "Rol wijzigen van Zelf Terug",
            new Dictionary<string, string> { ["Rol van Zelf Terug"] = "logistics" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var shownAgain = await PageClient.ParseAsync(refused);
        await fixture.App.ExecuteAsync("UPDATE staff_sessions SET ended_at = created_at WHERE staff_id = @Id", new { Id = id });

        var response = await PageClient.SubmitAsync(admin, shownAgain, "Medewerker toevoegen",
            new Dictionary<string, string> { ["Naam"] = "Na Afloop", ["E-mailadres"] = ActivityBodies.UniqueEmail("na-afloop") });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/medewerkers/inloggen?terug=%2Fprogrammabureau%2Fmedewerkers");
    }

    [Fact]
    public async Task Dashboard_ForALogisticsSession_Returns403()
    {
        var logistics = await fixture.App.SignedInClientAsync("logistics");

        (await logistics.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("%2F%2Fevil.example%2F")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%0A%2Fevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task SignIn_ReturnPathElsewhere_GoesToTheRolesStartPage(string returnPath)
    {
        var (id, _) = await fixture.App.CreateMemberAsync("logistics");
        var browser = Browser(fixture.App);
        var open = await PageClient.GetAsync(browser, (await fixture.App.SignInLinkAsync(id)) + "&terug=" + returnPath);

        var signedIn = await PageClient.SubmitAsync(browser, open, "Inloggen");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/magazijn");
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_EvenForACopiedCookie()
    {
        var (id, _) = await fixture.App.CreateMemberAsync("admin");
        var admin = Browser(fixture.App);
        var signedIn = await PageClient.SubmitAsync(admin, await PageClient.GetAsync(admin, await fixture.App.SignInLinkAsync(id)),
            "Inloggen");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wte-medewerker=", StringComparison.Ordinal))
            .Split(';')[0];
        var copied = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        (await copied.SendAsync(HtmlGet("/hangfire", cookie))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The Uitloggen button of a staff page, whose antiforgery token is made for the signed-in member.
        var signedOut = await PageClient.SubmitAsync(admin, await PageClient.GetAsync(admin, "/magazijn"), "Uitloggen");

        signedOut.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(signedOut)).Heading().ShouldBe("Je bent uitgelogd");
        (await admin.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await copied.SendAsync(HtmlGet("/hangfire", cookie))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefused()
    {
        var admin = await fixture.App.SignedInClientAsync("admin");

        var response = await admin.PostAsync("/medewerkers/uitloggen", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RevokedMember_LosesSessionAndKeyAtOnce()
    {
        var (id, _) = await fixture.App.CreateMemberAsync("admin");
        var browser = Browser(fixture.App);
        await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, await fixture.App.SignInLinkAsync(id)), "Inloggen");
        (await browser.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var unused = await fixture.App.SignInLinkAsync(id);

        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE staff_keys SET revoked_at = created_at WHERE id = @Id", new { Id = id });
        }

        (await browser.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var other = Browser(fixture.App);
        (await PageClient.SubmitAsync(other, await PageClient.GetAsync(other, unused), "Inloggen")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignInLink_After15Minutes_AndSession_After8Hours_NoLongerWork()
    {
        await using var app = new WteApp(smtpPort: null);
        var (id, _) = await app.CreateMemberAsync("admin");
        var late = await app.SignInLinkAsync(id);
        var browser = Browser(app);
        await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, await app.SignInLinkAsync(id)), "Inloggen");

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var other = Browser(app);
        (await PageClient.SubmitAsync(other, await PageClient.GetAsync(other, late), "Inloggen")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await browser.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(8));
        (await browser.SendAsync(HtmlGet("/hangfire"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static HttpClient Browser(WteApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static HttpRequestMessage HtmlGet(string path, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    [GeneratedRegex(@"https://wte\.test(?<path>/medewerkers/inloggen/link\?token=[A-Za-z0-9_\-%]+(&terug=[A-Za-z0-9%._\-]+)?)")]
    private static partial Regex SignInLink();

    /// <summary>Asks for a sign-in link on the page, as a member would; the page answers the same whoever asks.</summary>
    private async Task RequestLinkAsync(string email)
    {
        var start = await PageClient.GetAsync(fixture.Public, "/medewerkers/inloggen");
        (await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string, string>
        {
            ["E-mailadres"] = email,
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
