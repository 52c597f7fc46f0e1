using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

[Collection(AppCollection.Name)]
public sealed class ListSignUpsTests(AppFixture fixture)
{
    [Fact]
    public async Task ListSignUps_AsJson_ConfirmedThenWaitlistInOrderThenCancelled_WithoutEmailAddresses()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 4);
        var cancelled = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Cor Cancel");
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2, name: "Bea Bevestigd");
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2, name: "Wim Wacht");
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 3, name: "Wil Wacht");
        await SignUpFlow.CancelAsync(fixture, cancelled.Id, await SignUpFlow.CancelTokenAsync(fixture, cancelled));

        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/registrations",
            activity.ManageToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain(waiting.Email);
        var list = await response.ReadJsonAsync();
        list["capacity"]!.GetValue<int>().ShouldBe(4);
        list["confirmedSeats"]!.GetValue<int>().ShouldBe(4);
        list["waitlistedParties"]!.GetValue<int>().ShouldBe(1);
        var items = list["items"]!.AsArray().Select(item => (
            Name: item!["name"]!.GetValue<string>(),
            Status: item["status"]!.GetValue<string>(),
            Position: item["position"]?.GetValue<int>())).ToArray();
        items.ShouldBe([
            ("Bea Bevestigd", "confirmed", null),
            ("Wim Wacht", "confirmed", null),
            ("Wil Wacht", "waitlisted", 1),
            ("Cor Cancel", "cancelled", null),
        ]);
    }

    [Fact]
    public async Task ListSignUps_AsCsv_IsUtf8WithBomSemicolonsDutchHeadersAndEscapesFormulas()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Zoë; \"Zus\" Öztürk");
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 4, name: "=HYPERLINK(\"https://example.nl\")");
        var request = ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/registrations", activity.ManageToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var response = await fixture.Public.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldNotBeNull();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = new UTF8Encoding(false).GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Naam;Aantal personen;Status;Plaats op wachtlijst;Aangemeld op");
        lines[1].ShouldStartWith("\"Zoë; \"\"Zus\"\" Öztürk\";1;bevestigd;;");
        lines[2].ShouldStartWith("\"'=HYPERLINK(\"\"https://example.nl\"\")\";4;wachtlijst;1;");
        lines.Length.ShouldBe(3);
    }

    [Fact]
    public async Task ListSignUps_WithoutManageToken_Returns401_WithAWrongOne_Returns404()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);

        await (await fixture.Public.GetAsync($"/api/activities/{activity.Id}/registrations")).ShouldBeProblemAsync(401, "unauthorized");
        await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/registrations",
            "wrong"))).ShouldBeProblemAsync(404);
    }
}
