using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>One staff member (revoked ones too) as the staff list shows them; 404 for no such member.</summary>
public static class GetStaffMember
{
    public sealed record Query(Guid Id) : IQuery<Result<ListStaffMembers.Member>>;

    private const string SelectOne = """
        SELECT s.id AS Id, s.name AS Name, s.email AS Email, s.role AS Role, s.created_at AS CreatedAt, s.revoked_at AS RevokedAt
        FROM staff_keys s
        WHERE s.id = @Id
        """;

    public static async Task<Results<Ok<ListStaffMembers.Member>, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<ListStaffMembers.Member>>
    {
        public async Task<Result<ListStaffMembers.Member>> Handle(Query request, CancellationToken cancellationToken) =>
            await session.QuerySingleOrDefaultAsync<ListStaffMembers.Member>(SelectOne, new { request.Id }, cancellationToken)
                is { } member
                ? member
                : Error.NotFound("Staff member");
    }
}
