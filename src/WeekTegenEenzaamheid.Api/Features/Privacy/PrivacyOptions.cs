using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>The <c>Privacy</c> section, bound and validated at start.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Used only when the environment is Development or Testing and no key is configured: records made with it prove
    /// nothing, since the key is public.
    /// </summary>
    public const string DevelopmentRequestHashKey = "development-only-privacy-request-hash-key-not-secret";

    /// <summary>
    /// Days after the edition's Week that sign-ups keep names and e-mail addresses (<c>Privacy:ParticipantRetentionDays</c>).
    /// </summary>
    [Range(0, 3650)]
    public int ParticipantRetentionDays { get; init; } = 30;

    /// <summary>
    /// The HMAC-SHA256 key under which privacy requests are recorded (<c>Privacy:RequestHashKey</c>), at least 32
    /// characters. Without it the records would be a dictionary of addresses anyone could rebuild; changing it makes
    /// earlier records unfindable by address.
    /// </summary>
    [Required]
    [MinLength(32)]
    public string RequestHashKey { get; set; } = string.Empty;

    /// <summary>Binds the section, fills in the development key where it is allowed, and validates at start.</summary>
    public static IServiceCollection AddPrivacyOptions(IServiceCollection services)
    {
        services.AddOptions<PrivacyOptions>()
            .BindConfiguration(Section)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (string.IsNullOrEmpty(options.RequestHashKey) && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
                {
                    options.RequestHashKey = DevelopmentRequestHashKey;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services.AddSingleton(provider => provider.GetRequiredService<IOptions<PrivacyOptions>>().Value);
    }
}
