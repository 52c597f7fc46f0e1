using System.Net.Http.Headers;
using System.Reflection;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;
using WeekTegenEenzaamheid.Api.Features.Staff;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// The service over HTTP against a real SQLite file of its own (or the SQL Server database in
/// WTE_TEST_SQLSERVER, or a PostgreSQL database of its own on the server in WTE_TEST_POSTGRESQL),
/// with e-mail going to the given SMTP server or a pickup folder. No Hangfire
/// server runs: what the service enqueues waits until a test calls <see cref="RunJobsAsync"/>, so no test
/// depends on how fast a busy machine gets round to a background job, and no recurring job fires by itself.
/// </summary>
public sealed class WteApp(int? smtpPort, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string CarrierWebhookSecret = "test-carrier-webhook-secret";
    public const string LogisticsMailbox = "magazijn@weektegeneenzaamheid.test";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wte-test-" + Guid.NewGuid().ToString("N"));

    private readonly SemaphoreSlim jobTurn = new(1, 1);

    public TestClock Clock { get; } = new();

    /// <summary>Crashes a kit allocation between reserving and recording the state, when a test arms it.</summary>
    public AllocationCrashes AllocationCrashes { get; } = new();

    /// <summary>Another request's change slipped in just before a command's handler, when a test arms it.</summary>
    public CommandInterludes Interludes { get; } = new();

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
        // A run ends as soon as nothing is due: RunJobsAsync returns when the queue is empty, not a linger later.
        builder.UseSetting("Email:OutboxLinger", "00:00:00");
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
            services.RemoveAll<IKitAllocationObserver>();
            services.AddSingleton<IKitAllocationObserver>(AllocationCrashes);
            services.AddSingleton(Interludes);
            services.AddScoped(typeof(MediatR.IPipelineBehavior<,>), typeof(InterludeBehavior<,>));
            var server = services.Where(IsHangfireServer).ToArray();
            if (server.Length == 0)
            {
                throw new InvalidOperationException("The Hangfire server's registration was not found; the tests must not run it.");
            }

            foreach (var descriptor in server)
            {
                services.Remove(descriptor);
            }

            // Hangfire logs through a process-wide provider that each app points at its own logger factory; once one app
            // is disposed, every other app's job client would throw on that disposed factory. The tests' apps log nothing
            // from Hangfire instead.
            var configuration = services.Last(descriptor => descriptor.ServiceType == typeof(IGlobalConfiguration));
            services.Remove(configuration);
            services.AddSingleton(provider =>
            {
                var global = (IGlobalConfiguration)configuration.ImplementationFactory!(provider);
                global.UseLogProvider(QuietHangfireLog.Instance);
                return global;
            });

            // Each app has a JobStorage of its own (JobsExtensions registers one per host): in memory on SQLite, its
            // own database's hangfire schema on SQL Server and PostgreSQL, which is what is tested there.
        });
    }

    /// <summary>
    /// Runs every job the service enqueued, and the jobs those enqueue, until the queue is empty. The jobs waiting at
    /// one moment run side by side, as Hangfire's workers run them; a job that throws is recorded in
    /// <see cref="FailedJobs"/>, as Hangfire records it. Callers take turns, so each sees the queue it left empty.
    /// </summary>
    public async Task RunJobsAsync()
    {
        await jobTurn.WaitAsync();
        try
        {
            var storage = Services.GetRequiredService<JobStorage>();
            for (var round = 0; round < 1_000; round++)
            {
                var waiting = storage.GetMonitoringApi().EnqueuedCount(EnqueuedState.DefaultQueue);
                if (waiting == 0)
                {
                    return;
                }

                var jobs = new List<(string Id, Hangfire.Common.Job Job)>();
                using (var connection = storage.GetConnection())
                {
                    for (var i = 0; i < waiting; i++)
                    {
                        // Only this loop takes jobs from the queue, so each of these returns at once.
                        using var fetched = connection.FetchNextJob([EnqueuedState.DefaultQueue], CancellationToken.None);
                        jobs.Add((fetched.JobId, connection.GetJobData(fetched.JobId).Job));
                        fetched.RemoveFromQueue();
                    }
                }

                await Task.WhenAll(jobs.Select(job => Task.Run(() => PerformAsync(job.Id, job.Job))));
            }

            throw new InvalidOperationException("Jobs kept enqueuing jobs: a thousand rounds ran and the queue is not empty.");
        }
        finally
        {
            jobTurn.Release();
        }
    }

    /// <summary>What the jobs run by <see cref="RunJobsAsync"/> threw.</summary>
    public List<Exception> FailedJobs { get; } = [];

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

    private async Task PerformAsync(string id, Hangfire.Common.Job job)
    {
        var client = Services.GetRequiredService<IBackgroundJobClient>();
        try
        {
            await InvokeAsync(job);
            client.ChangeState(id, new SucceededState(null, 0, 0));
        }
        catch (Exception exception)
        {
            lock (FailedJobs)
            {
                FailedJobs.Add(exception);
            }

            client.ChangeState(id, new FailedState(exception));
        }
    }

    private async Task InvokeAsync(Hangfire.Common.Job job)
    {
        await using var scope = Services.CreateAsyncScope();
        var instance = ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, job.Type);
        var parameters = job.Method.GetParameters();
        var arguments = job.Args
            .Select((argument, index) => parameters[index].ParameterType == typeof(CancellationToken) ? CancellationToken.None : argument)
            .ToArray();
        try
        {
            if (job.Method.Invoke(instance, arguments) is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(invocation.InnerException);
        }
    }

    private static bool IsHangfireServer(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
        && (descriptor.ImplementationType ?? descriptor.ImplementationFactory?.Method.ReturnType)?.Name
            == "BackgroundJobServerHostedService";

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
        // Hangfire keeps one process-wide log provider, set to the logger factory of the app that started last;
        // once that app is gone every other app's job enqueue would throw ObjectDisposedException.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
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

/// <summary>A Hangfire log provider that outlives every test app (see <see cref="WteApp"/>).</summary>
internal sealed class QuietHangfireLog : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
{
    public static readonly QuietHangfireLog Instance = new();

    public Hangfire.Logging.ILog GetLogger(string name) => this;

    public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
