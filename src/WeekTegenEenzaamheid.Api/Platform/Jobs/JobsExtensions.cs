using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Authentication;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary><c>SqlServer</c> or <c>InMemory</c>; unset, SQL Server when the database is, else in memory.</summary>
    public string? Storage { get; set; }
}

/// <summary>Registers Hangfire (storage, server, recurring jobs) and its dashboard, open to admin keys only.</summary>
public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBoundOptions<JobsOptions>(configuration, JobsOptions.Section);
        services.AddHangfire((provider, config) =>
        {
            var database = provider.GetRequiredService<DatabaseOptions>();
            var storage = provider.GetRequiredService<JobsOptions>().Storage
                ?? (database.Provider == DatabaseProvider.SqlServer ? "SqlServer" : "InMemory");
            config
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.Equals(storage, "SqlServer", StringComparison.OrdinalIgnoreCase))
            {
                config.UseSqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
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
            else
            {
                config.UseInMemoryStorage();
            }
        });
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

    /// <summary>Hangfire's default filter admits local requests only; the dashboard is for admins' keys.</summary>
    private sealed class StaffDashboardAuthorization : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var result = await http.AuthenticateAsync(StaffKeyAuthenticationHandler.SchemeName);
            return result.Succeeded && result.Principal.IsInRole(StaffRoles.Admin);
        }
    }
}
