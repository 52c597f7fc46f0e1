using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

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
}
