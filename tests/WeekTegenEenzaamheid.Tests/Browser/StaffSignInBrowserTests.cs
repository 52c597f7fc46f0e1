using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class StaffSignInBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Staff_SignsInByTheEmailedLink_WithoutJavaScript_AndEveryStepIsAccessible()
    {
        var (_, email) = await fixture.App.CreateMemberAsync("admin");
        var page = await fixture.NewPageAsync(javaScript: false);
        var axe = await fixture.NewPageAsync();

        await page.GotoAsync("/hangfire");
        page.Url.ShouldEndWith("/medewerkers/inloggen?terug=%2Fhangfire");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." })
            .CountAsync()).ShouldBe(1);
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync()).ShouldBe("Controleer je e-mail");
        var link = SignInLink().Match((await fixture.Smtp.WaitForAsync(email)).Single().TextBody!).Groups["path"].Value;
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        page.Url.ShouldEndWith("/hangfire");
        foreach (var path in new[] { "/medewerkers/inloggen", link, "/medewerkers/inloggen/link?token=onbekend" })
        {
            await axe.GotoAsync(path);
            await BrowserFixture.ShouldBeAccessibleAsync(axe);
        }

        await axe.GotoAsync("/medewerkers/inloggen");
        await axe.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(axe);
    }

    [GeneratedRegex(@"https://wte\.test(?<path>/medewerkers/inloggen/link\?token=[A-Za-z0-9_\-%]+(&terug=[A-Za-z0-9%._\-]+)?)")]
    private static partial Regex SignInLink();
}
