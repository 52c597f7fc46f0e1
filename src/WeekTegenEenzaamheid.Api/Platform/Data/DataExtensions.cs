namespace WeekTegenEenzaamheid.Api.Platform.Data;

public static class DataExtensions
{
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.From(configuration);
        TypeHandlers.Register(options.Provider);
        services.AddSingleton(options);
        services.AddSingleton<ConnectionFactory>();
        services.AddSingleton(provider => provider.GetRequiredService<ConnectionFactory>().Dialect);
        services.AddScoped<DbSession>();
        services.AddHostedService<MigrationRunner>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }
}
