using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// The programme office's staff page (admin session), <c>/programmabureau/medewerkers</c>: the members (paged with the
/// opaque cursor in <c>na</c>), <b>Medewerker toevoegen</b> (<see cref="AddStaffMember"/>: the colleague gets a welcome
/// e-mail with a sign-in link), a role change per member (<see cref="ChangeStaffRole"/>) and revoking after a
/// confirmation step (<see cref="RevokeStaffMember"/>: their sessions end at once). Nobody revokes themselves or takes
/// away their own admin role, and the last active admin stays one (<see cref="LastAdmin"/>).
/// </summary>
public static class StaffPages
{
    public const string Path = "/programmabureau/medewerkers";

    public static string RevokePath(Guid id) => $"{Path}/{id}/intrekken";

    public static string RoleField(Guid id) => $"rol-{id:N}";

    /// <summary>The roles as the office calls them.</summary>
    public static IEnumerable<KeyValuePair<string, string>> RoleOptions =>
        StaffRoles.All.Select(role => KeyValuePair.Create(role, RoleLabel(role)));

    public static string RoleLabel(string role) => role switch
    {
        StaffRoles.Logistics => "Magazijn",
        StaffRoles.Admin => "Programmabureau (beheer)",
        _ => role,
    };

    private static readonly Dictionary<string, (string Field, string Message)> AddErrors = new()
    {
        ["name"] = ("naam", "Vul een naam in van hoogstens 100 tekens, op één regel."),
        ["email"] = ("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        ["role"] = ("rol", "Kies een rol."),
    };

    /// <summary>The page's words for 409 <c>lastAdmin</c> (<see cref="LastAdmin"/>).</summary>
    public const string LastAdminMessage =
        "Dit is de laatste beheerder. Geef eerst een andere medewerker de rol Programmabureau (beheer). Daarna kan het wel.";

    private static readonly Dictionary<string, string> Notices = new()
    {
        ["toegevoegd"] = "De medewerker is toegevoegd en krijgt een e-mail met een link om in te loggen.",
        ["rol"] = "De rol is gewijzigd. Die geldt vanaf de volgende pagina die de medewerker opent.",
        ["ingetrokken"] = "De toegang is ingetrokken. De medewerker is overal uitgelogd en kan niet meer inloggen.",
    };

    public static IEndpointRouteBuilder MapStaffMemberPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapStaffPages(Path, StaffPolicies.AdminPages);
        group.MapGet("/", async (string? na, string? gedaan, HttpContext http, IMediator mediator, CancellationToken ct) =>
            await ListAsync(FormState.Empty, gedaan is not null && Notices.TryGetValue(gedaan, out var notice) ? notice : null, na, http,
                mediator, ct));
        group.MapPost("/", AddAsync);
        group.MapPost("/{id:guid}/rol", ChangeRoleAsync);
        group.MapGet("/{id:guid}/intrekken", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetStaffMember.Query(id), ct)).Match<IResult>(
                member => PagesExtensions.Page<RevokeStaffPage>(new { Member = member, Self = id == StaffIdentity.Id(http.User) }),
                _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)));
        group.MapPost("/{id:guid}/intrekken", RevokeAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(FormState form, string? notice, string? cursor, HttpContext http, IMediator mediator,
        CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var page = await mediator.Send(new ListStaffMembers.Query(cursor), ct);
        return PagesExtensions.Page<StaffMembersPage>(
            new
            {
                Result = page,
                NextPage = page.NextCursor is null ? null : Path + "?na=" + Uri.EscapeDataString(page.NextCursor),
                Form = form,
                Notice = notice,
                Self = StaffIdentity.Id(http.User),
            },
            status);
    }

    private static async Task<IResult> AddAsync(IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        try
        {
            var result = await mediator.Send(new AddStaffMember.Command(form.Value("naam"), form.Value("email"), form.Value("rol")), ct);
            return await result.Match<Task<IResult>>(
                _ => Task.FromResult(Results.Redirect(Path + "?gedaan=toegevoegd")),
                _ => ListAsync(form.AddError("email", "Er is al een medewerker met dit e-mailadres."), null, null, http, mediator, ct,
                    StatusCodes.Status409Conflict));
        }
        catch (ValidationException invalid)
        {
            return await ListAsync(form.AddErrors(invalid, AddErrors, "naam"), null, null, http, mediator, ct,
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static async Task<IResult> ChangeRoleAsync(Guid id, IFormCollection posted, HttpContext http, IMediator mediator,
        CancellationToken ct)
    {
        var form = FormState.From(posted);
        var field = RoleField(id);
        try
        {
            var result = await mediator.Send(new ChangeStaffRole.Command(id, form.Value(field), StaffIdentity.Id(http.User)), ct);
            return await result.Match<Task<IResult>>(
                _ => Task.FromResult(Results.Redirect(Path + "?gedaan=rol")),
                error => error.Status == StatusCodes.Status404NotFound
                    ? Task.FromResult<IResult>(PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound))
                    : ListAsync(form.AddError(field, error.Code == LastAdmin.Code
                            ? LastAdminMessage
                            : "Je kunt je eigen beheerrol niet weghalen. Vraag dat aan een andere beheerder."),
                        null, null, http, mediator, ct, StatusCodes.Status409Conflict));
        }
        catch (ValidationException)
        {
            return await ListAsync(form.AddError(field, "Kies een rol."), null, null, http, mediator, ct,
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static async Task<IResult> RevokeAsync(Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
        await (await mediator.Send(new RevokeStaffMember.Command(id, StaffIdentity.Id(http.User)), ct)).Match<Task<IResult>>(
            _ => Task.FromResult(Results.Redirect(Path + "?gedaan=ingetrokken")),
            async error => error.Status == StatusCodes.Status404NotFound
                ? PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)
                : (await mediator.Send(new GetStaffMember.Query(id), ct)).Match<IResult>(
                    member => PagesExtensions.Page<RevokeStaffPage>(
                        new { Member = member, Self = id == StaffIdentity.Id(http.User), LastAdmin = error.Code == LastAdmin.Code },
                        StatusCodes.Status409Conflict),
                    _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)));
}
