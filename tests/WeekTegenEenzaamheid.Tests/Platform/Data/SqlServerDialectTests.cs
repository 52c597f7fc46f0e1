using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Platform.Data;

/// <summary>
/// No SQL Server runs on the build machines, so every SQL Server script and every SQL statement in
/// the code that SQL Server would run is at least parsed as T-SQL here. The provider-specific texts
/// come in triples (…Sqlite, …SqlServer, …PostgreSql): every one has its twins, and the PostgreSQL
/// text takes the lock SQL Server's takes, in PostgreSQL's words.
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
    public void ListOfficeActivities_WithEveryFilter_ParsesAsTSql()
    {
        var query = new ListOfficeActivities.Query(2027, "rejected", "GM0363", "Flevoland", "meal", "soep", 20, "cursor");

        var sql = ListOfficeActivities.Sql(query, new Dialect(DatabaseProvider.SqlServer));

        sql.ShouldContain("a.status = @Status");
        sql.ShouldContain("a.contact_email LIKE @Text");
        Parse(ListParameter().Replace(sql, "IN (@$1)")).ShouldBeEmpty();
    }

    [Fact]
    public void EverySqliteOnlyStatement_HasItsSqlServerAndPostgreSqlTwins()
    {
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        var sqliteOnly = names.Where(n => n.EndsWith("Sqlite", StringComparison.Ordinal)).ToArray();

        sqliteOnly.ShouldNotBeEmpty();
        sqliteOnly.Where(n => !names.Contains(n[..^"Sqlite".Length] + "SqlServer")).ShouldBeEmpty();
        sqliteOnly.Where(n => !names.Contains(n[..^"Sqlite".Length] + "PostgreSql")).ShouldBeEmpty();
    }

    [Fact]
    public void EveryPostgreSqlStatement_HasTheTextItStandsInFor()
    {
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        var postgreSqlOnly = names.Where(n => n.EndsWith("PostgreSql", StringComparison.Ordinal)).ToArray();

        postgreSqlOnly.Length.ShouldBeGreaterThanOrEqualTo(10);
        postgreSqlOnly.Select(n => n[..^"PostgreSql".Length])
            .Where(stem => !names.Contains(stem + "SqlServer") && !names.Contains(stem))
            .ShouldBeEmpty();
    }

    public static TheoryData<string> SqlServerTwins()
    {
        var data = new TheoryData<string>();
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        foreach (var name in names.Where(n => n.EndsWith("SqlServer", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(name[..^"SqlServer".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SqlServerTwins))]
    public void PostgreSqlTwin_TakesTheLockTheSqlServerTextTakes(string stem)
    {
        var constants = SqlConstants().ToDictionary(c => c.Name, c => c.Sql);
        var sqlServer = constants[stem + "SqlServer"];
        var postgreSql = constants[stem + "PostgreSql"];

        postgreSql.ShouldNotBe(sqlServer);
        postgreSql.Contains("FOR UPDATE", StringComparison.Ordinal).ShouldBe(sqlServer.Contains("UPDLOCK", StringComparison.Ordinal));
        postgreSql.Contains("SKIP LOCKED", StringComparison.Ordinal).ShouldBe(sqlServer.Contains("READPAST", StringComparison.Ordinal));
        postgreSql.Contains("pg_advisory_xact_lock", StringComparison.Ordinal)
            .ShouldBe(sqlServer.Contains("sp_getapplock", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryStatementPostgreSqlRuns_UsesNoTSqlAndNoExpandedList()
    {
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        var runs = SqlConstants()
            .Where(c => !c.Name.EndsWith("Sqlite", StringComparison.Ordinal) && !c.Name.EndsWith("SqlServer", StringComparison.Ordinal))
            .Where(c => c.Name.EndsWith("PostgreSql", StringComparison.Ordinal) || !names.Contains(c.Name + "PostgreSql"))
            .ToArray();

        runs.Length.ShouldBeGreaterThan(50);
        // Npgsql makes Dapper pass a list as one array, which IN cannot take: PostgreSQL texts say "= ANY(@List)".
        runs.Where(c => ListParameter().IsMatch(c.Sql)).Select(c => c.Name).ShouldBeEmpty();
        runs.Where(c => TSqlOnly().IsMatch(c.Sql)).Select(c => c.Name).ShouldBeEmpty();
    }

    [Fact]
    public void StatementsPostgreSqlRuns_IncludeThePrivacyRecipientLimitAndCalendarStatements()
    {
        var names = SqlConstants().Select(c => c.Name).ToHashSet();
        var runs = SqlConstants()
            .Where(c => !c.Name.EndsWith("Sqlite", StringComparison.Ordinal) && !c.Name.EndsWith("SqlServer", StringComparison.Ordinal))
            .Where(c => c.Name.EndsWith("PostgreSql", StringComparison.Ordinal) || !names.Contains(c.Name + "PostgreSql"))
            .ToDictionary(c => c.Name, c => c.Sql);

        // PostgreSQL compares text case-sensitively: the recipient count folds both sides, as its index (0005) does.
        runs["RecipientLimit.CountPostgreSql"].ShouldContain("lower(to_address) = lower(@Address)");
        runs.Keys.ShouldContain("PersonRecords.SelectSignUps");
        runs.Keys.ShouldContain("PrivacyRequests.Insert");
        runs.Keys.ShouldContain("Erasure.EraseDeliveryAddress");
        runs.Keys.ShouldContain("RetentionJob.EraseCancelledSignUps");
        runs.Where(c => c.Key.StartsWith("PersonRecords.", StringComparison.Ordinal) && c.Value.Contains("LIKE", StringComparison.Ordinal))
            .ShouldAllBe(c => c.Value.Contains("LOWER(", StringComparison.Ordinal));
        runs.Values.Count(sql => sql.Contains("calendar_sequence", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void SearchActivities_WithEveryFilter_OnPostgreSql_IgnoresCaseAndTakesTheProvinceAsAnArray()
    {
        var query = new SearchActivities.Query(
            2027, "GM0363", "Flevoland", "meal", "elderly", "2027-09-30", "2027-10-01", "soep", 20, "cursor");

        var sql = SearchActivities.Sql(query, new Dialect(DatabaseProvider.PostgreSql));

        sql.ShouldContain("a.title ILIKE @Text");
        sql.ShouldContain("a.municipality_code = ANY(@ProvinceCodes)");
        sql.ShouldEndWith("LIMIT @Take");
        ListParameter().IsMatch(sql).ShouldBeFalse();
        TSqlOnly().IsMatch(sql).ShouldBeFalse();
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

    internal static IEnumerable<(string Name, string Sql)> StatementsSqlServerRuns() =>
        SqlConstants().Where(c =>
            !c.Name.EndsWith("Sqlite", StringComparison.Ordinal) && !c.Name.EndsWith("PostgreSql", StringComparison.Ordinal));

    internal static IEnumerable<(string Name, string Sql)> SqlConstants() =>
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

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|EXEC|DECLARE)\s", RegexOptions.IgnoreCase)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    [GeneratedRegex(
        @"\bWITH\s*\((UPDLOCK|HOLDLOCK|READPAST|ROWLOCK)|\bTOP\s*\(|\bMERGE\b|\bOUTPUT\s+inserted|sp_getapplock"
        + @"|FETCH\s+NEXT|SYSUTCDATETIME|\bN'",
        RegexOptions.IgnoreCase)]
    private static partial Regex TSqlOnly();
}
