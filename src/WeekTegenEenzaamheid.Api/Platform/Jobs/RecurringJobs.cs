using Hangfire;

namespace WeekTegenEenzaamheid.Api.Platform.Jobs;

/// <summary>
/// Every recurring job, by the name that <c>POST /api/admin/jobs/{name}/run</c> takes. Each feature
/// registers its own job as a <see cref="RecurringJobDefinition"/> service; the schedules are Europe/Amsterdam cron
/// expressions. <see cref="JobsOptions.Schedules"/> overrides a job's schedule.
/// </summary>
/// <param name="Name">The job's id in Hangfire and in the run endpoint's path.</param>
/// <param name="Cron">The schedule, read from the started app's services (a bound options class where it is configurable).</param>
/// <param name="Register">Adds or updates the job in Hangfire under an id, with a schedule and options.</param>
public sealed record RecurringJobDefinition(
    string Name,
    Func<IServiceProvider, string> Cron,
    Action<IRecurringJobManager, string, string, RecurringJobOptions> Register);

/// <summary>Builds <see cref="RecurringJobDefinition"/>s.</summary>
public static class RecurringJobs
{
    /// <summary>
    /// A job that Hangfire runs as <paramref name="run"/> on a <typeparamref name="TJob"/> it resolves in a scope of
    /// its own.
    /// </summary>
    public static RecurringJobDefinition Define<TJob>(
        string name, Func<IServiceProvider, string> cron, System.Linq.Expressions.Expression<Func<TJob, Task>> run) =>
        new(name, cron, (manager, id, schedule, options) => manager.AddOrUpdate(id, run, schedule, options));
}

/// <summary>At start-up, adds or updates every defined recurring job in Hangfire, on Europe/Amsterdam time.</summary>
public sealed class RecurringJobsRegistration(
    IRecurringJobManager manager,
    IEnumerable<RecurringJobDefinition> definitions,
    JobsOptions schedules,
    IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = AmsterdamTime.Zone };
        foreach (var definition in definitions)
        {
            var cron = schedules.Schedules.TryGetValue(definition.Name, out var overridden) ? overridden : definition.Cron(services);
            definition.Register(manager, definition.Name, cron, options);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
