using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>"Mijn activiteiten": every activity whose verified contact address is the signed-in session's, newest Week first.</summary>
public static class ListMyActivities
{
    public sealed record Query(string? SessionToken) : IQuery<Result<IReadOnlyList<MyActivity>>>;

    public sealed record MyActivity
    {
        public Guid Id { get; init; }

        public int Year { get; init; }

        public required string Title { get; init; }

        public required string Status { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }
    }

    private const string Select = """
        SELECT a.id AS Id, a.year AS Year, a.title AS Title, a.status AS Status, a.starts_at AS StartsAt, a.ends_at AS EndsAt
        FROM activities a
        JOIN owner_sessions s ON s.email_key = LOWER(a.contact_email)
        WHERE s.token_hash = @TokenHash AND s.expires_at > @Now AND a.status <> 'pendingVerification'
        ORDER BY a.starts_at DESC, a.id
        """;

    private const string SessionExists = "SELECT COUNT(1) FROM owner_sessions s WHERE s.token_hash = @TokenHash AND s.expires_at > @Now";

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Query, Result<IReadOnlyList<MyActivity>>>
    {
        public async Task<Result<IReadOnlyList<MyActivity>>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (request.SessionToken is not { } token || !token.StartsWith(SignInWithLink.SessionPrefix, StringComparison.Ordinal))
            {
                return Error.NotFound("Session");
            }

            var parameters = new { TokenHash = Tokens.Hash(token[SignInWithLink.SessionPrefix.Length..]), Now = clock.GetUtcNow() };
            if (await session.ExecuteScalarAsync<int>(SessionExists, parameters, cancellationToken) == 0)
            {
                return Error.NotFound("Session");
            }

            var rows = await session.QueryAsync<MyActivity>(Select, parameters, cancellationToken);
            return rows.Select(row => row with { StartsAt = AmsterdamTime.ToLocal(row.StartsAt),
                EndsAt = AmsterdamTime.ToLocal(row.EndsAt) }).ToArray();
        }
    }
}
