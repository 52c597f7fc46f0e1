using System.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Pages;

[Collection(AppCollection.Name)]
public sealed class PagePlatformTests(AppFixture fixture)
{
    [Fact]
    public async Task UnknownPage_ForABrowser_IsADutch404Page()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/bestaat-niet");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await fixture.Public.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await PageClient.ParseAsync(response);
        page.Heading().ShouldBe("Pagina niet gevonden");
        page.DocumentElement.GetAttribute("lang").ShouldBe("nl");
    }

    [Fact]
    public async Task UnknownApiPath_ForABrowser_StaysProblemJson()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/bestaat-niet");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await fixture.Public.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task EveryPage_HasTheLayoutAndTheSecurityHeaders()
    {
        foreach (var path in new[] { "/", "/activiteiten", "/toegankelijkheid", "/privacy", "/activiteit-aanmelden", "/beheer" })
        {
            var response = await fixture.Public.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(path);
            var page = await PageClient.ParseAsync(response);
            page.QuerySelectorAll("h1").Length.ShouldBe(1, path);
            page.QuerySelector("a[href='#inhoud']").ShouldNotBeNull(path);
            page.QuerySelector("main#inhoud").ShouldNotBeNull(path);
            page.QuerySelector("header").ShouldNotBeNull(path);
            page.QuerySelector("footer a[href='/toegankelijkheid']").ShouldNotBeNull(path);
            page.QuerySelector("footer a[href='/privacy']").ShouldNotBeNull(path);
        }
    }

    [Fact]
    public async Task Stylesheets_HaveFingerprintedNames_CachedForAYear()
    {
        var page = await PageClient.GetAsync(fixture.Public, "/");
        var sheets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        sheets.Count.ShouldBe(3);
        foreach (var sheet in sheets)
        {
            sheet.ShouldMatch(@"^/(lib|css)/[a-z\-]+\.[a-z0-9]{10}\.css$");
            var response = await fixture.Public.GetAsync(sheet);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, sheet);
            response.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
            var gzipped = new HttpRequestMessage(HttpMethod.Get, sheet);
            gzipped.Headers.AcceptEncoding.ParseAdd("gzip");
            var compressed = await fixture.Public.SendAsync(gzipped);
            compressed.Content.Headers.ContentType!.MediaType.ShouldBe("text/css", sheet);
            (await compressed.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(100, sheet);
        }
    }
}
