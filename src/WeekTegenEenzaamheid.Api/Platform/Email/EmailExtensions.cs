namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>Registers the outbox, its dispatch job and the e-mail settings (<c>Email</c>, <c>App</c>, per-recipient limit).</summary>

public static class EmailExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBoundOptions<EmailOptions>(configuration, EmailOptions.Section);
        services.AddBoundOptions<AppOptions>(configuration, AppOptions.Section);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<RecipientLimit>();
        services.AddBoundOptions<RecipientLimitOptions>(configuration, RecipientLimitOptions.Section);
        services.AddTransient<OutboxDispatchJob>();
        return services;
    }
}
