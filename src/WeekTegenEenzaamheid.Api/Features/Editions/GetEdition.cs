using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public static class GetEdition
{
    public sealed record Query(int Year) : IQuery<Result<EditionResponse>>;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<EditionResponse>>
    {
        public async Task<Result<EditionResponse>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (request.Year is < SetEdition.FirstYear or > SetEdition.LastYear)
            {
                return Error.NotFound("Edition");
            }

            return EditionResponse.From(await EditionStore.GetAsync(session, request.Year, cancellationToken));
        }
    }

    public static async Task<Results<Ok<EditionResponse>, ProblemHttpResult>> Endpoint(int year, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Query(year), ct)).ToHttp(TypedResults.Ok);
}
