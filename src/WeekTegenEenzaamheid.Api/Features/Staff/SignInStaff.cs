using System.Security.Claims;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Uses a staff sign-in link once and starts a session (<see cref="StaffSessionCookie.Lifetime"/>) of the link's
/// member, if not revoked. An unknown, used or expired link is <see cref="Error.NotFound"/>.
/// </summary>
public static class SignInStaff
{
    public sealed record Command(string? Token) : ICommand<Result<Session>>;

    /// <summary>The signed-in principal for the cookie, its end, and the member's role (where to go next).</summary>
    public sealed record Session(ClaimsPrincipal Principal, DateTimeOffset ExpiresAt, string Role);

    // The conditional UPDATE makes "used once" hold under concurrent clicks and across servers: one of them changes the row.
    private const string Use = """
        UPDATE staff_sign_in_links SET used_at = @Now
        WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now
        """;

    private const string MemberOf = """
        SELECT k.id AS Id, k.name AS Name, k.role AS Role, k.email AS Email
        FROM staff_sign_in_links l
        JOIN staff_keys k ON k.id = l.staff_id
        WHERE l.token_hash = @TokenHash AND k.revoked_at IS NULL
        """;

    private const string DeleteEndedSessions = "DELETE FROM staff_sessions WHERE expires_at < @Cutoff";

    private const string InsertSession = """
        INSERT INTO staff_sessions (id, staff_id, created_at, expires_at) VALUES (@Id, @StaffId, @Now, @ExpiresAt)
        """;

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<Session>>
    {
        public async Task<Result<Session>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var hash = string.IsNullOrEmpty(request.Token) ? null : Tokens.Hash(request.Token);
            if (hash is null
                || await session.ExecuteAsync(Use, new { TokenHash = hash, Now = now }, cancellationToken) != 1
                || await session.QuerySingleOrDefaultAsync<StaffMember>(MemberOf, new { TokenHash = hash }, cancellationToken)
                    is not { } member)
            {
                return Error.NotFound("Sign-in link");
            }

            var id = Guid.CreateVersion7();
            var expiresAt = now + StaffSessionCookie.Lifetime;
            await session.ExecuteAsync(DeleteEndedSessions, new { Cutoff = now.AddDays(-1) }, cancellationToken);
            await session.ExecuteAsync(InsertSession, new { Id = id, StaffId = member.Id, Now = now, ExpiresAt = expiresAt },
                cancellationToken);
            return new Session(StaffSessionCookie.Principal(id, member.Id, member.Name, member.Role), expiresAt, member.Role);
        }
    }
}
