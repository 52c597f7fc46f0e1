using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// The service on a real Kestrel port, its own SMTP server, and Debian's chromium driven by Playwright (the package's own
/// browser download cannot work here). Without /usr/bin/chromium the tests fail rather than skip: in CI a skipped browser
/// test would hide that no page was ever opened in a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public SmtpServer Smtp { get; private set; } = null!;

    public WteApp App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = null!;

    public HttpClient Public { get; private set; } = null!;

    public HttpClient Logistics { get; private set; } = null!;

    public TestEdition Edition { get; } = TestEdition.NextYear();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {Chromium}: apt-get install -y chromium (scripts/test.sh does).");
        }

        Smtp = await SmtpServer.StartAsync();
        App = new WteApp(Smtp.Port);
        // No Hangfire server runs in a test app: reading the SMTP server first runs the app's jobs (the outbox).
        Smtp.App = App;
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1",
                StringComparison.Ordinal))
            .First();
        Public = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var admin = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateStaffKeyAsync("admin"));
        Logistics = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Logistics.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateStaffKeyAsync("logistics"));
        (await admin.PutAsJsonAsync($"/api/editions/{Edition.Year}", Edition.Body)).EnsureSuccessStatusCode();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser profile; axe runs its script through Playwright, which the pages' CSP would otherwise refuse.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            BypassCSP = javaScript,
            Locale = "nl-NL",
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Registers an activity of <see cref="Edition"/> through the API, as an initiator's other client would; returns its
    /// id and the manage token of the verification e-mail. The activity is not yet confirmed.
    /// </summary>
    public async Task<(Guid Id, string Token)> RegisterActivityAsync(
        string contactEmail, string? title = null, string municipalityCode = "GM0995")
    {
        var body = ActivityBodies.Valid(Edition, contactEmail: contactEmail, municipalityCode: municipalityCode);
        if (title is not null)
        {
            body["title"] = title;
        }

        var response = await Public.PostAsJsonAsync("/api/activities", body);
        response.EnsureSuccessStatusCode();
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        return (id, ActivityFlow.ManageLink((await Smtp.WaitForAsync(contactEmail)).Single()).Token);
    }

    /// <summary>As <see cref="RegisterActivityAsync"/>, then confirmed with its token: published.</summary>
    public async Task<(Guid Id, string Token)> PublishActivityAsync(
        string? contactEmail = null, string? title = null, string municipalityCode = "GM0995")
    {
        var (id, token) = await RegisterActivityAsync(contactEmail ?? ActivityBodies.UniqueEmail("browser-owner"), title, municipalityCode);
        (await Public.PostAsJsonAsync($"/api/activities/{id}/verify", new { token })).EnsureSuccessStatusCode();
        return (id, token);
    }

    /// <summary>
    /// A fresh browser profile signed in as a new staff member of <paramref name="role"/>: the sign-in link opened and
    /// its button <b>Inloggen</b> pressed, as a person does; the page is then on the role's start page.
    /// </summary>
    public async Task<IPage> NewStaffPageAsync(string role, bool javaScript = true)
    {
        var page = await NewPageAsync(javaScript);
        var (id, _) = await App.CreateMemberAsync(role);
        await page.GotoAsync(await App.SignInLinkAsync(id));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        return page;
    }

    /// <summary>Zero violations of the WCAG 2.0/2.1 A and AA rules of axe-core on the page as it is now.</summary>
    public static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var violations = (result.Violations ?? []).Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        violations.ShouldBeEmpty($"axe on {page.Url}:\n{string.Join('\n', violations)}");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// Runs alone, after the parallel collections: a browser and a Kestrel service beside the other collections would
/// only slow them down on a busy machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
