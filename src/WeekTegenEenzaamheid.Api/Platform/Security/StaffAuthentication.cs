using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary>The roles a staff key carries (stored in <c>staff_keys.role</c>); an admin may do what logistics may.</summary>
public static class StaffRoles
{
    public const string Logistics = "logistics";
    public const string Admin = "admin";

    public static readonly string[] All = [Logistics, Admin];
}

/// <summary>
/// The authorization policies of staff endpoints: <see cref="Logistics"/> admits logistics and admin keys, <see
/// cref="Admin"/> admin keys only.
/// </summary>
public static class StaffPolicies
{
    public const string Logistics = "staff-logistics";
    public const string Admin = "staff-admin";

    /// <summary>Staff pages of the warehouse: a signed-in session (<see cref="StaffSessionCookie"/>) of logistics or admin.</summary>
    public const string LogisticsPages = "staff-pages-logistics";

    /// <summary>Staff pages of the programme office: a signed-in admin session.</summary>
    public const string AdminPages = "staff-pages-admin";
}

/// <summary>Who a staff request comes from.</summary>
public static class StaffIdentity
{
    /// <summary>The id of the staff key (<c>staff_keys.id</c>) the request was authenticated with; null without one.</summary>
    public static Guid? Id(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;staff key&gt;</c> by the key's SHA-256 hash in <c>staff_keys</c>. No header:
/// no result (anonymous); an unknown key: failure. Challenges answer 401 <c>unauthorized</c> with
/// <c>WWW-Authenticate: Bearer</c>, a key without the role answers 403 <c>forbidden</c>, both as problem+json.
/// </summary>
public sealed class StaffKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    DbSession session)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "StaffKey";

    private const string FindKey = """
        SELECT id AS Id, name AS Name, role AS Role FROM staff_keys WHERE key_hash = @KeyHash AND revoked_at IS NULL
        """;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        var staff = await session.QuerySingleOrDefaultAsync<StaffRow>(FindKey, new { KeyHash = Tokens.Hash(key) }, Context.RequestAborted);
        if (staff is null)
        {
            return AuthenticateResult.Fail("Unknown staff key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staff.Id.ToString()),
                new Claim(ClaimTypes.Name, staff.Name),
                new Claim(ClaimTypes.Role, staff.Role),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", "A valid staff API key is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "This staff key does not have the role this needs.");

    private sealed record StaffRow
    {
        public Guid Id { get; init; }

        public required string Name { get; init; }

        public required string Role { get; init; }
    }
}

/// <summary>Registers staff authentication and its policies; names the token headers of owners and participants.</summary>
public static class SecurityExtensions
{
    public const string ManageTokenHeader = "X-Manage-Token";
    public const string CancelTokenHeader = "X-Cancel-Token";

    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddSharedDataProtection();
        services.AddAuthentication(StaffKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, StaffKeyAuthenticationHandler>(StaffKeyAuthenticationHandler.SchemeName, null)
            .AddStaffSessionCookie();
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Logistics, policy => policy.RequireRole(StaffRoles.Logistics, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireRole(StaffRoles.Admin))
            .AddPolicy(StaffPolicies.LogisticsPages, policy => policy
                .AddAuthenticationSchemes(StaffSessionCookie.SchemeName).RequireRole(StaffRoles.Logistics, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.AdminPages, policy => policy
                .AddAuthenticationSchemes(StaffSessionCookie.SchemeName).RequireRole(StaffRoles.Admin));
        return services;
    }

    /// <summary>
    /// A group of staff pages under <paramref name="prefix"/> for <paramref name="policy"/> (<see
    /// cref="StaffPolicies.LogisticsPages"/> or <see cref="StaffPolicies.AdminPages"/>): no session redirects to the
    /// sign-in page, the wrong role is a 403 page; every post needs the antiforgery token, also one that reads no form
    /// field (minimal APIs only ask for it when they bind a form); left out of the API reference.
    /// </summary>
    public static RouteGroupBuilder MapStaffPages(this IEndpointRouteBuilder app, string prefix, string policy) =>
        app.MapGroup(prefix).RequireAuthorization(policy).WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

    /// <summary>An owner endpoint: without the manage token header the answer is 401 before anything is looked up.</summary>
    public static RouteHandlerBuilder RequireManageToken(this RouteHandlerBuilder builder) =>
        builder.RequireHeader(ManageTokenHeader, "The activity's manage token is required in X-Manage-Token.");

    /// <summary>A participant's endpoint: without the cancel token header the answer is 401 before anything is looked up.</summary>
    public static RouteHandlerBuilder RequireCancelToken(this RouteHandlerBuilder builder) =>
        builder.RequireHeader(CancelTokenHeader, "The sign-up's cancel token is required in X-Cancel-Token.");

    private static RouteHandlerBuilder RequireHeader(this RouteHandlerBuilder builder, string header, string message) =>
        builder
            .AddEndpointFilter(async (context, next) =>
            {
                if (string.IsNullOrWhiteSpace(context.HttpContext.Request.Headers[header]))
                {
                    await Problems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", message);
                    return Results.Empty;
                }

                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
