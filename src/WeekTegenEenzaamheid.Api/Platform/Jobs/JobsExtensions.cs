using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Authentication;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Jobs;

public static class JobsExtensions
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseOptions.From(configuration);
        var storage = configuration["Jobs:Storage"] ?? (database.Provider == DatabaseProvider.SqlServer ? "SqlServer" : "InMemory");
        services.AddHangfire(config =>
        {
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
        services.AddHangfireServer(options =>
        {
            // SQLite has one writer: a few workers keep it busy without queueing on its lock.
            options.WorkerCount = database.Provider == DatabaseProvider.Sqlite ? 4 : Math.Max(4, Environment.ProcessorCount * 2);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new StaffDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        });
        return app;
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
