using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform.Data;

/// <summary>Ids, instants, dates and booleans survive a round trip on the provider under test, and instants sort as instants.</summary>
[Collection(AppCollection.Name)]
public sealed class TypeHandlerTests(AppFixture fixture)
{
    private const string Insert = """
        INSERT INTO staff_keys (id, name, role, key_hash, created_at) VALUES (@Id, @Name, 'admin', @KeyHash, @CreatedAt)
        """;

    private const string Select = """
        SELECT id AS Id, created_at AS CreatedAt FROM staff_keys WHERE name = @Name ORDER BY created_at
        """;

    private const string Dates = """
        SELECT starts_on AS StartsOn, registration_opens_at AS RegistrationOpensAt FROM editions WHERE year = @Year
        """;

    [Fact]
    public async Task Instants_WithDifferentOffsets_RoundTripAndSortByTheInstant()
    {
        var factory = fixture.App.Services.GetRequiredService<ConnectionFactory>();
        await using var connection = await factory.OpenAsync();
        var name = $"types-{Guid.NewGuid():N}";
        var early = new DateTimeOffset(2027, 9, 30, 23, 30, 0, TimeSpan.FromHours(2)); // 21:30 UTC
        var late = new DateTimeOffset(2027, 9, 30, 22, 0, 0, TimeSpan.Zero);          // 22:00 UTC
        var lateId = Guid.CreateVersion7();
        var earlyId = Guid.CreateVersion7();

        await connection.ExecuteAsync(Insert, new { Id = lateId, Name = name, KeyHash = Guid.NewGuid().ToString("N"), CreatedAt = late });
        await connection.ExecuteAsync(Insert, new { Id = earlyId, Name = name, KeyHash = Guid.NewGuid().ToString("N"), CreatedAt = early });
        var rows = (await connection.QueryAsync<Row>(Select, new { Name = name })).ToArray();

        rows.Select(r => r.Id).ShouldBe([earlyId, lateId]);
        rows[0].CreatedAt.ShouldBe(early);
        rows[0].CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task Dates_RoundTripAsCalendarDates()
    {
        var factory = fixture.App.Services.GetRequiredService<ConnectionFactory>();
        await using var connection = await factory.OpenAsync();

        var edition = await connection.QuerySingleAsync<EditionDates>(Dates, new { fixture.Edition.Year });

        edition.StartsOn.ShouldBe(fixture.Edition.StartsOn);
        edition.RegistrationOpensAt.ShouldBeLessThan(DateTimeOffset.UtcNow);
    }

    private sealed record Row
    {
        public Guid Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed record EditionDates
    {
        public DateOnly StartsOn { get; init; }

        public DateTimeOffset RegistrationOpensAt { get; init; }
    }
}
