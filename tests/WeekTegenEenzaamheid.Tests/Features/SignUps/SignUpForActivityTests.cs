using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ical.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

[Collection(AppCollection.Name)]
public sealed class SignUpForActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task SignUp_WhileSeatsLast_ConfirmsAndSendsConfirmationWithCalendarAndCancelLink()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 30);
        var email = ActivityBodies.UniqueEmail("deelnemer");

        var response = await SignUpFlow.PostAsync(fixture, activity.Id, "Anna de Boer", email, partySize: 3);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        created["status"]!.GetValue<string>().ShouldBe("confirmed");
        created.ContainsKey("position").ShouldBeFalse();
        var id = created["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().ShouldBe($"/api/registrations/{id}");

        var message = (await fixture.Smtp.WaitForAsync(email)).Single();
        message.Subject.ShouldBe("Je bent aangemeld: Soep & praat");
        message.To.Mailboxes.Single().Address.ShouldBe(email);
        message.TextBody!.ShouldContain("Beste Anna de Boer");
        message.TextBody!.ShouldContain("3 personen");
        message.HtmlBody!.ShouldContain("Soep &amp; praat");

        var attachment = message.Attachments.OfType<MimeKit.MimePart>().Single();
        attachment.FileName.ShouldBe("activiteit.ics");
        attachment.ContentType.MimeType.ShouldBe("text/calendar");
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var calendar = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        var calendarEvent = calendar.Events.Single();
        calendarEvent.Summary.ShouldBe("Soep & praat");
        calendarEvent.Uid.ShouldBe($"{activity.Id}@weektegeneenzaamheid");
        calendarEvent.DtStart!.AsUtc.ShouldBe(fixture.Edition.At(1, 14).UtcDateTime);
        calendarEvent.DtEnd!.AsUtc.ShouldBe(fixture.Edition.At(1, 16).UtcDateTime);
        calendarEvent.Location.ShouldBe("Buurthuis De Linde, Lindelaan 12a, 1234 AB Lelystad");

        var (linkId, token) = SignUpFlow.CancelLink(message);
        linkId.ToString().ShouldBe(id);
        var signUp = await SignUpFlow.GetAsync(fixture, linkId, token);
        signUp["activityId"]!.GetValue<string>().ShouldBe(activity.Id.ToString());
        signUp["name"]!.GetValue<string>().ShouldBe("Anna de Boer");
        signUp["partySize"]!.GetValue<int>().ShouldBe(3);
        signUp["status"]!.GetValue<string>().ShouldBe("confirmed");
        signUp["position"].ShouldBeNull();

        await SeatsShouldBeAsync(activity, seatsLeft: 27, confirmedSeats: 3, waitlistedParties: 0);
    }

    [Fact]
    public async Task SignUp_BeyondCapacity_WaitlistsWithPositionAndSaysSoInTheEmail()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);

        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 1, name: "Piet Jansen");

        waiting.Status.ShouldBe("waitlisted");
        waiting.Position.ShouldBe(1);
        var message = (await fixture.Smtp.WaitForAsync(waiting.Email)).Single();
        message.Subject.ShouldBe("Je staat op de wachtlijst: Soep & praat");
        message.TextBody!.ShouldContain("op plaats 1");
        message.Attachments.ShouldBeEmpty();
        var (id, token) = SignUpFlow.CancelLink(message);
        var signUp = await SignUpFlow.GetAsync(fixture, id, token);
        signUp["status"]!.GetValue<string>().ShouldBe("waitlisted");
        signUp["position"]!.GetValue<int>().ShouldBe(1);
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task SignUp_FortyInParallelForTenSeats_ConfirmsExactlyTenAndWaitlistsThirtyInOrder()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            SignUpFlow.PostAsync(fixture, activity.Id, $"Deelnemer {i}", ActivityBodies.UniqueEmail("parallel"))));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created);
        var created = await Task.WhenAll(responses.Select(response => response.ReadJsonAsync()));
        created.Count(json => json["status"]!.GetValue<string>() == "confirmed").ShouldBe(10);
        var positions = created
            .Where(json => json["status"]!.GetValue<string>() == "waitlisted")
            .Select(json => json["position"]!.GetValue<int>())
            .Order();
        positions.ShouldBe(Enumerable.Range(1, 30));

        await SeatsShouldBeAsync(activity, seatsLeft: 0, confirmedSeats: 10, waitlistedParties: 30);
    }

    [Fact]
    public async Task SignUp_MixedPartySizesInParallel_NeverExceedCapacityAndLeaveNobodyWaitingWhoFits()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 25);

        var sizes = Enumerable.Range(0, 30).Select(i => (i * 7 % 10) + 1).ToArray();
        var responses = await Task.WhenAll(sizes.Select(size =>
            SignUpFlow.PostAsync(fixture, activity.Id, "Groep", ActivityBodies.UniqueEmail("groep"), size)));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created);
        var created = await Task.WhenAll(responses.Select(response => response.ReadJsonAsync()));
        var outcomes = created.Zip(sizes, (json, size) => (Status: json["status"]!.GetValue<string>(), Size: size)).ToArray();
        var confirmedSeats = outcomes.Where(o => o.Status == "confirmed").Sum(o => o.Size);
        confirmedSeats.ShouldBeLessThanOrEqualTo(25);
        var seatsLeft = 25 - confirmedSeats;
        outcomes.Where(o => o.Status == "waitlisted").ShouldAllBe(o => o.Size > seatsLeft);

        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"]!.GetValue<int>().ShouldBe(seatsLeft);
    }

    [Fact]
    public async Task SignUp_SameEmailTwice_Returns409EvenInOtherCase()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 30);
        var first = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        var response = await SignUpFlow.PostAsync(fixture, activity.Id, "Nog eens", first.Email.ToUpperInvariant());

        await response.ShouldBeProblemAsync(409, "alreadySignedUp");
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"]!.GetValue<int>().ShouldBe(29);
    }

    [Fact]
    public async Task SignUp_WithoutCapacity_ConfirmsEveryoneAndHasNoSeatsLeft()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: null);

        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 10);

        signUp.Status.ShouldBe("confirmed");
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"].ShouldBeNull();
    }

    [Fact]
    public async Task SignUp_ForAnActivityThatTakesNoSignUps_Returns409()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["signUpRequired"] = false;
        var activity = await ActivityFlow.PublishAsync(fixture, body);

        var response = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan", ActivityBodies.UniqueEmail());

        await response.ShouldBeProblemAsync(409, "signUpsNotTaken");
        (await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}"))!["seatsLeft"].ShouldBeNull();
    }

    [Fact]
    public async Task SignUp_ForAnUnknownOrUnpublishedActivity_Returns404()
    {
        var pending = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        await (await SignUpFlow.PostAsync(fixture, pending.Id, "Jan", ActivityBodies.UniqueEmail())).ShouldBeProblemAsync(404);
        await (await SignUpFlow.PostAsync(fixture, Guid.NewGuid(), "Jan", ActivityBodies.UniqueEmail())).ShouldBeProblemAsync(404);
    }

    [Theory]
    [InlineData("", "jan@example.nl", 1, "name")]
    [InlineData("Jan", "jan-at-example.nl", 1, "email")]
    [InlineData("Jan", "jan@example.nl", 0, "partySize")]
    [InlineData("Jan", "jan@example.nl", 11, "partySize")]
    public async Task SignUp_BreakingARule_Returns422OnTheField(string name, string email, int partySize, string field)
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 30);

        var response = await SignUpFlow.PostAsync(fixture, activity.Id, name, email, partySize);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task SignUp_UnknownProperty_Returns400()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 30);

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/registrations",
            new { name = "Jan", email = ActivityBodies.UniqueEmail(), partySize = 1, status = "confirmed" });

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task GetSignUp_WithoutToken_Returns401_WithAnotherSignUpsToken_Returns404()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 30);
        var mine = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var theirs = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var theirToken = await SignUpFlow.CancelTokenAsync(fixture, theirs);

        await (await fixture.Public.GetAsync($"/api/registrations/{mine.Id}")).ShouldBeProblemAsync(401, "unauthorized");
        await (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, mine.Id, theirToken))).ShouldBeProblemAsync(404);
        await (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Post, mine.Id, theirToken,
            "/cancel"))).ShouldBeProblemAsync(404);
        await (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, Guid.NewGuid(),
            theirToken))).ShouldBeProblemAsync(404);
    }

    // What the public page and the owner's page say about seats, as a participant and the initiator see them.
    private async Task SeatsShouldBeAsync(RegisteredActivity activity, int seatsLeft, int confirmedSeats, int waitlistedParties)
    {
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"]!.GetValue<int>().ShouldBe(seatsLeft);
        var managed = await SignUpFlow.ManagedAsync(fixture, activity);
        managed["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(confirmedSeats);
        managed["signUps"]!["waitlistedParties"]!.GetValue<int>().ShouldBe(waitlistedParties);
    }
}
