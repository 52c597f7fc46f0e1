using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Operations;

[Collection(AppCollection.Name)]
public sealed class RetryEmailTests(AppFixture fixture)
{
    /// <summary>
    /// An e-mail that failed for good (a full mailbox, say) and whose cause is gone now: the verification e-mail of a new
    /// activity, marked failed before the outbox ran.
    /// </summary>
    public static async Task<(Guid Id, string Address)> FailedEmailAsync(AppFixture fixture)
    {
        var contact = ActivityBodies.UniqueEmail("vol");
        (await fixture.Public.PostAsJsonAsync("/api/activities", ActivityBodies.Valid(fixture.Edition, contact)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await fixture.App.ExecuteAsync(
            "UPDATE outbox_messages SET status = 'failed', attempts = 1, last_error = '552 5.2.2 Mailbox full' WHERE to_address = @Contact",
            new { Contact = contact });
        await fixture.RunJobsAsync();
        fixture.Smtp.MessagesTo(contact).ShouldBeEmpty();
        var failed = await fixture.Admin.GetFromJsonAsync<JsonArray>("/api/admin/emails?status=failed&limit=500");
        var id = failed!.Single(e => e!["toAddress"]!.GetValue<string>() == contact)!["id"]!.GetValue<string>();
        return (Guid.Parse(id), contact);
    }

    [Fact]
    public async Task RetryEmail_AFailedEmail_GoesBackInTheQueue_AndIsSent()
    {
        var (id, contact) = await FailedEmailAsync(fixture);

        var response = await fixture.Admin.PostAsync($"/api/admin/emails/{id}/retry", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var email = await response.ReadJsonAsync();
        email["status"]!.GetValue<string>().ShouldBe("pending");
        email["attempts"]!.GetValue<int>().ShouldBe(0);
        (await fixture.Smtp.WaitForAsync(contact)).ShouldHaveSingleItem().Subject.ShouldNotBeNull();
        var after = await fixture.Admin.GetFromJsonAsync<JsonArray>("/api/admin/emails?status=sent&limit=500");
        after!.Select(e => e!["toAddress"]!.GetValue<string>()).ShouldContain(contact);
    }

    [Fact]
    public async Task RetryEmail_NotFailed_Returns409_UnknownReturns404()
    {
        var (id, contact) = await FailedEmailAsync(fixture);
        (await fixture.Admin.PostAsync($"/api/admin/emails/{id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Smtp.WaitForAsync(contact);

        await (await fixture.Admin.PostAsync($"/api/admin/emails/{id}/retry", null)).ShouldBeProblemAsync(409, "emailNotFailed");
        await (await fixture.Admin.PostAsync($"/api/admin/emails/{Guid.NewGuid()}/retry", null)).ShouldBeProblemAsync(404, "notFound");
        fixture.Smtp.MessagesTo(contact).Count.ShouldBe(1);
    }

    [Fact]
    public async Task RetryEmail_NeedsAnAdminKey()
    {
        var (id, _) = await FailedEmailAsync(fixture);

        (await fixture.Public.PostAsync($"/api/admin/emails/{id}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await fixture.Logistics.PostAsync($"/api/admin/emails/{id}/retry", null)).ShouldBeProblemAsync(403, "forbidden");
        (await fixture.App.ScalarAsync<string>("SELECT status FROM outbox_messages WHERE id = @Id", new { Id = id }))
            .ShouldBe("failed");
    }
}
