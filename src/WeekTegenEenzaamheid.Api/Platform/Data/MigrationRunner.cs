namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>Runs the migrations before anything else starts (hosted services start in order).</summary>
public sealed class MigrationRunner(ConnectionFactory factory, ILogger<MigrationRunner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Migrations.Run(factory, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
