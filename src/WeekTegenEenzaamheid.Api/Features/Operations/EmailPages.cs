using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

/// <summary>
/// The programme office's page of failed e-mails (admin session), <c>/programmabureau/e-mails</c>: addresses, subjects,
/// when, attempts and the last error, never a body; paged with the opaque cursor in <c>na</c>. <b>Opnieuw proberen</b>
/// sends <see cref="RetryEmail.Command"/> as <c>POST /api/admin/emails/{id}/retry</c> does.
/// </summary>
public static class EmailPages
{
    public const string Path = "/programmabureau/e-mails";

    public static IEndpointRouteBuilder MapEmailPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapStaffPages(Path, StaffPolicies.AdminPages);
        group.MapGet("/", async (string? na, string? gedaan, IMediator mediator, CancellationToken ct) =>
            await PageAsync(na, gedaan == "opnieuw" ? RetriedNotice : null, null, mediator, ct));

        group.MapPost("/{id:guid}/opnieuw", async (Guid id, IMediator mediator, CancellationToken ct) =>
            await (await mediator.Send(new RetryEmail.Command(id), ct)).Match<Task<IResult>>(
                _ => Task.FromResult(Results.Redirect(Path + "?gedaan=opnieuw")),
                error => error.Status == StatusCodes.Status404NotFound
                    ? Task.FromResult<IResult>(PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound))
                    : PageAsync(null, null, "Deze e-mail staat al in de wachtrij of is al verstuurd; opnieuw proberen is niet nodig.",
                        mediator, ct, StatusCodes.Status409Conflict)));
        return app;
    }

    private const string RetriedNotice = "De e-mail staat weer in de wachtrij en wordt binnen een minuut opnieuw verstuurd. "
        + "Mislukt het weer, dan staat hij hier opnieuw.";

    private static async Task<IResult> PageAsync(string? cursor, string? notice, string? problem, IMediator mediator,
        CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var page = await mediator.Send(new ListFailedEmails.Query(cursor), ct);
        return PagesExtensions.Page<FailedEmailsPage>(
            new
            {
                Result = page,
                NextPage = page.NextCursor is null ? null : Path + "?na=" + Uri.EscapeDataString(page.NextCursor),
                Notice = notice,
                Problem = problem,
            },
            status);
    }
}
