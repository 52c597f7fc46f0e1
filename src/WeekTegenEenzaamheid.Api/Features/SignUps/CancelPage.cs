using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The page behind the cancel link in every participant e-mail. Opening it changes nothing (mail scanners
/// open links); the button posts the token back to cancel.
/// </summary>
public static class CancelPage
{
    public const string Path = "/aanmeldingen/{id:guid}/annuleren";

    public static IEndpointRouteBuilder MapCancelPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Guid id, string? token, IMediator mediator, CancellationToken ct) =>
                Render(await mediator.Send(new GetSignUp.Query(id, token), ct), token, justCancelled: false))
            .ExcludeFromDescription();

        app.MapPost(Path, async (Guid id, IFormCollection form, IMediator mediator, CancellationToken ct) =>
            {
                var token = form["token"].ToString();
                return Render(await mediator.Send(new CancelSignUp.Command(id, token), ct), token, justCancelled: true);
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Render(Result<SignUpDetails> result, string? token, bool justCancelled) => result.Match<IResult>(
        details => PagesExtensions.Page<CancelSignUpPage>(new { Details = details, Token = token, JustCancelled = justCancelled }),
        error => error.Status == StatusCodes.Status409Conflict
            ? PagesExtensions.Page<MessagePage>(
                new { Title = "Annuleren kan niet meer",
                    Message = "De activiteit is al begonnen; je aanmelding kan niet meer worden geannuleerd." },
                StatusCodes.Status409Conflict)
            : PagesExtensions.Page<MessagePage>(
                new
                {
                    Title = "Link niet geldig",
                    Message = "Deze link is niet (meer) geldig. Na afloop van de Week worden aanmeldingen na enige tijd verwijderd; "
                        + "daarna werkt de link niet meer.",
                },
                StatusCodes.Status404NotFound));
}
