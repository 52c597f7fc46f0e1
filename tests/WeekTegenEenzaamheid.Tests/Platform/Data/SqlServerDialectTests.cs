using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Platform.Data;

/// <summary>
/// No SQL Server runs on the build machines, so every SQL Server script and every SQL statement in
/// the code that SQL Server would run is at least parsed as T-SQL here.
/// </summary>
public sealed partial class SqlServerDialectTests
{
    private static readonly Assembly Api = typeof(Dialect).Assembly;

    public static TheoryData<string> SqlServerScripts()
    {
        var data = new TheoryData<string>();
        foreach (var name in Api.GetManifestResourceNames().Where(n => n.StartsWith("db.sqlserver.",
            StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> SqlStatements()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in StatementsSqlServerRuns())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void SqlServerScript_ParsesAsTSql(string resource)
    {
        using var stream = Api.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);

        Parse(reader.ReadToEnd()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(SqlStatements))]
    public void SqlStatement_ParsesAsTSql(string name)
    {
        var sql = StatementsSqlServerRuns().Single(statement => statement.Name == name).Sql;

        // Dapper expands "IN @List" into "IN (@List1, @List2, …)" before SQL Server sees it.
        Parse(ListParameter().Replace(sql, "IN (@$1)")).ShouldBeEmpty();
    }

    [Fact]
    public void SearchActivities_WithEveryFilter_ParsesAsTSql()
    {
        var query = new SearchActivities.Query(2027, "GM0363", "Flevoland", "meal", "elderly", "2027-09-30", "2027-10-01", "soep", 20,
            "cursor");

        var sql = SearchActivities.Sql(query, new Dialect(DatabaseProvider.SqlServer));

        sql.ShouldContain("municipality_code = @Municipality");
        sql.ShouldContain("a.title LIKE @Text");
        Parse(ListParameter().Replace(sql, "IN (@$1)")).ShouldBeEmpty();
    }

    [Fact]
    public void EverySqliteOnlyStatement_HasItsSqlServerTwin()
    {
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        var sqliteOnly = names.Where(n => n.EndsWith("Sqlite", StringComparison.Ordinal)).ToArray();

        sqliteOnly.ShouldNotBeEmpty();
        sqliteOnly.Where(n => !names.Contains(n[..^"Sqlite".Length] + "SqlServer")).ShouldBeEmpty();
    }

    [Fact]
    public void TheScanFindsTheStatementsOfEveryFeature()
    {
        var owners = StatementsSqlServerRuns().Select(s => s.Name.Split('.')[0]).ToHashSet();

        owners.ShouldContain(nameof(WeekTegenEenzaamheid.Api.Features.Activities.RegisterActivity));
        owners.ShouldContain(nameof(WeekTegenEenzaamheid.Api.Platform.Email.OutboxDispatchJob));
        owners.ShouldContain(nameof(WeekTegenEenzaamheid.Api.Features.Editions.SetEdition));
    }

    [Fact]
    public void Parse_RejectsSqliteOnlySyntax()
    {
        Parse("SELECT id FROM activities LIMIT 5").ShouldNotBeEmpty();
        Parse("INSERT INTO editions (year) VALUES (1) ON CONFLICT (year) DO NOTHING").ShouldNotBeEmpty();
    }

    private static IEnumerable<(string Name, string Sql)> StatementsSqlServerRuns() =>
        SqlConstants().Where(c => !c.Name.EndsWith("Sqlite", StringComparison.Ordinal));

    private static IEnumerable<(string Name, string Sql)> SqlConstants() =>
        from type in Api.GetTypes()
        from field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        where field is { IsLiteral: true, FieldType.FullName: "System.String" }
        let sql = (string)field.GetRawConstantValue()!
        where StatementStart().IsMatch(sql)
        select ($"{type.FullName![(type.Namespace!.Length + 1)..].Replace('+', '.')}.{field.Name}", sql);

    private static IList<string> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors.Select(e => $"line {e.Line}: {e.Message}").ToList();
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|EXEC)\s", RegexOptions.IgnoreCase)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();
}
