using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>
/// The joined municipalities of one edition (admin). Every year the service can hold has a list, empty until the
/// programme office saves one; a year outside <see cref="SetEdition.FirstYear"/>..<see cref="SetEdition.LastYear"/> is 404.
/// </summary>
public static class GetJoinedMunicipalities
{
    public sealed record Query(int Year) : IQuery<Result<JoinedMunicipalityList>>;

    internal sealed class Handler(DbSession session, MunicipalityDirectory directory)
        : IRequestHandler<Query, Result<JoinedMunicipalityList>>
    {
        public async Task<Result<JoinedMunicipalityList>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (request.Year is < SetEdition.FirstYear or > SetEdition.LastYear)
            {
                return Error.NotFound("Edition");
            }

            var rows = await session.QueryAsync<JoinedMunicipalityRows.Row>(
                JoinedMunicipalityRows.SelectByYear, new { request.Year }, cancellationToken);
            return JoinedMunicipalityRows.ToList(request.Year, rows, directory);
        }
    }

    public static async Task<Results<Ok<JoinedMunicipalityList>, ProblemHttpResult>> Endpoint(
        int year, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(year), ct)).ToHttp(TypedResults.Ok);
}
