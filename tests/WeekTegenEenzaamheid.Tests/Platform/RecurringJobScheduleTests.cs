using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>
/// <c>Jobs:Schedules:{name}</c> (bound as JobsOptions.Schedules) replaces one recurring job's schedule and leaves the others
/// on their own; scripts/chaos.sh counts firings across two app servers on such a schedule.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RecurringJobScheduleTests
{
    [Fact]
    public async Task RecurringJob_WithAScheduleOverride_IsRegisteredOnThatSchedule()
    {
        await using var app = new WteApp(null, new Dictionary<string, string?> { ["Jobs:Schedules:outbox"] = "*/20 * * * * *" });
        using var client = app.CreateClient();

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();

        jobs.Single(job => job.Id == "outbox").Cron.ShouldBe("*/20 * * * * *");
        jobs.Single(job => job.Id == "retention").Cron.ShouldBe("17 * * * *");
    }
}
