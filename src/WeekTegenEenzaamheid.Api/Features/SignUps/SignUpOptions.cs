using System.ComponentModel.DataAnnotations;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>The <c>SignUps</c> configuration section.</summary>
public sealed class SignUpOptions
{
    public const string Section = "SignUps";

    /// <summary>How long before the start the reminder goes (<c>SignUps:ReminderLeadTime</c>); default one day.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromDays(1);
}
