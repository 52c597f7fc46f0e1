using System.Text.Json.Serialization;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Revokes a staff member (<c>staff_keys.revoked_at</c>) and ends every session of theirs (<c>staff_sessions.ended_at</c>)
/// in the same transaction: their open pages, key and unused sign-in links stop working at the next request, on every
/// server. A member cannot revoke themselves (409 <c>ownAccess</c>), nor the last active admin (409 <c>lastAdmin</c>,
/// <see cref="LastAdmin"/>: two admins revoking each other at once); 404 for no such member, 409 <c>staffRevoked</c>
/// when revoked already.
/// </summary>
public static class RevokeStaffMember
{
    /// <param name="ActorId">The staff member who revokes (<c>StaffIdentity.Id</c>).</param>
    public sealed record Command(Guid Id, Guid? ActorId) : ICommand<Result<int>>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "staff.revoked";

        [JsonIgnore] public string? Subject => Id.ToString();
    }

    /// <summary>The member revoked and how many of their sessions were still open (now ended).</summary>
    public sealed record Revoked(Guid Id, int EndedSessions);

    private const string Revoke = "UPDATE staff_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

    private const string EndSessions = "UPDATE staff_sessions SET ended_at = @Now WHERE staff_id = @Id AND ended_at IS NULL";

    private const string Exists = "SELECT COUNT(1) FROM staff_keys WHERE id = @Id";

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<int>>
    {
        /// <returns>How many open sessions were ended.</returns>
        public async Task<Result<int>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Id == request.ActorId)
            {
                return Error.Conflict("ownAccess", "You cannot revoke yourself; ask another admin.");
            }

            if (await LastAdmin.WouldRemoveTheLastAsync(session, request.Id, cancellationToken))
            {
                return LastAdmin.Refused;
            }

            var now = clock.GetUtcNow();
            if (await session.ExecuteAsync(Revoke, new { request.Id, Now = now }, cancellationToken) == 0)
            {
                return await session.ExecuteScalarAsync<int>(Exists, new { request.Id }, cancellationToken) == 0
                    ? Error.NotFound("Staff member")
                    : Error.Conflict("staffRevoked", "This staff member was revoked already.");
            }

            return await session.ExecuteAsync(EndSessions, new { request.Id, Now = now }, cancellationToken);
        }
    }

    public static async Task<Results<Ok<Revoked>, ProblemHttpResult>> Endpoint(
        Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, StaffIdentity.Id(user)), ct)).ToHttp(ended => TypedResults.Ok(new Revoked(id, ended)));
}
