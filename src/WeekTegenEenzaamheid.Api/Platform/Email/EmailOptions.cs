using MailKit.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

public sealed class EmailOptions
{
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string PickupDirectory { get; set; } = "data/mail";

    public string From { get; set; } = "Eén tegen eenzaamheid <noreply@localhost>";

    /// <summary>
    /// How long a dispatch run holds the e-mails it claimed; a run that died leaves them to another run (or
    /// app server) after this. At least two minutes: a batch stops a minute before its lease ends. Five by default.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class AppOptions
{
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
