using System.ComponentModel.DataAnnotations;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>The <c>Privacy</c> configuration section, bound and validated at start.</summary>
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
    public int ParticipantRetentionDays { get; set; } = 30;

    /// <summary>
    /// The HMAC-SHA256 key under which privacy requests are recorded (<c>Privacy:RequestHashKey</c>), at least 32
    /// characters. Without it the records would be a dictionary of addresses anyone could rebuild; changing it makes
    /// earlier records unfindable by address.
    /// </summary>
    [Required]
    [MinLength(32)]
    public string RequestHashKey { get; set; } = string.Empty;

    /// <summary>
    /// Fills in <see cref="DevelopmentRequestHashKey"/> when no key is configured and the environment is Development or
    /// Testing; anywhere else a missing key stops the service at start.
    /// </summary>
    public static void UseDevelopmentKeyWhereAllowed(PrivacyOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(options.RequestHashKey) && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            options.RequestHashKey = DevelopmentRequestHashKey;
        }
    }
}
