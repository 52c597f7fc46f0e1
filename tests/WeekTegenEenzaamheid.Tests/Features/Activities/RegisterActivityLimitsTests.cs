using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

/// <summary>Registering an activity mails an address the caller chooses: per address and per client network it is limited.</summary>
[Collection(AppCollection.Name)]
public sealed class RegisterActivityLimitsTests(AppFixture fixture)
{
    [Fact]
    public async Task RegisterActivity_FourthVerificationToOneAddressInAnHour_Returns429AndQueuesNoEmail()
    {
        var contact = ActivityBodies.UniqueEmail("veelgemaild");
        for (var i = 0; i < 3; i++)
        {
            var accepted = await fixture.Public.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        }

        var refused = await fixture.Public.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));
        var sameAddressOtherCase = await fixture.Public.PostAsJsonAsync(
            "/api/activities", ActivityBodies.Valid(fixture.Edition, contact.ToUpperInvariant()));

        await refused.ShouldBeProblemAsync(429, "tooManyEmailsToAddress");
        await sameAddressOtherCase.ShouldBeProblemAsync(429, "tooManyEmailsToAddress");
        (await QueuedToAsync(contact)).ShouldBe(3);
    }

    [Fact]
    public async Task RegisterActivity_AfterAnHour_MailsTheAddressAgain()
    {
        var contact = ActivityBodies.UniqueEmail("later");
        for (var i = 0; i < 3; i++)
        {
            var accepted = await fixture.Public.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));
            accepted.EnsureSuccessStatusCode();
        }

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(61));
        var later = await fixture.Public.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));

        later.StatusCode.ShouldBe(HttpStatusCode.Created, await later.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RegisterActivity_LimitFromConfiguration_IsHeld()
    {
        var settings = new Dictionary<string, string?> { ["RateLimiting:PerRecipient:VerificationEmailsPerHour"] = "1" };
        await using var app = new WteApp(smtpPort: null, settings);
        var client = app.CreateClient();
        var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        (await admin.PutAsJsonAsync($"/api/editions/{fixture.Edition.Year}", fixture.Edition.Body)).EnsureSuccessStatusCode();
        var contact = ActivityBodies.UniqueEmail("eenmaal");

        var first = await client.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var second = await client.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));

        await second.ShouldBeProblemAsync(429, "tooManyEmailsToAddress");
    }

    [Fact]
    public async Task RegisterActivity_VerificationEmail_SaysWhatToDoIfYouDidNotAskForIt()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        (activity.VerificationEmail.TextBody ?? string.Empty).ShouldContain("Heb je dit niet aangevraagd? Dan hoef je niets te doen");
        (activity.VerificationEmail.HtmlBody ?? string.Empty).ShouldContain("Heb je dit niet aangevraagd?");
    }

    [Fact]
    public async Task RegisterActivity_ManyAddressesOfOneIpv6Slash64_ShareOneRateLimit()
    {
        await using var app = new WteApp(smtpPort: null, new Dictionary<string, string?> { ["RateLimiting:PublicWritesPerMinute"] = "2" });
        await using var factory = app.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader())));
        var client = factory.CreateClient();

        async Task<HttpStatusCode> PostFromAsync(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = JsonContent.Create(new JsonObject()) };
            request.Headers.Add(ClientAddressFromHeader.Header, address);
            return (await client.SendAsync(request)).StatusCode;
        }

        (await PostFromAsync("2001:db8:1:1::1")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostFromAsync("2001:db8:1:1::2")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostFromAsync("2001:db8:1:1:ffff:ffff:ffff:ffff")).ShouldBe(HttpStatusCode.TooManyRequests);
        (await PostFromAsync("2001:db8:1:2::1")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostFromAsync("192.0.2.1")).ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostFromAsync("192.0.2.2")).ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("2001:db8:1:1::1", "2001:db8:1:1:abcd::9", true)]
    [InlineData("2001:db8:1:1::1", "2001:db8:1:2::1", false)]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1", true)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    public void ClientPartition_Ipv6ByItsSlash64_Ipv4ByItsAddress(string one, string other, bool same) =>
        (HttpExtensions.ClientPartition(IPAddress.Parse(one)) == HttpExtensions.ClientPartition(IPAddress.Parse(other))).ShouldBe(same);

    private async Task<int> QueuedToAsync(string address)
    {
        var emails = await fixture.Admin.GetFromJsonAsync<JsonArray>("/api/admin/emails?limit=500");
        return emails!.Count(email => string.Equals(email!["toAddress"]!.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sets the connection's client address from a request header, as a proxy in front would.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
