using System.Text;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportPageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ProgrammeOffice_ReadsTheReport_TicksAndUploadsJoinedMunicipalities_AndEveryStepIsAccessible()
    {
        var year = fixture.Edition.Year;
        await fixture.PublishActivityAsync(municipalityCode: "GM0363");
        var page = await fixture.NewStaffPageAsync("admin");

        await page.GotoAsync("/programmabureau/cijfers");
        page.Url.ShouldEndWith($"/programmabureau/cijfers/{year}");
        (await page.Locator("h1").TextContentAsync()).ShouldBe($"Cijfers van de Week tegen Eenzaamheid {year}");
        (await page.Locator("svg[role=img] path[data-code]").CountAsync()).ShouldBe(342);
        (await page.GetByRole(AriaRole.Img).First.GetAttributeAsync("aria-labelledby")).ShouldBe("kaart-titel");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Aangesloten gemeenten {year}" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Amsterdam", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Maastricht", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.Trim()
            .ShouldBe("De lijst is opgeslagen: 2 gemeenten zijn aangesloten.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByLabel("Bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "aangesloten.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("gemeente\nAmsterdam\nUtrecht\nGroningen\nNergensdorp\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand inlezen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.Trim()
            .ShouldBe("Het bestand is ingelezen: 3 gemeenten zijn aangesloten.");
        (await page.Locator("tr[data-outcome=failed]").CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand inlezen" }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Kies een bestand.");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Bekijk de cijfers van {year}" }).ClickAsync();
        (await page.Locator("tr[data-key='municipalities.joined'] td").TextContentAsync()).ShouldBe("3");
        (await page.Locator("tr[data-key='municipalities.joinedWithActivity'] td").TextContentAsync()).ShouldBe("1");
        (await page.Locator("path[data-code='GM0363']").GetAttributeAsync("class"))!.ShouldNotContain("wte-map__bucket-0");
    }
}
