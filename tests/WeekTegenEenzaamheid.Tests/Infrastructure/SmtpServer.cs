using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// Runs tests/…/Smtp/smtp_server.py (Debian's python3-aiosmtpd, installed by scripts/test.sh) on a
/// free loopback port and reads what arrived from its folder.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wte-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? process;

    public int Port { get; } = FreePort();

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var python = Environment.GetEnvironmentVariable("WTE_TEST_PYTHON") ?? "/usr/bin/python3";
        var script = Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_server.py");
        var start = new ProcessStartInfo(python, ["-u", script, "--port", Port.ToString(), "--dir", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process started;
        try
        {
            started = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The test SMTP server needs {python} with aiosmtpd: run scripts/test.sh, which installs python3-aiosmtpd.", exception);
        }

        // A guard against a hang, not a deadline for a busy machine.
        var ready = await started.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (ready != "READY")
        {
            var error = await started.StandardError.ReadToEndAsync();
            throw new InvalidOperationException(
                $"The test SMTP server did not start (is python3-aiosmtpd installed? run scripts/test.sh): {error}");
        }

        process = started;
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public IReadOnlyList<MimeMessage> Messages()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // The server writes ".<name>.eml" first and then renames it: only the renamed files are complete.
        return Directory.EnumerateFiles(folder, "*.eml")
            .Where(file => !Path.GetFileName(file).StartsWith('.'))
            .Select(file => MimeMessage.Load(file))
            .OrderBy(message => message.Date)
            .ToArray();
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages()
            .Where(message => message.To.Mailboxes.Any(mailbox =>
                string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToArray();

    /// <summary>The app whose e-mails this server receives: its jobs (the outbox dispatch among them) run before a read.</summary>
    public WteApp? App { get; set; }

    /// <summary>
    /// Runs the app's pending jobs, which deliver every committed e-mail before they return (the server stores a
    /// message before it answers 250), then expects at least <paramref name="count"/> messages to the address.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1)
    {
        if (App is not null)
        {
            await App.RunJobsAsync();
        }

        var arrived = MessagesTo(address);
        var failed = App is null ? string.Empty : string.Join("; ", App.FailedJobs.Select(exception => exception.Message));
        arrived.Count.ShouldBeGreaterThanOrEqualTo(
            count, $"Expected {count} e-mail(s) to {address}; {arrived.Count} arrived. Failed jobs: {failed}");
        return arrived;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
