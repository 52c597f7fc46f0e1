using Microsoft.AspNetCore.Authentication;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary>
/// Puts a staff member's session (<see cref="StaffSessionCookie"/>) on every page request before the pages' antiforgery
/// check. An antiforgery token is bound to the user it was issued to; a staff page issues it to the session's member
/// (its route group authenticates the cookie), but the check runs in middleware, before authorization, where the default
/// scheme (API keys) left the user anonymous, so every form on a staff page (Opslaan, Uitloggen) was refused as "meant for
/// a different user". <c>/api</c> keeps API keys only: a cookie must never authorize the API, which has no antiforgery.
/// </summary>
public static class StaffSessionOnPages
{
    /// <summary>Call after <c>UseAuthentication</c> and before <c>UsePages</c> (whose middleware checks antiforgery).</summary>
    public static WebApplication UseStaffSessionOnPages(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api") && context.User.Identity?.IsAuthenticated != true)
            {
                // The handler keeps its result for the request: the page group's policy reuses it without a second query.
                var session = await context.AuthenticateAsync(StaffSessionCookie.SchemeName);
                if (session.Succeeded)
                {
                    context.User = session.Principal;
                }
            }

            await next(context);
        });
        return app;
    }
}
