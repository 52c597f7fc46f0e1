using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

/// <summary>The warehouse's pages (pages.md, "Staff") as a signed-in member uses them: read, act, and see what changed.</summary>
[Collection(AppCollection.Name)]
public sealed class WarehousePagesTests(AppFixture fixture)
{
    [Theory]
    [InlineData("/magazijn")]
    [InlineData("/magazijn/bestellingen")]
    [InlineData("/magazijn/bestellingen/KE-2027-00001")]
    [InlineData("/magazijn/verzendingen")]
    [InlineData("/magazijn/voorraad")]
    public async Task WarehousePage_WithoutSession_RedirectsToSignIn(string path)
    {
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.SendAsync(HtmlGet(path));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/medewerkers/inloggen?terug=" + Uri.EscapeDataString(path));
    }

    [Theory]
    [InlineData("logistics")]
    [InlineData("admin")]
    public async Task WarehouseDay_ForLogisticsAndAdmin_ShowsOrdersPerStateAndTheBatchButton(string role)
    {
        var client = await fixture.App.SignedInClientAsync(role);
        var sku = await KitFlow.NewItemAsync(fixture, stock: 0);
        await KitFlow.OrderAsync(fixture, (sku, 3));

        var page = await PageClient.GetAsync(client, "/magazijn");

        page.Heading().ShouldBe("Magazijn");
        page.FormWithButton("Maak een pickbatch").GetAttribute("action").ShouldBe("/magazijn/pickbatches?terug=%2Fmagazijn");
        var backordered = page.QuerySelectorAll("th a").Single(a => a.GetAttribute("href") == "/magazijn/bestellingen?status=backordered");
        backordered.Text().ShouldBe("Wacht op voorraad");
        int.Parse(backordered.Closest("tr")!.QuerySelector("td")!.Text()).ShouldBeGreaterThanOrEqualTo(1);
        var waiting = page.QuerySelectorAll("tr").Single(row => row.Text().Contains(sku, StringComparison.Ordinal));
        waiting.QuerySelectorAll("td").Select(cell => cell.Text()).ShouldBe([sku, $"Testartikel {sku}", "1", "3", "0"]);
    }

    [Fact]
    public async Task MakePickBatch_BatchesTheAllocatedOrders_AndOpensThePrintViewWithTotalsAndPackingSlips()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var (first, second) = (await KitFlow.NewItemAsync(fixture, stock: 10), await KitFlow.NewItemAsync(fixture, stock: 10));
        var one = await KitFlow.OrderAsync(fixture, (second, 2), (first, 1));
        var two = await KitFlow.OrderAsync(fixture, (second, 3));

        var made = await PageClient.SubmitAsync(client, await PageClient.GetAsync(client, "/magazijn"), "Maak een pickbatch");

        made.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var batchPath = made.Headers.Location!.OriginalString;
        batchPath.ShouldStartWith("/magazijn/pickbatches/");
        (await KitFlow.StatusAsync(fixture, one)).ShouldBe("picking");
        (await KitFlow.StatusAsync(fixture, two)).ShouldBe("picking");
        var view = await PageClient.GetAsync(client, batchPath);
        view.Heading().ShouldStartWith("Pickbatch van ");
        view.QuerySelector("[role=status]")!.Text().ShouldContain("De pickbatch is gemaakt");
        var totals = view.QuerySelectorAll("table").First().QuerySelectorAll("tbody tr").Select(Cells).ToList();
        totals.Where(row => row.Contains(first, StringComparison.Ordinal) || row.Contains(second, StringComparison.Ordinal))
            .ShouldBe(BySku($"{first} Testartikel {first} 1", $"{second} Testartikel {second} 5"));
        totals.ShouldBe(totals.OrderBy(row => row.Split(' ')[0], StringComparer.Ordinal).ToList());
        var slips = view.QuerySelectorAll("section.wte-packing-slip").ToList();
        var slip = slips.Single(s => s.QuerySelector("h2")!.Text() == $"Pakbon {one.Reference}");
        Lines(slip.QuerySelector(".wte-address-label")!).ShouldBe(["Fatima Yilmaz", "Lindelaan 12a", "1234 AB  LELYSTAD"]);
        slip.QuerySelectorAll("tbody tr").Select(Cells)
            .ShouldBe(BySku($"{first} Testartikel {first} 1", $"{second} Testartikel {second} 2"));
        slips.ShouldContain(s => s.QuerySelector("h2")!.Text() == $"Pakbon {two.Reference}");

        var csvLink = view.QuerySelectorAll("a").Single(a => a.Text().StartsWith("Paklijst als CSV-bestand", StringComparison.Ordinal));
        var csv = await client.GetAsync(csvLink.GetAttribute("href"));
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain(one.Reference);
    }

    [Fact]
    public async Task MakePickBatch_WithNothingToPick_SaysSoInDutch()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var day = await PageClient.GetAsync(client, "/magazijn");
        await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null);

        var response = await PageClient.SubmitAsync(client, day, "Maak een pickbatch");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await PageClient.ParseAsync(response);
        page.Heading().ShouldBe("Magazijn");
        page.QuerySelector("[role=status]")!.Text().ShouldContain("Er is niets om te picken");
    }

    [Fact]
    public async Task MakePickBatch_WithoutTheAntiforgeryToken_Returns400_AndBatchesNothing()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var order = await KitFlow.OrderAsync(fixture, (await KitFlow.NewItemAsync(fixture, stock: 5), 1));

        var response = await PageClient.SubmitAsync(client, await PageClient.GetAsync(client, "/magazijn"), "Maak een pickbatch",
            withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("allocated");
    }

    [Fact]
    public async Task RecordShipment_ByScanner_GoesOnWithinTheSameBatch_NeverToAnotherBatchsStuckOrder()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var stuck = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var first = await KitFlow.OrderAsync(fixture, (sku, 1));
        var second = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);

        var afterFirst = await ScanAsync(client, first.Reference);
        var afterSecond = await ScanAsync(client, second.Reference);

        afterFirst.ShouldStartWith($"/magazijn/bestellingen/{second.Reference}?");
        afterSecond.ShouldNotStartWith($"/magazijn/bestellingen/{stuck.Reference}?");
        (await KitFlow.StatusAsync(fixture, stuck)).ShouldBe("picking");
    }

    private static async Task<string> ScanAsync(HttpClient client, string reference)
    {
        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{reference}");
        var response = await PageClient.SubmitAsync(client, page, "Verzending vastleggen",
            new Dictionary<string, string> { ["Trackingnummer"] = KitFlow.NewTrackingNumber() });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task RecordShipment_ByScanner_ShipsTheOrder_AndOpensTheNextOrderWithFocusOnTrackingnummer()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var one = await KitFlow.OrderAsync(fixture, (sku, 1));
        var two = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{one.Reference}");
        page.Heading().ShouldBe($"Bestelling {one.Reference}");
        page.Field("Trackingnummer").HasAttribute("autofocus").ShouldBeTrue();
        page.Field("Vervoerder").GetAttribute("value").ShouldBe("PostNL");
        var trackingNumber = KitFlow.NewTrackingNumber();

        var response = await PageClient.SubmitAsync(client, page, "Verzending vastleggen",
            new Dictionary<string, string> { ["Trackingnummer"] = trackingNumber.ToLowerInvariant() });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var next = response.Headers.Location!.OriginalString;
        next.ShouldStartWith($"/magazijn/bestellingen/{two.Reference}?");
        next.ShouldContain($"vorige={one.Reference}");
        var shipped = await KitFlow.StaffGetAsync(fixture, one.Reference);
        shipped["status"]!.GetValue<string>().ShouldBe("shipped");
        shipped["shipment"]!["trackingNumber"]!.GetValue<string>().ShouldBe(trackingNumber);
        shipped["history"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe($"PostNL {trackingNumber} (by Test logistics)");
        var nextPage = await PageClient.GetAsync(client, next);
        nextPage.QuerySelector("[role=status]")!.Text().ShouldContain($"Bestelling {one.Reference} is verzonden");
        nextPage.Field("Trackingnummer").HasAttribute("autofocus").ShouldBeTrue();
        nextPage.Heading().ShouldNotBe($"Bestelling {one.Reference}");
        (await KitFlow.StatusAsync(fixture, two)).ShouldBe("picking");
        var forged = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{two.Reference}?gedaan=verzonden&vorige=Bel%200900-1234");
        forged.QuerySelector("[role=status]").ShouldBeNull();
    }

    [Fact]
    public async Task RecordShipment_WithABadTrackingNumber_ShowsTheDutchError_AndShipsNothing()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var order = await KitFlow.OrderAsync(fixture, (await KitFlow.NewItemAsync(fixture, stock: 5), 1));
        await KitFlow.BatchAsync(fixture);
        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{order.Reference}");

        var response = await PageClient.SubmitAsync(client, page, "Verzending vastleggen",
            new Dictionary<string, string> { ["Vervoerder"] = "", ["Trackingnummer"] = "12-3" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(response);
        again.FieldError("Trackingnummer").ShouldBe("Een trackingnummer is 6 tot 40 letters en cijfers, bijvoorbeeld 3SABCD1234567.");
        again.FieldError("Vervoerder").ShouldBe("Vul de vervoerder in, bijvoorbeeld PostNL.");
        again.Field("Trackingnummer").GetAttribute("value").ShouldBe("12-3");
        again.SummaryErrors().Count.ShouldBe(2);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    [Fact]
    public async Task RecordShipment_WithoutTheAntiforgeryToken_Returns400_AndShipsNothing()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var order = await KitFlow.OrderAsync(fixture, (await KitFlow.NewItemAsync(fixture, stock: 5), 1));
        await KitFlow.BatchAsync(fixture);
        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{order.Reference}");

        var response = await PageClient.SubmitAsync(client, page, "Verzending vastleggen",
            new Dictionary<string, string> { ["Trackingnummer"] = KitFlow.NewTrackingNumber() }, withAntiforgery: false);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    [Fact]
    public async Task OrderPage_ShowsAddressLinesAndHistory_AndAnUnknownReferenceIsADutch404()
    {
        var client = await fixture.App.SignedInClientAsync("admin");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 2));

        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{order.Reference}");

        Lines(page.QuerySelector(".wte-address-label")!).ShouldBe(
            ["Fatima Yilmaz", "Lindelaan 12a", "1234 AB  LELYSTAD", "Telefoon: 0612345678"]);
        page.QuerySelectorAll("tr").Select(Cells).ShouldContain($"{sku} Testartikel {sku} 2");
        var history = page.QuerySelectorAll("table").Last().QuerySelectorAll("tbody tr").ToList();
        history.Select(row => Cells(row)[17..]).ShouldBe(["Ontvangen ", "Gereserveerd "]);
        history[0].Children[0].Text().ShouldMatch(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");
        page.FormWithButton("Bestelling annuleren").ShouldNotBeNull();
        page.QuerySelectorAll("label").ShouldNotContain(label => label.Text() == "Trackingnummer");
        (await PageClient.GetAsync(client, "/magazijn/bestellingen/KE-1999-99999", HttpStatusCode.NotFound)).Heading()
            .ShouldBe("Bestelling niet gevonden");
    }

    [Fact]
    public async Task CancelOrder_AsksForConfirmation_ThenCancelsWithTheReasonAndWhoDidIt()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 2));
        var page = await PageClient.GetAsync(client, $"/magazijn/bestellingen/{order.Reference}");

        var empty = await PageClient.SubmitAsync(client, page, "Bestelling annuleren", new Dictionary<string, string> { ["Reden"] = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(empty)).FieldError("Reden")
            .ShouldBe("Vul een reden in van 3 tot 500 tekens. De initiatiefnemer krijgt die te lezen.");
        var asked = await PageClient.SubmitAsync(client, page, "Bestelling annuleren",
            new Dictionary<string, string> { ["Reden"] = "Adres bestaat niet" });
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirm = await PageClient.ParseAsync(asked);
        confirm.Heading().ShouldBe($"Bestelling {order.Reference} annuleren?");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("allocated");

        var done = await PageClient.SubmitAsync(client, confirm, "Ja, annuleer de bestelling");

        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await PageClient.GetAsync(client, done.Headers.Location!.OriginalString);
        after.QuerySelector("[role=status]")!.Text().ShouldContain("De bestelling is geannuleerd");
        var staffView = await KitFlow.StaffGetAsync(fixture, order.Reference);
        staffView["status"]!.GetValue<string>().ShouldBe("cancelled");
        staffView["history"]!.AsArray().Last()!["note"]!.GetValue<string>()
            .ShouldBe("cancelled by staff (Test logistics): Adres bestaat niet");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);
    }

    [Fact]
    public async Task OrderList_FiltersByStateAndYear_AndAReferenceOpensThatOrder()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 0);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));

        var list = await PageClient.GetAsync(client, $"/magazijn/bestellingen?status=backordered&jaar={fixture.Edition.Year}");

        list.Heading().ShouldBe("Bestellingen");
        list.QuerySelectorAll("a").ShouldContain(a => a.GetAttribute("href") == $"/magazijn/bestellingen/{order.Reference}");
        list.QuerySelectorAll("tbody tr").ShouldAllBe(row => row.Text().Contains("Wacht op voorraad"));
        ((AngleSharp.Html.Dom.IHtmlSelectElement)list.Field("Status")).Value.ShouldBe("backordered");
        var allocated = await PageClient.GetAsync(client, "/magazijn/bestellingen?status=allocated");
        allocated.QuerySelectorAll("a").ShouldNotContain(a => a.GetAttribute("href") == $"/magazijn/bestellingen/{order.Reference}");
        var byReference = await client.SendAsync(HtmlGet($"/magazijn/bestellingen?referentie={order.Reference.ToLowerInvariant()}"));
        byReference.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        byReference.Headers.Location!.OriginalString.ShouldBe($"/magazijn/bestellingen/{order.Reference}");
    }

    [Fact]
    public async Task OrderList_PagesWithTheApisCursor_AndBadFiltersGetDutchErrors()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 0);
        await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.OrderAsync(fixture, (sku, 1));
        var api = (await fixture.Logistics.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(
            "/api/logistics/orders?status=backordered&limit=1"))!;
        var cursor = api["nextCursor"]!.GetValue<string>();
        var firstReference = api["items"]![0]!["reference"]!.GetValue<string>();

        var second = await PageClient.GetAsync(client, $"/magazijn/bestellingen?status=backordered&na={Uri.EscapeDataString(cursor)}");

        second.QuerySelectorAll("a").ShouldNotContain(a => a.GetAttribute("href") == $"/magazijn/bestellingen/{firstReference}");
        second.QuerySelectorAll("a").ShouldContain(a => a.Text() == "Eerste pagina");
        var bad = await PageClient.GetAsync(client, "/magazijn/bestellingen?status=kwijt&jaar=twintig&provincie=Atlantis",
            HttpStatusCode.UnprocessableEntity);
        bad.FieldError("Jaar").ShouldBe("Vul een jaartal tussen 2000 en 2100 in.");
        var unknown = await PageClient.GetAsync(client, "/magazijn/bestellingen?referentie=KE-1999-99999", HttpStatusCode.NotFound);
        unknown.FieldError("Referentie")
            .ShouldBe("Er is geen bestelling met deze referentie. Een referentie ziet eruit als KE-2027-00042.");
        var wrong = await PageClient.GetAsync(client, "/magazijn/bestellingen?status=kwijt&provincie=Atlantis",
            HttpStatusCode.UnprocessableEntity);
        wrong.FieldError("Status").ShouldBe("Kies een status uit de lijst.");
        wrong.FieldError("Provincie").ShouldBe("Kies een provincie uit de lijst.");
    }

    [Fact]
    public async Task ImportFile_ShipsTheGoodRows_AndShowsEveryRowsResultInDutch()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var order = await KitFlow.OrderAsync(fixture, (await KitFlow.NewItemAsync(fixture, stock: 5), 1));
        await KitFlow.BatchAsync(fixture);
        var page = await PageClient.GetAsync(client, "/magazijn/verzendingen");
        page.Heading().ShouldBe("Verzendingen inlezen");
        var tracking = KitFlow.NewTrackingNumber();
        var csv = $"reference;carrier;trackingNumber\r\n{order.Reference};PostNL;{tracking}\r\nKE-1999-99999;PostNL;3SXXXX1234567\r\n";

        var response = await UploadAsync(client, page, csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await PageClient.ParseAsync(response);
        result.QuerySelector("[role=status]")!.Text().ShouldBe("1 verzonden, 0 waren al verzonden, 1 niet verwerkt.");
        result.QuerySelectorAll("tbody tr").Select(Cells).ShouldBe([
            $"2 {order.Reference} Verzonden ",
            "3 KE-1999-99999 Niet verwerkt Er is geen bestelling met deze referentie.",
        ]);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("shipped");
        (await KitFlow.StaffGetAsync(fixture, order.Reference))["history"]!.AsArray().Last()!["note"]!.GetValue<string>()
            .ShouldBe($"PostNL {tracking} (by Test logistics)");
    }

    [Fact]
    public async Task ImportFile_WithoutAFileOrWithAWrongHeader_ShowsTheDutchError_AndWithoutTheTokenIsRefused()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var order = await KitFlow.OrderAsync(fixture, (await KitFlow.NewItemAsync(fixture, stock: 5), 1));
        await KitFlow.BatchAsync(fixture);
        var page = await PageClient.GetAsync(client, "/magazijn/verzendingen");

        var none = await UploadAsync(client, page, null);
        none.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(none)).FieldError("CSV-bestand").ShouldBe("Kies het CSV-bestand van de vervoerder.");
        var header = await UploadAsync(client, page, "ref;carrier\r\nx;y\r\n");
        header.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(header)).FieldError("CSV-bestand")
            .ShouldBe("De eerste regel van het bestand moet de kop reference,carrier,trackingNumber zijn.");
        var refused = await UploadAsync(client, page,
            $"reference,carrier,trackingNumber\n{order.Reference},PostNL,{KitFlow.NewTrackingNumber()}\n", withAntiforgery: false);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    [Fact]
    public async Task StockPage_BooksAReceipt_ShowsTheStock_AndABadQuantityGetsADutchError()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 2);
        var waiting = await KitFlow.OrderAsync(fixture, (sku, 5));
        var page = await PageClient.GetAsync(client, "/magazijn/voorraad");
        page.Heading().ShouldBe("Voorraad");
        page.QuerySelectorAll("tbody tr").Single(row => row.Text().Contains(sku, StringComparison.Ordinal)).Children.Skip(1)
            .Take(4).Select(cell => cell.Text()).ShouldBe(["2", "0", "2", "5"]);

        var bad = await PageClient.SubmitAsync(client, page, "Ontvangst boeken",
            new Dictionary<string, string> { [$"Aantal Testartikel {sku}"] = "nul" }, fieldsFormOf: $"Aantal Testartikel {sku}");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(bad);
        again.FieldError($"Aantal Testartikel {sku}").ShouldBe("Vul een aantal in van 1 tot 1.000.000, bijvoorbeeld 500.");
        again.Field($"Aantal Testartikel {sku}").GetAttribute("value").ShouldBe("nul");
        var refused = await PageClient.SubmitAsync(client, page, "Ontvangst boeken",
            new Dictionary<string, string> { [$"Aantal Testartikel {sku}"] = "9" }, withAntiforgery: false,
            fieldsFormOf: $"Aantal Testartikel {sku}");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 2, reserved: 0);

        var booked = await PageClient.SubmitAsync(client, page, "Ontvangst boeken",
            new Dictionary<string, string> { [$"Aantal Testartikel {sku}"] = "3", [$"Opmerking Testartikel {sku}"] = "drukker" },
            fieldsFormOf: $"Aantal Testartikel {sku}");

        booked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await PageClient.GetAsync(client, booked.Headers.Location!.OriginalString);
        after.QuerySelector("[role=status]")!.Text().ShouldStartWith($"Ontvangst geboekt voor Testartikel {sku}. Er zijn er nu 5");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);
        (await KitFlow.WaitForStatusAsync(fixture, waiting, "allocated")).ShouldBe("allocated");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 5);
    }

    [Fact]
    public async Task ItemPages_ChangeAnItem_AndAddOne_WithDutchErrors()
    {
        var client = await fixture.App.SignedInClientAsync("logistics");
        var sku = await KitFlow.NewItemAsync(fixture);
        var edit = await PageClient.GetAsync(client, $"/magazijn/voorraad/{sku}");
        edit.Heading().ShouldBe($"Artikel {sku} wijzigen");
        edit.Field("Naam").GetAttribute("value").ShouldBe($"Testartikel {sku}");

        var bad = await PageClient.SubmitAsync(client, edit, "Artikel opslaan",
            new Dictionary<string, string> { ["Naam"] = "", ["Maximum per bestelling"] = "5000" });
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var again = await PageClient.ParseAsync(bad);
        again.FieldError("Naam").ShouldBe("Vul een naam in van hoogstens 120 tekens, op één regel.");
        again.FieldError("Maximum per bestelling").ShouldBe("Vul een aantal tussen 1 en 1000 in.");
        var saved = await PageClient.SubmitAsync(client, edit, "Artikel opslaan", new Dictionary<string, string>
        {
            ["Naam"] = "Placemat groot", ["Maximum per bestelling"] = "25",
            ["In de catalogus (initiatiefnemers kunnen het bestellen)"] = "false",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PageClient.GetAsync(client, saved.Headers.Location!.OriginalString)).QuerySelector("[role=status]")!.Text()
            .ShouldBe($"Artikel {sku} (Placemat groot) is opgeslagen.");
        var row = await KitFlow.StockAsync(fixture, sku);
        (row["name"]!.GetValue<string>(), row["active"]!.GetValue<bool>()).ShouldBe(("Placemat groot", false));

        var newSku = "T-NIEUW-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var form = await PageClient.GetAsync(client, "/magazijn/voorraad/nieuw");
        var taken = await PageClient.SubmitAsync(client, form, "Artikel toevoegen", new Dictionary<string, string>
        {
            ["Artikelnummer"] = sku, ["Naam"] = "Dubbel", ["Omschrijving"] = "Bestaat al.",
        });
        taken.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PageClient.ParseAsync(taken)).FieldError("Artikelnummer")
            .ShouldBe("Dit artikelnummer bestaat al. Kies een ander, of wijzig het artikel in de voorraadlijst.");
        var added = await PageClient.SubmitAsync(client, form, "Artikel toevoegen", new Dictionary<string, string>
        {
            ["Artikelnummer"] = newSku, ["Naam"] = "Tafelkaart", ["Omschrijving"] = "Een kaart voor op tafel.",
        });
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await KitFlow.StockAsync(fixture, newSku))["onHand"]!.GetValue<int>().ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IDocument page, string? csv, bool withAntiforgery = true)
    {
        var form = page.FormWithButton("Bestand inlezen");
        form.GetAttribute("enctype").ShouldBe("multipart/form-data");
        var content = new MultipartFormDataContent();
        if (withAntiforgery)
        {
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        if (csv is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "bestand", "verzendingen.csv");
        }

        return await client.PostAsync(form.GetAttribute("action"), content);
    }

    /// <summary>Rows that start with their SKU, in article-number order (ordinal), as the batch lists them.</summary>
    private static string[] BySku(params string[] rows) => [.. rows.OrderBy(row => row.Split(' ')[0], StringComparer.Ordinal)];

    /// <summary>A table row's cells as read aloud: each cell's text, one space between.</summary>
    private static string Cells(IElement row) => string.Join(' ', row.Children.Select(cell => cell.Text()));

    /// <summary>The lines of an element broken by &lt;br&gt;, as printed on a label.</summary>
    private static string[] Lines(IElement element) =>
        element.InnerHtml.Split("<br>").Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();

    private static HttpRequestMessage HtmlGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html");
        return request;
    }
}
