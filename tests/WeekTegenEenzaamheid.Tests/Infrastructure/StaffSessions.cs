using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// Staff members for page tests: made as <c>staff create --email</c> makes them, signed in through the sign-in link's
/// page and its button <b>Inloggen</b>, as a person does. (The e-mailed link itself is tested in StaffSignInTests.)
/// </summary>
public static class StaffSessions
{
    /// <summary>A new member of <paramref name="role"/> with a unique address; returns the address.</summary>
    public static async Task<(Guid Id, string Email)> CreateMemberAsync(this WteApp app, string role, string? name = null)
    {
        var email = ActivityBodies.UniqueEmail("medewerker-" + role);
        await using var session = app.NewSession();
        var (id, _) = await StaffMembers.CreateAsync(session, name ?? $"Test {role}", role, email, app.Clock.GetUtcNow(),
            CancellationToken.None);
        return (id, email);
    }

    /// <summary>A new member of <paramref name="role"/> with a unique address and an API key, as <c>staff create</c> makes one.</summary>
    public static async Task<(Guid Id, string Email, string Key)> CreateMemberWithKeyAsync(this WteApp app, string role, string name)
    {
        var email = ActivityBodies.UniqueEmail("medewerker-" + role);
        await using var session = app.NewSession();
        var (id, key) = await StaffMembers.CreateAsync(session, name, role, email, app.Clock.GetUtcNow(), CancellationToken.None);
        return (id, email, key);
    }

    /// <summary>The path (with token) of a fresh sign-in link for the member, as <c>staff link --email</c> prints it.</summary>
    public static async Task<string> SignInLinkAsync(this WteApp app, Guid staffId, string? returnPath = null)
    {
        await using var session = app.NewSession();
        return StaffMembers.LinkFor(
            await StaffMembers.CreateSignInTokenAsync(session, staffId, app.Clock.GetUtcNow(), CancellationToken.None), returnPath);
    }

    /// <summary>
    /// A browser-like client (cookies kept, redirects not followed) signed in as a new member of <paramref name="role"/>.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(this WteApp app, string role) =>
        (await app.SignedInMemberAsync(role)).Client;

    /// <summary>A new member of <paramref name="role"/>, named <paramref name="name"/>, and a cookie client signed in as them.</summary>
    public static async Task<(Guid Id, string Email, HttpClient Client)> SignedInMemberAsync(
        this WteApp app, string role, string? name = null)
    {
        var (id, email) = await app.CreateMemberAsync(role, name);
        return (id, email, await app.SignInAsync(id));
    }

    /// <summary>A new cookie client signed in as member <paramref name="staffId"/> through a sign-in link's page.</summary>
    public static async Task<HttpClient> SignInAsync(this WteApp app, Guid staffId)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var open = await PageClient.GetAsync(client, await app.SignInLinkAsync(staffId));
        var signedIn = await PageClient.SubmitAsync(client, open, "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return client;
    }

    private static DbSession NewSession(this WteApp app) =>
        new(app.Services.GetRequiredService<ConnectionFactory>(), [], NullLogger<DbSession>.Instance);
}
