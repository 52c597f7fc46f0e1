using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Jobs;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

/// <summary>Runs a recurring job now, by its name; the answer comes before the job is done.</summary>
public static class RunJob
{
    public const string Path = "/api/admin/jobs/{name}/run";

    public sealed record Started(string Name, string JobId);

    public static Results<Accepted<Started>, ProblemHttpResult> Endpoint(
        string name, IEnumerable<RecurringJobDefinition> jobs, IRecurringJobManagerV2 manager)
    {
        if (!jobs.Any(job => job.Name == name))
        {
            return Problems.From(Error.NotFound($"Job '{name}'") with
            {
                Detail = $"Known jobs: {string.Join(", ", jobs.Select(job => job.Name).Order(StringComparer.Ordinal))}.",
            });
        }

        // Null: the job is defined but gone from the job storage (removed in the dashboard) until the next start.
        return manager.TriggerJob(name) is { } jobId
            ? TypedResults.Accepted((string?)null, new Started(name, jobId))
            : Problems.From(Error.NotFound($"Job '{name}'") with
            {
                Detail = $"The recurring job '{name}' is not registered now (removed in the dashboard); "
                    + "every start of the service registers it again.",
            });
    }
}
