using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Reports;

[Collection(AppCollection.Name)]
public sealed class GetEditionReportTests(AppFixture fixture)
{
    /// <summary>An edition only this test fills, so every figure of its report is what this test made.</summary>
    private const int Year = 2095;

    private const int MunicipalitiesInTheCbsList = 342;

    private static readonly Place Amsterdam = new("GM0363", "Amsterdam", "Noord-Holland");
    private static readonly Place Groningen = new("GM0014", "Groningen", "Groningen");
    private static readonly Place Utrecht = new("GM0344", "Utrecht", "Utrecht");
    private static readonly Place Rotterdam = new("GM0599", "Rotterdam", "Zuid-Holland");
    private static readonly Place Maastricht = new("GM0935", "Maastricht", "Limburg");
    private static readonly Place Lelystad = new("GM0995", "Lelystad", "Flevoland");
    private static readonly Place Zwolle = new("GM0193", "Zwolle", "Overijssel");
    private static readonly Place Middelburg = new("GM0687", "Middelburg", "Zeeland");
    private static readonly Place Leeuwarden = new("GM0080", "Leeuwarden", "Fryslân");

    // The contract's names and their Dutch words in the CSV, in the report's order.
    private static readonly (string Name, string Dutch)[] Provinces =
    [
        ("Drenthe", "Drenthe"), ("Flevoland", "Flevoland"), ("Fryslân", "Fryslân"), ("Gelderland", "Gelderland"),
        ("Groningen", "Groningen"), ("Limburg", "Limburg"), ("Noord-Brabant", "Noord-Brabant"), ("Noord-Holland", "Noord-Holland"),
        ("Overijssel", "Overijssel"), ("Utrecht", "Utrecht"), ("Zeeland", "Zeeland"), ("Zuid-Holland", "Zuid-Holland"),
    ];

    private static readonly (string Name, string Dutch)[] Types =
    [
        ("meetup", "Ontmoeting"), ("meal", "Maaltijd"), ("walk", "Wandeling"), ("sport", "Sport en bewegen"), ("creative", "Creatief"),
        ("culture", "Cultuur"), ("workshop", "Workshop"), ("information", "Informatie"), ("online", "Online"), ("other", "Overig"),
    ];

    private static readonly (string Name, string Dutch)[] TargetGroups =
    [
        ("everyone", "Iedereen"), ("elderly", "Ouderen"), ("youth", "Jongeren"), ("children", "Kinderen"), ("caregivers", "Mantelzorgers"),
        ("migrants", "Migranten"), ("lgbtiq", "LHBTIQ+"), ("disability", "Mensen met een beperking"), ("lowIncome",
            "Mensen met een laag inkomen"),
    ];

    private static readonly (string Name, string Dutch)[] KitStatuses =
    [
        ("received", "Ontvangen"), ("backordered", "Wacht op voorraad"), ("allocated", "Gereserveerd"), ("picking", "In een pickbatch"),
        ("shipped", "Verzonden"), ("delivered", "Bezorgd"), ("deliveryFailed", "Bezorging mislukt"), ("cancelled", "Geannuleerd"),
    ];

    private static readonly string[] LeftTheWarehouse = ["shipped", "delivered", "deliveryFailed"];

    [Fact]
    public async Task EditionReport_CountsWhatHappenedInTheEdition_AsJsonAndCsv_AndIsTheSameAfterTheRetentionJob()
    {
        var edition = await PutEditionAsync(startsInDays: 2);
        var skuA = await KitFlow.NewItemAsync(fixture, stock: 50);
        var skuB = await KitFlow.NewItemAsync(fixture, stock: 50);
        var skuWithoutStock = await KitFlow.NewItemAsync(fixture);

        // Published activities across provinces, types and target groups; the report counts these.
        var soup = await PublishAsync(edition, Amsterdam, "meal", ["elderly", "everyone"], expected: 40, capacity: 5);
        var walk = await PublishAsync(edition, Amsterdam, "walk", ["everyone"], expected: 25, capacity: null);
        var games = await PublishAsync(edition, Groningen, "meetup", ["youth", "children"], expected: 60, capacity: null, signUps: false);
        var crafts = await PublishAsync(edition, Utrecht, "creative", ["caregivers"], expected: 15, capacity: 10);
        var concert = await PublishAsync(edition, Rotterdam, "culture", ["migrants", "lowIncome"], expected: 100, capacity: null,
            signUps: false);
        var football = await PublishAsync(edition, Maastricht, "sport", ["disability"], expected: 20, capacity: null, signUps: false);
        var dinner = await PublishAsync(edition, Lelystad, "meal", ["elderly"], expected: 30, capacity: null, signUps: false);
        var talk = await PublishAsync(edition, Lelystad, "information", ["everyone", "elderly"], expected: 50, capacity: 30);
        Made[] published = [soup, walk, games, crafts, concert, football, dinner, talk];

        // Activities the report leaves out of every figure but "cancelled" (the first one only).
        var cancelledLater = await PublishAsync(edition, Zwolle, "workshop", ["lgbtiq"], expected: 12, capacity: 30);
        var cancelledUnverified = await ActivityFlow.RegisterAsync(fixture, Body(edition, Middelburg, "other", ["everyone"], 300, null,
            signUps: false));
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{cancelledUnverified.Id}/cancel",
            cancelledUnverified.ManageToken))).EnsureSuccessStatusCode();
        await ActivityFlow.RegisterAsync(fixture, Body(edition, Middelburg, "other", ["everyone"], 400, null, signUps: false));
        var rejected = await ActivityFlow.PublishAsync(fixture, Body(edition, Leeuwarden, "other", ["everyone"], 500, null,
            signUps: false));
        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{rejected.Id}/reject",
            new { reason = "Reclame, geen activiteit." })).EnsureSuccessStatusCode();

        // Sign-ups: the report counts the seats of confirmed parties of published activities.
        var confirmedAtTheSoup = await SignUpAsync(soup, 2, "confirmed");
        await SignUpAsync(soup, 3, "confirmed");
        await SignUpAsync(soup, 2, "waitlisted");
        await SignUpAsync(walk, 4, "confirmed");
        var changedMind = await SignUpAsync(walk, 1, "confirmed");
        await SignUpFlow.CancelAsync(fixture, changedMind.Id, await SignUpFlow.CancelTokenAsync(fixture, changedMind));
        walk.ConfirmedSeats -= 1;
        await SignUpAsync(crafts, 3, "confirmed");
        await SignUpAsync(talk, 1, "confirmed");
        await SignUpAsync(cancelledLater, 2, "confirmed");

        // Kit orders through the warehouse: delivered, delivery failed, shipped and picking ...
        var soupOrder = await OrderAsync(soup, (skuA, 2), (skuB, 1));
        var walkOrder = await OrderAsync(walk, (skuA, 1));
        var gamesOrder = await OrderAsync(games, (skuB, 3));
        await OrderAsync(crafts, (skuA, 1));
        await KitFlow.BatchAsync(fixture);
        await ShipAsync(soupOrder, carrierSays: "delivered");
        await ShipAsync(walkOrder, carrierSays: "deliveryFailed");
        await ShipAsync(gamesOrder, carrierSays: null);
        soup.Order!.Status = "delivered";
        walk.Order!.Status = "deliveryFailed";
        games.Order!.Status = "shipped";
        crafts.Order!.Status = "picking";

        // ... allocated, waiting for stock, cancelled by the initiator, and cancelled with its activity.
        await OrderAsync(concert, (skuB, 2));
        await OrderAsync(football, (skuWithoutStock, 1));
        football.Order!.Status = "backordered";
        await OrderAsync(dinner, (skuA, 1));
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{dinner.Activity.Id}/kit-order/cancel",
            dinner.Activity.ManageToken))).EnsureSuccessStatusCode();
        dinner.Order!.Status = "cancelled";
        await OrderAsync(cancelledLater, (skuB, 1));
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{cancelledLater.Activity.Id}/cancel",
            cancelledLater.Activity.ManageToken))).EnsureSuccessStatusCode();
        cancelledLater.Order!.Status = "cancelled";
        Made[] withOrders = [.. published.Where(activity => activity.Order is not null), cancelledLater];
        foreach (var activity in withOrders)
        {
            (await KitFlow.StatusAsync(fixture, activity.Order!.Placed)).ShouldBe(activity.Order.Status, activity.Order.Placed.Reference);
        }

        // After the activities have begun, three initiators say how many came.
        fixture.App.Clock.Advance(edition.At(0, 17) - fixture.App.Clock.GetUtcNow());
        await ReportAttendanceAsync(soup, 35);
        await ReportAttendanceAsync(games, 72);
        await ReportAttendanceAsync(concert, 80);

        var expected = ExpectedJson(Year, published, cancelled: 1, withOrders);
        var json = await GetJsonAsync();
        json.ToJsonString().ShouldBe(expected.ToJsonString());
        var csv = await GetCsvAsync();
        Rows(csv).ShouldBe(ExpectedCsvRows(expected, withOrders));

        // The edition's Week ended long enough ago: the retention job erases the participants' names and addresses.
        await PutEditionAsync(startsInDays: -40);
        var cancelToken = await SignUpFlow.CancelTokenAsync(fixture, confirmedAtTheSoup);
        await SignUpFlow.RunJobAsync(fixture, "retention");
        await SignUpFlow.AfterJobsAsync(
            fixture,
            async () => (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, confirmedAtTheSoup.Id,
                cancelToken))).StatusCode == HttpStatusCode.NotFound,
            "the sign-ups of the edition are erased");
        var list = await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get,
            $"/api/activities/{soup.Activity.Id}/registrations", soup.Activity.ManageToken))).ReadJsonAsync();
        list["items"]!.AsArray().ShouldAllBe(item => item!["name"] == null);

        // The kit orders keep their state, lines and history, and lose the delivery address.
        foreach (var activity in withOrders)
        {
            var order = await KitFlow.StaffGetAsync(fixture, activity.Order!.Placed.Reference);
            order["status"]!.GetValue<string>().ShouldBe(activity.Order.Status);
            order["lines"]!.AsArray().ShouldNotBeEmpty();
            var delivery = order["delivery"]!;
            new[] { "recipient", "street", "houseNumber", "postcode", "city" }
                .ShouldAllBe(field => delivery[field]!.GetValue<string>() == string.Empty, delivery.ToJsonString());
            delivery["phone"].ShouldBeNull();
            order.ToJsonString().ShouldNotContain("Fatima");
            order["shipment"]?["trackingUrl"].ShouldBeNull();
        }

        (await GetJsonAsync()).ToJsonString().ShouldBe(json.ToJsonString());
        (await GetCsvAsync()).ShouldBe(csv);
    }

    [Fact]
    public async Task EditionReport_OfAYearWithoutActivities_IsAllZeros()
    {
        var report = await (await fixture.Admin.GetAsync("/api/reports/editions/2099")).ReadJsonAsync();

        report.ToJsonString().ShouldBe(ExpectedJson(2099, [], cancelled: 0, []).ToJsonString());
    }

    [Fact]
    public async Task EditionReport_OfAYearTheServiceCannotHold_Returns404()
    {
        await (await fixture.Admin.GetAsync("/api/reports/editions/1999")).ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task EditionReport_WithoutAnAdminKey_Returns401Or403()
    {
        await (await fixture.Public.GetAsync("/api/reports/editions/2099")).ShouldBeProblemAsync(401, "unauthorized");
        var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/api/reports/editions/2099");
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wte_not-a-key");
        await (await fixture.Public.SendAsync(wrongKey)).ShouldBeProblemAsync(401, "unauthorized");
        await (await fixture.Logistics.GetAsync("/api/reports/editions/2099")).ShouldBeProblemAsync(403, "forbidden");
    }

    private Task<TestEdition> PutEditionAsync(int startsInDays) => SignUpFlow.PutEditionStartingInAsync(fixture, Year, startsInDays);

    private static JsonObject Body(TestEdition edition, Place place, string type, string[] targetGroups, int expected, int? capacity,
        bool signUps)
    {
        var body = ActivityBodies.Valid(edition, day: 0, municipalityCode: place.Code);
        body["type"] = type;
        body["targetGroups"] = new JsonArray(targetGroups.Select(group => (JsonNode)group).ToArray());
        body["expectedParticipants"] = expected;
        body["capacity"] = capacity;
        body["signUpRequired"] = signUps;
        return body;
    }

    private async Task<Made> PublishAsync(TestEdition edition, Place place, string type, string[] targetGroups, int expected, int? capacity,
        bool signUps = true) =>
        new(await ActivityFlow.PublishAsync(fixture, Body(edition, place, type, targetGroups, expected, capacity, signUps)), place, type,
            targetGroups, expected);

    private async Task<SignedUp> SignUpAsync(Made activity, int partySize, string status)
    {
        var signedUp = await SignUpFlow.SignUpAsync(fixture, activity.Activity.Id, partySize);
        signedUp.Status.ShouldBe(status);
        if (status == "confirmed")
        {
            activity.ConfirmedSeats += partySize;
        }

        return signedUp;
    }

    private async Task<Ordered> OrderAsync(Made activity, params (string Sku, int Quantity)[] lines)
    {
        var placed = await KitFlow.PlaceAsync(fixture, activity.Activity, KitFlow.Order(lines));
        var status = await KitFlow.WaitForStatusAsync(fixture, placed, "allocated", "backordered");
        activity.Order = new Ordered(placed, lines) { Status = status };
        return activity.Order;
    }

    private async Task ShipAsync(Ordered order, string? carrierSays)
    {
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, order.Placed, trackingNumber);
        if (carrierSays is not null)
        {
            var response = await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(trackingNumber, carrierSays,
                DateTimeOffset.UtcNow)));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    private async Task ReportAttendanceAsync(Made activity, int attended)
    {
        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post,
            $"/api/activities/{activity.Activity.Id}/attendance", activity.Activity.ManageToken, new { attended }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        activity.Attended = attended;
    }

    private async Task<JsonObject> GetJsonAsync()
    {
        var response = await fixture.Admin.GetAsync($"/api/reports/editions/{Year}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<byte[]> GetCsvAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/editions/{Year}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await fixture.Admin.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"week-tegen-eenzaamheid-{Year}.csv");
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The CSV as Excel would read it: a byte order mark, then semicolon-separated rows; an empty line is "".</summary>
    private static List<string> Rows(byte[] csv)
    {
        csv.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        using var reader = new StringReader(Encoding.UTF8.GetString(csv.AsSpan(3)));
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.GetCultureInfo("nl-NL")) { Delimiter = ";",
            IgnoreBlankLines = false });
        var rows = new List<string>();
        while (parser.Read())
        {
            rows.Add(string.Join(";", parser.Record!));
        }

        return rows;
    }

    private static JsonObject ExpectedJson(int year, IReadOnlyList<Made> published, int cancelled, IReadOnlyList<Made> withOrders)
    {
        var places = published.GroupBy(activity => activity.Place).OrderBy(group => group.Key.Name, StringComparer.Ordinal).ToArray();
        var orders = withOrders.Select(activity => activity.Order!).ToArray();
        var shipped = orders.Where(order => LeftTheWarehouse.Contains(order.Status)).ToArray();
        var reporting = published.Where(activity => activity.Attended is not null).ToArray();
        var notReporting = published.Where(activity => activity.Attended is null).ToArray();
        return new JsonObject
        {
            ["year"] = year,
            ["activities"] = new JsonObject
            {
                ["published"] = published.Count,
                ["cancelled"] = cancelled,
                ["byProvince"] = Counts(Provinces, published.Select(activity => activity.Place.Province)),
                ["byType"] = Counts(Types, published.Select(activity => activity.Type)),
                ["byTargetGroup"] = Counts(TargetGroups, published.SelectMany(activity => activity.TargetGroups)),
            },
            ["municipalities"] = new JsonObject
            {
                ["withActivity"] = places.Length,
                ["total"] = MunicipalitiesInTheCbsList,
                ["share"] = Math.Round((double)places.Length / MunicipalitiesInTheCbsList, 4),
                ["joined"] = 0,
                ["joinedWithActivity"] = 0,
                ["joinedShare"] = 0.0,
                ["joinedWithActivityShare"] = null,
                ["list"] = new JsonArray(places.Select(group => (JsonNode)new JsonObject
                {
                    ["code"] = group.Key.Code,
                    ["name"] = group.Key.Name,
                    ["province"] = group.Key.Province,
                    ["activities"] = group.Count(),
                }).ToArray()),
            },
            ["kitOrders"] = new JsonObject
            {
                ["byStatus"] = Counts(KitStatuses, orders.Select(order => order.Status)),
                ["requested"] = orders.Count(order => order.Status != "cancelled"),
                ["kitsShipped"] = shipped.Length,
            },
            ["participants"] = new JsonObject
            {
                ["expected"] = published.Sum(activity => activity.Expected),
                ["expectedWithKit"] = published.Where(activity => activity.Order is { Status: not "cancelled" }).Sum(activity =>
                    activity.Expected),
                ["confirmed"] = published.Sum(activity => activity.ConfirmedSeats),
                ["reportedAttendance"] = reporting.Sum(activity => activity.Attended!.Value),
                ["attendance"] = new JsonObject
                {
                    ["activitiesReporting"] = reporting.Length,
                    ["reported"] = reporting.Sum(activity => activity.Attended!.Value),
                    ["activitiesNotReporting"] = notReporting.Length,
                    ["expectedWhereNotReported"] = notReporting.Sum(activity => activity.Expected),
                    ["total"] = reporting.Sum(activity => activity.Attended!.Value) + notReporting.Sum(activity => activity.Expected),
                },
            },
            ["itemsShipped"] = Object(shipped
                .SelectMany(order => order.Lines)
                .GroupBy(line => line.Sku)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => (group.Key, group.Sum(line => line.Quantity)))),
        };
    }

    private static List<string> ExpectedCsvRows(JsonObject expected, IReadOnlyList<Made> withOrders)
    {
        var activities = expected["activities"]!;
        var municipalities = expected["municipalities"]!;
        var kitOrders = expected["kitOrders"]!;
        var participants = expected["participants"]!;
        var attendance = participants["attendance"]!;
        var share = municipalities["share"]!.GetValue<double>() * 100;
        var itemNames = withOrders.SelectMany(activity => activity.Order!.Lines).Select(line => line.Sku).Distinct()
            .ToDictionary(sku => sku, sku => $"Testartikel {sku}");
        return
        [
            $"Week tegen Eenzaamheid;{Year}",
            "",
            "Activiteiten", "Status;Aantal activiteiten", $"Gepubliceerd;{activities["published"]}",
                $"Geannuleerd;{activities["cancelled"]}", "",
            "Activiteiten per provincie", "Provincie;Aantal activiteiten", .. Labelled(Provinces, activities["byProvince"]!), "",
            "Activiteiten per soort", "Soort;Aantal activiteiten", .. Labelled(Types, activities["byType"]!), "",
            "Activiteiten per doelgroep", "Doelgroep;Aantal activiteiten", .. Labelled(TargetGroups, activities["byTargetGroup"]!), "",
            "Gemeenten", "Cijfer;Waarde",
            $"Gemeenten met ten minste één activiteit;{municipalities["withActivity"]}",
            $"Gemeenten in totaal;{MunicipalitiesInTheCbsList}",
            $"Aandeel;{share.ToString("0.0", CultureInfo.GetCultureInfo("nl-NL"))}%",
            "Aangesloten gemeenten;0",
            "Aangesloten gemeenten met ten minste één activiteit;0",
            "Aandeel aangesloten gemeenten (van alle gemeenten);0,0%",
            "Aandeel aangesloten gemeenten met een activiteit;",
            "",
            "Gemeenten met een activiteit", "CBS-code;Gemeente;Provincie;Aantal activiteiten",
            .. municipalities["list"]!.AsArray().Select(entry =>
                $"{entry!["code"]};{entry["name"]};{entry["province"]};{entry["activities"]}"),
            "",
            "Kom-Erbij pakketten per status", "Status;Aantal bestellingen", .. Labelled(KitStatuses, kitOrders["byStatus"]!), "",
            "Kom-Erbij pakketten", "Cijfer;Aantal",
            $"Aangevraagd (bestellingen die niet zijn geannuleerd);{kitOrders["requested"]}",
            $"Verzonden (verzonden, bezorgd of bezorging mislukt);{kitOrders["kitsShipped"]}",
            "",
            "Deelnemers", "Cijfer;Aantal",
            $"Verwacht bij alle gepubliceerde activiteiten;{participants["expected"]}",
            $"Verwacht bij activiteiten met een Kom-Erbij pakket;{participants["expectedWithKit"]}",
            $"Bevestigde aanmeldingen (personen);{participants["confirmed"]}",
            "",
            "Opkomst", "Cijfer;Aantal",
            $"Activiteiten die de opkomst doorgaven;{attendance["activitiesReporting"]}",
            $"Doorgegeven opkomst;{attendance["reported"]}",
            $"Activiteiten zonder doorgegeven opkomst;{attendance["activitiesNotReporting"]}",
            $"Verwacht bij activiteiten zonder doorgegeven opkomst;{attendance["expectedWhereNotReported"]}",
            $"Opkomst (doorgegeven waar bekend, anders verwacht);{attendance["total"]}",
            "",
            "Verzonden artikelen", "Artikelnummer;Artikel;Aantal",
            .. expected["itemsShipped"]!.AsObject().Select(item => $"{item.Key};{itemNames[item.Key]};{item.Value}"),
            "",
        ];
    }

    private static JsonObject Counts((string Name, string Dutch)[] names, IEnumerable<string> counted)
    {
        var tally = counted.CountBy(name => name).ToDictionary();
        return Object(names.Select(name => (name.Name, tally.GetValueOrDefault(name.Name))));
    }

    private static JsonObject Object(IEnumerable<(string Name, int Number)> counts)
    {
        var json = new JsonObject();
        foreach (var (name, number) in counts)
        {
            json[name] = number;
        }

        return json;
    }

    private static IEnumerable<string> Labelled((string Name, string Dutch)[] names, JsonNode counts) =>
        names.Select(name => $"{name.Dutch};{counts[name.Name]}");

    private sealed record Place(string Code, string Name, string Province);

    /// <summary>An activity the test made, and what the report should count of it.</summary>
    private sealed class Made(RegisteredActivity activity, Place place, string type, string[] targetGroups, int expected)
    {
        public RegisteredActivity Activity { get; } = activity;

        public Place Place { get; } = place;

        public string Type { get; } = type;

        public string[] TargetGroups { get; } = targetGroups;

        public int Expected { get; } = expected;

        public int ConfirmedSeats { get; set; }

        public int? Attended { get; set; }

        public Ordered? Order { get; set; }
    }

    private sealed class Ordered(PlacedKitOrder placed, (string Sku, int Quantity)[] lines)
    {
        public PlacedKitOrder Placed { get; } = placed;

        public (string Sku, int Quantity)[] Lines { get; } = lines;

        public required string Status { get; set; }
    }
}
