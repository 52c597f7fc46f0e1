using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform.Email;

/// <summary>E-mails as strict receivers read them: charsets, encoded-words, line ends and lengths.</summary>
[Collection(AppCollection.Name)]
public sealed partial class EmailWireFormatTests(AppFixture fixture)
{
    [Fact]
    public async Task SignUpConfirmation_CalendarAttachment_NamesItsCharset()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = "Één kop soep";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        var message = (await fixture.Smtp.WaitForAsync(signUp.Email)).Single();

        var textParts = message.BodyParts.OfType<MimePart>().Where(part => part.ContentType.IsMimeType("text", "*")).ToArray();
        textParts.Length.ShouldBe(3);
        textParts.ShouldAllBe(part => string.Equals(part.ContentType.Charset, "utf-8", StringComparison.OrdinalIgnoreCase));
        var calendar = message.Attachments.OfType<MimePart>().Single(part => part.FileName == "activiteit.ics");
        calendar.ContentType.MimeType.ShouldBe("text/calendar");
        calendar.ContentType.Parameters["method"].ShouldBe("PUBLISH");
        using var content = new MemoryStream();
        await calendar.Content!.DecodeToAsync(content);
        Encoding.GetEncoding(calendar.ContentType.Charset!).GetString(content.ToArray()).ShouldContain("SUMMARY:Één kop soep");
    }

    [Fact]
    public async Task Verification_SubjectWithManyAccents_IsEncodedWordsOfAtMost75Characters()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        var title = "Één café-ontmoeting: crème brûlée, paté en naïeve gesprekken over “tête-à-tête” ééééééé";
        body["title"] = title;

        var activity = await ActivityFlow.RegisterAsync(fixture, body);

        var subject = activity.VerificationEmail.Headers.First(header => header.Id == HeaderId.Subject);
        var raw = Encoding.ASCII.GetString(subject.RawValue);
        var words = EncodedWord().Matches(raw).Select(match => match.Value).ToArray();
        words.Length.ShouldBeGreaterThan(1, raw);
        words.ShouldAllBe(word => word.Length <= 75);
        raw.Split('\n').ShouldAllBe(line => line.TrimEnd('\r').Length <= 76);
        activity.VerificationEmail.Subject.ShouldBe($"Bevestig je activiteit: {title}");
    }

    [Fact]
    public async Task SignUpConfirmation_LongAccentedName_IsEncodedWordsOfAtMost75Characters()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var name = "Élodie Ångström-Ünderwäldér van der Çöllëgë-Brüßel ën Ørsted-Ñúñez dë Jóng-Bóssché";
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: name);

        var message = (await fixture.Smtp.WaitForAsync(signUp.Email)).Single();

        var to = message.Headers.First(header => header.Id == HeaderId.To);
        var raw = Encoding.ASCII.GetString(to.RawValue);
        EncodedWord().Matches(raw).Select(match => match.Value).ShouldAllBe(word => word.Length <= 75, raw);
        message.To.Mailboxes.Single().Name.ShouldBe(name);
    }

    [Fact]
    public async Task PickupFolder_LongRejectionReason_IsWrittenWithCrlfAndLinesOfAtMost998Octets()
    {
        await using var app = new WteApp(smtpPort: null);
        var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        (await admin.PutAsJsonAsync($"/api/editions/{fixture.Edition.Year}", fixture.Edition.Body)).EnsureSuccessStatusCode();
        var contact = ActivityBodies.UniqueEmail("pickup-long");
        var created = await app.CreateClient().PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        var reason = "Deze activiteit voldoet niet aan de voorwaarden, omdat "
            + string.Concat(Enumerable.Repeat("de beschrijving te vaag is ", 35)).Trim() + ".";
        reason.Length.ShouldBeLessThanOrEqualTo(1000);

        (await admin.PostAsJsonAsync($"/api/admin/activities/{id}/reject", new { reason })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var file = await SentFileAsync(app, "Je activiteit is niet geplaatst");
        var bytes = await File.ReadAllBytesAsync(file);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                (i > 0 && bytes[i - 1] == '\r').ShouldBeTrue($"a bare LF at octet {i}");
            }
        }

        var lines = Encoding.ASCII.GetString(bytes).Split("\r\n");
        lines.Max(line => line.Length).ShouldBeLessThanOrEqualTo(998);
        bytes.ShouldAllBe(octet => octet < 128);
        var message = MimeMessage.Load(file);
        message.TextBody!.ShouldContain(reason);
        message.HtmlBody!.ShouldContain(reason);
    }

    private static async Task<string> SentFileAsync(WteApp app, string subjectStart)
    {
        await app.RunJobsAsync();
        var found = Directory.Exists(app.PickupFolder)
            ? Directory.GetFiles(app.PickupFolder, "*.eml")
                .FirstOrDefault(file => MimeMessage.Load(file).Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true)
            : null;
        found.ShouldNotBeNull($"an e-mail \"{subjectStart}\" in the pickup folder");
        return found;
    }

    [GeneratedRegex(@"=\?[^?]+\?[bBqQ]\?[^?]*\?=")]
    private static partial Regex EncodedWord();
}
