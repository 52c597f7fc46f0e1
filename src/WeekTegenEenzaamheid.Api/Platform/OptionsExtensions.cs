using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeekTegenEenzaamheid.Api.Platform;

/// <summary>The one way settings reach the code: a class bound to its configuration section and checked at start-up.</summary>
public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and checks its data annotations when the host starts:
    /// a value out of range stops the start with an <see cref="OptionsValidationException"/> naming it, rather than
    /// failing the first request that reads it. Consumers take <see cref="IOptions{TOptions}"/> or <typeparamref name="T"/>
    /// itself (registered as the bound value). A missing section leaves the class's defaults.
    /// </summary>
    public static OptionsBuilder<T> AddBoundOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
    }
}
