using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed partial class MyActivitiesPageTests(AppFixture fixture)
{
    [Fact]
    public async Task SignInLink_ListsTheAddresssActivities_AndOpensTheirManagePages_Once()
    {
        var email = ActivityBodies.UniqueEmail("mijn");
        var first = await RegisterAsync(email, "Eerste activiteit", mails: 1, publish: true);
        var second = await RegisterAsync(email.ToUpperInvariant(), "Tweede activiteit", mails: 2, publish: true);
        var unverified = await RegisterAsync(email, "Onbevestigde activiteit", mails: 3, publish: false);
        var client = fixture.App.CreateClient();
        var start = await PageClient.GetAsync(client, "/beheer");
        start.Heading().ShouldBe("Mijn activiteiten");

        var sent = await PageClient.SubmitAsync(client, start, "Stuur mij een inloglink", new Dictionary<string,
            string> { ["E-mailadres"] = email });

        (await PageClient.ParseAsync(sent)).Heading().ShouldBe("Controleer je e-mail");
        var mail = (await fixture.Smtp.WaitForAsync(email, count: 4)).WithSubject("Je inloglink voor Mijn activiteiten").Single();
        var link = SignInLink().Match(mail.TextBody!).Value;
        var open = await PageClient.GetAsync(client, link.Replace("https://wte.test", string.Empty, StringComparison.Ordinal));
        var signedIn = await PageClient.SubmitAsync(client, open, "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signedIn.Content.ReadAsStringAsync());
        var list = await PageClient.ParseAsync(signedIn);

        list.Heading().ShouldBe("Mijn activiteiten");
        var links = list.QuerySelectorAll("main a[href^='/beheer/activiteiten/']").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldBe([$"/beheer/activiteiten/{first}", $"/beheer/activiteiten/{second}"], ignoreOrder: true);
        links.ShouldNotContain($"/beheer/activiteiten/{unverified}");
        (await PageClient.GetAsync(client, $"/beheer/activiteiten/{second}")).Heading().ShouldBe("Tweede activiteit");
        var other = fixture.App.CreateClient();
        var reopened = await PageClient.GetAsync(other, link.Replace("https://wte.test", string.Empty, StringComparison.Ordinal));
        var again = await PageClient.SubmitAsync(other, reopened, "Inloggen");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SignInLink_ForAnUnknownAddress_SaysTheSame_AndSendsNothing()
    {
        var email = ActivityBodies.UniqueEmail("onbekend");
        var start = await PageClient.GetAsync(fixture.Public, "/beheer");

        var sent = await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string,
            string> { ["E-mailadres"] = email });

        (await PageClient.ParseAsync(sent)).Heading().ShouldBe("Controleer je e-mail");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).Count.ShouldBe(0);
    }

    [Fact]
    public async Task SignInLinks_AreLimitedPerAddress()
    {
        var email = ActivityBodies.UniqueEmail("limiet");
        await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(fixture.Edition, contactEmail: email));
        for (var i = 0; i < 5; i++)
        {
            await RequestLinkAsync(email);
        }

        await fixture.Smtp.WaitForAsync(email, count: 4);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).WithSubject("Je inloglink voor Mijn activiteiten").Count.ShouldBe(3);
    }

    [Fact]
    public async Task SignInLinks_RequestedInParallel_AreStillLimitedPerAddress()
    {
        // A helper's review found it: each request counted the address's links, then added one, so parallel requests
        // each saw fewer than three (READ COMMITTED on PostgreSQL and SQL Server).
        var email = ActivityBodies.UniqueEmail("limiet-tegelijk");
        await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(fixture.Edition, contactEmail: email));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => RequestLinkAsync(email)));

        await fixture.Smtp.WaitForAsync(email, count: 3);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(email).WithSubject("Je inloglink voor Mijn activiteiten").Count.ShouldBe(3);
    }

    [Fact]
    public async Task SignIn_WithAnInvalidAddress_ShowsTheDutchError()
    {
        var start = await PageClient.GetAsync(fixture.Public, "/beheer");

        var response = await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string,
            string> { ["E-mailadres"] = "nee" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(response);
        again.FieldError("E-mailadres").ShouldBe("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
        again.Field("E-mailadres").GetAttribute("value").ShouldBe("nee");
    }

    /// <summary>Asks for a sign-in link on the page, as an organiser would; the page answers the same whoever asks.</summary>
    private async Task RequestLinkAsync(string email)
    {
        var start = await PageClient.GetAsync(fixture.Public, "/beheer");
        (await PageClient.SubmitAsync(fixture.Public, start, "Stuur mij een inloglink", new Dictionary<string,
            string> { ["E-mailadres"] = email }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Guid> RegisterAsync(string email, string title, int mails, bool publish)
    {
        var body = ActivityBodies.Valid(fixture.Edition, contactEmail: email);
        body["title"] = title;
        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var token = (await fixture.Smtp.WaitForAsync(email,
            count: mails)).Select(ActivityFlow.ManageLink).Single(link => link.Id == id).Token;
        if (publish)
        {
            (await fixture.Public.PostAsJsonAsync($"/api/activities/{id}/verify", new { token })).EnsureSuccessStatusCode();
        }

        return id;
    }

    [GeneratedRegex(@"https://wte\.test/beheer/inloggen\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex SignInLink();
}
