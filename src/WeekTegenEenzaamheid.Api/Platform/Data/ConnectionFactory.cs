using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// Opens connections to the configured database (SQLite with a busy timeout, or SQL Server) and hands out SQLite's
/// write turns. Creating one registers Dapper's type handlers for its provider: one provider per process.
/// </summary>
public sealed class ConnectionFactory
{
    private readonly DatabaseOptions options;

    // Writers wait this long for SQLite's single write lock before the request fails with 503.
    private const int SqliteBusyTimeoutMs = 10_000;

    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromMilliseconds(SqliteBusyTimeoutMs);

    /// <summary>
    /// SQLite has one write lock per file. Writers of this process take turns here, so a waiting
    /// writer is handed the lock the moment it is free; left to SQLite's busy handler, waiting writers
    /// sleep in growing steps (up to 100 ms) and a burst of sign-ups crawls.
    /// </summary>
    private readonly SemaphoreSlim sqliteWriteGate = new(1, 1);

    /// <summary>Registers the type handlers of <paramref name="options"/>' provider; another provider in the same process throws.</summary>
    public ConnectionFactory(DatabaseOptions options)
    {
        TypeHandlers.Register(options.Provider);
        this.options = options;
        Dialect = new Dialect(options.Provider);
        postgreSqlConnectionString = options.Provider == DatabaseProvider.PostgreSql
            ? PostgreSqlConnectionString(options.ConnectionString)
            : options.ConnectionString;
    }

    private readonly string postgreSqlConnectionString;

    /// <summary>
    /// The configured PostgreSQL connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c> 100
    /// statements per connection, unless the string names <c>Max Auto Prepare</c> itself; 0 turns it off, as behind a
    /// pooler in transaction mode): every statement of the service is a constant text, so after a few uses on a pooled
    /// connection (Npgsql's <c>Auto Prepare Min Usages</c>, 5) PostgreSQL skips parsing and planning it
    /// (scripts/bench/RESULTS.md, the PostgreSQL sign-up figure). Npgsql keeps prepared statements across the reset
    /// of a pooled connection.
    /// </summary>
    public static string PostgreSqlConnectionString(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var named = new DbConnectionStringBuilder { ConnectionString = configured };
        if (!named.ContainsKey("Max Auto Prepare") && !named.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 100;
        }

        return builder.ConnectionString;
    }

    public Dialect Dialect { get; }

    public DatabaseOptions Options => options;

    /// <summary>Waits for this process's turn to write (SQLite); on SQL Server and PostgreSQL a turn is free.</summary>
    public async Task<IDisposable> WriteTurnAsync(CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return NoTurn.Instance;
        }

        if (!await sqliteWriteGate.WaitAsync(SqliteBusyTimeout, cancellationToken))
        {
            throw new DatabaseBusyException("Timed out waiting for the write lock.");
        }

        return new Turn(sqliteWriteGate);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = options.Provider switch
        {
            DatabaseProvider.SqlServer => new SqlConnection(options.ConnectionString),
            DatabaseProvider.PostgreSql => new NpgsqlConnection(postgreSqlConnectionString),
            _ => new SqliteConnection(SqliteConnectionString()),
        };
        await connection.OpenAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {SqliteBusyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    /// <summary>Creates the database file's folder and switches the file to WAL (a persistent setting).</summary>
    public void PrepareSqliteFile()
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(SqliteConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    private string SqliteConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = SqliteBusyTimeoutMs / 1000,
        };
        return builder.ToString();
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose()
        {
        }
    }
}
