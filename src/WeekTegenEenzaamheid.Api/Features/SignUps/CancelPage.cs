using MediatR;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Privacy;
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

    /// <summary>GET: the sign-up and, while it can still be cancelled, the button; changes nothing.</summary>
    public static async Task<IResult> Show(Guid id, string? token, IMediator mediator, CancellationToken ct) =>
        Render(await mediator.SendFromPageAsync(new GetSignUp.Query(id, token), "Sign-up", ct), token, justCancelled: false);

    /// <summary>POST (the button, with the antiforgery token): cancels and shows the sign-up as it is now.</summary>
    public static async Task<IResult> Cancel(Guid id, [FromForm] string? token, IMediator mediator, CancellationToken ct) =>
        Render(await mediator.SendFromPageAsync(new CancelSignUp.Command(id, token), "Sign-up", ct), token, justCancelled: true);

    /// <summary>The address of the erase step: GET asks first and changes nothing, POST erases.</summary>
    public const string ErasePath = "/aanmeldingen/{id:guid}/gegevens-wissen";

    /// <summary>GET: says what erasing does (cancel, name and address wiped, the link stops working); changes nothing.</summary>
    public static async Task<IResult> AskErase(Guid id, string? token, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
        (await mediator.SendFromPageAsync(new GetSignUp.Query(id, token), "Sign-up", ct)).Match(
            details => PagesExtensions.Page<EraseSignUpPage>(new { Details = details, Token = token, Now = clock.GetUtcNow() }),
            _ => NotValid());

    /// <summary>
    /// POST (the confirm button, with the antiforgery token): sends <see cref="EraseOwnSignUp.Command"/> and says what was
    /// erased; an unknown sign-up or token shows "link niet geldig".
    /// </summary>
    public static async Task<IResult> Erase(Guid id, [FromForm] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.SendFromPageAsync(new EraseOwnSignUp.Command(id, token), "Sign-up", ct)).Match(
            counts => PagesExtensions.Page<MessagePage>(new
            {
                Title = "Je gegevens zijn gewist",
                Message = (counts.SignUpsCancelled > 0 ? "Je aanmelding is geannuleerd. " : string.Empty)
                    + "Je naam en e-mailadres zijn gewist, net als de e-mails die we je over deze aanmelding stuurden. "
                    + "De link in die e-mails werkt niet meer.",
            }),
            _ => NotValid());

    private static IResult Render(Result<SignUpDetails> result, string? token, bool justCancelled) => result.Match<IResult>(
        details => PagesExtensions.Page<CancelSignUpPage>(new { Details = details, Token = token, JustCancelled = justCancelled }),
        error => error.Status == StatusCodes.Status409Conflict
            ? PagesExtensions.Page<MessagePage>(
                new { Title = "Annuleren kan niet meer",
                    Message = "De activiteit is al begonnen; je aanmelding kan niet meer worden geannuleerd." },
                StatusCodes.Status409Conflict)
            : NotValid());

    private static IResult NotValid() => PagesExtensions.Page<MessagePage>(
        new
        {
            Title = "Link niet geldig",
            Message = "Deze link is niet (meer) geldig. Na afloop van de Week worden aanmeldingen na enige tijd verwijderd; "
                + "daarna werkt de link niet meer.",
        },
        StatusCodes.Status404NotFound);
}
