using System.Diagnostics;
using System.Text.Json;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>
/// Logs each request by its type name only (requests carry personal data), with its duration in milliseconds; a failure
/// is logged as an error unless it is the caller's (validation, not the owner, JSON that does not fit).
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Only the request's type is logged: requests carry names and e-mail addresses.
        var name = typeof(TRequest).DeclaringType?.Name ?? typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("Handled {Request} in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        // Bad input (invalid, not the owner's, JSON that does not fit) is the caller's, answered as a 4xx.
        catch (Exception exception) when (exception is not (ValidationException or NotOwnerException or JsonException))
        {
            logger.LogError(exception, "Failed {Request} after {ElapsedMs:0.0} ms", name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>
/// Runs every validator of the request; any failure throws a <see cref="ValidationException"/> (422
/// <c>validationFailed</c>) before the handler runs.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next();
    }
}

/// <summary>Runs a command in one transaction; joins the one already open (a command sent from a job's own transaction).</summary>
public sealed class TransactionBehavior<TRequest, TResponse>(DbSession session) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || session.InTransaction)
        {
            return await next();
        }

        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            if (response is IFailure)
            {
                await session.RollbackAsync();
            }
            else
            {
                await session.CommitAsync(cancellationToken);
            }

            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
