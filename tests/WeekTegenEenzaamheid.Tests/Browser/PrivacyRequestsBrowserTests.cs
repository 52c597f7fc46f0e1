using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

/// <summary>Issue 14, "Done when": the programme office answers an access request and carries out an erasure in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrivacyRequestsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Office_AnswersAnAccessRequest_AndErasesThePerson_EveryStepAccessible()
    {
        var person = ActivityBodies.UniqueEmail("browser-avg");
        await fixture.PublishActivityAsync(person, "Koffie met de buren");
        var (other, _) = await fixture.PublishActivityAsync(title: "Samen wandelen");
        (await fixture.Public.PostAsJsonAsync($"/api/activities/{other}/registrations", new { name = "Ria Rechten", email = person,
            partySize = 2 })).EnsureSuccessStatusCode();
        var page = await fixture.NewStaffPageAsync("admin");

        await page.GotoAsync("/programmabureau/privacyverzoeken");
        (await Heading(page)).ShouldBe("Privacyverzoeken");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await Button(page, "Zoeken").ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." })
            .CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("E-mailadres").FillAsync(person.ToUpperInvariant());
        await Button(page, "Zoeken").ClickAsync();

        page.Url.ShouldNotContain("browser-avg");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Aanmeldingen", Exact = true }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Cell, new() { Name = "Ria Rechten", Exact = true }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Cell, new() { Name = "Koffie met de buren", Exact = true }).CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => Button(page, "Download als JSON").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("gegevens-week-tegen-eenzaamheid-");
        var json = JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        json["signUps"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("Ria Rechten");

        await Button(page, "Afdrukversie").ClickAsync();
        (await Heading(page)).ShouldBe("Overzicht van je gegevens bij de Week tegen Eenzaamheid");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Wat kun je nu doen?" }).CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("header").IsVisibleAsync()).ShouldBeFalse("the staff menu is not printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar Privacyverzoeken" }).ClickAsync();
        await page.GetByLabel("E-mailadres").FillAsync(person);
        await Button(page, "Zoeken").ClickAsync();
        await Button(page, "Gegevens wissen").ClickAsync();
        (await Heading(page)).ShouldBe("Gegevens wissen");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await Button(page, "Ja, wis de gegevens").ClickAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Vul een reden in van 3 tot 1000 tekens, zonder het e-mailadres." })
            .CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Reden").FillAsync("Verzoek per e-mail van de deelnemer");
        await Button(page, "Ja, wis de gegevens").ClickAsync();

        (await Heading(page)).ShouldBe("Gegevens gewist");
        (await page.GetByRole(AriaRole.Row, new() { Name = "Aanmeldingen gewist 1" }).CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Naar Privacyverzoeken" }).ClickAsync();
        await page.GetByLabel("E-mailadres").FillAsync(person);
        await Button(page, "Zoeken").ClickAsync();
        (await page.GetByRole(AriaRole.Cell, new() { Name = "Ria Rechten", Exact = true }).CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Cell, new() { Name = "Wissen", Exact = true }).CountAsync()).ShouldBe(1);
        await Button(page, "Uitloggen").ClickAsync();
        (await Heading(page)).ShouldBe("Je bent uitgelogd");
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static Task<string?> Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
}
