using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

[Collection(AppCollection.Name)]
public sealed class StaffApiTests(AppFixture fixture)
{
    [Fact]
    public async Task AddStaffMember_ByKey_Returns201_SendsTheWelcome_AndListsThem()
    {
        var email = ActivityBodies.UniqueEmail("api-collega");

        var response = await fixture.Admin.PostAsJsonAsync("/api/admin/staff", new { name = "Api Collega", email, role = "logistics" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.ReadJsonAsync())["id"]!.GetValue<string>();
        response.Headers.Location!.OriginalString.ShouldBe($"/api/admin/staff/{id}");
        var member = await fixture.Admin.GetFromJsonAsync<JsonObject>($"/api/admin/staff/{id}");
        member!["role"]!.GetValue<string>().ShouldBe("logistics");
        member["email"]!.GetValue<string>().ShouldBe(email);
        var list = await fixture.Admin.GetFromJsonAsync<JsonObject>("/api/admin/staff");
        list!["items"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(id);
        (await fixture.Smtp.WaitForAsync(email)).Single().Subject.ShouldBe("Welkom bij de Week tegen Eenzaamheid");
        await (await fixture.Admin.PostAsJsonAsync("/api/admin/staff", new { name = "Nog eens", email, role = "admin" }))
            .ShouldBeProblemAsync(409, "staffEmailTaken");
        await (await fixture.Admin.PostAsJsonAsync("/api/admin/staff", new { name = "", email = "x", role = "baas" }))
            .ShouldBeValidationProblemAsync("name", "email", "role");
    }

    [Fact]
    public async Task AddStaff_TheSameAddressTwentyTimesAtOnce_AddsOneMember_AndAnswersTheRest409()
    {
        var email = ActivityBodies.UniqueEmail("tegelijk");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fixture.Admin.PostAsJsonAsync("/api/admin/staff", new { name = $"Tegelijk {i}", email, role = "logistics" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(19);
        (await fixture.App.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys WHERE email_key = @Key AND revoked_at IS NULL",
            new { Key = email })).ShouldBe(1);
    }

    [Fact]
    public async Task ChangeRoleAndRevoke_ByKey_TakeEffect_AndTheKeyCannotRevokeItself()
    {
        var (id, _, colleague) = await fixture.App.SignedInMemberAsync("logistics");
        var ownId = await fixture.App.ScalarAsync<string>("SELECT CAST(id AS TEXT) FROM staff_keys WHERE key_hash = @Hash",
            new { Hash = WeekTegenEenzaamheid.Api.Platform.Security.Tokens.Hash(fixture.AdminKey) });

        var role = await fixture.Admin.PutAsJsonAsync($"/api/admin/staff/{id}/role", new { role = "admin" });
        role.StatusCode.ShouldBe(HttpStatusCode.OK, await role.Content.ReadAsStringAsync());
        (await colleague.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var revoke = await fixture.Admin.PostAsync($"/api/admin/staff/{id}/revoke", null);

        revoke.StatusCode.ShouldBe(HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync());
        (await revoke.ReadJsonAsync())["endedSessions"]!.GetValue<int>().ShouldBe(1);
        (await colleague.GetPageAsync("/programmabureau")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await (await fixture.Admin.PostAsync($"/api/admin/staff/{id}/revoke", null)).ShouldBeProblemAsync(409, "staffRevoked");
        await (await fixture.Admin.PostAsync($"/api/admin/staff/{Guid.NewGuid()}/revoke", null)).ShouldBeProblemAsync(404, "notFound");
        await (await fixture.Admin.PostAsync($"/api/admin/staff/{ownId}/revoke", null)).ShouldBeProblemAsync(409, "ownAccess");
        await (await fixture.Admin.PutAsJsonAsync($"/api/admin/staff/{ownId}/role", new { role = "logistics" }))
            .ShouldBeProblemAsync(409, "ownAdminRole");
    }

    [Fact]
    public async Task StaffApi_NeedsAnAdminKey()
    {
        (await fixture.Public.GetAsync("/api/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await fixture.Logistics.GetAsync("/api/admin/staff")).ShouldBeProblemAsync(403, "forbidden");
        await (await fixture.Logistics.PostAsJsonAsync("/api/admin/staff",
            new { name = "X", email = ActivityBodies.UniqueEmail("nee"), role = "admin" })).ShouldBeProblemAsync(403, "forbidden");
    }
}
