using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

public sealed class ConnectionFactory(DatabaseOptions options)
{
    // Writers wait this long for SQLite's single write lock before the request fails with 503.
    private const int SqliteBusyTimeoutMs = 10_000;

    public Dialect Dialect { get; } = new(options.Provider);

    public DatabaseOptions Options => options;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = options.Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(options.ConnectionString)
            : new SqliteConnection(SqliteConnectionString());
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
}
