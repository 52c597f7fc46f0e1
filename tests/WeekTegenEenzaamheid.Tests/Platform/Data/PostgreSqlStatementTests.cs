using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform.Data;

/// <summary>
/// Every statement PostgreSQL runs, prepared on a database that db/postgresql migrated: PostgreSQL
/// parses it and resolves every table, column, type and operator, so a wrong name fails here. There is
/// no PostgreSQL parser package; this needs the server in WTE_TEST_POSTGRESQL (the PostgreSQL run of
/// scripts/test.sh). Without it only the list of statements is checked.
/// </summary>
public sealed partial class PostgreSqlStatementTests(PostgreSqlStatementTests.SchemaFixture schema)
    : IClassFixture<PostgreSqlStatementTests.SchemaFixture>
{
    public static TheoryData<string> Statements()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in StatementsPostgreSqlRuns())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_PreparesOnTheMigratedSchema(string name)
    {
        var sql = StatementsPostgreSqlRuns().Single(s => s.Name == name).Sql;
        sql.ShouldNotBeNullOrWhiteSpace();
        if (schema.ConnectionString is null)
        {
            return;
        }

        var error = await PrepareAsync(sql);
        if (UntypedParameters.Contains(name))
        {
            // Npgsql sends every parameter typed; PREPARE alone cannot deduce a type for "@X IS NULL" or for a
            // parameter used both as text and as varchar, and stops there: these four are checked only that far.
            error?.ShouldStartWith("42P08");
            return;
        }

        error.ShouldBeNull();
    }

    private static readonly HashSet<string> UntypedParameters =
        ["ReceiveCarrierEvent.InsertEvent", "Outbox.Insert", "ListKitOrders.SelectPostgreSql", "ListEmails.SelectPostgreSql"];

    [Fact]
    public async Task Prepare_RejectsAWrongColumn()
    {
        if (schema.ConnectionString is null)
        {
            return;
        }

        (await PrepareAsync("SELECT a.no_such_column FROM activities a WHERE a.id = @Id")).ShouldNotBeNull();
    }

    private static IEnumerable<(string Name, string Sql)> StatementsPostgreSqlRuns()
    {
        var constants = SqlServerDialectTests.SqlConstants().ToArray();
        var names = constants.Select(c => c.Name).ToHashSet();
        var query = new SearchActivities.Query(
            2027, "GM0363", "Flevoland", "meal", "elderly", "2027-09-30", "2027-10-01", "soep", 20, "cursor");
        return constants
            .Where(c => !c.Name.EndsWith("Sqlite", StringComparison.Ordinal) && !c.Name.EndsWith("SqlServer", StringComparison.Ordinal))
            .Where(c => c.Name.EndsWith("PostgreSql", StringComparison.Ordinal) || !names.Contains(c.Name + "PostgreSql"))
            .Append(("SearchActivities.Sql(every filter)", SearchActivities.Sql(query, new Dialect(DatabaseProvider.PostgreSql))))
            .Append(("ListOfficeActivities.Sql(every filter)", ListOfficeActivities.Sql(
                new ListOfficeActivities.Query(2027, "rejected", "GM0363", "Flevoland", "meal", "soep", 20, "cursor"),
                new Dialect(DatabaseProvider.PostgreSql))));
    }

    /// <summary>The server's error, or null when PostgreSQL prepared the statement (parameters numbered as Npgsql does).</summary>
    private async Task<string?> PrepareAsync(string sql)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var positional = Parameter().Replace(sql, m => "$" + (numbers.TryGetValue(m.Groups[1].Value, out var n)
            ? n
            : numbers[m.Groups[1].Value] = numbers.Count + 1));
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PREPARE statement AS {positional}";
        try
        {
            await command.ExecuteNonQueryAsync();
            command.CommandText = "DEALLOCATE statement";
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException exception)
        {
            return $"{exception.SqlState}: {exception.MessageText}";
        }
    }

    [GeneratedRegex(@"(?<![\w@:])@(\w+)")]
    private static partial Regex Parameter();

    /// <summary>A database of its own, migrated once for the class, dropped at the end.</summary>
    public sealed class SchemaFixture : IAsyncLifetime
    {
        public string? ConnectionString { get; } = WteApp.PostgreSql is { Length: > 0 } server
            ? new NpgsqlConnectionStringBuilder(server) { Database = "wte_test_sql_" + Guid.NewGuid().ToString("N") }.ConnectionString
            : null;

        public Task InitializeAsync()
        {
            if (ConnectionString is not null)
            {
                var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = ConnectionString };
                Migrations.Run(new ConnectionFactory(options), NullLogger.Instance);
            }

            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            if (ConnectionString is not null)
            {
                await WteApp.DropPostgreSqlDatabaseAsync(ConnectionString);
            }
        }
    }
}
