using System.Data.SqlTypes;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

/// <summary>
/// Each test puts a word of its own in its activities' titles and searches with it, so the shared database's other
/// activities stay out.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SearchActivitiesTests(AppFixture fixture)
{
    // The order the database gives ids: text on SQLite, UNIQUEIDENTIFIER's own byte order on SQL Server;
    // PostgreSQL compares uuids byte by byte in the order they are written, which is the text order.
    private static readonly IComparer<Guid> IdOrder = WteApp.SqlServer is { Length: > 0 }
        ? Comparer<Guid>.Create((a, b) => new SqlGuid(a).CompareTo(new SqlGuid(b)))
        : Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));

    [Fact]
    public async Task SearchActivities_ByMunicipality_ReturnsOnlyThatMunicipality()
    {
        var word = Word();
        var lelystad = await PublishAsync(word, b => b["location"]!["municipalityCode"] = "GM0995");
        var amsterdam = await PublishAsync(word, b => b["location"]!["municipalityCode"] = "GM0363");

        (await SearchAsync($"q={word}&municipality=GM0363")).ShouldBe([amsterdam.Id]);
        (await SearchAsync($"q={word}&municipality=GM0995")).ShouldBe([lelystad.Id]);
        (await SearchAsync($"q={word}&municipality=GM0599")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_ByProvince_ReturnsOnlyItsMunicipalities()
    {
        var word = Word();
        var lelystad = await PublishAsync(word, b => b["location"]!["municipalityCode"] = "GM0995");
        var amsterdam = await PublishAsync(word, b => b["location"]!["municipalityCode"] = "GM0363");
        var almere = await PublishAsync(word, b => b["location"]!["municipalityCode"] = "GM0034");

        (await SearchAsync($"q={word}&province=Flevoland")).ShouldBe(new[] { lelystad.Id, almere.Id }, ignoreOrder: true);
        (await SearchAsync($"q={word}&province=Noord-Holland")).ShouldBe([amsterdam.Id]);
        (await SearchAsync($"q={word}&province=Utrecht")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_ByType_ReturnsOnlyThatType()
    {
        var word = Word();
        var meal = await PublishAsync(word, b => b["type"] = "meal");
        var walk = await PublishAsync(word, b => b["type"] = "walk");

        (await SearchAsync($"q={word}&type=walk")).ShouldBe([walk.Id]);
        (await SearchAsync($"q={word}&type=meal")).ShouldBe([meal.Id]);
        (await SearchAsync($"q={word}&type=sport")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_ByTargetGroup_ReturnsThoseThatNameIt()
    {
        var word = Word();
        var elderly = await PublishAsync(word, b => b["targetGroups"] = new JsonArray("elderly", "everyone"));
        var young = await PublishAsync(word, b => b["targetGroups"] = new JsonArray("youth", "children"));

        (await SearchAsync($"q={word}&targetGroup=youth")).ShouldBe([young.Id]);
        (await SearchAsync($"q={word}&targetGroup=everyone")).ShouldBe([elderly.Id]);
        (await SearchAsync($"q={word}&targetGroup=caregivers")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_FromAndToDates_SelectWholeAmsterdamDays()
    {
        var word = Word();
        var edition = fixture.Edition;
        var day0 = await PublishAsync(word, b => Times(b, edition.At(0, 14), edition.At(0, 16)));
        // Half past midnight in Amsterdam is still the evening before in UTC.
        var day1Early = await PublishAsync(word, b => Times(b, edition.At(1, 0, 30), edition.At(1, 1, 30)));
        var day2 = await PublishAsync(word, b => Times(b, edition.At(2, 14), edition.At(2, 16)));
        var day4 = await PublishAsync(word, b => Times(b, edition.At(4, 14), edition.At(4, 16)));

        (await SearchAsync($"q={word}&from={Date(1)}")).ShouldBe([day1Early.Id, day2.Id, day4.Id]);
        (await SearchAsync($"q={word}&to={Date(0)}")).ShouldBe([day0.Id]);
        (await SearchAsync($"q={word}&from={Date(1)}&to={Date(2)}")).ShouldBe([day1Early.Id, day2.Id]);
        (await SearchAsync($"q={word}&from={Date(5)}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_FromAndToInstants_SelectActivitiesOverlappingTheSpan()
    {
        var word = Word();
        var edition = fixture.Edition;
        var day0 = await PublishAsync(word, b => Times(b, edition.At(0, 14), edition.At(0, 16)));
        var day2 = await PublishAsync(word, b => Times(b, edition.At(2, 14), edition.At(2, 16)));
        var day4 = await PublishAsync(word, b => Times(b, edition.At(4, 14), edition.At(4, 16)));

        (await SearchAsync($"q={word}&from={Instant(edition.At(2, 15))}")).ShouldBe([day2.Id, day4.Id]);
        (await SearchAsync($"q={word}&to={Instant(edition.At(2, 13))}")).ShouldBe([day0.Id]);
        (await SearchAsync($"q={word}&from={Instant(edition.At(2, 15))}&to={Instant(edition.At(2, 15, 30))}")).ShouldBe([day2.Id]);
        (await SearchAsync($"q={word}&from={Instant(edition.At(2, 16, 30))}&to={Instant(edition.At(3, 12))}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_ByText_SearchesTitleDescriptionVenueAndCity()
    {
        var word = Word();
        var other = Word();
        var inTitle = await PublishAsync(word);
        var inDescription = await PublishAsync(other, b => b["description"] = $"Samen soep eten ({word}).");
        var inVenue = await PublishAsync(other, b => b["location"]!["venueName"] = $"Wijkcentrum {word}");
        var inCity = await PublishAsync(other, b => b["location"]!["city"] = $"Stad{word}");
        var elsewhere = await PublishAsync(other);

        (await SearchAsync($"q={word}")).ShouldBe(new[] { inTitle.Id, inDescription.Id, inVenue.Id, inCity.Id }, ignoreOrder: true);
        (await SearchAsync($"q={word.ToUpperInvariant()}")).ShouldBe(new[] { inTitle.Id, inDescription.Id, inVenue.Id, inCity.Id },
            ignoreOrder: true);
        (await SearchAsync($"q={other}")).ShouldContain(elsewhere.Id);
        (await SearchAsync($"q={other}")).ShouldNotContain(inTitle.Id);
    }

    [Fact]
    public async Task SearchActivities_TextWithWildcards_MatchesThemLiterally()
    {
        var word = Word();
        var activity = await PublishAsync(word);

        (await SearchAsync($"q={word}")).ShouldBe([activity.Id]);
        (await SearchAsync($"q={Uri.EscapeDataString(word[..4] + "%" + word[6..])}")).ShouldBeEmpty();
        (await SearchAsync($"q={Uri.EscapeDataString(word[..4] + "_" + word[5..])}")).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchActivities_Items_NeverShowTheOrganiser()
    {
        var word = Word();
        var activity = await PublishAsync(word);

        var response = await fixture.Public.GetAsync($"/api/activities?year={fixture.Edition.Year}&q={word}");

        var text = await response.Content.ReadAsStringAsync();
        var item = JsonNode.Parse(text)!["items"]!.AsArray().Single()!.AsObject();
        item["id"]!.GetValue<string>().ShouldBe(activity.Id.ToString());
        item["status"]!.GetValue<string>().ShouldBe("published");
        item["municipalityName"]!.GetValue<string>().ShouldBe("Lelystad");
        item.ContainsKey("organiser").ShouldBeFalse();
        text.ShouldNotContain(activity.ContactEmail);
    }

    [Fact]
    public async Task SearchActivities_WithCursor_PagesThroughAllInStartThenIdOrder()
    {
        var word = Word();
        var edition = fixture.Edition;
        // Three share a start, so a page boundary falls between equal start times.
        var starts = new[] { edition.At(2, 10), edition.At(1, 10), edition.At(1, 10), edition.At(0, 10), edition.At(1, 10) };
        var registered = new List<(Guid Id, DateTimeOffset StartsAt)>();
        foreach (var start in starts)
        {
            var activity = await PublishAsync(word, b => Times(b, start, start.AddHours(2)));
            registered.Add((activity.Id, start));
        }

        var pages = new List<(Guid[] Items, string? NextCursor)>();
        string? cursor = null;
        do
        {
            var page = await PageAsync($"q={word}&limit=2" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}"));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 10);

        pages.Select(p => p.Items.Length).ShouldBe([2, 2, 1]);
        pages[^1].NextCursor.ShouldBeNull();
        var all = pages.SelectMany(p => p.Items).ToArray();
        all.Distinct().Count().ShouldBe(5);
        var expected = registered.OrderBy(a => a.StartsAt).ThenBy(a => a.Id, IdOrder).Select(a => a.Id).ToArray();
        all.ShouldBe(expected);
        (await SearchAsync($"q={word}&limit=100")).ShouldBe(expected);
    }

    [Fact]
    public async Task SearchActivities_LeavesOutUnpublishedActivities()
    {
        var word = Word();
        var published = await PublishAsync(word);
        var pending = await ActivityFlow.RegisterAsync(fixture, WithTitle(ActivityBodies.Valid(fixture.Edition), word));
        var cancelled = await PublishAsync(word);
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{cancelled.Id}/cancel",
            cancelled.ManageToken)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var rejected = await PublishAsync(word);
        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{rejected.Id}/reject", new { reason = "Reclame voor een webwinkel." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var found = await SearchAsync($"q={word}");

        found.ShouldBe([published.Id]);
        found.ShouldNotContain(pending.Id);
    }

    [Fact]
    public async Task SearchActivities_OtherYear_IsNotMixedIn()
    {
        var word = Word();
        await PublishAsync(word);

        var response = await fixture.Public.GetAsync($"/api/activities?year={fixture.Edition.Year + 1}&q={word}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["items"]!.AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("municipality=GM9999", "municipality")]
    [InlineData("province=Atlantis", "province")]
    [InlineData("type=party", "type")]
    [InlineData("targetGroup=pets", "targetGroup")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("cursor=MTIzfGFiYw", "cursor")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2027-13-01", "to")]
    [InlineData("year=1999", "year")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=2027-09-30T10:00:00", "from")]
    public async Task SearchActivities_InvalidFilter_Returns422NamingTheField(string query, string field)
    {
        var response = await fixture.Public.GetAsync($"/api/activities?{query}");

        var problem = await response.ShouldBeValidationProblemAsync(field);
        problem["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public async Task SearchActivities_TextTooLong_Returns422()
    {
        var response = await fixture.Public.GetAsync($"/api/activities?q={new string('x', 101)}");

        await response.ShouldBeValidationProblemAsync("q");
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("year=next")]
    public async Task SearchActivities_NotANumber_Returns400(string query)
    {
        var response = await fixture.Public.GetAsync($"/api/activities?{query}");

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    private static string Word() => "zoek" + Guid.NewGuid().ToString("N")[..12];

    private static JsonObject WithTitle(JsonObject body, string word)
    {
        body["title"] = $"Soep & praat {word}";
        return body;
    }

    private static void Times(JsonObject body, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        body["startsAt"] = startsAt.ToString("O");
        body["endsAt"] = endsAt.ToString("O");
    }

    private static string Instant(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz"));

    private string Date(int day) => fixture.Edition.StartsOn.AddDays(day).ToString("yyyy-MM-dd");

    private async Task<RegisteredActivity> PublishAsync(string word, Action<JsonObject>? change = null)
    {
        var body = WithTitle(ActivityBodies.Valid(fixture.Edition), word);
        change?.Invoke(body);
        return await ActivityFlow.PublishAsync(fixture, body);
    }

    private async Task<Guid[]> SearchAsync(string query) => (await PageAsync(query)).Items;

    private async Task<(Guid[] Items, string? NextCursor)> PageAsync(string query)
    {
        var response = await fixture.Public.GetAsync($"/api/activities?year={fixture.Edition.Year}&{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var page = JsonNode.Parse(text)!.AsObject();
        var items = page["items"]!.AsArray().Select(item => Guid.Parse(item!["id"]!.GetValue<string>())).ToArray();
        return (items, page["nextCursor"]?.GetValue<string>());
    }
}
