namespace WeekTegenEenzaamheid.Api.Platform.Email;

public static class EmailExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Email").Get<EmailOptions>() ?? new EmailOptions());
        services.AddSingleton(configuration.GetSection("App").Get<AppOptions>() ?? new AppOptions());
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<RecipientLimit>();
        services.AddOptions<RecipientLimitOptions>().Bind(configuration.GetSection(RecipientLimitOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<OutboxDispatchJob>();
        return services;
    }
}
