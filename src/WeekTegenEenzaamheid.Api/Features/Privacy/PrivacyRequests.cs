using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>The kinds of request <c>privacy_requests</c> records.</summary>
public static class PrivacyRequestKind
{
    /// <summary>The programme office looked up everything stored under an address (AVG art. 15).</summary>
    public const string Access = "access";

    /// <summary>The programme office erased a person (AVG art. 17).</summary>
    public const string Erasure = "erasure";

    /// <summary>A participant cancelled and erased their own sign-up with its cancel token.</summary>
    public const string SignUpErasure = "signUpErasure";

    /// <summary>An initiator erased the personal data of their activity with its manage token.</summary>
    public const string ActivityErasure = "activityErasure";
}

/// <summary>
/// One recorded request as <c>GET /api/admin/persons/requests</c> lists it; <c>counts</c> say what was found or erased;
/// <c>requestedByName</c> is the staff member's name as it is now (null for self-service).
/// </summary>
public sealed record PrivacyRequestRecord(
    Guid Id, string Kind, DateTimeOffset RequestedAt, Guid? RequestedBy, string? Reason, IReadOnlyDictionary<string, int> Counts,
    string? RequestedByName);

/// <summary>
/// The proof that a request was handled, without what it erased: each record is keyed by an HMAC-SHA256 of the
/// address's <see cref="Activities.ActivityRules.EmailKey"/> under <c>Privacy:RequestHashKey</c>, so the address can
/// be checked against it ("did you erase me?") but not read from it, nor found by hashing a list of addresses
/// without the key. Records are deleted by the retention job <see cref="RetentionJob.PrivacyRequestLifetime"/> after.
/// </summary>
public sealed class PrivacyRequests(DbSession session, PrivacyOptions options, TimeProvider clock)
{
    private const string Insert = """
        INSERT INTO privacy_requests (id, address_hash, kind, requested_by, reason, counts, requested_at)
        VALUES (@Id, @AddressHash, @Kind, @RequestedBy, @Reason, @Counts, @RequestedAt)
        """;

    private const string SelectByHash = """
        SELECT p.id AS Id, p.kind AS Kind, p.requested_at AS RequestedAt, p.requested_by AS RequestedBy, p.reason AS Reason,
            p.counts AS Counts, s.name AS RequestedByName
        FROM privacy_requests p LEFT JOIN staff_keys s ON s.id = p.requested_by
        WHERE p.address_hash = @AddressHash
        ORDER BY p.requested_at, p.id
        """;

    /// <summary>The key under which requests about <paramref name="emailKey"/> are recorded: 64 lower-case hex digits.</summary>
    public string Hash(string emailKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.RequestHashKey), Encoding.UTF8.GetBytes(emailKey)));

    /// <summary>Records a request in the caller's transaction, so it commits with what it did.</summary>
    public async Task RecordAsync(
        string emailKey,
        string kind,
        Guid? requestedBy,
        string? reason,
        IReadOnlyDictionary<string, int> counts,
        CancellationToken cancellationToken) =>
        await session.ExecuteAsync(Insert, new
        {
            Id = Guid.CreateVersion7(),
            AddressHash = Hash(emailKey),
            Kind = kind,
            RequestedBy = requestedBy,
            Reason = reason,
            Counts = JsonSerializer.Serialize(counts),
            RequestedAt = clock.GetUtcNow(),
        }, cancellationToken);

    /// <summary>Every record kept for the address, oldest first.</summary>
    public async Task<IReadOnlyList<PrivacyRequestRecord>> ListAsync(string emailKey, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync<Row>(SelectByHash, new { AddressHash = Hash(emailKey) }, cancellationToken);
        return rows.Select(row => new PrivacyRequestRecord(
            row.Id, row.Kind, row.RequestedAt, row.RequestedBy, row.Reason,
            JsonSerializer.Deserialize<Dictionary<string, int>>(row.Counts) ?? [], row.RequestedByName)).ToArray();
    }

    private sealed record Row
    {
        public Guid Id { get; init; }

        public required string Kind { get; init; }

        public DateTimeOffset RequestedAt { get; init; }

        public Guid? RequestedBy { get; init; }

        public string? Reason { get; init; }

        public required string Counts { get; init; }

        public string? RequestedByName { get; init; }
    }
}
