using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Bench;

/// <summary>
/// Writes a realistic year straight into a fresh SQLite file (through the service's own migrations):
/// published activities over all 342 municipalities, sign-ups within capacity, kit orders; optionally
/// orders still waiting for allocation and participants whose reminder is due now.
/// </summary>
public static class Seeder
{
    public const string Sku = "BENCH-KIT";
    public const int ReminderYear = 2090;

    private static readonly string[] Types = ["meetup", "meal", "walk", "sport", "creative", "culture", "workshop", "information", "other"];
    private static readonly string[] Groups = ["everyone", "elderly", "youth", "children", "caregivers", "migrants", "lgbtiq", "disability", "lowIncome"];

    private const string InsertEdition = """
        INSERT INTO editions (year, starts_on, ends_on, opening_on, registration_opens_at, kit_order_deadline, updated_at)
        VALUES (@Year, @StartsOn, @EndsOn, @OpeningOn, @RegistrationOpensAt, @KitOrderDeadline, @Now)
        """;

    private const string InsertActivity = """
        INSERT INTO activities
            (id, year, status, title, description, type, target_groups, starts_at, ends_at, expected_participants, capacity,
             sign_up_required, free, wheelchair_accessible, venue_name, street, house_number, postcode, city, municipality_code,
             contact_name, contact_email, manage_token_hash, created_at, updated_at, verified_at, seats_taken)
        VALUES
            (@Id, @Year, 'published', @Title, @Description, @Type, @TargetGroups, @StartsAt, @EndsAt, @ExpectedParticipants, @Capacity,
             @SignUpRequired, 1, 1, 'Buurthuis', 'Dorpsstraat', @HouseNumber, '1234 AB', @City, @MunicipalityCode,
             'Initiatiefnemer', @ContactEmail, @ManageTokenHash, @Now, @Now, @Now, @SeatsTaken)
        """;

    private const string InsertRegistration = """
        INSERT INTO registrations (id, activity_id, sign_up_no, status, name, email, email_key, party_size, created_at, confirmed_at)
        VALUES (@Id, @ActivityId, @SignUpNo, @Status, @Name, @Email, @Email, @PartySize, @CreatedAt, @ConfirmedAt)
        """;

    private const string InsertItem = """
        INSERT INTO kit_items (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at)
        VALUES (@Sku, 'Benchmarkpakket', 'Pakket voor de benchmark', 10, 1, @OnHand, 0, @Now, @Now)
        """;

    private const string InsertOrder = """
        INSERT INTO kit_orders
            (id, reference, activity_id, year, status, recipient, street, house_number, postcode, city, received_at, updated_at)
        VALUES (@Id, @Reference, @ActivityId, @Year, @Status, 'Initiatiefnemer', 'Dorpsstraat', '1', '1234 AB', @City, @Now, @Now)
        """;

    private const string InsertLine = """
        INSERT INTO kit_order_lines (order_id, sku, quantity) VALUES (@OrderId, @Sku, @Quantity)
        """;

    private const string InsertHistory = """
        INSERT INTO kit_order_history (order_id, status, changed_at) VALUES (@OrderId, @Status, @Now)
        """;

    private const string InsertCounter = """
        INSERT INTO kit_order_counters (year, last_number) VALUES (@Year, @Last)
        """;

    public static async Task RunAsync(Options options)
    {
        var db = options.Require("db");
        var year = options.Int("year", DateTime.UtcNow.Year + 1);
        var factory = Sql.Factory(db);
        Migrations.Run(factory, NullLogger.Instance);
        var municipalities = new MunicipalityDirectory().All;
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);

        await using var connection = await factory.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var week = Edition.Default(year);
        await connection.ExecuteAsync(InsertEdition, new
        {
            Year = year,
            week.StartsOn,
            week.EndsOn,
            week.OpeningOn,
            RegistrationOpensAt = now.AddDays(-30),
            KitOrderDeadline = week.WeekStartsAt.AddDays(-10),
            Now = now,
        }, transaction);

        var activities = Enumerable.Range(0, options.Int("activities", 10_000)).Select(i =>
        {
            var municipality = municipalities[i % municipalities.Count];
            var start = week.WeekStartsAt.AddDays(i % 7).AddHours(9 + (i % 11));
            return new ActivitySeed(Guid.CreateVersion7(), year, $"Activiteit {i}: samen {Types[i % Types.Length]}", Types[i % Types.Length],
                $",{Groups[i % Groups.Length]},{Groups[(i + 3) % Groups.Length]},", start, start.AddHours(2), municipality.Code, municipality.Name,
                Capacity: 30, SignUpRequired: i % 5 != 0, i);
        }).ToList();

        var registrations = Distribute(activities.Where(a => a.SignUpRequired).ToList(), options.Int("signups", 100_000), random, now.AddDays(-5), "p");
        await connection.ExecuteAsync(InsertActivity, activities.Select(a => a.Parameters(now, registrations.SeatsTaken.GetValueOrDefault(a.Id))), transaction);
        await connection.ExecuteAsync(InsertRegistration, registrations.Rows, transaction);

        var orders = options.Int("orders", 5_000);
        var received = options.Int("received-orders", 0);
        await connection.ExecuteAsync(InsertItem, new { Sku, OnHand = (orders + received) * 3, Now = now }, transaction);
        var orderRows = activities.Take(orders + received).Select((a, i) => new
        {
            Id = Guid.CreateVersion7(),
            Reference = $"KE-{year}-{i + 1:00000}",
            ActivityId = a.Id,
            Year = year,
            Status = i < received ? "received" : "delivered",
            a.City,
            Now = now.AddSeconds(i),
        }).ToList();
        await connection.ExecuteAsync(InsertOrder, orderRows, transaction);
        await connection.ExecuteAsync(InsertLine, orderRows.Select((o, i) => new { OrderId = o.Id, Sku, Quantity = 1 + (i % 3) }), transaction);
        await connection.ExecuteAsync(InsertHistory, orderRows.Select(o => new { OrderId = o.Id, Status = "received", o.Now }), transaction);
        await connection.ExecuteAsync(InsertCounter, new { Year = year, Last = orderRows.Count }, transaction);

        var reminders = options.Int("reminders", 0);
        if (reminders > 0)
        {
            await SeedRemindersAsync(connection, transaction, reminders, now, random);
        }

        await transaction.CommitAsync();
        Console.Error.WriteLine($"seeded {activities.Count} activities, {registrations.Rows.Count} sign-ups, {orderRows.Count} kit orders ({received} waiting), {reminders} due reminders");
    }

    /// <summary>An edition around today whose activities start in 12 hours: every confirmed participant is due a reminder.</summary>
    private static async Task SeedRemindersAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int count, DateTimeOffset now, Random random)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await connection.ExecuteAsync(InsertEdition, new
        {
            Year = ReminderYear,
            StartsOn = today.AddDays(-3),
            EndsOn = today.AddDays(3),
            OpeningOn = today.AddDays(-4),
            RegistrationOpensAt = now.AddDays(-60),
            KitOrderDeadline = now.AddDays(-10),
            Now = now,
        }, transaction);
        var perActivity = 50;
        var activities = Enumerable.Range(0, (count + perActivity - 1) / perActivity).Select(i =>
            new ActivitySeed(Guid.CreateVersion7(), ReminderYear, $"Herinnering {i}", "meal", ",everyone,", now.AddHours(12), now.AddHours(14),
                "GM0363", "Amsterdam", Capacity: perActivity, SignUpRequired: true, i)).ToList();
        var rows = activities.SelectMany(a => Enumerable.Range(0, perActivity).Select(n => new RegistrationSeed(
            Guid.CreateVersion7(), a.Id, n + 1, "confirmed", $"Deelnemer {a.Index}-{n}", $"r{a.Index}-{n}@bench.test", 1, now.AddDays(-3), now.AddDays(-3))))
            .Take(count).ToList();
        var seats = rows.GroupBy(r => r.ActivityId).ToDictionary(g => g.Key, g => g.Sum(r => r.PartySize));
        await connection.ExecuteAsync(InsertActivity, activities.Select(a => a.Parameters(now, seats.GetValueOrDefault(a.Id))), transaction);
        await connection.ExecuteAsync(InsertRegistration, rows, transaction);
    }

    private static (List<RegistrationSeed> Rows, Dictionary<Guid, int> SeatsTaken) Distribute(
        List<ActivitySeed> activities, int count, Random random, DateTimeOffset at, string prefix)
    {
        var rows = new List<RegistrationSeed>(count);
        var seats = new Dictionary<Guid, int>();
        var numbers = new Dictionary<Guid, int>();
        for (var i = 0; i < count && activities.Count > 0; i++)
        {
            var activity = activities[random.Next(activities.Count)];
            var party = 1 + random.Next(3);
            var taken = seats.GetValueOrDefault(activity.Id);
            var fits = taken + party <= activity.Capacity;
            var number = numbers[activity.Id] = numbers.GetValueOrDefault(activity.Id) + 1;
            if (fits)
            {
                seats[activity.Id] = taken + party;
            }

            rows.Add(new RegistrationSeed(Guid.CreateVersion7(), activity.Id, number, fits ? "confirmed" : "waitlisted",
                $"Deelnemer {i}", $"{prefix}{i}@bench.test", party, at, fits ? at : null));
        }

        return (rows, seats);
    }

    private sealed record ActivitySeed(Guid Id, int Year, string Title, string Type, string TargetGroups, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        string MunicipalityCode, string City, int Capacity, bool SignUpRequired, int Index)
    {
        public object Parameters(DateTimeOffset now, int seatsTaken) => new
        {
            Id,
            Year,
            Title,
            Description = "Een gezellige activiteit voor iedereen die anderen wil ontmoeten. Koffie en thee staan klaar.",
            Type,
            TargetGroups,
            StartsAt,
            EndsAt,
            ExpectedParticipants = 25,
            Capacity = SignUpRequired ? Capacity : (int?)null,
            SignUpRequired,
            HouseNumber = (1 + Index % 200).ToString(),
            City,
            MunicipalityCode,
            ContactEmail = $"initiator{Index}@bench.test",
            ManageTokenHash = Tokens.Hash($"bench-{Id}"),
            Now = now,
            SeatsTaken = seatsTaken,
        };
    }

    private sealed record RegistrationSeed(Guid Id, Guid ActivityId, int SignUpNo, string Status, string Name, string Email, int PartySize,
        DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt);
}
