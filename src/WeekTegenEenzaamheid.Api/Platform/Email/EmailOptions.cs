using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>The <c>Email</c> configuration section: how and as whom e-mails leave the outbox.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP server; without one, e-mails are written to <see cref="PickupDirectory"/> as .eml files.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>The From header of every e-mail, as <c>Name &lt;address&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Eén tegen eenzaamheid <noreply@localhost>";

    /// <summary>
    /// How long a dispatch run holds the e-mails it claimed; a run that died leaves them to another run (or
    /// app server) after this. At least two minutes: a batch stops a minute before its lease ends. Five by default.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a dispatch run that found nothing due waits for e-mails committed by this app server before it ends;
    /// a trickle of sign-ups then shares one Hangfire job instead of paying one each. Zero ends a run at once (the
    /// tests: each run's end is then decided by the queue alone). Two seconds by default.
    /// </summary>
    public TimeSpan OutboxLinger { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The <c>App</c> configuration section.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Where the public site is reached; links in e-mails and calendar files start with it.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>An absolute link: the base URL without its trailing slash, then <paramref name="pathAndQuery"/>.</summary>
    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
