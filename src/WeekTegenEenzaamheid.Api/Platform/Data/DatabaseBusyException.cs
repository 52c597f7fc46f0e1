namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// This process waited its whole busy timeout (<see cref="ConnectionFactory.SqliteBusyTimeout"/>) for its turn to
/// write and did not get it. <see cref="DbSession.IsBusy"/> counts it with the databases' own busy errors, so the
/// client is told 503 with <c>Retry-After</c>, and the outbox and jobs wait and try again.
/// </summary>
public sealed class DatabaseBusyException(string message) : Exception(message);
