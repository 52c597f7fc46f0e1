using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// Uses a sign-in link once: marks it used and starts an owner session (<see cref="SessionLifetime"/>) for its address.
/// The session's token is what <see cref="ActivityStore.IsOwnerAsync"/> accepts, prefixed with <see cref="SessionPrefix"/>,
/// for every activity whose contact address is the session's.
/// </summary>
public static class SignInWithLink
{
    public const string SessionPrefix = "sessie.";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public sealed record Command(string? Token) : ICommand<Result<Session>>;

    /// <summary>The session's token (for the cookie, with its prefix) and when it ends.</summary>
    public sealed record Session(string Token, DateTimeOffset ExpiresAt);

    // The conditional UPDATE makes "used once" hold under concurrent clicks: only one of them changes the row.
    private const string Use = """
        UPDATE sign_in_links SET used_at = @Now
        WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now
        """;

    private const string EmailOf = "SELECT l.email_key AS EmailKey FROM sign_in_links l WHERE l.token_hash = @TokenHash";

    private const string DeleteExpiredSessions = "DELETE FROM owner_sessions WHERE expires_at < @Now";

    private const string InsertSession = """
        INSERT INTO owner_sessions (token_hash, email_key, created_at, expires_at) VALUES (@TokenHash, @EmailKey, @Now, @ExpiresAt)
        """;

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<Session>>
    {
        public async Task<Result<Session>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(request.Token))
            {
                return Error.NotFound("Sign-in link");
            }

            var now = clock.GetUtcNow();
            var linkHash = Tokens.Hash(request.Token);
            if (await session.ExecuteAsync(Use, new { TokenHash = linkHash, Now = now }, cancellationToken) != 1)
            {
                return Error.NotFound("Sign-in link");
            }

            var emailKey = await session.ExecuteScalarAsync<string>(EmailOf, new { TokenHash = linkHash }, cancellationToken);
            var token = Tokens.New();
            var expiresAt = now + SessionLifetime;
            await session.ExecuteAsync(DeleteExpiredSessions, new { Now = now }, cancellationToken);
            await session.ExecuteAsync(InsertSession, new { TokenHash = Tokens.Hash(token), EmailKey = emailKey, Now = now,
                ExpiresAt = expiresAt }, cancellationToken);
            return new Session(SessionPrefix + token, expiresAt);
        }
    }
}
