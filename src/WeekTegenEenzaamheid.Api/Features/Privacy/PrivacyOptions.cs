namespace WeekTegenEenzaamheid.Api.Features.Privacy;

public sealed class PrivacyOptions
{
    /// <summary>Days after the edition's Week that sign-ups keep names and e-mail addresses (<c>Privacy:ParticipantRetentionDays</c>).</summary>
    public int ParticipantRetentionDays { get; init; } = 30;

    public static PrivacyOptions From(IConfiguration configuration) => new()
    {
        ParticipantRetentionDays = configuration.GetValue("Privacy:ParticipantRetentionDays", 30),
    };
}
