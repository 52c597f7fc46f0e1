using System.Net;
using System.Text.RegularExpressions;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Attendance;

[Collection(AppCollection.Name)]
public sealed partial class ReportAttendanceTests(AppFixture fixture)
{
    private const string Subject = "Hoeveel mensen kwamen er naar Soep & praat?";

    [Fact]
    public async Task AfterTheActivity_TheInitiatorIsAskedOnce_AndTheLinkInTheEmailStoresTheNumber()
    {
        var edition = await SignUpFlow.SoonEditionAsync(fixture, daysAhead: 1);
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10, edition, day: 0);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var cancelToken = await SignUpFlow.CancelTokenAsync(fixture, signUp);

        await (await Report(activity, 12)).ShouldBeProblemAsync(409, "activityNotStarted");
        await SignUpFlow.RunJobAsync(fixture, "attendance-requests");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(activity.ContactEmail).WithSubject(Subject).ShouldBeEmpty();

        fixture.App.Clock.Advance(edition.At(0, 17) - fixture.App.Clock.GetUtcNow());
        await (await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Post, signUp.Id, cancelToken,
            "/cancel"))).ShouldBeProblemAsync(409, "activityStarted");
        await SignUpFlow.RunJobAsync(fixture, "attendance-requests");
        await SignUpFlow.RunJobAsync(fixture, "attendance-requests");

        var email = (await fixture.Smtp.WaitForAsync(activity.ContactEmail, count: 2)).WithSubject(Subject).Single();
        email.TextBody!.ShouldContain("Beste Fatima Yilmaz");
        var match = AttendanceLink().Match(email.TextBody!);
        match.Success.ShouldBeTrue(email.TextBody);
        Guid.Parse(match.Groups[1].Value).ShouldBe(activity.Id);
        var token = Uri.UnescapeDataString(match.Groups[2].Value);
        token.ShouldNotBe(activity.ManageToken);

        var page = await fixture.Public.GetAsync($"/beheer/activiteiten/{activity.Id}/opkomst?token={Uri.EscapeDataString(token)}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Hoeveel mensen kwamen er?");
        (await SignUpFlow.ManagedAsync(fixture, activity))["attended"].ShouldBeNull();

        var notANumber = await PageClient.PostFormAsync(fixture.Public, $"/beheer/activiteiten/{activity.Id}/opkomst",
            ("token", token), ("attended", "veel"));
        notANumber.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var posted = await PageClient.PostFormAsync(fixture.Public, $"/beheer/activiteiten/{activity.Id}/opkomst",
            ("token", token), ("attended", "23"));
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync()).ShouldContain("23 mensen");
        (await SignUpFlow.ManagedAsync(fixture, activity))["attended"]!.GetValue<int>().ShouldBe(23);

        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(activity.ContactEmail).WithSubject(Subject).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ReportAttendance_WithTheManageToken_StoresIt_AndChecksTheNumber()
    {
        var edition = await SignUpFlow.SoonEditionAsync(fixture, daysAhead: 1);
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10, edition, day: 0);
        fixture.App.Clock.Advance(edition.At(0, 15) - fixture.App.Clock.GetUtcNow());

        await (await Report(activity, -1)).ShouldBeValidationProblemAsync("attended");
        var response = await Report(activity, 31);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["attended"]!.GetValue<int>().ShouldBe(31);
        (await SignUpFlow.ManagedAsync(fixture, activity))["attended"]!.GetValue<int>().ShouldBe(31);
        await (await fixture.Public.PostAsync($"/api/activities/{activity.Id}/attendance",
            System.Net.Http.Json.JsonContent.Create(new { attended = 1 }))).ShouldBeProblemAsync(401);
        await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/attendance", "wrong",
            new { attended = 1 }))).ShouldBeProblemAsync(404);
    }

    private Task<HttpResponseMessage> Report(RegisteredActivity activity, int attended) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/attendance", activity.ManageToken,
            new { attended }));

    [GeneratedRegex(@"https://wte\.test/beheer/activiteiten/([0-9a-f\-]{36})/opkomst\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex AttendanceLink();
}
