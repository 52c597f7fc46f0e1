using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

[Collection(ConsoleCollection.Name)]
public sealed partial class StaffCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wte-staff-" + Guid.NewGuid().ToString("N"));

    // PostgreSQL: a database of this test's own, created by the command's migrations, dropped in Dispose.
    private readonly string? postgreSql = WteApp.PostgreSql is { Length: > 0 } server
        ? new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "wte_test_staff_" + Guid.NewGuid().ToString("N") }.ConnectionString
        : null;

    [Theory]
    [InlineData("admin")]
    [InlineData("logistics")]
    public async Task StaffCreate_PrintsTheKeyAloneOnTheLastLineAndStoresOnlyItsHash(string role)
    {
        var (exit, output, _) = await RunAsync(["staff", "create", "--name", "Programmabureau", "--role", role]);

        exit.ShouldBe(0);
        var key = LastLine(output);
        KeyPattern().IsMatch(key).ShouldBeTrue($"Not a key alone on the last line: '{key}'");
        await using var app = new WteApp(null, Settings());
        var connections = app.Services.GetRequiredService<ConnectionFactory>();
        await using var connection = await connections.OpenAsync();
        var stored = (await connection.QueryAsync<(string Name, string Role, string KeyHash)>(
            "SELECT name AS Name, role AS Role, key_hash AS KeyHash FROM staff_keys WHERE key_hash = @KeyHash",
                new { KeyHash = Tokens.Hash(key) })).ToArray();
        stored.ShouldHaveSingleItem().ShouldBe(("Programmabureau", role, Tokens.Hash(key)));
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(1) FROM staff_keys WHERE key_hash = @Key OR name = @Key",
            new { Key = key })).ShouldBe(0);
    }

    [Fact]
    public async Task StaffCreate_AdminKey_AuthenticatesAsAdminOnTheSameDatabase()
    {
        var (exit, output, _) = await RunAsync(["staff", "create", "--name", "Programmabureau", "--role", "admin"]);
        exit.ShouldBe(0);
        var (_, logisticsOutput, _) = await RunAsync(["staff", "create", "--name", "Magazijn Zwolle", "--role", "logistics"]);

        await using var app = new WteApp(null, Settings());
        using var admin = app.ClientWithKey(LastLine(output));
        using var logistics = app.ClientWithKey(LastLine(logisticsOutput));

        (await admin.GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Past authorization, the job name is what fails.
        await (await admin.PostAsync("/api/admin/jobs/no-such-job/run", null)).ShouldBeProblemAsync(404, "notFound");
        await (await logistics.PostAsync("/api/admin/jobs/no-such-job/run", null)).ShouldBeProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task StaffCreate_WithEmail_PrintsASignInLink_ThatAFirstAdminUsesWithoutSmtp()
    {
        var (exit, output, _) = await RunAsync(["staff", "create", "--name", "Eerste beheerder", "--role", "admin",
            "--email", "beheer@programmabureau.example"]);

        exit.ShouldBe(0);
        KeyPattern().IsMatch(LastLine(output)).ShouldBeTrue(output);
        var link = SignInLink().Match(output);
        link.Success.ShouldBeTrue(output);
        await using var app = new WteApp(null, Settings());
        using var browser = app.CreateClient(new() { AllowAutoRedirect = false });
        var open = await PageClient.GetAsync(browser, link.Groups["path"].Value);
        var signedIn = await PageClient.SubmitAsync(browser, open, "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/programmabureau");
        (await browser.GetAsync("/hangfire")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var other = app.CreateClient();
        var again = await PageClient.SubmitAsync(other, await PageClient.GetAsync(other, link.Groups["path"].Value), "Inloggen");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StaffLink_ForAMember_PrintsANewLink_AndForAStranger_Exits2()
    {
        (await RunAsync(["staff", "create", "--name", "Magazijn", "--role", "logistics", "--email", "magazijn@example.nl"]))
            .Exit.ShouldBe(0);

        var (exit, output, _) = await RunAsync(["staff", "link", "--email", "MAGAZIJN@example.nl"]);
        var (strangerExit, strangerOutput, strangerError) = await RunAsync(["staff", "link", "--email", "iemand@example.nl"]);

        exit.ShouldBe(0);
        SignInLink().IsMatch(LastLine(output)).ShouldBeTrue(output);
        strangerExit.ShouldBe(2);
        strangerOutput.ShouldBeEmpty();
        strangerError.ShouldContain("No staff member signs in with iemand@example.nl.");
        var (twiceExit, _, twiceError) = await RunAsync(["staff", "create", "--name", "Ander", "--role", "admin", "--email",
            "magazijn@EXAMPLE.nl"]);
        twiceExit.ShouldBe(2);
        twiceError.ShouldContain("already signs in with");
    }

    public static TheoryData<string[]> BadArguments => new()
    {
        { ["staff"] },
        { ["staff", "create"] },
        { ["staff", "delete", "--name", "X", "--role", "admin"] },
        { ["staff", "create", "--name", "X"] },
        { ["staff", "create", "--role", "admin"] },
        { ["staff", "create", "--name", " ", "--role", "admin"] },
        { ["staff", "create", "--name", "X", "--role", "superuser"] },
        { ["staff", "create", "--name", "X", "--role"] },
        { ["staff", "create", "--name", "X", "--role", "admin", "--email", "geen-adres"] },
        { ["staff", "link"] },
        { ["staff", "link", "--email", "geen-adres"] },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task StaffCreate_BadArguments_ExitsWith2AndPrintsUsage(string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("usage: staff create --name <name> --role <logistics|admin>");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgreSql is not null)
        {
            WteApp.DropPostgreSqlDatabaseAsync(postgreSql).GetAwaiter().GetResult();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    [GeneratedRegex(@"^http://localhost:5000(?<path>/medewerkers/inloggen/link\?token=[A-Za-z0-9_\-%]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex SignInLink();

    [GeneratedRegex("^wte_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();

    /// <summary>The command and the service share their configuration: the same database.</summary>
    private Dictionary<string, string?> Settings() => (WteApp.SqlServer, postgreSql) switch
    {
        ({ Length: > 0 } sqlServer, _) => new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:Default"] = sqlServer },
        (_, { } postgres) => new() { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Default"] = postgres },
        _ => new() { ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(folder, "wte.db")}" },
    };

    private async Task<(int Exit, string Output, string Error)> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await StaffCommand.RunAsync(args, configuration);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
