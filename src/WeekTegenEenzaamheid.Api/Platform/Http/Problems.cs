using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Every error answer is RFC 9457 problem+json with a machine-readable <c>code</c> extension (and <c>errors</c> per field
/// for a 422): from an <see cref="Error"/> here, from exceptions in <see cref="ProblemExceptionHandler"/>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult From(Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Errors is not null)
        {
            extensions["errors"] = error.Errors;
        }

        return TypedResults.Problem(error.Detail, statusCode: error.Status, title: error.Title, extensions: extensions);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null, IDictionary<string,
        string[]>? errors = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, "application/problem+json");
    }

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "malformedRequest",
        StatusCodes.Status404NotFound => "notFound",
        StatusCodes.Status405MethodNotAllowed => "methodNotAllowed",
        StatusCodes.Status413PayloadTooLarge => "payloadTooLarge",
        StatusCodes.Status415UnsupportedMediaType => "unsupportedMediaType",
        >= 500 => "internalError",
        _ => "requestFailed",
    };

    /// <summary>FluentValidation names paths after C# properties ("Location.Postcode"); the contract uses camelCase.</summary>
    public static string FieldPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    public static Results<TSuccess, ProblemHttpResult> ToHttp<T, TSuccess>(this Result<T> result, Func<T, TSuccess> onSuccess)
        where TSuccess : IResult => result.Match<Results<TSuccess, ProblemHttpResult>>(value => onSuccess(value), error => From(error));
}

/// <summary>Maps exceptions that bad input or an overloaded database cause to problem responses.</summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ValidationException validation:
                var errors = validation.Errors
                    .GroupBy(failure => Problems.FieldPath(failure.PropertyName))
                    .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
                await Problems.WriteAsync(context, StatusCodes.Status422UnprocessableEntity, "validationFailed",
                    "The request is not valid.", errors: errors);
                return true;
            case BadHttpRequestException badRequest:
                // JsonException's own message names .NET types; the path is what a client can act on.
                var detail = badRequest.InnerException is JsonException inner
                    ? $"The JSON is malformed, has a value of the wrong type or a property that is not known, at {inner.Path ?? "$"}."
                    : badRequest.Message;
                await Problems.WriteAsync(context, badRequest.StatusCode, badRequest.StatusCode == 413 ? "payloadTooLarge"
                    : "malformedRequest", "The request could not be read.", detail);
                return true;
            case JsonException json:
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "malformedRequest", "The request could not be read.",
                    $"The JSON does not fit, at {json.Path ?? "$"}.");
                return true;
            case NotOwnerException:
                await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "notFound", "Not found.");
                return true;
            case ConcurrentChangeException:
                context.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(context, StatusCodes.Status409Conflict, Error.ConcurrentChangeCode,
                    "Something changed at the same moment; try again.");
                return true;
            case var busy when DbSession.IsBusy(busy):
                logger.LogWarning("The database stayed locked past the busy timeout");
                context.Response.Headers.RetryAfter = "5";
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "databaseBusy",
                    "The service is busy; try again shortly.");
                return true;
            default:
                // Since .NET 8 the exception middleware leaves logging to a handler that handled it.
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "internalError",
                    "Something went wrong on our side.");
                return true;
        }
    }
}
