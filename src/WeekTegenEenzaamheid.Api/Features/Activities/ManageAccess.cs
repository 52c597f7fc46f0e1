using Microsoft.AspNetCore.DataProtection;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// Opening a manage link signs the browser in for that activity: the token goes into a cookie (encrypted, HttpOnly,
/// SameSite=Lax, path /beheer, Secure outside development and tests over plain HTTP), so later addresses carry no
/// token. The token in the e-mail stays valid; the cookie lasts as long as the browser session.
/// </summary>
public sealed class ManageAccess(IDataProtectionProvider protection, IHostEnvironment environment)
{
    private readonly IDataProtector protector = protection.CreateProtector("WeekTegenEenzaamheid.ManageAccess.v1");

    public void Remember(HttpContext http, Guid activityId, string token) =>
        http.Response.Cookies.Append(CookieName(activityId), protector.Protect(token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/beheer",
            Secure = http.Request.IsHttps || environment.IsProduction(),
            IsEssential = true,
        });

    /// <summary>The token this browser holds for the activity, or null.</summary>
    public string? Token(HttpContext http, Guid activityId)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName(activityId), out var value))
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

    private static string CookieName(Guid activityId) => "wte-beheer-" + activityId.ToString("N");
}
