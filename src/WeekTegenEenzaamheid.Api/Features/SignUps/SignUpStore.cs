using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>The reads and token writes every sign-up slice shares.</summary>
public static class SignUpStore
{
    public const string Columns = """
        r.id AS Id, r.activity_id AS ActivityId, r.sign_up_no AS SignUpNo, r.status AS Status, r.name AS Name,
        r.email AS Email, r.party_size AS PartySize, r.created_at AS CreatedAt, r.confirmed_at AS ConfirmedAt,
        r.reminded_at AS RemindedAt
        """;

    private const string SelectById = $"""
        SELECT {Columns} FROM registrations r WHERE r.id = @Id
        """;

    private const string SelectTokenHashes = """
        SELECT token_hash FROM registration_tokens WHERE registration_id = @Id
        """;

    private const string InsertToken = """
        INSERT INTO registration_tokens (token_hash, registration_id, created_at) VALUES (@TokenHash, @RegistrationId, @Now)
        """;

    // The waitlist is ordered by arrival: a party's position is the number of waitlisted parties that came before it, plus one.
    private const string SelectPosition = """
        SELECT COUNT(1) FROM registrations w
        WHERE w.activity_id = @ActivityId AND w.status = 'waitlisted' AND w.sign_up_no <= @SignUpNo
        """;

    /// <summary>The sign-up as stored, or null when there is none with this id.</summary>
    public static Task<SignUpRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<SignUpRow>(SelectById, new { Id = id }, cancellationToken);

    /// <summary>
    /// Whether <paramref name="cancelToken"/> is one of the sign-up's cancel tokens (any e-mail's link works);
    /// false for a missing token or a sign-up that does not exist, so a stranger cannot tell the two apart.
    /// </summary>
    public static async Task<bool> IsOwnerAsync(DbSession session, Guid id, string? cancelToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cancelToken))
        {
            return false;
        }

        var hashes = await session.QueryAsync<string>(SelectTokenHashes, new { Id = id }, cancellationToken);
        return hashes.Any(hash => Tokens.Matches(cancelToken, hash));
    }

    /// <summary>
    /// A new cancel token for one e-mail. Only its hash is stored, so a later e-mail cannot repeat an
    /// earlier token: each gets its own, and every one of them works.
    /// </summary>
    public static async Task<string> IssueTokenAsync(
        DbSession session, Guid signUpId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Tokens.New();
        await session.ExecuteAsync(
            InsertToken, new { TokenHash = Tokens.Hash(token), RegistrationId = signUpId, Now = now }, cancellationToken);
        return token;
    }

    /// <summary>The 1-based place of a waitlisted party in its activity's waitlist; null for any other status.</summary>
    public static async Task<int?> PositionAsync(DbSession session, SignUpRow signUp, CancellationToken cancellationToken) =>
        signUp.Status != SignUpStatus.Waitlisted
            ? null
            : await session.ExecuteScalarAsync<int>(SelectPosition, new { signUp.ActivityId, signUp.SignUpNo }, cancellationToken);

    /// <summary>The participant's view of a sign-up, with its waitlist position.</summary>
    public static async Task<SignUpView> ViewAsync(DbSession session, SignUpRow signUp, CancellationToken cancellationToken) =>
        new(signUp.Id, signUp.ActivityId, signUp.Name, signUp.PartySize, signUp.Status,
            await PositionAsync(session, signUp, cancellationToken));
}
