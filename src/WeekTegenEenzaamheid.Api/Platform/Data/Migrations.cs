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
        var prefix = options.Provider == DatabaseProvider.SqlServer ? "db.sqlserver." : "db.sqlite.";
        UpgradeEngineBuilder builder;
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(options.ConnectionString);
            builder = DeployChanges.To.SqlDatabase(options.ConnectionString);
        }
        else
        {
            factory.PrepareSqliteFile();
            builder = DeployChanges.To.SqliteDatabase(options.ConnectionString);
        }

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
