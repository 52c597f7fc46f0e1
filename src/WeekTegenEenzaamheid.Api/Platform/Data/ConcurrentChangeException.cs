namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// A conditional update found its row changed by another transaction, deep inside work that cannot
/// answer with a result (a notification handler, a step of a webhook). Thrown to roll the whole
/// transaction back; the client is told 409 and may simply try again.
/// </summary>
public sealed class ConcurrentChangeException(string message) : Exception(message);
