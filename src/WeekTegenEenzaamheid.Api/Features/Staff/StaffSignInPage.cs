using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Staff sign-in at <see cref="StaffSessionCookie.SignInPath"/>: ask for a link by e-mail, open it, press
/// <b>Inloggen</b> (opening changes nothing: mail scanners open links), and sign out. After sign-in the browser goes to
/// the page it came for (<c>terug</c>, a local path only) or to its role's start page.
/// </summary>
public static class StaffSignInPage
{
    public const string SignOutPath = "/medewerkers/uitloggen";

    public static IEndpointRouteBuilder MapStaffSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(StaffSessionCookie.SignInPath, (string? terug) =>
                PagesExtensions.Page<StaffSignInForm>(new { Form = FormState.Empty.Set("terug", terug) }))
            .ExcludeFromDescription();

        app.MapPost(StaffSessionCookie.SignInPath, async Task<IResult> (IFormCollection posted, IMediator mediator, CancellationToken ct) =>
            {
                var form = FormState.From(posted);
                try
                {
                    await mediator.Send(new RequestStaffSignInLink.Command(form.Value("email"), form.Value("terug")), ct);
                }
                catch (ValidationException)
                {
                    form.AddError("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
                    return PagesExtensions.Page<StaffSignInForm>(new { Form = form }, StatusCodes.Status422UnprocessableEntity);
                }

                return PagesExtensions.Page<MessagePage>(new
                {
                    Title = "Controleer je e-mail",
                    Message = $"Is {form.Value("email")} het e-mailadres van een medewerker, dan krijg je binnen een paar minuten "
                        + "een inloglink. De link werkt 15 minuten en één keer.",
                });
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();

        app.MapGet(StaffMembers.LinkPath, (string? token, string? terug) =>
                PagesExtensions.Page<StaffUseLink>(new { Token = token ?? string.Empty, ReturnPath = terug ?? string.Empty }))
            .ExcludeFromDescription();

        app.MapPost(StaffMembers.LinkPath, async (IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await (await mediator.Send(new SignInStaff.Command(posted["token"].ToString()), ct)).Match<Task<IResult>>(
                    async session =>
                    {
                        await http.SignInAsync(StaffSessionCookie.SchemeName, session.Principal,
                            new AuthenticationProperties { ExpiresUtc = session.ExpiresAt, IsPersistent = false });
                        var back = posted[StaffSessionCookie.ReturnUrlParameter].ToString();
                        return Results.LocalRedirect(StaffSessionCookie.IsLocalPath(back) ? back : StartPage(session.Role));
                    },
                    _ => Task.FromResult<IResult>(PagesExtensions.Page<MessagePage>(
                        new
                        {
                            Title = "Link niet geldig",
                            Message = "Deze inloglink is verlopen of al gebruikt. Vraag op de inlogpagina een nieuwe aan.",
                        },
                        StatusCodes.Status404NotFound))))
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();

        app.MapPost(SignOutPath, async (HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                // The policy below has made the session the request's user.
                if (StaffSessionCookie.SessionId(http.User) is { } sessionId)
                {
                    await mediator.Send(new SignOutStaff.Command(sessionId), ct);
                }

                await http.SignOutAsync(StaffSessionCookie.SchemeName);
                return PagesExtensions.Page<MessagePage>(new
                {
                    Title = "Je bent uitgelogd",
                    Message = "Je bent uitgelogd. Wil je weer aan het werk? Vraag op de inlogpagina een nieuwe inloglink aan.",
                });
            })
            // No form field is read, so the antiforgery check is asked for: a foreign page must not sign anyone out. The
            // token of the Uitloggen button was made for the signed-in member, so the session must be read (the staff pages'
            // policy admits every role) before it is checked; without a session there is nothing to end: to the sign-in page.
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .RequireAuthorization(StaffPolicies.LogisticsPages)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>Where a role starts: the warehouse's day for logistics, the programme office for admins.</summary>
    public static string StartPage(string role) => role == StaffRoles.Admin ? "/programmabureau" : "/magazijn";
}
