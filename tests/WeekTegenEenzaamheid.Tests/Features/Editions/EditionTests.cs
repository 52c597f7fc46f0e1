using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Editions;

[Collection(AppCollection.Name)]
public sealed class EditionTests(AppFixture fixture)
{
    [Theory]
    [InlineData(2024, "2024-09-26", "2024-10-02", "2024-09-25")]
    [InlineData(2025, "2025-09-25", "2025-10-01", "2025-09-24")]
    [InlineData(2030, "2030-09-26", "2030-10-02", "2030-09-25")]
    public async Task GetEdition_YearNotSetUp_ReturnsDefaultSchedule(int year, string startsOn, string endsOn, string openingOn)
    {
        var edition = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/editions/{year}");

        edition!["year"]!.GetValue<int>().ShouldBe(year);
        edition["startsOn"]!.GetValue<string>().ShouldBe(startsOn);
        edition["endsOn"]!.GetValue<string>().ShouldBe(endsOn);
        edition["openingOn"]!.GetValue<string>().ShouldBe(openingOn);
        edition["registrationOpensAt"]!.GetValue<string>().ShouldBe($"{year}-03-01T00:00:00+01:00");
        edition["kitOrderDeadline"]!.GetValue<string>().ShouldBe($"{year}-09-01T00:00:00+02:00");
        edition["isDefault"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task GetEdition_YearNotSetUp_IsNotListed()
    {
        var editions = await fixture.Public.GetFromJsonAsync<JsonArray>("/api/editions");

        editions!.Select(e => e!["year"]!.GetValue<int>()).ShouldNotContain(2024);
    }

    [Fact]
    public async Task SetEdition_AsAdmin_OverridesTheDefaultAndIsListed()
    {
        var year = 2090;
        var body = new
        {
            startsOn = "2090-10-02",
            endsOn = "2090-10-08",
            openingOn = "2090-09-30",
            registrationOpensAt = "2089-11-01T00:00:00+01:00",
            kitOrderDeadline = "2090-09-10T12:00:00Z",
        };

        var response = await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}", body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var read = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/editions/{year}");
        read!["startsOn"]!.GetValue<string>().ShouldBe("2090-10-02");
        read["endsOn"]!.GetValue<string>().ShouldBe("2090-10-08");
        read["openingOn"]!.GetValue<string>().ShouldBe("2090-09-30");
        read["registrationOpensAt"]!.GetValue<string>().ShouldBe("2089-11-01T00:00:00+01:00");
        read["kitOrderDeadline"]!.GetValue<string>().ShouldBe("2090-09-10T14:00:00+02:00");
        read["isDefault"]!.GetValue<bool>().ShouldBeFalse();

        var listed = (await fixture.Public.GetFromJsonAsync<JsonArray>("/api/editions"))!
            .Single(e => e!["year"]!.GetValue<int>() == year)!;
        JsonNode.DeepEquals(listed, read).ShouldBeTrue($"listed {listed.ToJsonString()} read {read.ToJsonString()}");
    }

    [Fact]
    public async Task SetEdition_Twice_KeepsTheLastSchedule()
    {
        var year = 2091;
        (await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}", Schedule("2091-09-27", "2091-10-03"))).EnsureSuccessStatusCode();
        (await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}", Schedule("2091-10-04", "2091-10-10"))).EnsureSuccessStatusCode();

        var read = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/editions/{year}");

        read!["startsOn"]!.GetValue<string>().ShouldBe("2091-10-04");
        read["endsOn"]!.GetValue<string>().ShouldBe("2091-10-10");
        (await fixture.Public.GetFromJsonAsync<JsonArray>("/api/editions"))!
            .Count(e => e!["year"]!.GetValue<int>() == year).ShouldBe(1);
    }

    [Fact]
    public async Task SetEdition_WithoutKey_Returns401()
    {
        var response = await fixture.Public.PutAsJsonAsync("/api/editions/2092", Schedule("2092-09-25", "2092-10-01"));

        await response.ShouldBeProblemAsync(401, "unauthorized");
        await ShouldStillBeDefaultAsync(2092);
    }

    [Fact]
    public async Task SetEdition_WithUnknownKey_Returns401()
    {
        using var client = fixture.App.ClientWithKey("wte_not-a-key-anyone-was-given");

        var response = await client.PutAsJsonAsync("/api/editions/2092", Schedule("2092-09-25", "2092-10-01"));

        await response.ShouldBeProblemAsync(401, "unauthorized");
        await ShouldStillBeDefaultAsync(2092);
    }

    [Fact]
    public async Task SetEdition_WithLogisticsKey_Returns403()
    {
        var response = await fixture.Logistics.PutAsJsonAsync("/api/editions/2092", Schedule("2092-09-25", "2092-10-01"));

        await response.ShouldBeProblemAsync(403, "forbidden");
        await ShouldStillBeDefaultAsync(2092);
    }

    [Fact]
    public async Task SetEdition_EndBeforeStart_Returns422()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/editions/2093", Schedule("2093-10-01", "2093-09-30"));

        await response.ShouldBeValidationProblemAsync("endsOn");
        await ShouldStillBeDefaultAsync(2093);
    }

    [Fact]
    public async Task SetEdition_DatesAtTheEndOfTime_Returns422()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/editions/2093", Schedule("2093-10-01", "9999-12-31"));

        await response.ShouldBeValidationProblemAsync("endsOn");
        await ShouldStillBeDefaultAsync(2093);
    }

    [Fact]
    public async Task SetEdition_OneDayWeek_IsAllowed()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/editions/2094", Schedule("2094-10-01", "2094-10-01"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SetEdition_MissingFields_Returns422NamingEach()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/editions/2093", new { });

        await response.ShouldBeValidationProblemAsync("startsOn", "endsOn", "openingOn", "registrationOpensAt", "kitOrderDeadline");
        await ShouldStillBeDefaultAsync(2093);
    }

    [Fact]
    public async Task SetEdition_OneFieldMissing_Returns422OnThatField()
    {
        var response = await fixture.Admin.PutAsJsonAsync("/api/editions/2093", new
        {
            startsOn = "2093-09-24",
            endsOn = "2093-09-30",
            openingOn = "2093-09-23",
            registrationOpensAt = "2093-03-01T00:00:00+01:00",
        });

        var problem = await response.ShouldBeValidationProblemAsync("kitOrderDeadline");
        problem["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("{\"startsOn\": \"soon\"}")]
    [InlineData("{\"registrationOpensAt\": \"2093-03-01T00:00:00\"}")]
    [InlineData("{\"startsOn\": \"2093-09-24\", \"isDefault\": false}")]
    [InlineData("{\"startsOn\": ")]
    public async Task SetEdition_UnreadableBody_Returns400(string json)
    {
        var response = await fixture.Admin.PutAsync("/api/editions/2093", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    private static object Schedule(string startsOn, string endsOn) => new
    {
        startsOn,
        endsOn,
        openingOn = DateOnly.Parse(startsOn).AddDays(-1).ToString("yyyy-MM-dd"),
        registrationOpensAt = $"{startsOn[..4]}-03-01T00:00:00+01:00",
        kitOrderDeadline = $"{startsOn[..4]}-09-01T00:00:00+02:00",
    };

    private async Task ShouldStillBeDefaultAsync(int year)
    {
        var edition = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/editions/{year}");
        edition!["isDefault"]!.GetValue<bool>().ShouldBeTrue();
    }
}
