using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

/// <summary>Each user's path in a real browser, by label and button name as a person would, with axe on every page passed.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PageJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Visitor_SearchesFindsAnActivityAndSignsUp(bool javaScript)
    {
        var word = "Zoek" + Guid.NewGuid().ToString("N")[..8];
        var id = (await fixture.PublishActivityAsync(title: $"Koffie {word}")).Id;
        var page = await fixture.NewPageAsync(javaScript);

        await page.GotoAsync("/");
        await page.GetByLabel("Gemeente").SelectOptionAsync(new SelectOptionValue { Label = "Lelystad" });
        await page.GetByLabel("Zoek op woord").FillAsync(word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Koffie {word}" }).ClickAsync();

        (await page.Locator("h1").TextContentAsync()).ShouldBe($"Koffie {word}");
        page.Url.ShouldEndWith($"/activiteiten/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Vul je naam in");
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Anna de Vries");
        await page.GetByLabel("E-mailadres").FillAsync(ActivityBodies.UniqueEmail("browser"));
        await page.GetByLabel("Aantal personen").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();

        (await page.Locator("h1").TextContentAsync()).ShouldBe("Je bent aangemeld");
    }

    [Fact]
    public async Task Initiator_RegistersConfirmsChangesOrdersAKitAndSeesTheSignUps()
    {
        var email = ActivityBodies.UniqueEmail("browser-initiator");
        var sku = await NewKitItemAsync();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Organiseer een activiteit" }).First.ClickAsync();
        await page.GetByLabel("Titel").FillAsync("Wandelen in het park");
        await page.GetByLabel("Soort activiteit").SelectOptionAsync(new SelectOptionValue { Label = "Wandeling" });
        await page.GetByLabel("Iedereen").CheckAsync();
        await page.GetByLabel("Datum").FillAsync(fixture.Edition.StartsOn.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Begintijd").FillAsync("10:00");
        await page.GetByLabel("Eindtijd").FillAsync("11:30");
        await page.GetByLabel("Verwacht aantal deelnemers").FillAsync("20");
        await page.GetByLabel("Maximum aantal deelnemers").FillAsync("25");
        await page.GetByLabel("Naam van de locatie").FillAsync("Het Zuiderpark");
        await page.GetByLabel("Straat", new() { Exact = true }).FillAsync("Parkweg");
        await page.GetByLabel("Huisnummer", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("Postcode", new() { Exact = true }).FillAsync("8232 AB");
        await page.GetByLabel("Plaats", new() { Exact = true }).FillAsync("Lelystad");
        await page.GetByLabel("Gemeente").SelectOptionAsync(new SelectOptionValue { Label = "Lelystad" });
        await page.GetByLabel("Naam contactpersoon").FillAsync("Jan Visser");
        await page.GetByLabel("E-mailadres contactpersoon").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activiteit aanmelden" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Controleer je e-mail");

        var link = ManageLink().Match((await fixture.Smtp.WaitForAsync(email)).Single().TextBody!).Value;
        await page.GotoAsync(link.Replace("https://wte.test", fixture.BaseUrl, StringComparison.Ordinal));
        page.Url.ShouldNotContain("token=");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestig mijn activiteit" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("bevestigd");

        await page.GetByLabel("Begintijd").FillAsync("10:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De deelnemers krijgen een e-mail");

        await page.GetByLabel($"Aantal Testartikel {sku}").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pakket bestellen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("Je Kom-Erbij pakket is besteld");
        (await page.Locator("#pakket").Locator("..").TextContentAsync())!.ShouldContain("Geschiedenis");

        var activityId = Guid.Parse(Regex.Match(page.Url, "[0-9a-f-]{36}").Value);
        (await fixture.Public.PostAsJsonAsync($"/api/activities/{activityId}/registrations", new { name = "Karin Smit",
            email = ActivityBodies.UniqueEmail("deelnemer"), partySize = 1 }))
            .EnsureSuccessStatusCode();
        await page.ReloadAsync();
        (await page.Locator("table").TextContentAsync())!.ShouldContain("Karin Smit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lijst om af te drukken" }).ClickAsync();
        (await page.Locator("tbody").TextContentAsync())!.ShouldContain("Karin Smit");
    }

    [Fact]
    public async Task Keyboard_TabReachesEveryControl_WithVisibleFocus()
    {
        var id = (await fixture.PublishActivityAsync(title: "Toetsenbord " + Guid.NewGuid().ToString("N")[..6])).Id;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/activiteiten/{id}");
        var controls = await page.EvaluateAsync<int>(
            "document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea').length");
        var reached = new HashSet<string>();

        for (var i = 0; i < controls + 2; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusedControl>("""
                () => {
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')];
                    return { index: all.indexOf(el), visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
                }
                """);
            if (focused.Index >= 0)
            {
                focused.Visible.ShouldBeTrue($"focus not visible on control {focused.Index}");
                reached.Add(focused.Index.ToString(CultureInfo.InvariantCulture));
            }
        }

        reached.Count.ShouldBe(controls);
        (await page.EvaluateAsync<string>("document.activeElement.tagName")).ShouldNotBeNull();
    }

    [Fact]
    public async Task EveryPageAndErrorState_HasNoWcagViolations()
    {
        var id = (await fixture.PublishActivityAsync(title: "Toegankelijk " + Guid.NewGuid().ToString("N")[..6])).Id;
        var page = await fixture.NewPageAsync();
        foreach (var path in new[]
        {
            "/", "/activiteiten", $"/activiteiten?jaar={fixture.Edition.Year}", "/activiteiten?soort=zwemmen", $"/activiteiten/{id}",
            "/activiteit-aanmelden", "/beheer", "/toegankelijkheid", "/privacy", "/bestaat-niet",
        })
        {
            await page.GotoAsync(path);
            await BrowserFixture.ShouldBeAccessibleAsync(page);
        }

        await page.GotoAsync($"/activiteiten/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync("Bert");
        await page.GetByLabel("E-mailadres").FillAsync(ActivityBodies.UniqueEmail("axe"));
        await page.GetByLabel("Aantal personen").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/activiteit-aanmelden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activiteit aanmelden" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/beheer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("E-mailadres").FillAsync(ActivityBodies.UniqueEmail("axe-beheer"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Stuur mij een inloglink" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task ManagePagesAndTheirErrorStates_HaveNoWcagViolations()
    {
        var email = ActivityBodies.UniqueEmail("axe-manage");
        var (id, token) = await fixture.RegisterActivityAsync(email, "Beheer toegankelijk");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/beheer/activiteiten/{id}?token={Uri.EscapeDataString(token)}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestig mijn activiteit" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GetByLabel("Titel").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pakket bestellen" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        var signUp = await fixture.Public.PostAsJsonAsync($"/api/activities/{id}/registrations", new { name = "Piet",
            email = ActivityBodies.UniqueEmail("p"), partySize = 1 });
        signUp.EnsureSuccessStatusCode();
        await page.GotoAsync($"/beheer/activiteiten/{id}/aanmeldingen");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GotoAsync($"/beheer/activiteiten/{id}/annuleren");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, annuleer de activiteit" }).ClickAsync();
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GotoAsync($"/activiteiten/{id}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task EraseSteps_ForAParticipantAndAnInitiator_HaveNoWcagViolations()
    {
        var email = ActivityBodies.UniqueEmail("axe-erase");
        var (id, token) = await fixture.RegisterActivityAsync(email, "Wissen toegankelijk");
        (await fixture.Public.PostAsJsonAsync($"/api/activities/{id}/verify", new { token })).EnsureSuccessStatusCode();
        var guest = ActivityBodies.UniqueEmail("axe-erase-guest");
        (await fixture.Public.PostAsJsonAsync($"/api/activities/{id}/registrations", new { name = "Piet", email = guest, partySize = 1 }))
            .EnsureSuccessStatusCode();
        var (signUpId, cancelToken) = SignUpFlow.CancelLink((await fixture.Smtp.WaitForAsync(guest)).Single());
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"/aanmeldingen/{signUpId}/annuleren?token={Uri.EscapeDataString(cancelToken)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijder mijn gegevens" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Mijn gegevens verwijderen");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, verwijder mijn gegevens" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Je gegevens zijn gewist");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync($"/beheer/activiteiten/{id}?token={Uri.EscapeDataString(token)}");
        await page.GotoAsync($"/beheer/activiteiten/{id}/annuleren");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, annuleer de activiteit" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Gegevens wissen" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Gegevens wissen");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, wis de gegevens" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Gegevens gewist");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task AxeCheck_FailsOnAPageThatBreaksTheRules()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/toegankelijkheid");
        await page.EvaluateAsync("() => { document.documentElement.removeAttribute('lang'); "
            + "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>'); }");

        string? failure = null;
        try
        {
            await BrowserFixture.ShouldBeAccessibleAsync(page);
        }
        catch (ShouldAssertException exception)
        {
            failure = exception.Message;
        }

        failure.ShouldNotBeNull();
        failure.ShouldContain("html-has-lang");
        failure.ShouldContain("label (critical)");
    }

    private async Task<string> NewKitItemAsync()
    {
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        (await fixture.Logistics.PutAsJsonAsync($"/api/logistics/items/{sku}", new { name = $"Testartikel {sku}",
            description = "Alleen voor de tests.", maxPerOrder = 5 }))
            .EnsureSuccessStatusCode();
        (await fixture.Logistics.PostAsJsonAsync($"/api/logistics/stock/{sku}/receipts", new { quantity = 10,
            note = "test" })).EnsureSuccessStatusCode();
        return sku;
    }

    private sealed class FocusedControl
    {
        public int Index { get; set; }

        public bool Visible { get; set; }
    }

    [GeneratedRegex(@"https://wte\.test/beheer/activiteiten/[0-9a-f\-]{36}\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex ManageLink();
}
