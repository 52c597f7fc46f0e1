using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;

namespace WeekTegenEenzaamheid.Bench;

/// <summary>
/// The yardstick of the SQLite sign-up figure, like scripts/bench/postgresql/signup.sql is PostgreSQL's: the statements
/// of one sign-up (Seats, SignUpForActivity, SignUpStore, Outbox) by direct SQL in one transaction, on as many
/// connections as the load has, for a number of seconds. Writers take turns on the service's own in-process gate
/// (<c>ConnectionFactory.WriteTurnAsync</c>) and open connections with its settings, so the difference is everything
/// around the statements. Prints one number: transactions per second.
/// </summary>
public static class DirectSignUp
{
    private const string Lock = """
        SELECT id, status, capacity, seats_taken, starts_at, title, venue_name, city FROM activities WHERE id = @Id
        """;

    private const string Reserve = """
        UPDATE activities SET seats_taken = seats_taken + @Size WHERE id = @Id AND (capacity IS NULL OR seats_taken + @Size <= capacity)
        """;

    private const string Register = """
        INSERT INTO registrations (id, activity_id, sign_up_no, status, name, email, email_key, party_size, created_at, confirmed_at)
        SELECT @RegistrationId, @Id, COALESCE(MAX(r.sign_up_no), 0) + 1, @Status, 'Deelnemer', @Email, @Email, @Size, @Now, @ConfirmedAt
        FROM registrations r WHERE r.activity_id = @Id
        """;

    private const string Token = """
        INSERT INTO registration_tokens (token_hash, registration_id, created_at) VALUES (@TokenHash, @RegistrationId, @Now)
        """;

    // Stored as sent (the same insert): the service, idle on the same file meanwhile, has nothing to dispatch.
    private const string Email = """
        INSERT INTO outbox_messages (id, idempotency_key, to_address, to_name, subject, text_body, html_body, attachments,
            status, attempts, next_attempt_at, created_at)
        SELECT @EmailId, @Key, @Email, 'Deelnemer', 'Je bent aangemeld', @Text, @Html, @Attachments, 'sent', 0, @Now, @Now
        WHERE NOT EXISTS (SELECT 1 FROM outbox_messages WHERE idempotency_key = @Key)
        """;

    private static readonly string Text = string.Concat(Enumerable.Repeat("Tekst van de bevestiging. ", 60));
    private static readonly string Html = string.Concat(Enumerable.Repeat("<p>HTML van de bevestiging.</p>", 60));
    private static readonly string Attachments =
        $$"""[{"FileName":"activiteit.ics","ContentType":"text/calendar","Content":"{{Convert.ToBase64String(new byte[480])}}"}]""";

    /// <summary><c>--db FILE --activities FILE (comma-separated ids) --connections N --seconds S</c>.</summary>
    public static async Task RunAsync(Options options)
    {
        var factory = Sql.Factory(options.Require("db"));
        var activities = File.ReadAllText(options.Require("activities")).Trim().Split(',').Select(Guid.Parse).ToArray();
        var duration = TimeSpan.FromSeconds(options.Int("seconds", 5));
        var run = Guid.NewGuid().ToString("N")[..8];
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Int("connections", 64)).Select(client => Task.Run(async () =>
        {
            await using var connection = (SqliteConnection)await factory.OpenAsync();
            for (var n = 0; watch.Elapsed < duration; n++)
            {
                var id = activities[Random.Shared.Next(activities.Length)];
                var registrationId = Guid.CreateVersion7();
                var email = $"d{run}-{client}-{n}@bench.test";
                var now = DateTimeOffset.UtcNow;
                using (await factory.WriteTurnAsync(CancellationToken.None))
                {
                    await using var transaction = connection.BeginTransaction(deferred: false);
                    await connection.QuerySingleOrDefaultAsync(Lock, new { Id = id }, transaction);
                    var size = 1 + (n % 3);
                    var confirmed = await connection.ExecuteAsync(Reserve, new { Id = id, Size = size }, transaction) == 1;
                    await connection.ExecuteAsync(Register, new
                    {
                        RegistrationId = registrationId,
                        Id = id,
                        Status = confirmed ? "confirmed" : "waitlisted",
                        Email = email,
                        Size = size,
                        Now = now,
                        ConfirmedAt = confirmed ? now : (DateTimeOffset?)null,
                    }, transaction);
                    await connection.ExecuteAsync(Token, new
                    {
                        TokenHash = Convert.ToHexString(SHA256.HashData(Guid.NewGuid().ToByteArray())),
                        RegistrationId = registrationId,
                        Now = now,
                    }, transaction);
                    await connection.ExecuteAsync(Email, new
                    {
                        EmailId = Guid.CreateVersion7(),
                        Key = $"signup-confirmed:{registrationId}",
                        Email = email,
                        Text,
                        Html,
                        Attachments,
                        Now = now,
                    }, transaction);
                    await transaction.CommitAsync();
                }

                Interlocked.Increment(ref done);
            }
        })));
        Console.WriteLine((done / watch.Elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture));
    }
}
