using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Authentication;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// <c>SqlServer</c>, <c>PostgreSql</c> or <c>InMemory</c>; unset, the database's own (SQL Server or PostgreSQL),
    /// else in memory.
    /// </summary>
    public string? Storage { get; set; }

    /// <summary>
    /// Overrides of recurring jobs' cron schedules by job name (<c>Jobs:Schedules:{name}</c>); scripts/chaos.sh runs
    /// every job every 20 seconds to count firings across two app servers.
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Registers Hangfire (storage, server, recurring jobs) and its dashboard, open to admin keys only.</summary>
public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBoundOptions<JobsOptions>(configuration, JobsOptions.Section);
        // The storage is made once per host (on first use, after the migrations) and registered as this host's own
        // JobStorage: Hangfire's default registration hands out the process-wide JobStorage.Current, which the next
        // host in the same process (the tests start many) would replace with its own database.
        services.AddSingleton<JobStorage>(provider =>
        {
            var database = provider.GetRequiredService<DatabaseOptions>();
            var storage = provider.GetRequiredService<JobsOptions>().Storage ?? database.Provider switch
            {
                DatabaseProvider.SqlServer => "SqlServer",
                DatabaseProvider.PostgreSql => "PostgreSql",
                _ => "InMemory",
            };
            Migrations.EnsureDatabaseExists(database);
            return CreateStorage(storage, database.ConnectionString);
        });
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((provider, options) =>
        {
            var database = provider.GetRequiredService<DatabaseOptions>();
            // SQLite has one writer: a few workers keep it busy without queueing on its lock.
            options.WorkerCount = database.Provider == DatabaseProvider.Sqlite ? 4 : Math.Max(4, Environment.ProcessorCount * 2);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<RecurringJobsRegistration>();
        // Hangfire's dashboard checks a token on every POST once antiforgery is registered (and puts the token in
        // its pages for its own scripts). The framing header is SecurityHeaders' (DENY), not antiforgery's SAMEORIGIN.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        return services;
    }

    private static JobStorage CreateStorage(string storage, string connectionString)
    {
        if (string.Equals(storage, "SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            return new SqlServerStorage(connectionString, new SqlServerStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
                SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
                QueuePollInterval = TimeSpan.Zero,
                UseRecommendedIsolationLevel = true,
                DisableGlobalLocks = true,
            });
        }

        if (string.Equals(storage, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            // Every app server shares this storage: a job is fetched by one worker (its row is taken with
            // FOR UPDATE SKIP LOCKED), recurring jobs are scheduled under a distributed lock, and a job whose
            // server died is fetched again once the invisibility timeout has passed.
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromMilliseconds(500),
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
        }

        return new Hangfire.InMemory.InMemoryStorage();
    }

    /// <summary>
    /// A browser that opens the dashboard without a key or staff session is sent to the staff sign-in page, with the
    /// dashboard's address to come back to, as every staff page does; a script without a key still gets Hangfire's 401.
    /// </summary>
    public static WebApplication UseJobsDashboardSignIn(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/hangfire") && HttpMethods.IsGet(http.Request.Method)
                && http.Request.Headers.Authorization.Count == 0
                && http.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true),
            branch => branch.Use(async (http, next) =>
            {
                if ((await http.AuthenticateAsync(StaffSessionCookie.SchemeName)).Succeeded)
                {
                    await next(http);
                    return;
                }

                http.Response.Redirect(StaffSessionCookie.SignInPath + "?" + StaffSessionCookie.ReturnUrlParameter + "="
                    + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            }));
        return app;
    }

    /// <summary>The dashboard at <c>/hangfire</c>: admins only, same-origin posts with Hangfire's antiforgery token.</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new SameOriginPostsOnly(), new StaffDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>
    /// A state-changing dashboard request must come from the dashboard's own pages: a browser says where a
    /// request comes from in Sec-Fetch-Site and Origin, and a page of another site is refused (403) whatever
    /// credentials it carries. Requests without either header (scripts, curl) still need the antiforgery token.
    /// </summary>
    private sealed class SameOriginPostsOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var request = context.GetHttpContext().Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                return Task.FromResult(true);
            }

            var site = request.Headers["Sec-Fetch-Site"].ToString();
            if (site.Length > 0 && site is not ("same-origin" or "none"))
            {
                return Task.FromResult(false);
            }

            var origin = request.Headers.Origin.ToString();
            return Task.FromResult(origin.Length == 0
                || (Uri.TryCreate(origin, UriKind.Absolute, out var from)
                    && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>
    /// Hangfire's log provider is process-wide: the last host started sets it. When that host stops, its
    /// logger factory is disposed and every other host's workers would fail on their next log line (the
    /// test suite runs many hosts in one process); this provider then stays silent instead.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
    {
        private readonly AspNetCoreLogProvider inner = new(factory);

        public ILog GetLogger(string name)
        {
            try
            {
                return new GuardedLog(inner.GetLogger(name));
            }
            catch (ObjectDisposedException)
            {
                return new GuardedLog(null);
            }
        }

        private sealed class GuardedLog(ILog? log) : ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
            {
                try
                {
                    return log?.Log(logLevel, messageFunc, exception) ?? false;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>
    /// Hangfire's default filter admits local requests only; the dashboard is for admins: an admin key (scripts) or an
    /// admin's staff session (the browser, <see cref="StaffSessionCookie"/>).
    /// </summary>
    private sealed class StaffDashboardAuthorization : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            foreach (var scheme in new[] { StaffKeyAuthenticationHandler.SchemeName, StaffSessionCookie.SchemeName })
            {
                var result = await http.AuthenticateAsync(scheme);
                if (result.Succeeded)
                {
                    // Hangfire answers 403 to a signed-in user it refuses, 401 to an anonymous one.
                    http.User = result.Principal;
                    return result.Principal.IsInRole(StaffRoles.Admin);
                }
            }

            return false;
        }
    }
}
