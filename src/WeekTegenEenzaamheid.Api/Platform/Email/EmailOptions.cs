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
}

public sealed class AppOptions
{
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
