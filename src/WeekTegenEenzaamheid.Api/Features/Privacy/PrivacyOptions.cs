using System.ComponentModel.DataAnnotations;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>The <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Days after the edition's Week that sign-ups keep names and e-mail addresses
    /// (<c>Privacy:ParticipantRetentionDays</c>).
    /// </summary>
    [Range(0, 3650)]
    public int ParticipantRetentionDays { get; set; } = 30;
}
