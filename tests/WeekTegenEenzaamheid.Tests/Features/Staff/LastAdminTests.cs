using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

/// <summary>
/// At least one active admin remains, however removals meet. Each test has an app and a database of its own, because the
/// rule counts every admin in the database and the shared app's tests add admins all the time.
/// </summary>
public sealed class LastAdminTests : IAsyncLifetime
{
    private const string LastAdminMessage =
        "Dit is de laatste beheerder. Geef eerst een andere medewerker de rol Programmabureau (beheer). Daarna kan het wel.";

    private const int Rounds = 30;

    private readonly WteApp app = new(smtpPort: null);

    public Task InitializeAsync()
    {
        _ = app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TwoAdminsRemovingEachOther_AtTheSameMoment_AlwaysLeaveOneActiveAdmin()
    {
        for (var round = 0; round < Rounds; round++)
        {
            // Each round starts from exactly two active admins, who demote or revoke each other at once through the API.
            await app.ExecuteAsync("UPDATE staff_keys SET revoked_at = @Now WHERE revoked_at IS NULL", new { Now = app.Clock.GetUtcNow() });
            var (a, aKey) = await NewMemberAsync("admin");
            var (b, bKey) = await NewMemberAsync("admin");
            using var first = app.ClientWithKey(aKey);
            using var second = app.ClientWithKey(bKey);

            var responses = await Task.WhenAll((round % 3) switch
            {
                0 => [Demote(first, b), Demote(second, a)],
                1 => [Revoke(first, b), Revoke(second, a)],
                _ => new[] { Demote(first, b), Revoke(second, a) },
            });

            var active = await app.ScalarAsync<long>(
                "SELECT COUNT(1) FROM staff_keys WHERE role = 'admin' AND revoked_at IS NULL");
            active.ShouldBe(1, $"round {round}");
            var answers = new List<string>();
            foreach (var response in responses)
            {
                answers.Add(response.StatusCode == HttpStatusCode.Conflict
                    ? "409 " + (await response.ReadJsonAsync())["code"]!.GetValue<string>()
                    : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }

            // The first removal to run wins; the other was let in before it committed (refused: last admin) or after (its
            // key or session no longer admin: 401 revoked, 403 demoted).
            answers.Count(answer => answer == "200").ShouldBe(1, $"round {round}: {string.Join(", ", answers)}");
            answers.Where(answer => answer != "200").ShouldAllBe(answer => answer == "409 lastAdmin" || answer == "401" || answer == "403",
                $"round {round}: {string.Join(", ", answers)}");
        }
    }

    [Fact]
    public async Task ChangeRole_OfTheLastActiveAdmin_ByAnAdminDemotedMeanwhile_Returns409_InDutchOnThePage_AndChangesNothing()
    {
        var (a, _) = await app.CreateMemberAsync("admin", "Anna Alleen");
        var (b, bKey) = await NewMemberAsync("admin");
        var browser = await app.SignInAsync(b);
        var page = await PageClient.GetAsync(browser, StaffPages.Path);
        await OnlyTheseAdminsAsync(a, b);
        // Anna demotes B after B's request was let in as an admin, and before its handler runs.
        app.Interludes.Once<ChangeStaffRole.Command>((session, _) => DemoteAsync(session, b));

        var response = await PageClient.SubmitAsync(browser, page, "Rol wijzigen van Anna Alleen", new Dictionary<string, string>
        {
            ["Rol van Anna Alleen"] = "logistics",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await PageClient.ParseAsync(response)).FieldError("Rol van Anna Alleen").ShouldBe(LastAdminMessage);
        (await RoleAsync(a)).ShouldBe("admin");
        app.Interludes.Once<ChangeStaffRole.Command>((session, _) => DemoteAsync(session, b));
        using var key = app.ClientWithKey(bKey);
        await (await key.PutAsJsonAsync($"/api/admin/staff/{a}/role", new { role = "logistics" })).ShouldBeProblemAsync(409, "lastAdmin");
        (await RoleAsync(a)).ShouldBe("admin");
    }

    [Fact]
    public async Task Revoke_OfTheLastActiveAdmin_ByAnAdminDemotedMeanwhile_Returns409_InDutchOnThePage_AndChangesNothing()
    {
        var (a, _) = await app.CreateMemberAsync("admin", "Bert Beheer");
        var (b, bKey) = await NewMemberAsync("admin");
        var browser = await app.SignInAsync(b);
        var confirm = await PageClient.GetAsync(browser, StaffPages.RevokePath(a));
        await OnlyTheseAdminsAsync(a, b);
        app.Interludes.Once<RevokeStaffMember.Command>((session, _) => DemoteAsync(session, b));

        var response = await PageClient.SubmitAsync(browser, confirm, "Toegang intrekken");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        var refused = await PageClient.ParseAsync(response);
        refused.QuerySelector("[role=alert]")!.Text().ShouldBe(LastAdminMessage);
        refused.QuerySelectorAll("button").ShouldNotContain(button => button.Text() == "Toegang intrekken");
        (await app.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys WHERE id = @Id AND revoked_at IS NULL", new { Id = a })).ShouldBe(1);
        app.Interludes.Once<RevokeStaffMember.Command>((session, _) => DemoteAsync(session, b));
        using var key = app.ClientWithKey(bKey);
        await (await key.PostAsync($"/api/admin/staff/{a}/revoke", null)).ShouldBeProblemAsync(409, "lastAdmin");
        (await app.ScalarAsync<long>("SELECT COUNT(1) FROM staff_keys WHERE id = @Id AND revoked_at IS NULL", new { Id = a })).ShouldBe(1);
    }

    private static Task<HttpResponseMessage> Demote(HttpClient client, Guid id) =>
        client.PutAsJsonAsync($"/api/admin/staff/{id}/role", new { role = "logistics" });

    private static Task<HttpResponseMessage> Revoke(HttpClient client, Guid id) => client.PostAsync($"/api/admin/staff/{id}/revoke", null);

    private static Task DemoteAsync(DbSession session, Guid id) =>
        session.ExecuteAsync("UPDATE staff_keys SET role = 'logistics' WHERE id = @Id", new { Id = id }, CancellationToken.None);

    private Task<string> RoleAsync(Guid id) => app.ScalarAsync<string>("SELECT role FROM staff_keys WHERE id = @Id", new { Id = id });

    private Task OnlyTheseAdminsAsync(Guid a, Guid b) =>
        app.ExecuteAsync("UPDATE staff_keys SET revoked_at = @Now WHERE revoked_at IS NULL AND id <> @A AND id <> @B",
            new { Now = app.Clock.GetUtcNow(), A = a, B = b });

    private async Task<(Guid Id, string Key)> NewMemberAsync(string role)
    {
        await using var session = new DbSession(app.Services.GetRequiredService<ConnectionFactory>(), [], NullLogger<DbSession>.Instance);
        return await StaffMembers.CreateAsync(session, $"Beheerder {Guid.NewGuid():N}"[..20], role, null, app.Clock.GetUtcNow(),
            CancellationToken.None);
    }
}
