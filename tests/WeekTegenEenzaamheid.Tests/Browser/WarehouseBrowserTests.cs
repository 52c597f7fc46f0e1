using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Browser;

/// <summary>
/// The warehouse day in a real browser, by label, button and keyboard as a person with a scanner works, axe on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WarehouseBrowserTests(BrowserFixture fixture)
{
    private const string TrackingField = "veld-trackingNumber";

    [Fact]
    public async Task WarehouseDay_FromReceiptToDeliveredOrder_WithTheScanner_AndEveryPageAccessible()
    {
        var page = await fixture.NewStaffPageAsync("logistics");
        page.Url.ShouldEndWith("/magazijn");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        // Receipt: what the printer delivered goes on the shelf.
        var sku = await NewKitItemAsync();
        await page.GotoAsync("/magazijn/voorraad");
        var quantity = page.GetByLabel($"Aantal Testartikel {sku}", new() { Exact = true });
        var receipt = page.Locator("tr").Filter(new() { Has = quantity }).GetByRole(AriaRole.Button, new() { Name = "Ontvangst boeken" });
        await receipt.ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Vul een aantal in van 1 tot 1.000.000");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await quantity.FillAsync("10");
        await receipt.ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain($"Ontvangst geboekt voor Testartikel {sku}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        // Two initiators order; allocation runs as a job.
        var one = await PlaceOrderAsync(sku, 2);
        var two = await PlaceOrderAsync(sku, 3);
        await fixture.App.RunJobsAsync();

        await page.GotoAsync("/magazijn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Maak een pickbatch" }).ClickAsync();
        page.Url.ShouldContain("/magazijn/pickbatches/");
        (await page.GetByRole(AriaRole.Heading, new() { Name = $"Pakbon {one}" }).CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Heading, new() { Name = $"Pakbon {two}" }).CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator(".wte-packing-slip").First.EvaluateAsync<string>("slip => getComputedStyle(slip).breakBefore"))
            .ShouldBe("page");
        (await page.Locator("header").First.IsVisibleAsync()).ShouldBeFalse();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The scanner: the cursor waits in Trackingnummer, the scan ends with Enter, and the next order's field has the focus.
        await page.GotoAsync($"/magazijn/bestellingen/{one}");
        (await FocusedIdAsync(page)).ShouldBe(TrackingField);
        var tracking = KitFlow.NewTrackingNumber();
        await page.Keyboard.TypeAsync(tracking);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("gedaan=verzonden", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain($"Bestelling {one} is verzonden");
        (await page.Locator("h1").TextContentAsync()).ShouldNotBe($"Bestelling {one}");
        (await FocusedIdAsync(page)).ShouldBe(TrackingField);
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync($"/magazijn/bestellingen/{two}");
        await page.Keyboard.TypeAsync("12-3");
        await page.Keyboard.PressAsync("Enter");
        (await page.GetByLabel("Trackingnummer").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Trackingnummer").FillAsync(KitFlow.NewTrackingNumber());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"vorige={two}", StringComparison.Ordinal));

        // The carrier's webhook reports the delivery; the order page shows it.
        var delivered = await fixture.Public.SendAsync(KitFlow.CarrierEvent(
            KitFlow.CarrierEventJson(tracking, "delivered", fixture.App.Clock.GetUtcNow().AddMinutes(-1))));
        delivered.StatusCode.ShouldBe(HttpStatusCode.OK, await delivered.Content.ReadAsStringAsync());
        await page.GotoAsync($"/magazijn/bestellingen/{one}");
        (await page.Locator("dl dd").First.TextContentAsync()).ShouldBe("Bezorgd");
        (await page.GetByLabel("Trackingnummer").CountAsync()).ShouldBe(0);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task WarehousePages_AndTheirErrorStates_AreAccessible()
    {
        var page = await fixture.NewStaffPageAsync("logistics");
        var sku = await NewKitItemAsync();

        await page.GotoAsync("/magazijn/bestellingen?status=backordered");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Jaar").FillAsync("twintig");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        (await page.Locator(".wte-error-summary").CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/magazijn/bestellingen/KE-1999-99999");
        (await page.Locator("h1").TextContentAsync()).ShouldBe("Bestelling niet gevonden");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/magazijn");
        await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Maak een pickbatch" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("Er is niets om te picken");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/magazijn/verzendingen");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand inlezen" }).ClickAsync();
        (await page.Locator(".wte-error-summary").TextContentAsync())!.ShouldContain("Kies het CSV-bestand van de vervoerder");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("CSV-bestand").SetInputFilesAsync(new FilePayload
        {
            Name = "verzendingen.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("reference,carrier,trackingNumber\nKE-1999-99999,PostNL,3SXXXX1234567\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand inlezen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("1 niet verwerkt");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync($"/magazijn/voorraad/{sku}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Naam", new() { Exact = true }).FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Artikel opslaan" }).ClickAsync();
        (await page.Locator(".wte-error-summary").CountAsync()).ShouldBe(1);
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GotoAsync("/magazijn/voorraad/nieuw");
        await BrowserFixture.ShouldBeAccessibleAsync(page);

        await KitFlowReceiveAsync(sku, 5);
        var order = await PlaceOrderAsync(sku, 1);
        await fixture.App.RunJobsAsync();
        await page.GotoAsync($"/magazijn/bestellingen/{order}");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestelling annuleren" }).ClickAsync();
        (await page.GetByLabel("Reden").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("Reden").FillAsync("Dubbel besteld");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestelling annuleren" }).ClickAsync();
        (await page.Locator("h1").TextContentAsync()).ShouldBe($"Bestelling {order} annuleren?");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, annuleer de bestelling" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).TextContentAsync())!.ShouldContain("De bestelling is geannuleerd");
        await BrowserFixture.ShouldBeAccessibleAsync(page);
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private async Task<string> NewKitItemAsync()
    {
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        (await fixture.Logistics.PutAsJsonAsync($"/api/logistics/items/{sku}",
            new { name = $"Testartikel {sku}", description = "Alleen voor de tests.", maxPerOrder = 5 })).EnsureSuccessStatusCode();
        return sku;
    }

    private async Task KitFlowReceiveAsync(string sku, int quantity) =>
        (await fixture.Logistics.PostAsJsonAsync($"/api/logistics/stock/{sku}/receipts", new { quantity, note = "test" }))
            .EnsureSuccessStatusCode();

    /// <summary>A published activity of a new initiator, with a kit order placed by its manage token; returns the reference.</summary>
    private async Task<string> PlaceOrderAsync(string sku, int quantity)
    {
        var (id, token) = await fixture.PublishActivityAsync();
        var placed = await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{id}/kit-order", token, KitFlow.Order((sku, quantity))));
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        return (await placed.Content.ReadFromJsonAsync<JsonObject>())!["reference"]!.GetValue<string>();
    }
}
