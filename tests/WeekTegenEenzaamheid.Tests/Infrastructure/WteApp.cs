using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// The service over HTTP against a real SQLite file of its own (or the SQL Server database in
/// WTE_TEST_SQLSERVER, or a PostgreSQL database of its own on the server in WTE_TEST_POSTGRESQL),
/// with e-mail going to the given SMTP server or a pickup folder.
/// </summary>
public sealed class WteApp(int? smtpPort, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string CarrierWebhookSecret = "test-carrier-webhook-secret";
    public const string LogisticsMailbox = "magazijn@weektegeneenzaamheid.test";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wte-test-" + Guid.NewGuid().ToString("N"));

    public TestClock Clock { get; } = new();

    public string PickupFolder => Path.Combine(Folder, "mail");

    public static string? SqlServer => Environment.GetEnvironmentVariable("WTE_TEST_SQLSERVER");

    /// <summary>A connection string without a database; each app creates its own database there and drops it when disposed.</summary>
    public static string? PostgreSql => Environment.GetEnvironmentVariable("WTE_TEST_POSTGRESQL");

    /// <summary>This app's PostgreSQL database (created by the migrations at start-up), or null on the other providers.</summary>
    public string? PostgreSqlConnectionString { get; } = PostgreSql is { Length: > 0 } server
        ? new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "wte_test_" + Guid.NewGuid().ToString("N") }.ConnectionString
        : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (SqlServer is { Length: > 0 } sqlServer)
        {
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:Default", sqlServer);
        }
        else if (PostgreSqlConnectionString is { } postgreSql)
        {
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Default", postgreSql);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(Folder, "wte.db")}");
        }

        builder.UseSetting("Email:SmtpHost", smtpPort is null ? string.Empty : "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", smtpPort?.ToString() ?? "25");
        builder.UseSetting("Email:Security", "None");
        builder.UseSetting("Email:PickupDirectory", PickupFolder);
        builder.UseSetting("Email:From", "Eén tegen eenzaamheid <noreply@weektegeneenzaamheid.test>");
        builder.UseSetting("App:PublicBaseUrl", "https://wte.test");
        builder.UseSetting("RateLimiting:PublicWritesPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Carrier:WebhookSecret", CarrierWebhookSecret);
        builder.UseSetting("Logistics:Mailbox", LogisticsMailbox);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public async Task<string> CreateStaffKeyAsync(string role)
    {
        var connections = Services.GetRequiredService<ConnectionFactory>();
        return await StaffCommand.CreateKeyAsync(connections, $"test {role}", role, Clock.GetUtcNow());
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Drops the database a PostgreSQL connection string names, closing its connections first.</summary>
    public static async Task DropPostgreSqlDatabaseAsync(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgreSqlConnectionString is { } postgreSql)
        {
            await DropPostgreSqlDatabaseAsync(postgreSql);
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
