using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>A request made with a secret token for one resource (an activity's manage token).</summary>
public interface IOwnerRequest
{
    Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken);
}

/// <summary>Thrown by <see cref="OwnerCheckBehavior{TRequest, TResponse}"/>: answered 404, whether the resource exists or not.</summary>
public sealed class NotOwnerException() : Exception("The token does not belong to this resource.");

/// <summary>
/// Checks the token before validation: a token that does not belong to the resource is 404 even when
/// the body is invalid too, so a stranger learns nothing from the validation errors.
/// </summary>
public sealed class OwnerCheckBehavior<TRequest, TResponse>(DbSession session, TimeProvider clock) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IOwnerRequest owned && !await owned.IsOwnerAsync(session, clock, cancellationToken))
        {
            throw new NotOwnerException();
        }

        return await next();
    }
}
