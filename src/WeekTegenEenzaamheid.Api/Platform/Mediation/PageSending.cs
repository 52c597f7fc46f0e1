using MediatR;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>Sending an owner request from an HTML page, which answers a foreign token with a page of its own.</summary>
public static class PageSending
{
    /// <summary>
    /// Sends <paramref name="request"/>; a token the owner check refuses (<see cref="NotOwnerException"/>, a problem+json
    /// 404 for the API) comes back as <see cref="Error.NotFound"/> of <paramref name="what"/>, so the page can say the
    /// link is not valid. Every other outcome and exception is the request's own.
    /// </summary>
    public static async Task<Result<T>> SendFromPageAsync<T>(
        this IMediator mediator, IRequest<Result<T>> request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(request, cancellationToken);
        }
        catch (NotOwnerException)
        {
            return Error.NotFound(what);
        }
    }
}
