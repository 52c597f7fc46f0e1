using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

[Collection(AppCollection.Name)]
public sealed class PersonRequestsTests(AppFixture fixture)
{
    /// <summary>An edition only the report test fills, so its report holds only what that test made.</summary>
    private const int ReportYear = 2094;

    private const string Erase = "/api/admin/persons/erase";

    [Fact]
    public async Task FindPerson_ShowsEveryKindOfRecord_AndNothingOfASimilarAddress()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var address = $"jan{suffix}@example.nl";
        var sameInOtherCase = $"Jan{suffix}@Example.nl";
        var similar = $"jan{suffix}.de@example.nl";
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var mine = await PublishAsync(fixture.Edition, sameInOtherCase, "Jan Vindbaar", capacity: 10);
        await KitFlow.PlaceAsync(fixture, mine, KitFlow.Order((sku, 1)));
        var theirs = await PublishAsync(fixture.Edition, similar, "Jan Anders", capacity: 10);
        await SignUpFlow.SignUpAsync(fixture, theirs.Id, partySize: 3, name: "Jan Vindbaar", email: address);
        await SignUpFlow.SignUpAsync(fixture, mine.Id, partySize: 2, name: "Jan Anders", email: similar);
        var connections = fixture.App.Services.GetRequiredService<ConnectionFactory>();
        await StaffCommand.CreateKeyAsync(connections, sameInOtherCase, "logistics", fixture.App.Clock.GetUtcNow());

        var response = await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(address)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var person = await response.ReadJsonAsync();
        var activity = person["activities"]!.AsArray().Single()!;
        (Id(activity), Text(activity, "contactName"), Text(activity, "contactEmail"), Number(activity, "year"))
            .ShouldBe((mine.Id, "Jan Vindbaar", sameInOtherCase, fixture.Edition.Year));
        var signUp = person["signUps"]!.AsArray().Single()!;
        (Id(signUp, "activityId"), Text(signUp, "name"), Number(signUp, "partySize"), Text(signUp, "status"))
            .ShouldBe((theirs.Id, "Jan Vindbaar", 3, "confirmed"));
        var order = person["kitOrders"]!.AsArray().Single()!;
        (Id(order, "activityId"), Text(order, "recipient"), Text(order, "postcode")).ShouldBe((mine.Id, "Fatima Yilmaz", "1234 AB"));
        var subjects = person["emails"]!.AsArray().Select(email => email!["subject"]!.GetValue<string>()).ToArray();
        subjects.Length.ShouldBeGreaterThanOrEqualTo(3, string.Join(" | ", subjects));
        subjects.ShouldContain(subject => subject.StartsWith("Je bent aangemeld", StringComparison.Ordinal));
        person["emails"]!.AsArray().ShouldAllBe(email => email!["textBody"] == null && email["htmlBody"] == null);
        person["staffAccounts"]!.AsArray().Single()!["role"]!.GetValue<string>().ShouldBe("logistics");
        var json = person.ToJsonString();
        json.ShouldNotContain(similar, Case.Insensitive);
        json.ShouldNotContain("Jan Anders");
        json.ShouldNotContain(theirs.ContactEmail, Case.Insensitive);

        var records = await RequestsAsync(address);
        var access = records.Single()!;
        access["kind"]!.GetValue<string>().ShouldBe("access");
        access["requestedBy"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        access["counts"]!["signUps"]!.GetValue<int>().ShouldBe(1);
        (await RequestsAsync(similar)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("get", "/api/admin/persons?email=jan@example.nl")]
    [InlineData("post", "/api/admin/persons/erase")]
    [InlineData("get", "/api/admin/persons/requests?email=jan@example.nl")]
    public async Task PersonRequests_WithLogisticsKeyOrNoKey_AreRefused(string method, string path)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), path)
        {
            Content = method == "post" ? JsonContent.Create(new { email = "jan@example.nl", reason = "AVG-verzoek per brief" }) : null,
        };

        await (await fixture.Public.SendAsync(Request())).ShouldBeProblemAsync(401, "unauthorized");
        await (await fixture.Logistics.SendAsync(Request())).ShouldBeProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task PersonRequests_WithoutAnAddress_Return422()
    {
        await (await fixture.Admin.GetAsync("/api/admin/persons?email=geen-adres")).ShouldBeValidationProblemAsync("email");
        await (await fixture.Admin.GetAsync("/api/admin/persons")).ShouldBeValidationProblemAsync("email");
        await (await fixture.Admin.GetAsync("/api/admin/persons/requests?email=geen-adres")).ShouldBeValidationProblemAsync("email");
        var refused = await fixture.Admin.PostAsJsonAsync(Erase, new { email = "geen-adres", reason = "AVG" });
        await refused.ShouldBeValidationProblemAsync("email");
    }

    [Fact]
    public async Task ErasePerson_WithTheAddressInTheReason_Returns422AndErasesNothing()
    {
        var address = ActivityBodies.UniqueEmail("reden");
        var activity = await PublishAsync(fixture.Edition, address, "Rik Reden", capacity: 5);

        var response = await fixture.Admin.PostAsJsonAsync(Erase, new { email = address, reason = $"Verzoek van {address}" });

        await response.ShouldBeValidationProblemAsync("reason");
        (await SignUpFlow.ManagedAsync(fixture, activity))["organiser"]!["contactEmail"]!.GetValue<string>().ShouldBe(address);
    }

    [Fact]
    public async Task ErasePerson_UpcomingSignUpsAndActivities_AreCancelledWithTheWaitlistPromoted_AndRunningTwiceIsHarmless()
    {
        var address = ActivityBodies.UniqueEmail("wis");
        var own = await PublishAsync(fixture.Edition, address, "Wim Weg", capacity: 5);
        var full = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        var mine = await SignUpFlow.SignUpAsync(fixture, full.Id, partySize: 2, name: "Wim Weg", email: address);
        var waiting = await SignUpFlow.SignUpAsync(fixture, full.Id, partySize: 2, name: "Wanda Wacht");
        waiting.Status.ShouldBe("waitlisted");
        var guest = await SignUpFlow.SignUpAsync(fixture, own.Id, name: "Gerrit Gast");
        var confirmation = (await fixture.Smtp.WaitForAsync(address, 2)).WithSubject("Je bent aangemeld: Soep & praat").Single();
        var mineToken = SignUpFlow.CancelLink(confirmation).Token;

        var erased = await EraseAsync(address);

        Counts(erased, "signUpsCancelled", "signUpsErased", "activitiesCancelled", "contactsErased")
            .ShouldBe([1, 1, 1, 1], erased.ToJsonString());
        var promoted = await SignUpFlow.GetAsync(fixture, waiting.Id, await SignUpFlow.CancelTokenAsync(fixture, waiting));
        promoted["status"]!.GetValue<string>().ShouldBe("confirmed");
        var waitingMail = await fixture.Smtp.WaitForAsync(waiting.Email, 2);
        waitingMail.WithSubject("Er is plek: je bent aangemeld voor Soep & praat").ShouldHaveSingleItem();
        (await fixture.Smtp.WaitForAsync(guest.Email, 2)).WithSubject("Gaat niet door: Soep & praat").ShouldHaveSingleItem();
        var managed = await SignUpFlow.ManagedAsync(fixture, own);
        managed["status"]!.GetValue<string>().ShouldBe("cancelled");
        managed["organiser"]!["contactEmail"].ShouldBeNull();
        var afterwards = await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, mine.Id, mineToken));
        afterwards.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await RegistrationsAsync(full);
        list["confirmedSeats"]!.GetValue<int>().ShouldBe(2);

        var again = await EraseAsync(address);

        again.AsObject().Select(count => count.Value!.GetValue<int>()).ShouldAllBe(count => count == 0, again.ToJsonString());
        var records = await RequestsAsync(address);
        records.Select(record => record!["kind"]!.GetValue<string>()).ShouldBe(["erasure", "erasure"]);
        records[0]!["reason"]!.GetValue<string>().ShouldBe("AVG-verzoek per e-mail");
        records[0]!["counts"]!["signUpsErased"]!.GetValue<int>().ShouldBe(1);
        records[0]!["requestedBy"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task ErasePerson_LeavesNoTraceOfAddressOrNameInAnyTable_AndTheEditionReportUnchanged()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var address = $"sanne.{suffix}@example.nl";
        var name = $"Sanne Spoorloos {suffix}";
        var edition = await PutReportEditionAsync(startsInDays: 2);
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var mine = await PublishAsync(edition, address, name, capacity: 10, day: 0);
        var orderBody = KitFlow.Order((sku, 2));
        orderBody["delivery"]!["recipient"] = name;
        var order = await KitFlow.PlaceAsync(fixture, mine, orderBody);
        await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        var other = await PublishAsync(edition, ActivityBodies.UniqueEmail(), "Olga Overig", capacity: 10, day: 0);
        await SignUpFlow.SignUpAsync(fixture, other.Id, partySize: 2, name: name, email: address.ToUpperInvariant());
        var stays = await SignUpFlow.SignUpAsync(fixture, other.Id, partySize: 1, name: $"Piet Blijft {suffix}");
        await SignUpFlow.SignUpAsync(fixture, mine.Id, partySize: 4, name: "Greet Gast");
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, order, trackingNumber);
        await CarrierSaysAsync(trackingNumber, "delivered");
        await fixture.Smtp.WaitForAsync(address, 3);
        fixture.App.Clock.Advance(edition.At(0, 17) - fixture.App.Clock.GetUtcNow());
        var scan = DatabaseScan.Available;
        if (scan)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, address)).ShouldNotBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldNotBeEmpty();
        }

        var before = await ReportAsync();

        var erased = await EraseAsync(address);

        string[] kinds =
        [
            "signUpsCancelled", "signUpsErased", "activitiesCancelled", "contactsErased", "kitOrderAddressesErased",
            "kitOrdersKeptUntilDelivery",
        ];
        Counts(erased, kinds)
            .ShouldBe([0, 1, 0, 1, 1, 0], erased.ToJsonString());
        erased["emailsDeleted"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3);
        (await ReportAsync()).ShouldBe(before);
        if (scan)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, address)).ShouldBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldBeEmpty();
            // The scan does find what was not erased: another participant of the same activity.
            (await DatabaseScan.ColumnsContainingAsync(fixture, stays.Name)).ShouldContain("registrations.name");
        }

        var person = await (await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(address)}")).ReadJsonAsync();
        new[] { "activities", "signUps", "kitOrders", "emails", "staffAccounts" }.ShouldAllBe(kind => person[kind]!.AsArray().Count == 0);

        var again = await EraseAsync(address);

        again["signUpsErased"]!.GetValue<int>().ShouldBe(0);
        (await ReportAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ErasePerson_KitOrderOnItsWay_KeepsItsAddress_AndTheCarrierCanStillReportIt()
    {
        var address = ActivityBodies.UniqueEmail("onderweg");
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var activity = await PublishAsync(fixture.Edition, address, "Olaf Onderweg", capacity: 5);
        var order = await KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 1)));
        await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, order, trackingNumber);

        var erased = await EraseAsync(address);

        Counts(erased, "activitiesCancelled", "kitOrderAddressesErased", "kitOrdersKeptUntilDelivery")
            .ShouldBe([1, 0, 1], erased.ToJsonString());
        (await KitFlow.StaffGetAsync(fixture, order.Reference))["status"]!.GetValue<string>().ShouldBe("shipped");
        // The delivery-failed e-mail would go to the erased contact: it is left out, and the event is still recorded.
        await CarrierSaysAsync(trackingNumber, "deliveryFailed");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("deliveryFailed");
    }

    [Fact]
    public async Task ErasePerson_StaffMember_IsFoundBySignInAddress_KeptWhileActive_AndErasedOnceRevoked_LeavingNoTrace()
    {
        var name = $"Stijn Staf {Guid.NewGuid().ToString("N")[..10]}";
        var (id, address) = await fixture.App.CreateMemberAsync("admin", name);
        await PublishAsync(fixture.Edition, address, name, capacity: 5);
        // Signed in once, so the member also has a used link and a session row.
        var browser = fixture.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await PageClient.SubmitAsync(
            browser, await PageClient.GetAsync(browser, await fixture.App.SignInLinkAsync(id)), "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var account = (await FindAsync(address.ToUpperInvariant()))["staffAccounts"]!.AsArray().Single()!;

        (Id(account), Text(account, "name"), Text(account, "email"), Text(account, "role")).ShouldBe((id, name, address, "admin"));
        account["revokedAt"].ShouldBeNull();

        var whileActive = await EraseAsync(address);

        Counts(whileActive, "contactsErased", "staffAccountsErased", "staffAccountsKept").ShouldBe([1, 0, 1], whileActive.ToJsonString());
        Text((await FindAsync(address))["staffAccounts"]!.AsArray().Single()!, "name").ShouldBe(name);
        (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/hangfire") { Headers = { { "Accept", "text/html" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "the member's session still works after an erasure that kept the account");
        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE staff_keys SET revoked_at = created_at WHERE id = @Id", new { Id = id });
        }

        var revoked = await EraseAsync(address);

        Counts(revoked, "staffAccountsErased", "staffAccountsKept").ShouldBe([1, 0], revoked.ToJsonString());
        (await FindAsync(address))["staffAccounts"]!.AsArray().ShouldBeEmpty();
        (await EraseAsync(address))["staffAccountsErased"]!.GetValue<int>().ShouldBe(0);
        if (DatabaseScan.Available)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, address)).ShouldBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldBeEmpty();
            // Other staff rows are there and kept: the fixture's own keys.
            (await DatabaseScan.ColumnsContainingAsync(fixture, "logistics")).ShouldContain("staff_keys.role");
        }
    }

    [Fact]
    public async Task ErasePerson_RevokedMemberWhoShippedCancelledBookedAndBatched_LeavesTheirNameNowhere_AndHistoryShowsGewist()
    {
        var name = $"Wim Werkvloer {Guid.NewGuid().ToString("N")[..10]}";
        var (id, address, key) = await fixture.App.CreateMemberWithKeyAsync("logistics", name);
        var member = fixture.App.ClientWithKey(key);
        var sku = await KitFlow.NewItemAsync(fixture);
        (await member.PostAsJsonAsync($"/api/logistics/stock/{sku}/receipts", new { quantity = 5, note = "pallet 3" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var shipped = await KitFlow.OrderAsync(fixture, (sku, 1));
        var imported = await KitFlow.OrderAsync(fixture, (sku, 1));
        var cancelled = await KitFlow.OrderAsync(fixture, (sku, 1));
        var made = await member.PostAsync("/api/logistics/pick-batches", null);
        made.StatusCode.ShouldBe(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var batchId = (await made.ReadJsonAsync())["id"]!.GetValue<Guid>();
        var trackingNumber = KitFlow.NewTrackingNumber();
        (await member.PostAsJsonAsync($"/api/logistics/orders/{shipped.Reference}/shipment", new { carrier = "PostNL", trackingNumber }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var importedNumber = KitFlow.NewTrackingNumber();
        var import = await member.PostAsync("/api/logistics/shipments/import", new StringContent(
            $"reference,carrier,trackingNumber\n{imported.Reference},PostNL,{importedNumber}\n", System.Text.Encoding.UTF8, "text/csv"));
        (await import.ReadJsonAsync())["shipped"]!.GetValue<int>().ShouldBe(1);
        (await member.PostAsJsonAsync($"/api/logistics/orders/{cancelled.Reference}/cancel", new { reason = "Adres onvindbaar" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        LastNote(await KitFlow.StaffGetAsync(fixture, shipped.Reference)).ShouldBe($"PostNL {trackingNumber} (by {name})");
        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE staff_keys SET revoked_at = created_at WHERE id = @Id", new { Id = id });
        }

        var erased = await EraseAsync(address);

        Counts(erased, "staffAccountsErased", "staffAccountsKept").ShouldBe([1, 0], erased.ToJsonString());
        if (DatabaseScan.Available)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldBeEmpty();
            (await DatabaseScan.ColumnsContainingAsync(fixture, address)).ShouldBeEmpty();
        }

        LastNote(await KitFlow.StaffGetAsync(fixture, shipped.Reference)).ShouldBe($"PostNL {trackingNumber} (by (gewist))");
        LastNote(await KitFlow.StaffGetAsync(fixture, imported.Reference)).ShouldBe($"PostNL {importedNumber} (by (gewist))");
        LastNote(await KitFlow.StaffGetAsync(fixture, cancelled.Reference)).ShouldBe("cancelled by staff ((gewist)): Adres onvindbaar");
        var page = await PageClient.GetAsync(await fixture.App.SignedInClientAsync("logistics"), $"/magazijn/pickbatches/{batchId}");
        page.Body!.Text().ShouldContain("gemaakt door (gewist).");
        page.Body!.TextContent.ShouldNotContain(name);
    }

    [Fact]
    public async Task ErasePerson_RevokedMember_ErasesTheNameTheyLeftInFreeTextBeforeStaffIds()
    {
        var name = $"Olga Oudrij {Guid.NewGuid().ToString("N")[..10]}";
        var (id, address, _) = await fixture.App.CreateMemberWithKeyAsync("logistics", name);
        var sku = await KitFlow.NewItemAsync(fixture);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await using (var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            // Rows as the service wrote them before 0014: the member's name as text.
            var now = fixture.App.Clock.GetUtcNow();
            await connection.ExecuteAsync(
                "INSERT INTO pick_batches (id, created_at, created_by, order_count) VALUES (@Id, @Now, @Name, 0)",
                new { Id = Guid.NewGuid(), Now = now, Name = name });
            await connection.ExecuteAsync(
                "INSERT INTO kit_stock_receipts (id, sku, quantity, note, booked_by, received_at) VALUES (@Id, @Sku, 1, NULL, @Name, @Now)",
                new { Id = Guid.NewGuid(), Sku = sku, Now = now, Name = name });
            await connection.ExecuteAsync(
                "INSERT INTO kit_order_history (order_id, status, changed_at, note) VALUES (@Id, 'shipped', @Now, @Note)",
                new { order.Id, Now = now, Note = $"PostNL 3SOUD12345 (by {name})" });
            await connection.ExecuteAsync(
                "INSERT INTO kit_order_history (order_id, status, changed_at, note) VALUES (@Id, 'cancelled', @Now, @Note)",
                new { order.Id, Now = now, Note = $"cancelled by staff ({name}): Dubbel besteld" });
            await connection.ExecuteAsync("UPDATE staff_keys SET revoked_at = created_at WHERE id = @Id", new { Id = id });
        }

        var erased = await EraseAsync(address);

        Counts(erased, "staffAccountsErased").ShouldBe([1], erased.ToJsonString());
        if (DatabaseScan.Available)
        {
            (await DatabaseScan.ColumnsContainingAsync(fixture, name)).ShouldBeEmpty();
        }

        var history = (await KitFlow.StaffGetAsync(fixture, order.Reference))["history"]!.AsArray()
            .Select(entry => entry!["note"]?.GetValue<string>()).ToArray();
        history.ShouldContain($"PostNL 3SOUD12345 (by (gewist))");
        history.ShouldContain("cancelled by staff ((gewist)): Dubbel besteld");
    }

    private static string LastNote(JsonObject order) => order["history"]!.AsArray().Last()!["note"]!.GetValue<string>();

    private static Guid Id(JsonNode node, string name = "id") => node[name]!.GetValue<Guid>();

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();

    private static int Number(JsonNode node, string name) => node[name]!.GetValue<int>();

    private static int[] Counts(JsonNode node, params string[] names) => names.Select(name => Number(node, name)).ToArray();

    private async Task<JsonObject> RegistrationsAsync(RegisteredActivity activity) =>
        await (await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/registrations", activity.ManageToken))).ReadJsonAsync();

    private async Task CarrierSaysAsync(string trackingNumber, string status)
    {
        var json = KitFlow.CarrierEventJson(trackingNumber, status, DateTimeOffset.UtcNow);
        var response = await fixture.Public.SendAsync(KitFlow.CarrierEvent(json));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<RegisteredActivity> PublishAsync(
        TestEdition edition, string contactEmail, string contactName, int capacity, int day = 1)
    {
        var body = ActivityBodies.Valid(edition, contactEmail, day);
        body["capacity"] = capacity;
        body["organiser"]!["contactName"] = contactName;
        return await ActivityFlow.PublishAsync(fixture, body);
    }

    private async Task<JsonObject> EraseAsync(string email)
    {
        var response = await fixture.Admin.PostAsJsonAsync(Erase, new { email, reason = "AVG-verzoek per e-mail" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonObject> FindAsync(string email)
    {
        var response = await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(email)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonArray> RequestsAsync(string email)
    {
        var response = await fixture.Admin.GetAsync($"/api/admin/persons/requests?email={Uri.EscapeDataString(email)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private async Task<string> ReportAsync()
    {
        var response = await fixture.Admin.GetAsync($"/api/reports/editions/{ReportYear}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    private Task<TestEdition> PutReportEditionAsync(int startsInDays) =>
        SignUpFlow.PutEditionStartingInAsync(fixture, ReportYear, startsInDays);
}
