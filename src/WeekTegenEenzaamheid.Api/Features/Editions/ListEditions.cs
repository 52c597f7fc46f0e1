using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public static class ListEditions
{
    public sealed record Query : IQuery<IReadOnlyList<EditionResponse>>;

    private const string SelectAll = $"""
        SELECT {EditionStore.Columns} FROM editions ORDER BY year
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, IReadOnlyList<EditionResponse>>
    {
        public async Task<IReadOnlyList<EditionResponse>> Handle(Query request, CancellationToken cancellationToken)
        {
            var editions = await session.QueryAsync<Edition>(SelectAll, null, cancellationToken);
            return editions.Select(EditionResponse.From).ToArray();
        }
    }

    public static async Task<Ok<IReadOnlyList<EditionResponse>>> Endpoint(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Query(), ct));
}
