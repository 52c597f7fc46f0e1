namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// A named exclusive lock held to the end of the caller's transaction: transactions that take the same name do what
/// follows one at a time, each after the one before it committed or rolled back. For a rule that counts and then acts
/// (first in, first out of kit stock; at least one admin; at most three sign-in links an hour), which READ COMMITTED
/// alone lets two transactions break: neither sees the other's uncommitted row.
/// </summary>
/// <remarks>
/// SQLite takes no statement: <c>BEGIN IMMEDIATE</c> already holds the file's one write lock. SQL Server takes an
/// application lock owned by the transaction (<c>sp_getapplock</c>, waiting at most 30 s), PostgreSQL an advisory lock
/// on the name's hash (<c>pg_advisory_xact_lock(hashtext(name))</c>; two names with one hash only wait for each other).
/// Commit or rollback releases both. The next holder's statements start after that, and READ COMMITTED gives each
/// statement every row committed before it began (with or without SQL Server's row versioning), so it sees what the one
/// before it wrote. <c>sp_getapplock</c> reports a refusal (timeout, deadlock victim) by its return value: going on
/// without the lock would break the rule, so a refusal throws (error 51000), which the caller's transaction rolls back.
/// </remarks>
public static class TransactionLock
{
    private const string SerialiseSqlServer = """
        DECLARE @Granted int;
        EXEC @Granted = sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;
        IF @Granted < 0 THROW 51000, 'The transaction lock was not granted.', 1;
        """;

    private const string SerialisePostgreSql = """
        SELECT pg_advisory_xact_lock(hashtext(@Name))
        """;

    /// <summary>
    /// Takes the lock <paramref name="name"/> (at most 255 characters, SQL Server's limit) until the session's transaction
    /// ends. Outside a transaction it would end at once, so that is an <see cref="InvalidOperationException"/>.
    /// </summary>
    public static async Task TakeAsync(DbSession session, string name, CancellationToken cancellationToken)
    {
        if (!session.InTransaction)
        {
            throw new InvalidOperationException($"The lock '{name}' needs a transaction to hold it.");
        }

        if (session.Dialect.IsSqlServer || session.Dialect.IsPostgreSql)
        {
            await session.ExecuteAsync(
                session.Dialect.Pick(string.Empty, SerialiseSqlServer, SerialisePostgreSql), new { Name = name }, cancellationToken);
        }
    }
}
