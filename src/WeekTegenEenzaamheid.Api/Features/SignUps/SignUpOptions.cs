namespace WeekTegenEenzaamheid.Api.Features.SignUps;

public sealed class SignUpOptions
{
    /// <summary>How long before the start the reminder goes (<c>SignUps:ReminderLeadTime</c>).</summary>
    public TimeSpan ReminderLeadTime { get; init; } = TimeSpan.FromDays(1);

    public static SignUpOptions From(IConfiguration configuration) => new()
    {
        ReminderLeadTime = configuration.GetValue("SignUps:ReminderLeadTime", TimeSpan.FromDays(1)),
    };
}
