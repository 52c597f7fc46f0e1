using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

public sealed record RegisteredActivity(Guid Id, string ManageToken, string ContactEmail, MimeMessage VerificationEmail);

/// <summary>What an initiator does: register, read the e-mail, follow its link.</summary>
public static partial class ActivityFlow
{
    public static async Task<RegisteredActivity> RegisterAsync(AppFixture fixture, JsonObject body)
    {
        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        var id = Guid.Parse(created!["id"]!.GetValue<string>());
        var contact = body["organiser"]!["contactEmail"]!.GetValue<string>();
        var email = (await fixture.Smtp.WaitForAsync(contact)).Single();
        var (linkId, token) = ManageLink(email);
        linkId.ShouldBe(id);
        return new RegisteredActivity(id, token, contact, email);
    }

    public static async Task<RegisteredActivity> PublishAsync(AppFixture fixture, JsonObject? body = null)
    {
        var activity = await RegisterAsync(fixture, body ?? ActivityBodies.Valid(fixture.Edition));
        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = activity.ManageToken });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return activity;
    }

    public static (Guid Id, string Token) ManageLink(MimeMessage email)
    {
        var match = ManageLinkPattern().Match(email.TextBody ?? string.Empty);
        match.Success.ShouldBeTrue($"No manage link in: {email.TextBody}");
        return (Guid.Parse(match.Groups[1].Value), Uri.UnescapeDataString(match.Groups[2].Value));
    }

    public static HttpRequestMessage AsOwner(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Manage-Token", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    [GeneratedRegex(@"https://wte\.test/beheer/activiteiten/([0-9a-f\-]{36})\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex ManageLinkPattern();
}
