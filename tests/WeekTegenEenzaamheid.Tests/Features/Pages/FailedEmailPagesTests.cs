using System.Net;
using WeekTegenEenzaamheid.Tests.Features.Operations;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class FailedEmailPagesTests(AppFixture fixture)
{
    [Fact]
    public async Task FailedEmails_ShowAddressSubjectAndError_NoBody_AndOpnieuwProberenSendsIt()
    {
        var (id, contact) = await RetryEmailTests.FailedEmailAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");

        var page = await PageClient.GetAsync(admin, "/programmabureau/e-mails");

        page.Heading().ShouldBe("Mislukte e-mails");
        var row = page.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("td")!.Text() == contact);
        var cells = row.QuerySelectorAll("td").Select(td => td.Text()).ToList();
        cells[1].ShouldStartWith("Bevestig je activiteit");
        cells[3].ShouldBe("1");
        cells[4].ShouldBe("552 5.2.2 Mailbox full");
        page.Body!.Text().ShouldNotContain("/beheer/activiteiten/");
        var button = row.QuerySelector("button")!;
        button.Text().ShouldStartWith("Opnieuw proberen");

        var response = await PageClient.SubmitAsync(admin, page, button.Text());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/programmabureau/e-mails?gedaan=opnieuw");
        var after = await PageClient.GetAsync(admin, response.Headers.Location.OriginalString);
        after.QuerySelector("[role=status]")!.Text().ShouldStartWith("De e-mail staat weer in de wachtrij");
        await fixture.RunJobsAsync();
        fixture.Smtp.MessagesTo(contact).ShouldHaveSingleItem();
        (await PageClient.GetAsync(admin, "/programmabureau/e-mails")).QuerySelectorAll("table tbody tr td:first-child")
            .Select(td => td.Text()).ShouldNotContain(contact);
        id.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task OpnieuwProberen_WithoutTheAntiforgeryToken_Returns400_AndChangesNothing()
    {
        var (_, contact) = await RetryEmailTests.FailedEmailAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(admin, "/programmabureau/e-mails");
        var button = page.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("td")!.Text() == contact).QuerySelector("button")!;

        var response = await PageClient.SubmitAsync(admin, page, button.Text(), withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await fixture.RunJobsAsync();
        fixture.Smtp.MessagesTo(contact).ShouldBeEmpty();
        (await fixture.App.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE to_address = @A", new { A = contact }))
            .ShouldBe("failed");
    }

    [Fact]
    public async Task OpnieuwProberen_AnEmailSentAlready_SaysSo()
    {
        var (id, contact) = await RetryEmailTests.FailedEmailAsync(fixture);
        var admin = await fixture.App.SignedInClientAsync("admin");
        var page = await PageClient.GetAsync(admin, "/programmabureau/e-mails");
        var button = page.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("td")!.Text() == contact).QuerySelector("button")!;
        (await fixture.Admin.PostAsync($"/api/admin/emails/{id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PageClient.SubmitAsync(admin, page, button.Text());

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PageClient.ParseAsync(response)).QuerySelector("[role=alert]")!.Text().ShouldContain("opnieuw proberen is niet nodig");
    }
}
