using MediatR;
using WeekTegenEenzaamheid.Api.Features.Privacy;
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

    private const string SessionEmail = """
        SELECT s.email_key FROM owner_sessions s WHERE s.token_hash = @TokenHash AND s.expires_at > @Now
        """;

    internal sealed class Handler(DbSession session, PersonRecords records, TimeProvider clock)
        : IRequestHandler<Query, Result<IReadOnlyList<MyActivity>>>
    {
        public async Task<Result<IReadOnlyList<MyActivity>>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (request.SessionToken is not { } token || !token.StartsWith(SignInWithLink.SessionPrefix, StringComparison.Ordinal))
            {
                return Error.NotFound("Session");
            }

            var parameters = new { TokenHash = Tokens.Hash(token[SignInWithLink.SessionPrefix.Length..]), Now = clock.GetUtcNow() };
            if (await session.QuerySingleOrDefaultAsync<string>(SessionEmail, parameters, cancellationToken) is not { } emailKey)
            {
                return Error.NotFound("Session");
            }

            // The contact address is compared as ActivityRules.EmailKey does, so a Unicode and an IDNA domain are one owner.
            var rows = await records.ActivitiesAsync(emailKey, cancellationToken);
            return rows.Where(row => row.Status != ActivityStatus.PendingVerification)
                .OrderByDescending(row => row.StartsAt).ThenBy(row => row.Id)
                .Select(row => new MyActivity
                {
                    Id = row.Id,
                    Year = row.Year,
                    Title = row.Title,
                    Status = row.Status,
                    StartsAt = AmsterdamTime.ToLocal(row.StartsAt),
                    EndsAt = AmsterdamTime.ToLocal(row.EndsAt),
                }).ToArray();
        }
    }
}
