namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>Marks a handler's outcome that must not be committed.</summary>
public interface IFailure;

/// <summary>An expected failure: not found, conflict, a rule the request breaks.</summary>
public sealed record Error(int Status, string Code, string Title, string? Detail = null, IReadOnlyDictionary<string,
    string[]>? Errors = null)
{
    public static Error NotFound(string what) => new(StatusCodes.Status404NotFound, "notFound", $"{what} not found.");

    public static Error Conflict(string code, string title, string? detail = null) => new(StatusCodes.Status409Conflict, code, title,
        detail);

    /// <summary>
    /// The one answer to a row that another transaction changed between our read and our conditional write:
    /// 409 <c>concurrentChange</c>, nothing of the request kept; reading again and retrying is safe.
    /// <see cref="Platform.Data.ConcurrentChangeException"/> gives the same answer where no result can be returned.
    /// </summary>
    public static Error ConcurrentChange(string what) =>
        Conflict(ConcurrentChangeCode, "Something changed at the same moment; try again.",
            $"{what} changed while this request was handled.");

    /// <summary>The problem code of <see cref="ConcurrentChange"/>.</summary>
    public const string ConcurrentChangeCode = "concurrentChange";

    public static Error Unprocessable(string code, string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, code, "The request breaks a rule.", message, new Dictionary<string,
            string[]> { [field] = [message] });
}

/// <summary>A handler's outcome: a value, or an <see cref="Error"/>.</summary>
public abstract record Result<T>
{
    public static implicit operator Result<T>(T value) => new Success(value);

    public static implicit operator Result<T>(Error error) => new Failure(error);

    public sealed record Success(T Value) : Result<T>;

    public sealed record Failure(Error Error) : Result<T>, IFailure;

    /// <summary>
    /// The one way to read a result: <paramref name="onSuccess"/> for a value, <paramref name="onFailure"/> for an
    /// error.
    /// </summary>
    public TOut Match<TOut>(Func<T, TOut> onSuccess, Func<Error, TOut> onFailure) => this switch
    {
        Success success => onSuccess(success.Value),
        Failure failure => onFailure(failure.Error),
        _ => throw new InvalidOperationException("A result is a success or a failure."),
    };
}
