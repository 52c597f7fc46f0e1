using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Platform.Data;

/// <summary>
/// Parsing (SqlServerDialectTests) does not notice a wrong table or column name. Here a DacFx schema model is
/// built from db/sqlserver, in order, and every statement SQL Server would run is added to it as a stored
/// procedure; the model's validation then resolves each name the way SQL Server's compiler would, without a server.
/// </summary>
/// <remarks>
/// Parameters are typed <c>sql_variant</c>: DacFx resolves names but does not check the types of expressions,
/// so the one type takes every statement (TOP, OFFSET, LIKE, comparisons) without inferring each parameter's type.
/// Canary statements with a wrong column or table are added to the same model, so the check is shown to fail.
/// </remarks>
public sealed partial class SqlServerSchemaModelTests
{
    private static readonly System.Reflection.Assembly Api = typeof(Dialect).Assembly;

    private static readonly Lazy<Validation> Validated = new(Validate);

    // Each one names something the schema does not have; the model must report it against that statement. A missing
    // table is only a warning (SQL Server's deferred name resolution), so any message at all fails a real statement.
    private static readonly (string Name, string Sql, string Reported)[] Canaries =
    [
        ("Canary.WrongColumn", "SELECT id, titel FROM activities WHERE id = @Id",
            "Error SQL71501: * has an unresolved reference to object [dbo].[activities].[titel]."),
        ("Canary.WrongTable", "UPDATE activity SET title = @Title WHERE id = @Id",
            "Warning SQL71502: * has an unresolved reference to object [dbo].[activity]."),
        ("Canary.WrongInsertColumn", "INSERT INTO outbox_messages (id, adress) VALUES (@Id, @Address)",
            "Error SQL71501: * has an unresolved reference to object [dbo].[outbox_messages].[adress]."),
        ("Canary.WrongJoinColumn", "SELECT r.id FROM registrations r JOIN activities a ON a.id = r.activityid WHERE a.id = @Id",
            "Error SQL71501: * contains an unresolved reference to an object.*[dbo].[registrations].[activityid]"),
    ];

    // Statements whose every name the model cannot know, and why; their other messages still fail the test.
    private static readonly Dictionary<string, string> AllowedUnresolved = new(StringComparer.Ordinal)
    {
        // A system procedure of master: a model built from db/sqlserver has no master to resolve it against.
        ["TransactionLock.SerialiseSqlServer"] = "[dbo].[sp_getapplock]",
    };

    public static TheoryData<string> Statements()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in SqlServerDialectTests.StatementsSqlServerRuns())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void SchemaScripts_BuildAModelWithoutErrors()
    {
        var validation = Validated.Value;

        validation.Tables.ShouldContain("activities");
        validation.Tables.ShouldContain("outbox_messages");
        validation.Tables.ShouldContain("privacy_requests");
        validation.MessagesOutsideStatements.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void SqlStatement_ResolvesEveryNameAgainstTheSchema(string name)
    {
        var messages = Validated.Value.MessagesOf(name);

        if (AllowedUnresolved.TryGetValue(name, out var allowed))
        {
            var unresolved = $"unresolved reference to object {allowed}";
            messages = messages.Where(m => !(m.Number == 71502 && m.Message.Contains(unresolved, StringComparison.Ordinal))).ToList();
        }

        messages.Select(Describe).ShouldBeEmpty();
    }

    [Fact]
    public void SearchActivities_WithEveryFilter_ResolvesEveryName()
    {
        Validated.Value.MessagesOf("SearchActivities.EveryFilter").Select(Describe).ShouldBeEmpty();
    }

    [Fact]
    public void MigrationDataStatements_ResolveEveryName()
    {
        var validation = Validated.Value;

        // 0003 seeds the kit, 0007 back-fills calendar_sequence: both are checked as statements too.
        validation.MigrationStatements.Count.ShouldBeGreaterThanOrEqualTo(2);
        validation.MigrationStatements.SelectMany(validation.MessagesOf).Select(Describe).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Canary.WrongColumn")]
    [InlineData("Canary.WrongTable")]
    [InlineData("Canary.WrongInsertColumn")]
    [InlineData("Canary.WrongJoinColumn")]
    public void StatementWithAWrongName_IsReported(string name)
    {
        var reported = Canaries.Single(c => c.Name == name).Reported;
        var pattern = "^" + string.Join(".*", reported.Split('*').Select(Regex.Escape));

        Validated.Value.MessagesOf(name).Select(Describe).ShouldContain(m => Regex.IsMatch(m, pattern));
    }

    private static Validation Validate()
    {
        var watch = Stopwatch.StartNew();
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        var (schema, tables, migrationStatements) = SchemaFromScripts();
        model.AddObjects(schema);

        var statements = SqlServerDialectTests.StatementsSqlServerRuns()
            .Append(("SearchActivities.EveryFilter", SearchActivities.Sql(
                new SearchActivities.Query(
                    2027, "GM0363", "Flevoland", "meal", "elderly", "2027-09-30", "2027-10-01", "soep", 20, "cursor"),
                new Dialect(DatabaseProvider.SqlServer))))
            .Concat(Canaries.Select(c => (c.Name, c.Sql)))
            .Concat(migrationStatements);
        foreach (var (name, sql) in statements)
        {
            model.AddObjects(AsProcedure(name, sql));
        }

        var messages = model.Validate().ToList();
        Console.WriteLine($"DacFx model of db/sqlserver and the statements validated in {watch.ElapsedMilliseconds} ms");
        return new Validation(messages, tables, migrationStatements.Select(s => s.Name).ToList());
    }

    // DacFx models are declarative: it takes columns only in CREATE TABLE (SQL70645 for ALTER TABLE … ADD),
    // so a later script's added columns and constraints are folded into the table's CREATE TABLE. Data
    // statements of a migration are checked as statements.
    private static (string Schema, IReadOnlyList<string> Tables, List<(string Name, string Sql)> Data) SchemaFromScripts()
    {
        var tables = new Dictionary<string, CreateTableStatement>(StringComparer.OrdinalIgnoreCase);
        var others = new List<TSqlStatement>();
        var data = new List<(string Name, string Sql)>();
        var resources = Api.GetManifestResourceNames()
            .Where(n => n.StartsWith("db.sqlserver.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        resources.ShouldNotBeEmpty();

        foreach (var resource in resources)
        {
            using var stream = Api.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var script = (TSqlScript)Parse(text);
            foreach (var statement in script.Batches.SelectMany(b => b.Statements))
            {
                switch (statement)
                {
                    case CreateTableStatement create:
                        tables.Add(create.SchemaObjectName.BaseIdentifier.Value, create);
                        break;
                    case AlterTableAddTableElementStatement alter:
                        var definition = tables[alter.SchemaObjectName.BaseIdentifier.Value].Definition;
                        foreach (var column in alter.Definition.ColumnDefinitions)
                        {
                            definition.ColumnDefinitions.Add(column);
                        }

                        foreach (var constraint in alter.Definition.TableConstraints)
                        {
                            definition.TableConstraints.Add(constraint);
                        }

                        alter.Definition.Indexes.ShouldBeEmpty();
                        break;
                    case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement:
                        data.Add(($"{resource["db.sqlserver.".Length..]} #{data.Count + 1}",
                            text.Substring(statement.StartOffset, statement.FragmentLength)));
                        break;
                    default:
                        others.Add(statement);
                        break;
                }
            }
        }

        var generator = new Sql160ScriptGenerator(new SqlScriptGeneratorOptions { IncludeSemicolons = true });
        // DacFx takes one statement per batch.
        var schema = string.Join(
            $"{Environment.NewLine}GO{Environment.NewLine}",
            tables.Values.Cast<TSqlStatement>().Concat(others).Select(s =>
            {
                generator.GenerateScript(s, out var sql);
                return sql;
            }));
        return (schema, tables.Keys.ToList(), data);
    }

    // The statement's own parameters become the procedure's; named arguments of an EXEC and variables the
    // statement declares are not parameters.
    private static string AsProcedure(string name, string sql)
    {
        sql = ListParameter().Replace(sql, "IN (@$1)");
        var finder = new ParameterFinder();
        Parse(sql).Accept(finder);
        var parameters = finder.Referenced.Except(finder.NotParameters, StringComparer.OrdinalIgnoreCase)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p} sql_variant");
        return $"CREATE PROCEDURE [dbo].[{name}] {string.Join(", ", parameters)}{Environment.NewLine}AS{Environment.NewLine}BEGIN"
            + $"{Environment.NewLine}{sql}{Environment.NewLine}END";
    }

    private static TSqlFragment Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
        return fragment;
    }

    private static string Describe(DacModelMessage message) => $"{message.MessageType} {message.Prefix}{message.Number}: {message.Message}";

    [GeneratedRegex(@"IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    private sealed record Validation(
        IReadOnlyList<DacModelMessage> Messages, IReadOnlyList<string> Tables, IReadOnlyList<string> MigrationStatements)
    {
        private const string Prefix = "Error validating element [dbo].[";

        public IReadOnlyList<DacModelMessage> MessagesOf(string name) =>
            Messages.Where(m => m.Message.StartsWith($"{Prefix}{name}]:", StringComparison.Ordinal)).ToList();

        public IReadOnlyList<string> MessagesOutsideStatements =>
            Messages.Where(m => !Regex.IsMatch(m.Message, @"^Error validating element \[dbo\]\.\[[^\]]+\]: Procedure: "))
                .Select(Describe).ToList();
    }

    private sealed class ParameterFinder : TSqlFragmentVisitor
    {
        public List<string> Referenced { get; } = [];

        public List<string> NotParameters { get; } = [];

        public override void Visit(VariableReference node) => Referenced.Add(node.Name);

        public override void Visit(ExecuteParameter node)
        {
            if (node.Variable is not null)
            {
                NotParameters.Add(node.Variable.Name);
            }
        }

        public override void Visit(DeclareVariableElement node) => NotParameters.Add(node.VariableName.Value);
    }
}
