using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// How a browser proves it may manage an activity without a token in the address. Opening a manage link puts that
/// activity's token in a cookie; signing in at /beheer puts an owner session's token in another (<see cref="SignInWithLink"/>).
/// Both cookies are encrypted, HttpOnly, SameSite=Lax, path /beheer, and Secure outside development and plain-HTTP tests.
/// The token in the e-mail stays valid.
/// </summary>
public sealed class ManageAccess(IDataProtectionProvider protection, IHostEnvironment environment, TimeProvider clock)
{
    private const string SessionCookie = "wte-beheer-sessie";

    private readonly IDataProtector protector = protection.CreateProtector("WeekTegenEenzaamheid.ManageAccess.v1");

    public void Remember(HttpContext http, Guid activityId, string token) =>
        http.Response.Cookies.Append(CookieName(activityId), protector.Protect(token), Options(http, expires: null));

    public void RememberSession(HttpContext http, SignInWithLink.Session session) =>
        http.Response.Cookies.Append(
            SessionCookie,
            protector.Protect(session.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + session.Token),
            Options(http, session.ExpiresAt));

    public void Forget(HttpContext http) => http.Response.Cookies.Delete(SessionCookie, Options(http, expires: null));

    /// <summary>The signed-in owner session's token, or null when there is none or it has ended.</summary>
    public string? SessionToken(HttpContext http)
    {
        if (Read(http, SessionCookie) is not { } value || value.Split('|', 2) is not [var expires, var token])
        {
            return null;
        }

        return long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && clock.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds) ? token : null;
    }

    /// <summary>The token this browser holds for the activity: its own, else the owner session's; or null.</summary>
    public string? Token(HttpContext http, Guid activityId) => Read(http, CookieName(activityId)) ?? SessionToken(http);

    private string? Read(HttpContext http, string cookie)
    {
        if (!http.Request.Cookies.TryGetValue(cookie, out var value))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/beheer",
        Secure = http.Request.IsHttps || environment.IsProduction(),
        IsEssential = true,
        Expires = expires,
    };

    private static string CookieName(Guid activityId) => "wte-beheer-" + activityId.ToString("N");
}
