using Dapper;
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

    public static async Task<SignUpRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SignUpRow>(
            new CommandDefinition(SelectById, new { Id = id }, session.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The participant's view: a token that does not belong to the sign-up reads as "not found", whether it exists or not.</summary>
    public static async Task<SignUpRow?> FindOwnedAsync(DbSession session, Guid id, string? cancelToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cancelToken))
        {
            return null;
        }

        var connection = await session.ConnectionAsync(cancellationToken);
        var hashes = await connection.QueryAsync<string>(
            new CommandDefinition(SelectTokenHashes, new { Id = id }, session.Transaction, cancellationToken: cancellationToken));
        if (!hashes.Any(hash => Tokens.Matches(cancelToken, hash)))
        {
            return null;
        }

        return await FindAsync(session, id, cancellationToken);
    }

    /// <summary>
    /// A new cancel token for one e-mail. Only its hash is stored, so a later e-mail cannot repeat an
    /// earlier token: each gets its own, and every one of them works.
    /// </summary>
    public static async Task<string> IssueTokenAsync(DbSession session, Guid signUpId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Tokens.New();
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            InsertToken, new { TokenHash = Tokens.Hash(token), RegistrationId = signUpId, Now = now }, session.Transaction, cancellationToken: cancellationToken));
        return token;
    }

    public static async Task<int?> PositionAsync(DbSession session, SignUpRow signUp, CancellationToken cancellationToken)
    {
        if (signUp.Status != SignUpStatus.Waitlisted)
        {
            return null;
        }

        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            SelectPosition, new { signUp.ActivityId, signUp.SignUpNo }, session.Transaction, cancellationToken: cancellationToken));
    }

    public static async Task<SignUpView> ViewAsync(DbSession session, SignUpRow signUp, CancellationToken cancellationToken) =>
        new(signUp.Id, signUp.ActivityId, signUp.Name, signUp.PartySize, signUp.Status,
            await PositionAsync(session, signUp, cancellationToken));
}
