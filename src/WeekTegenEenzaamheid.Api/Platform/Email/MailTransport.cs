using MailKit.Net.Smtp;
using MimeKit;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>Where a dispatch run delivers: one SMTP connection, reused for the run, or the pickup folder.</summary>
public interface IMailTransport : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Sends over one SMTP connection, opened (and authenticated when a user is set) on the first e-mail; 30 s timeout per
/// command.
/// </summary>
public sealed class SmtpTransport(EmailOptions options) : IMailTransport
{
    // SmtpClient is not thread-safe: each dispatch run owns one.
    private readonly SmtpClient client = new() { Timeout = 30_000 };

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, options.Security, cancellationToken);
            if (!string.IsNullOrEmpty(options.SmtpUser))
            {
                await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? string.Empty, cancellationToken);
            }
        }

        await client.SendAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception)
            {
                // The messages were already accepted; a failed QUIT changes nothing.
            }
        }

        client.Dispose();
    }
}

/// <summary>
/// Writes each e-mail as <c>&lt;Message-Id&gt;.eml</c> in the pickup folder; sending the same e-mail again overwrites
/// it.
/// </summary>
public sealed class PickupDirectoryTransport(EmailOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.PickupDirectory);
        Directory.CreateDirectory(folder);
        // Named after the Message-Id, written then moved: a retry overwrites instead of adding a copy.
        var name = message.MessageId!.Split('@')[0] + ".eml";
        var temporary = Path.Combine(folder, "." + name + ".tmp");
        await message.WriteToAsync(MailFormat.Wire, temporary, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name), overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
