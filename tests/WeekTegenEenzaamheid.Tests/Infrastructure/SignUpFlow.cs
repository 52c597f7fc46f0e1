using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

public sealed record SignedUp(Guid Id, string Status, int? Position, string Email, string Name);

/// <summary>What a participant does: sign up, read the e-mail, follow its cancel link; and the jobs a test runs.</summary>
public static partial class SignUpFlow
{
    /// <summary>
    /// An edition only these tests use, moved close to the test clock's now so that reminders and the end of an
    /// activity are days away.
    /// </summary>
    public const int SoonYear = 2091;

    public static async Task<HttpResponseMessage> PostAsync(AppFixture fixture, Guid activityId, string name, string email,
        int partySize = 1) =>
        await fixture.Public.PostAsJsonAsync($"/api/activities/{activityId}/registrations", new { name, email, partySize });

    public static async Task<SignedUp> SignUpAsync(AppFixture fixture, Guid activityId, int partySize = 1, string name = "Jan de Vries",
        string? email = null)
    {
        email ??= ActivityBodies.UniqueEmail("deelnemer");
        var response = await PostAsync(fixture, activityId, name, email, partySize);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Read(await response.ReadJsonAsync(), email, name);
    }

    public static SignedUp Read(JsonObject json, string email, string name) => new(
        Guid.Parse(json["id"]!.GetValue<string>()),
        json["status"]!.GetValue<string>(),
        json["position"]?.GetValue<int>(),
        email,
        name);

    public static (Guid Id, string Token) CancelLink(MimeMessage email)
    {
        var match = CancelLinkPattern().Match(email.TextBody ?? string.Empty);
        match.Success.ShouldBeTrue($"No cancel link in: {email.TextBody}");
        return (Guid.Parse(match.Groups[1].Value), Uri.UnescapeDataString(match.Groups[2].Value));
    }

    public static async Task<string> CancelTokenAsync(AppFixture fixture, SignedUp signUp)
    {
        var (id, token) = CancelLink((await fixture.Smtp.WaitForAsync(signUp.Email)).First());
        id.ShouldBe(signUp.Id);
        return token;
    }

    public static HttpRequestMessage AsParticipant(HttpMethod method, Guid signUpId, string token, string suffix = "")
    {
        var request = new HttpRequestMessage(method, $"/api/registrations/{signUpId}{suffix}");
        request.Headers.Add("X-Cancel-Token", token);
        return request;
    }

    public static async Task<JsonObject> GetAsync(AppFixture fixture, Guid signUpId, string token)
    {
        var response = await fixture.Public.SendAsync(AsParticipant(HttpMethod.Get, signUpId, token));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonObject> CancelAsync(AppFixture fixture, Guid signUpId, string token)
    {
        var response = await fixture.Public.SendAsync(AsParticipant(HttpMethod.Post, signUpId, token, "/cancel"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonObject> ManagedAsync(AppFixture fixture, RegisteredActivity activity)
    {
        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    /// <summary>A published activity that takes sign-ups, with the given capacity.</summary>
    public static Task<RegisteredActivity> ActivityAsync(AppFixture fixture, int? capacity, TestEdition? edition = null, int day = 1)
    {
        var body = ActivityBodies.Valid(edition ?? fixture.Edition, day: day);
        body["capacity"] = capacity;
        return ActivityFlow.PublishAsync(fixture, body);
    }

    /// <summary>Sets <see cref="SoonYear"/>'s Week to start <paramref name="daysAhead"/> days after the test clock's today.</summary>
    public static async Task<TestEdition> SoonEditionAsync(AppFixture fixture, int daysAhead)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.App.Clock.GetUtcNow(), TestEdition.Amsterdam).DateTime);
        var edition = new TestEdition(SoonYear, today.AddDays(daysAhead), today.AddDays(daysAhead + 6));
        await PutEditionAsync(fixture, edition);
        return edition;
    }

    /// <summary>
    /// Sets <paramref name="year"/>'s Week to start <paramref name="startsInDays"/> days after the test clock's Amsterdam
    /// today (negative: it lies behind), registration open for 60 days, kits orderable until the Week's first midnight.
    /// </summary>
    public static async Task<TestEdition> PutEditionStartingInAsync(AppFixture fixture, int year, int startsInDays)
    {
        var startsOn = KitFlow.AmsterdamToday(fixture).AddDays(startsInDays);
        var edition = new TestEdition(year, startsOn, startsOn.AddDays(6));
        var response = await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}", new
        {
            startsOn,
            endsOn = edition.EndsOn,
            openingOn = startsOn.AddDays(-1),
            registrationOpensAt = fixture.App.Clock.GetUtcNow().AddDays(-60),
            kitOrderDeadline = TestEdition.Local(startsOn, 0),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return edition;
    }

    public static async Task PutEditionAsync(AppFixture fixture, TestEdition edition)
    {
        var response = await fixture.Admin.PutAsJsonAsync($"/api/editions/{edition.Year}", edition.Body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs a recurring job as staff do (202 from the endpoint), then runs it and whatever it enqueues to the end.</summary>
    public static async Task RunJobAsync(AppFixture fixture, string name)
    {
        var response = await fixture.Admin.PostAsync($"/api/admin/jobs/{name}/run", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        await fixture.RunJobsAsync();
    }

    /// <summary>Runs the background work the service has enqueued, then expects the condition to hold.</summary>
    public static async Task AfterJobsAsync(AppFixture fixture, Func<Task<bool>> condition, string because)
    {
        await fixture.RunJobsAsync();
        (await condition()).ShouldBeTrue(because);
    }

    /// <summary>Runs what was enqueued, so that an e-mail or change that is not expected has had every chance to happen.</summary>
    public static Task SettleAsync(AppFixture fixture) => fixture.RunJobsAsync();

    public static IReadOnlyList<MimeMessage> WithSubject(this IEnumerable<MimeMessage> messages, string subject) =>
        messages.Where(message => message.Subject == subject).ToArray();

    [GeneratedRegex(@"https://wte\.test/aanmeldingen/([0-9a-f\-]{36})/annuleren\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex CancelLinkPattern();
}
