using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WeekTegenEenzaamheid.Bench;

/// <summary>The yardstick for the reminders figure: a plain MailKit loop over one connection to the same server.</summary>
public static class MailLoop
{
    public static async Task RunAsync(Options options)
    {
        var count = options.Int("count", 5_000);
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", options.Int("port", 2525), SecureSocketOptions.None);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = "Herinnering: morgen is je activiteit" };
            message.From.Add(MailboxAddress.Parse("Eén tegen eenzaamheid <noreply@bench.test>"));
            message.To.Add(new MailboxAddress($"Deelnemer {i}", $"loop{i}@bench.test"));
            message.Body = new BodyBuilder
            {
                TextBody = new string('x', 900),
                HtmlBody = "<p>" + new string('x', 1200) + "</p>",
            }.ToMessageBody();
            await client.SendAsync(message);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await client.DisconnectAsync(true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} {seconds:0.000}"));
    }
}
