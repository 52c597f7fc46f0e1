using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>"Mijn activiteiten" at /beheer: ask for a sign-in link, use it, see every activity of the address.</summary>
public static class MyActivitiesPage
{
    public const string SignInPath = "/beheer/inloggen";

    public static IEndpointRouteBuilder MapMyActivitiesPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/beheer", async (HttpContext http, IMediator mediator, ManageAccess access, CancellationToken ct) =>
                (await mediator.Send(new ListMyActivities.Query(access.SessionToken(http)), ct)).Match<IResult>(
                    activities => PagesExtensions.Page<MyActivitiesList>(new { Activities = activities }),
                    _ => PagesExtensions.Page<MyActivitiesSignIn>(new { Form = FormState.Empty })))
            .ExcludeFromDescription();

        app.MapPost("/beheer", async Task<IResult> (IFormCollection posted, IMediator mediator, CancellationToken ct) =>
            {
                var form = FormState.From(posted);
                try
                {
                    await mediator.Send(new RequestSignInLink.Command(form.Value("email")), ct);
                }
                catch (ValidationException)
                {
                    form.AddError("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.");
                    return PagesExtensions.Page<MyActivitiesSignIn>(new { Form = form }, StatusCodes.Status422UnprocessableEntity);
                }

                return PagesExtensions.Page<MessagePage>(new
                {
                    Title = "Controleer je e-mail",
                    Message = $"Is {form.Value("email")} het e-mailadres van een bevestigde activiteit, "
                        + "dan krijg je binnen een paar minuten een inloglink. "
                        + "De link werkt 15 minuten en één keer.",
                });
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();

        // Opening the link changes nothing (mail scanners open links and would use it up); its button signs in.
        app.MapGet(SignInPath, (string? token) => PagesExtensions.Page<MyActivitiesUseLink>(new { Token = token ?? string.Empty }))
            .ExcludeFromDescription();

        app.MapPost(SignInPath, async (IFormCollection posted, HttpContext http, IMediator mediator, ManageAccess access,
            CancellationToken ct) =>
                (await mediator.Send(new SignInWithLink.Command(posted["token"].ToString()), ct)).Match<IResult>(
                    session =>
                    {
                        access.RememberSession(http, session);
                        return Results.Redirect("/beheer");
                    },
                    _ => PagesExtensions.Page<MessagePage>(
                        new
                        {
                            Title = "Link niet geldig",
                            Message = "Deze inloglink is verlopen of al gebruikt. Vraag op Mijn activiteiten een nieuwe aan.",
                        },
                        StatusCodes.Status404NotFound)))
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();

        app.MapPost("/beheer/uitloggen", (IFormCollection posted, HttpContext http, ManageAccess access) =>
            {
                access.Forget(http);
                return Results.Redirect("/beheer");
            })
            .ExcludeFromDescription();
        return app;
    }
}
