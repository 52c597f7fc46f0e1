using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// <c>/health/ready</c>: healthy when the database answers a query on <c>editions</c>, unhealthy with the exception
/// otherwise.
/// </summary>
public sealed class DatabaseHealthCheck(DbSession session) : IHealthCheck
{
    private const string Probe = """
        SELECT COUNT(1) FROM editions
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await session.ExecuteScalarAsync<int>(Probe, null, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
