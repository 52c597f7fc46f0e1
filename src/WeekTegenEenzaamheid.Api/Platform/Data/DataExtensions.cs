using Microsoft.Extensions.Options;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>Registers the database: options, connections, the scoped session, migrations at start-up and the health check.</summary>

public static class DataExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDatabaseOptions(configuration);
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton(provider => provider.GetRequiredService<ConnectionFactory>().Dialect);
        services.AddScoped<DbSession>();
        services.AddHostedService<MigrationRunner>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Binds <see cref="DatabaseOptions"/>, in the app and in the staff command alike.</summary>
    public static OptionsBuilder<DatabaseOptions> AddDatabaseOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddBoundOptions<DatabaseOptions>(configuration, DatabaseOptions.Section)
            .PostConfigure(options => options.ConnectionString = configuration.GetConnectionString("Default") ?? options.ConnectionString);
}
