using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>
/// How many e-mails a public caller may have the service send to one address of their choosing
/// (section <c>RateLimiting:PerRecipient</c>). Anyone can register an activity with anyone's address,
/// so without this the service would mail a stranger as often as the per-client limit allows.
/// </summary>
public sealed class RecipientLimitOptions
{
    public const string Section = "RateLimiting:PerRecipient";

    /// <summary>Verification e-mails (one per activity registration) to one address in any hour; default 3.</summary>
    [Range(1, 10_000)]
    public int VerificationEmailsPerHour { get; set; } = 3;
}

/// <summary>
/// Counts what the outbox already holds for an address, so the limit holds across app servers that
/// share the database, and survives a restart. Two requests at the same moment may both pass the
/// count: the limit may be exceeded by the number of requests in flight, never more.
/// </summary>
public sealed class RecipientLimit(DbSession session, TimeProvider clock)
{
    /// <summary>The window every per-recipient limit counts over.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    // SQLite's = is case-sensitive: both sides are folded, which ix_outbox_recipient (0005) indexes.
    // SQL Server compares under the database's case-insensitive collation, so the plain column seeks.
    private const string CountSqlite = """
        SELECT COUNT(1) FROM outbox_messages
        WHERE lower(to_address) = lower(@Address) AND created_at > @Since AND idempotency_key LIKE @Kind
        """;

    private const string CountSqlServer = """
        SELECT COUNT(1) FROM outbox_messages
        WHERE to_address = @Address AND created_at > @Since AND idempotency_key LIKE @Kind
        """;

    // PostgreSQL's = and LIKE are case-sensitive, as SQLite's: both sides folded, as ix_outbox_recipient
    // (db/postgresql/0005) indexes the expression.
    private const string CountPostgreSql = """
        SELECT COUNT(1) FROM outbox_messages
        WHERE lower(to_address) = lower(@Address) AND created_at > @Since AND idempotency_key LIKE @Kind
        """;

    /// <summary>
    /// True when fewer than <paramref name="perHour"/> e-mails whose idempotency key starts with
    /// <paramref name="kind"/> (e.g. "activity-verification:") went to <paramref name="address"/> in the last hour.
    /// </summary>
    public async Task<bool> AllowsAsync(string kind, string address, int perHour, CancellationToken cancellationToken)
    {
        var sent = await session.ExecuteScalarAsync<int>(
            session.Dialect.Pick(CountSqlite, CountSqlServer, CountPostgreSql),
            new { Address = address.Trim(), Since = clock.GetUtcNow() - Window, Kind = kind + "%" },
            cancellationToken);
        return sent < perHour;
    }
}
