using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Dom;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

/// <summary>
/// The file forms' size limits, through a real Kestrel server: the test server has no body size limit, Kestrel has the
/// service's 1 MiB for every request, so only here does a large file meet the limit it meets in production.
/// </summary>
public sealed class FileFormLimitTests : IAsyncLifetime
{
    private const string TooLarge = "Het bestand is te groot. Een bestand mag hoogstens 10 MB zijn.";

    private readonly WteApp app = new(smtpPort: null);

    public Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ShipmentsFile_OfTenMegabytes_OverKestrelsOneMegabyte_IsRead()
    {
        var client = await SignedInAsync("logistics");
        var page = await PageClient.GetAsync(client, "/magazijn/verzendingen");

        var response = await UploadAsync(client, page, "Bestand inlezen", ShipmentsCsv(FileForms.MaxFileBytes));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await PageClient.ParseAsync(response);
        result.QuerySelector("#resultaat")!.Text().ShouldBe("Resultaat van verzendingen.csv");
        result.QuerySelector("[role=status]")!.Text().ShouldBe("0 verzonden, 0 waren al verzonden, 1 niet verwerkt.");
    }

    [Fact]
    public async Task ShipmentsFile_OneByteOverTenMegabytes_Returns413_WithTheLimitBesideTheField()
    {
        var client = await SignedInAsync("logistics");
        var page = await PageClient.GetAsync(client, "/magazijn/verzendingen");

        var response = await UploadAsync(client, page, "Bestand inlezen", ShipmentsCsv(FileForms.MaxFileBytes + 1));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        var refused = await PageClient.ParseAsync(response);
        refused.FieldError("CSV-bestand").ShouldBe(TooLarge);
        refused.QuerySelector("#resultaat").ShouldBeNull();
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(40 * 1024 * 1024)]
    public async Task ShipmentsFile_OverTheRequestLimit_Returns413_InDutch_WithoutParsingIt(int bytesOver)
    {
        var client = await SignedInAsync("logistics");
        var page = await PageClient.GetAsync(client, "/magazijn/verzendingen");

        var response = await UploadAsync(client, page, "Bestand inlezen", ShipmentsCsv(FileForms.MaxFileBytes + bytesOver));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        var refused = await PageClient.ParseAsync(response);
        refused.Heading().ShouldBe("Bestand te groot");
        refused.QuerySelector("main")!.Text().ShouldContain(TooLarge);
    }

    [Fact]
    public async Task JoinedMunicipalitiesFile_OverItsOneMegabyte_Returns413_InDutch()
    {
        var edition = TestEdition.NextYear();
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        (await admin.PutAsJsonAsync($"/api/editions/{edition.Year}", edition.Body)).EnsureSuccessStatusCode();
        var client = await SignedInAsync("admin");
        var page = await PageClient.GetAsync(client, $"/programmabureau/gemeenten/{edition.Year}");
        var list = Encoding.UTF8.GetBytes("GM0363\n" + new string('\n', 1024 * 1024 + 70_000));

        var response = await UploadAsync(client, page, "Bestand inlezen", list);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync());
        (await PageClient.ParseAsync(response)).QuerySelector("main")!.Text()
            .ShouldContain("Het bestand is te groot. Een bestand mag hoogstens 1 MB zijn.");
    }

    [Fact]
    public async Task ShipmentsApi_TakesACarrierFileOverOneMegabyte()
    {
        using var logistics = app.ClientWithKey(await app.CreateStaffKeyAsync("logistics"));
        var body = new ByteArrayContent(ShipmentsCsv(2 * 1024 * 1024));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await logistics.PostAsync("/api/logistics/shipments/import", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["failed"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task JsonApi_KeepsItsOneMegabyte_AndItsProblem()
    {
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));

        var response = await admin.PostAsJsonAsync("/api/admin/staff",
            new { name = new string('x', 1024 * 1024), email = "groot@voorbeeld.nl", role = "logistics" });

        await response.ShouldBeProblemAsync(413, "payloadTooLarge");
    }

    /// <summary>
    /// A browser on the Kestrel server (cookies kept, redirects not followed), signed in as a new member of <paramref name="role"/>
    /// through the sign-in link's page: the factory's own clients follow redirects whatever their options say once it runs Kestrel.
    /// </summary>
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app.ClientOptions.BaseAddress,
        };
        var (id, _) = await app.CreateMemberAsync(role);
        var signedIn = await PageClient.SubmitAsync(client, await PageClient.GetAsync(client, await app.SignInLinkAsync(id)), "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>A carrier's CSV of exactly <paramref name="bytes"/> bytes: the header, one row, then blank lines.</summary>
    private static byte[] ShipmentsCsv(long bytes)
    {
        var rows = "reference,carrier,trackingNumber\nWTE-GEEN-ORDER,PostNL,3SXYZ0000001\n";
        return Encoding.UTF8.GetBytes(rows + new string('\n', (int)bytes - rows.Length));
    }

    private static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, IDocument page, string button, byte[] file)
    {
        var form = page.FormWithButton(button);
        var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
                "__RequestVerificationToken" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "bestand", "verzendingen.csv");
        return await client.PostAsync(form.GetAttribute("action"), content);
    }
}
