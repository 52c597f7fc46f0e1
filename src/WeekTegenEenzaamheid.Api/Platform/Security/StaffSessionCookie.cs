using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary>
/// The staff pages' session: ASP.NET Core's cookie authentication (cookie <c>wte-medewerker</c>, HttpOnly,
/// SameSite=Lax, Secure outside Development and the tests' plain HTTP, encrypted with the shared Data Protection key
/// ring) holding a session id of <c>staff_sessions</c>. Every request checks that row: a session that ended (sign out,
/// revoked member, <see cref="Lifetime"/> passed) is refused at once on every app server, and a changed role or name
/// applies from the next request. Without a session a staff page redirects to <see cref="SignInPath"/> with the page in
/// <c>terug</c>; with the wrong role it answers a Dutch 403 page.
/// </summary>
public static class StaffSessionCookie
{
    public const string SchemeName = "StaffSession";

    public const string SignInPath = "/medewerkers/inloggen";

    public const string ReturnUrlParameter = "terug";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "wte-medewerker";

    /// <summary>The session's id (<c>staff_sessions.id</c>) in the cookie's ticket.</summary>
    public const string SessionIdClaim = "wte:staff-session";

    /// <summary>A session ends 8 hours after sign-in at the latest (issue 12), whatever the browser does.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string SelectActive = """
        SELECT k.id AS StaffId, k.name AS Name, k.role AS Role
        FROM staff_sessions s
        JOIN staff_keys k ON k.id = s.staff_id
        WHERE s.id = @Id AND s.ended_at IS NULL AND s.expires_at > @Now AND k.revoked_at IS NULL
        """;

    /// <summary>The signed-in principal of a session: the member's id as name identifier (as a staff key's), name and role.</summary>
    public static ClaimsPrincipal Principal(Guid sessionId, Guid staffId, string name, string role) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staffId.ToString()),
                new Claim(ClaimTypes.Name, name),
                new Claim(ClaimTypes.Role, role),
                new Claim(SessionIdClaim, sessionId.ToString()),
            ],
            SchemeName));

    /// <summary>The session id of a signed-in staff principal, or null.</summary>
    public static Guid? SessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(SessionIdClaim), out var id) ? id : null;

    /// <summary>
    /// A path on this site ("/magazijn"), not an address elsewhere ("//evil", "/\\evil", "https://…") and without
    /// control characters (browsers drop a tab or line break, so "/\t/evil" would become "//evil"), as ASP.NET Core's
    /// <c>IsLocalUrl</c> rules.
    /// </summary>
    public static bool IsLocalPath(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    /// <summary>
    /// The page a form on this staff page comes back to when it is posted after the session ended (<c>terug</c> in the
    /// form's address, <see cref="ReturnUrlParameter"/>): the page's own path when it answers a GET, else (a form shown
    /// again after a post) the path that post came back to; null outside a staff session.
    /// </summary>
    public static string? FormReturnPath(HttpContext? http)
    {
        if (http is null || !http.User.Identities.Any(identity => identity.AuthenticationType == SchemeName))
        {
            return null;
        }

        var back = HttpMethods.IsGet(http.Request.Method)
            ? (http.Request.PathBase + http.Request.Path).Value
            : http.Request.Query[ReturnUrlParameter].ToString();
        return IsLocalPath(back) ? back : null;
    }

    /// <summary>
    /// A staff form's address with <see cref="FormReturnPath"/> in <c>terug</c>, or <paramref name="action"/> as it is outside
    /// a staff session: every post form of a staff page has its address from here (PageForm and the forms in a table row).
    /// </summary>
    public static string FormAddress(string action, HttpContext? http) => FormReturnPath(http) is { } back
        ? action + (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ReturnUrlParameter + "=" + Uri.EscapeDataString(back)
        : action;

    internal static AuthenticationBuilder AddStaffSessionCookie(this AuthenticationBuilder builder)
    {
        builder.AddCookie(SchemeName, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.IsEssential = true;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = false;
            options.LoginPath = SignInPath;
            options.ReturnUrlParameter = ReturnUrlParameter;
            options.Events.OnValidatePrincipal = ValidateAsync;
            options.Events.OnRedirectToLogin = context =>
            {
                // A form posted after the session ended must not come back to its own address, which may take posts only
                // (a GET there after sign-in would be a 405): it comes back to the page the form was on, which PageForm
                // puts in the form's address (FormReturnPath), or else to the role's start page.
                var request = context.Request;
                var back = request.Query[ReturnUrlParameter].ToString();
                context.Response.Redirect(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
                    ? context.RedirectUri
                    : IsLocalPath(back) ? $"{SignInPath}?{ReturnUrlParameter}={Uri.EscapeDataString(back)}" : SignInPath);
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToAccessDenied = context => PagesExtensions.WriteMessageAsync(context.HttpContext,
                StatusCodes.Status403Forbidden, "Geen toegang",
                "Deze pagina hoort niet bij jouw rol. Vraag het programmabureau om toegang.");
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(SchemeName).Configure<IHostEnvironment>((options, environment) =>
            options.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always);
        return builder;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var row = SessionId(context.Principal!) is { } id
            ? await services.GetRequiredService<DbSession>().QuerySingleOrDefaultAsync<ActiveSession>(
                SelectActive, new { Id = id, Now = services.GetRequiredService<TimeProvider>().GetUtcNow() },
                context.HttpContext.RequestAborted)
            : null;
        if (row is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
            return;
        }

        if (!context.Principal!.IsInRole(row.Role) || context.Principal.Identity?.Name != row.Name)
        {
            context.ReplacePrincipal(Principal(SessionId(context.Principal)!.Value, row.StaffId, row.Name, row.Role));
        }
    }

    private sealed record ActiveSession
    {
        public Guid StaffId { get; init; }

        public required string Name { get; init; }

        public required string Role { get; init; }
    }
}
