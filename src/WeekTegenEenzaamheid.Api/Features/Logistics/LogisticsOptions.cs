namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>The <c>Logistics</c> configuration section.</summary>
public sealed class LogisticsOptions
{
    public const string Section = "Logistics";

    /// <summary>Logistics:PickBatchCron when not set: 07:00 on weekdays, Europe/Amsterdam.</summary>
    public const string DefaultPickBatchCron = "0 7 * * 1-5";

    /// <summary>When the scheduled pick batch runs (<c>Logistics:PickBatchCron</c>), a Europe/Amsterdam cron expression.</summary>
    public string PickBatchCron { get; set; } = DefaultPickBatchCron;

    /// <summary>Where the daily late-orders alert goes; without it the check only logs.</summary>
    public string? Mailbox { get; set; }
}

/// <summary>The <c>Carrier</c> configuration section.</summary>
public sealed class CarrierOptions
{
    /// <summary>The HMAC key of carrier events; without it the webhook answers 503.</summary>
    public string? WebhookSecret { get; set; }
}
