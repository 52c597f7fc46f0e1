using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

/// <summary>Changes without a history of their own are kept in staff_actions with who made them (issue 12).</summary>
[Collection(AppCollection.Name)]
public sealed class StaffActionsTests(AppFixture fixture)
{
    [Fact]
    public async Task StaffChanges_AreRecordedWithWhoMadeThem_AndARefusedOneIsNot()
    {
        var adminId = await fixture.App.ScalarAsync<string>("SELECT CAST(id AS TEXT) FROM staff_keys WHERE key_hash = @Hash",
            new { Hash = Tokens.Hash(fixture.AdminKey) });
        var email = ActivityBodies.UniqueEmail("vastgelegd");

        var added = await fixture.Admin.PostAsJsonAsync("/api/admin/staff", new { name = "Vast Gelegd", email, role = "logistics" });
        var memberId = (await added.ReadJsonAsync())["id"]!.GetValue<string>();
        (await fixture.Admin.PutAsJsonAsync($"/api/admin/staff/{memberId}/role", new { role = "admin" })).EnsureSuccessStatusCode();
        (await fixture.Admin.PutAsJsonAsync($"/api/admin/staff/{adminId}/role", new { role = "logistics" }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await fixture.Admin.PostAsync($"/api/admin/staff/{memberId}/revoke", null)).EnsureSuccessStatusCode();
        (await fixture.Admin.PutAsJsonAsync("/api/editions/2063", new TestEdition(2063, new DateOnly(2063, 9, 24),
            new DateOnly(2063, 9, 30)).Body)).EnsureSuccessStatusCode();

        (await ActionsAsync(memberId)).ShouldBe([("staff.added", adminId), ("staff.roleChanged", adminId), ("staff.revoked", adminId)]);
        (await ActionsAsync("2063")).ShouldBe([("edition.saved", adminId)]);
        (await ActionsAsync(adminId)).ShouldBeEmpty();
    }

    private async Task<(string Action, string StaffId)[]> ActionsAsync(string subject)
    {
        await using var connection = await fixture.App.Services.GetRequiredService<ConnectionFactory>().OpenAsync();
        return [.. await connection.QueryAsync<(string, string)>(
            "SELECT action, CAST(staff_id AS TEXT) FROM staff_actions WHERE subject = @Subject ORDER BY done_at, id",
            new { Subject = subject })];
    }
}
