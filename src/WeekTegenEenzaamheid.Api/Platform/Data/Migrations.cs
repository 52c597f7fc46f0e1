using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// Runs the embedded numbered scripts of the configured provider (<c>db/sqlite</c> or <c>db/sqlserver</c>) that have not run yet,
/// in order, with DbUp; a failing script stops the start with its error. Scripts are forward-only.
/// </summary>
public static class Migrations
{
    public static void Run(ConnectionFactory factory, ILogger logger)
    {
        var options = factory.Options;
        var prefix = options.Provider switch
        {
            DatabaseProvider.SqlServer => "db.sqlserver.",
            DatabaseProvider.PostgreSql => "db.postgresql.",
            _ => "db.sqlite.",
        };
        UpgradeEngineBuilder builder;
        EnsureDatabaseExists(options);
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            builder = DeployChanges.To.SqlDatabase(options.ConnectionString);
        }
        else if (options.Provider == DatabaseProvider.PostgreSql)
        {
            // Several app servers may start at once: each takes this advisory lock (released when its
            // connection closes) so one applies the scripts and the others find them in schemaversions.
            // Unpooled: a pooled connection's close keeps the session, and the lock with it, until the connection
            // is next used (the tests' staff command waited 30 s once the service's own pool was another).
            using var gate = new Npgsql.NpgsqlConnection(
                new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
            gate.Open();
            using (var lockCommand = gate.CreateCommand())
            {
                lockCommand.CommandText = "SELECT pg_advisory_lock(hashtext('wte-migrations'))";
                lockCommand.ExecuteNonQuery();
            }

            Upgrade(DeployChanges.To.PostgresqlDatabase(options.ConnectionString), prefix, logger);
            return;
        }
        else
        {
            factory.PrepareSqliteFile();
            builder = DeployChanges.To.SqliteDatabase(options.ConnectionString);
        }

        Upgrade(builder, prefix, logger);
    }

    /// <summary>
    /// Creates the SQL Server or PostgreSQL database when it is missing (SQLite creates its file itself).
    /// Hangfire's storage calls it too: it may be made before the migrations run, and would otherwise
    /// retry against a database that is not there yet.
    /// </summary>
    public static void EnsureDatabaseExists(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
        }
        else if (options.Provider == DatabaseProvider.PostgreSql)
        {
            EnsureDatabase.For.PostgresqlDatabase(options.ConnectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        }
    }

    private static void Upgrade(UpgradeEngineBuilder builder, string prefix, ILogger logger)
    {
        var result = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Database migration failed in {result.ErrorScript?.Name}.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            logger.LogInformation("Applied migration {Script}", script.Name);
        }
    }
}
