using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

/// <summary>The programme office's tasks in a real browser, by label and button name, with axe on every page and error state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgrammeOfficeBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Office_FindsAnActivity_AndRejectsItWithAReason()
    {
        var word = "Bureau" + Guid.NewGuid().ToString("N")[..8];
        var (id, _) = await fixture.PublishActivityAsync(title: $"Koffie {word}");
        var page = await fixture.NewStaffPageAsync("admin");

        page.Url.ShouldEndWith("/programmabureau");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Zoek", new() { Exact = true }).FillAsync(word);
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Gepubliceerd" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Koffie {word}" }).ClickAsync();
        page.Url.ShouldEndWith($"/programmabureau/activiteiten/{id}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Geef een reden van 3 tot 1000 tekens.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Reden").FillAsync("Dit is reclame.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De activiteit is afgewezen.");
        (await page.Locator("table").TextContentAsync())!.ShouldContain("Dit is reclame.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GotoAsync("/programmabureau?status=weg");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task Office_AddsAnEdition_AndChangesItsDates()
    {
        var page = await fixture.NewStaffPageAsync("admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edities" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Jaar").FillAsync("3000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Editie toevoegen" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Jaar").FillAsync("2097");
        await page.GetByRole(AriaRole.Button, new() { Name = "Editie toevoegen" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Editie 2097");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Laatste dag van de Week").FillAsync("2097-09-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Editie opslaan" }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("De laatste dag mag niet voor de eerste dag liggen.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Laatste dag van de Week").FillAsync("2097-10-05");
        await page.GetByLabel("Pakketten bestellen kan tot").FillAsync("2097-09-10T12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Editie opslaan" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De data van de Week van 2097 zijn opgeslagen.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        var edition = await fixture.Public.GetFromJsonAsync<JsonObject>("/api/editions/2097");
        edition!["endsOn"]!.GetValue<string>().ShouldBe("2097-10-05");
        edition["kitOrderDeadline"]!.GetValue<string>().ShouldBe("2097-09-10T12:00:00+02:00");
    }

    [Fact]
    public async Task Office_TriesAFailedEmailAgain()
    {
        var contact = ActivityBodies.UniqueEmail("browser-vol");
        var body = ActivityBodies.Valid(new TestEdition(fixture.Edition.Year, fixture.Edition.StartsOn, fixture.Edition.EndsOn),
            contactEmail: contact);
        (await fixture.Public.PostAsJsonAsync("/api/activities", body)).EnsureSuccessStatusCode();
        await fixture.App.ExecuteAsync(
            "UPDATE outbox_messages SET status = 'failed', attempts = 1, last_error = '552 5.2.2 Mailbox full' WHERE to_address = @Contact",
            new { Contact = contact });
        var page = await fixture.NewStaffPageAsync("admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "E-mails" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Mislukte e-mails");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Opnieuw proberen ({contact}" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De e-mail staat weer in de wachtrij");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        (await fixture.Smtp.WaitForAsync(contact)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Office_AddsAColleague_ChangesTheRole_AndRevokesThem_AndOpensTheJobsDashboard()
    {
        var colleague = ActivityBodies.UniqueEmail("browser-collega");
        var name = "Collega " + Guid.NewGuid().ToString("N")[..6];
        var page = await fixture.NewStaffPageAsync("admin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Medewerkers" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Medewerker toevoegen" }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Kies een rol.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("E-mailadres").FillAsync(colleague);
        await page.GetByLabel("Rol", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Magazijn" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Medewerker toevoegen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De medewerker is toegevoegd");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        (await fixture.Smtp.WaitForAsync(colleague)).Single().Subject.ShouldBe("Welkom bij de Week tegen Eenzaamheid");

        await page.GetByLabel($"Rol van {name}").SelectOptionAsync(new SelectOptionValue { Label = "Programmabureau (beheer)" });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Rol wijzigen van {name}" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De rol is gewijzigd.");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Toegang intrekken van {name}" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe($"Toegang van {name} intrekken");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toegang intrekken" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De toegang is ingetrokken.");

        var dashboard = await page.GotoAsync("/hangfire");
        dashboard!.Status.ShouldBe(200);
        page.Url.ShouldEndWith("/hangfire");
    }
}
