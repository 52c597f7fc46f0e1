using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

[Collection(AppCollection.Name)]
public sealed class ParticipantRetentionTests(AppFixture fixture)
{
    [Fact]
    public async Task Retention_ErasesParticipantsPersonalDataAfterTheEdition_AndKeepsTheCounts()
    {
        var edition = await SignUpFlow.SoonEditionAsync(fixture, daysAhead: 2);
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 2, edition, day: 0);
        var confirmed = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2, name: "Bea Bewaard");
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Wim Wacht");
        var token = await SignUpFlow.CancelTokenAsync(fixture, confirmed);
        var otherActivity = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        var elsewhere = await SignUpFlow.SignUpAsync(fixture, otherActivity.Id, name: "Els Elders");

        // Not yet: the Week has not even begun.
        await SignUpFlow.RunJobAsync(fixture, "retention");
        await SignUpFlow.SettleAsync(fixture);
        (await SignUpFlow.GetAsync(fixture, confirmed.Id, token))["name"]!.GetValue<string>().ShouldBe("Bea Bewaard");

        // The programme office moves the edition so that its Week ended more than 30 days ago.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.App.Clock.GetUtcNow(), TestEdition.Amsterdam).DateTime);
        await SignUpFlow.PutEditionAsync(fixture, edition with { StartsOn = today.AddDays(-40), EndsOn = today.AddDays(-32) });
        await SignUpFlow.RunJobAsync(fixture, "retention");

        await SignUpFlow.AfterJobsAsync(fixture, async () =>
            (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, confirmed.Id,
                token))).StatusCode == System.Net.HttpStatusCode.NotFound,
            "the cancel token of an erased sign-up stops working");
        var list = await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get,
            $"/api/activities/{activity.Id}/registrations", activity.ManageToken))).ReadJsonAsync();
        list["confirmedSeats"]!.GetValue<int>().ShouldBe(2);
        list["waitlistedParties"]!.GetValue<int>().ShouldBe(1);
        var items = list["items"]!.AsArray().Select(item => item!.AsObject()).ToArray();
        items.Select(item => item["partySize"]!.GetValue<int>()).ShouldBe([2, 1]);
        items.ShouldAllBe(item => item["name"] == null);
        list.ToJsonString().ShouldNotContain("Wim Wacht");
        var managed = await SignUpFlow.ManagedAsync(fixture, activity);
        managed["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(2);
        waiting.Name.ShouldBe("Wim Wacht");

        // Sign-ups of an edition still running keep their data.
        var kept = await SignUpFlow.GetAsync(fixture, elsewhere.Id, await SignUpFlow.CancelTokenAsync(fixture, elsewhere));
        kept["name"]!.GetValue<string>().ShouldBe("Els Elders");
    }

    [Fact]
    public async Task Retention_ErasesACancelledSignUpADayAfterTheCancellation()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        var cancelled = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Cor Cancel");
        var staying = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Bea Blijft");
        await SignUpFlow.CancelAsync(fixture, cancelled.Id, await SignUpFlow.CancelTokenAsync(fixture, cancelled));

        fixture.App.Clock.Advance(TimeSpan.FromHours(25));
        await SignUpFlow.RunJobAsync(fixture, "retention");

        await SignUpFlow.AfterJobsAsync(fixture, async () =>
        {
            var list = await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get,
                $"/api/activities/{activity.Id}/registrations", activity.ManageToken))).ReadJsonAsync();
            return list["items"]!.AsArray().Any(item => item!["status"]!.GetValue<string>() == "cancelled" && item["name"] is null);
        }, "the cancelled sign-up is erased");
        var list = await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get,
            $"/api/activities/{activity.Id}/registrations", activity.ManageToken))).ReadJsonAsync();
        list["items"]!.AsArray().Select(item => item!["name"]?.GetValue<string>()).ShouldBe(["Bea Blijft", null]);
        staying.Status.ShouldBe("confirmed");
        JsonNode.Parse(list.ToJsonString())!["confirmedSeats"]!.GetValue<int>().ShouldBe(1);
    }
}
