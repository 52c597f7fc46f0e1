using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// The scoped unit of work: one connection per request or job, and at most one transaction on it.
/// Work that must only happen once the transaction has committed (enqueueing a Hangfire job, which
/// cannot join a Dapper transaction) is queued with <see cref="AfterCommit"/>.
/// </summary>
public sealed class DbSession(ConnectionFactory factory, IEnumerable<ICommitObserver> observers, ILogger<DbSession> logger)
    : IAsyncDisposable
{
    private readonly List<Action> afterCommit = [];
    private DbConnection? connection;
    private IDisposable? writeTurn;

    public DbTransaction? Transaction { get; private set; }

    public Dialect Dialect => factory.Dialect;

    public async Task<DbConnection> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        connection ??= await factory.OpenAsync(cancellationToken);
        return connection;
    }

    public bool InTransaction => Transaction is not null;

    /// <summary>
    /// Runs <paramref name="sql"/> on the session's connection, inside its transaction when one is open; every row
    /// mapped to <typeparamref name="T"/>.
    /// </summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param, CancellationToken cancellationToken) =>
        (await (await ConnectionAsync(cancellationToken)).QueryAsync<T>(Command(sql, param, cancellationToken))).AsList();

    /// <summary>
    /// The one row the query returns, or <c>default</c> when none; more than one row is an <see
    /// cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param, CancellationToken cancellationToken) =>
        await (await ConnectionAsync(cancellationToken)).QuerySingleOrDefaultAsync<T>(Command(sql, param, cancellationToken));

    /// <summary>The first row the query returns, or <c>default</c> when none.</summary>
    public async Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? param, CancellationToken cancellationToken) =>
        await (await ConnectionAsync(cancellationToken)).QueryFirstOrDefaultAsync<T>(Command(sql, param, cancellationToken));

    /// <summary>Runs a statement; the number of rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, object? param, CancellationToken cancellationToken) =>
        await (await ConnectionAsync(cancellationToken)).ExecuteAsync(Command(sql, param, cancellationToken));

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/>; <c>default</c> when there is no row.</summary>
    public async Task<T?> ExecuteScalarAsync<T>(string sql, object? param, CancellationToken cancellationToken) =>
        await (await ConnectionAsync(cancellationToken)).ExecuteScalarAsync<T>(Command(sql, param, cancellationToken));

    private CommandDefinition Command(string sql, object? param, CancellationToken cancellationToken) =>
        new(sql, param, Transaction, cancellationToken: cancellationToken);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        var open = await ConnectionAsync(cancellationToken);
        if (open is not SqliteConnection sqlite)
        {
            Transaction = await open.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return;
        }

        // SQLite: writers queue on the gate, then BEGIN IMMEDIATE takes the write lock up front instead of
        // failing later when a read lock would have to be upgraded. Another process holding the file
        // still meets the busy timeout.
        writeTurn = await factory.WriteTurnAsync(cancellationToken);
        try
        {
            Transaction = sqlite.BeginTransaction(deferred: false);
        }
        catch
        {
            ReleaseWriteGate();
            throw;
        }
    }

    private void ReleaseWriteGate()
    {
        writeTurn?.Dispose();
        writeTurn = null;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            return;
        }

        try
        {
            await Transaction.CommitAsync(cancellationToken);
            await Transaction.DisposeAsync();
            Transaction = null;
        }
        finally
        {
            ReleaseWriteGate();
        }

        var actions = observers.Select(observer => (Action)observer.Committed).Concat(afterCommit).ToArray();
        afterCommit.Clear();
        foreach (var action in actions)
        {
            // The change is committed: a failure here (say, the job storage is unreachable) must not
            // turn it into an error the client would retry. The recurring jobs pick up what it missed.
            try
            {
                action();
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "An after-commit action failed; the recurring jobs will catch up");
            }
        }
    }

    public async Task RollbackAsync()
    {
        afterCommit.Clear();
        if (Transaction is null)
        {
            return;
        }

        try
        {
            await Transaction.RollbackAsync();
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseWriteGate();
        }
    }

    /// <summary>
    /// Runs one step per item, each behind a savepoint, and commits every <paramref name="perTransaction"/>
    /// steps: a step that fails (its result says not to keep it) is rolled back alone and never blocks the
    /// others, and a long run pays one commit per group instead of one per item. Commands sent inside a
    /// step join the open transaction.
    /// </summary>
    public async Task<List<TResult>> StepwiseAsync<TItem, TResult>(
        IEnumerable<TItem> items, int perTransaction, Func<TItem, Task<(TResult Result, bool Keep)>> step,
            CancellationToken cancellationToken)
    {
        const string savepoint = "step";
        var results = new List<TResult>();
        try
        {
            foreach (var item in items)
            {
                if (Transaction is null)
                {
                    await BeginAsync(cancellationToken);
                }

                await Transaction!.SaveAsync(savepoint, cancellationToken);
                var (result, keep) = await step(item);
                if (keep)
                {
                    await Transaction.ReleaseAsync(savepoint, cancellationToken);
                }
                else
                {
                    await Transaction.RollbackAsync(savepoint, cancellationToken);
                }

                results.Add(result);
                if (results.Count % perTransaction == 0)
                {
                    await CommitAsync(cancellationToken);
                }
            }

            await CommitAsync(cancellationToken);
            return results;
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    /// <summary>Runs the action after the current transaction commits, or now when there is none.</summary>
    public void AfterCommit(Action action)
    {
        if (Transaction is null)
        {
            action();
            return;
        }

        if (!afterCommit.Contains(action))
        {
            afterCommit.Add(action);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await RollbackAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The database stayed locked past the wait: our own write turn timed out; SQLite busy or locked;
    /// SQL Server deadlock victim, lock timeout or command timeout; PostgreSQL serialization failure (40001),
    /// deadlock (40P01), lock not available (55P03) or a statement cancelled by its timeout (57014).
    /// </summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        DatabaseBusyException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        SqlException sql => sql.Number is 1205 or 1222 or -2,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled,
        NpgsqlException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>A unique index or primary key refused the row: SQLite 2067/1555, SQL Server 2627/2601, PostgreSQL 23505.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sql => sql.Number is 2627 or 2601,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
