using Hangfire;

namespace WeekTegenEenzaamheid.Api.Platform.Jobs;

/// <summary>
/// Every recurring job, by the name that <c>POST /api/admin/jobs/{name}/run</c> takes. Each feature
/// registers its own job as a <see cref="RecurringJobDefinition"/> service; the schedules are Europe/Amsterdam cron
/// expressions. <c>Jobs:Schedules:{name}</c> overrides a job's schedule (scripts/chaos.sh runs every job every
/// 20 seconds to count firings across two app servers).
/// </summary>
public sealed record RecurringJobDefinition(string Name, Func<IConfiguration, string> Cron, Action<IRecurringJobManager, string, string, RecurringJobOptions> Register);

public static class RecurringJobs
{
    public static RecurringJobDefinition Define<TJob>(string name, Func<IConfiguration, string> cron, System.Linq.Expressions.Expression<Func<TJob, Task>> run) =>
        new(name, cron, (manager, id, schedule, options) => manager.AddOrUpdate(id, run, schedule, options));
}

public sealed class RecurringJobsRegistration(
    IRecurringJobManager manager,
    IEnumerable<RecurringJobDefinition> definitions,
    IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = AmsterdamTime.Zone };
        foreach (var definition in definitions)
        {
            var cron = configuration[$"Jobs:Schedules:{definition.Name}"] ?? definition.Cron(configuration);
            definition.Register(manager, definition.Name, cron, options);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
