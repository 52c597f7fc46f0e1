using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

public sealed class DatabaseHealthCheck(ConnectionFactory factory) : IHealthCheck
{
    private const string Probe = """
        SELECT COUNT(1) FROM editions
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition(Probe, cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
