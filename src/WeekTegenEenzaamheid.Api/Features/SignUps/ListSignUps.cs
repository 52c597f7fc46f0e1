using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The owner's list of sign-ups: confirmed parties first, then the waitlist in order, then cancellations.
/// E-mail addresses are left out: the service itself tells participants about changes, so the initiator
/// does not need them.
/// </summary>
public static class ListSignUps
{
    public sealed record Query(Guid ActivityId, string? ManageToken) : IQuery<Result<SignUpList>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            ActivityStore.IsOwnerAsync(session, clock, ActivityId, ManageToken, cancellationToken);
    }

    public sealed record SignUpList(
        Guid ActivityId, string Title, int? Capacity, int ConfirmedSeats, int WaitlistedParties, IReadOnlyList<Item> Items);

    public sealed record Item(Guid Id, string? Name, int PartySize, string Status, int? Position, DateTimeOffset SignedUpAt);

    private const string Select = $"""
        SELECT {SignUpStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId
        ORDER BY r.sign_up_no
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<SignUpList>>
    {
        public async Task<Result<SignUpList>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            var rows = await session.QueryAsync<SignUpRow>(Select, new { request.ActivityId }, cancellationToken);
            var position = 0;
            var items = rows
                .OrderBy(row => row.Status switch { SignUpStatus.Confirmed => 0, SignUpStatus.Waitlisted => 1, _ => 2 })
                .Select(row => new Item(row.Id, row.Name, row.PartySize, row.Status,
                    row.Status == SignUpStatus.Waitlisted ? ++position : null, AmsterdamTime.ToLocal(row.CreatedAt)))
                .ToArray();
            return new SignUpList(activity.Id, activity.Title, activity.Capacity, activity.SeatsTaken, position, items);
        }
    }

    /// <summary>GET /api/activities/{id}/registrations: JSON, or with <c>Accept: text/csv</c> the CSV file for Excel.</summary>
    public static async Task<Results<Ok<SignUpList>, FileContentHttpResult, ProblemHttpResult>> Endpoint(
        Guid id,
        [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token,
        HttpRequest request,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Query(id, token), ct)).Match<Results<Ok<SignUpList>, FileContentHttpResult, ProblemHttpResult>>(
            list => ExcelCsv.IsAccepted(request)
                ? TypedResults.File(ToCsv(list), ExcelCsv.ContentType + "; charset=utf-8", $"aanmeldingen-{list.ActivityId}.csv")
                : TypedResults.Ok(list),
            error => Problems.From(error));

    /// <summary>The list for Excel (<see cref="ExcelCsv"/>); a name that starts like a formula cannot run as one.</summary>
    public static byte[] ToCsv(SignUpList list) => ExcelCsv.Write(csv =>
    {
        csv.WriteRow("Naam", "Aantal personen", "Status", "Plaats op wachtlijst", "Aangemeld op");
        foreach (var item in list.Items)
        {
            csv.WriteRow(
                item.Name ?? "(gegevens verwijderd)",
                item.PartySize.ToString(CultureInfo.InvariantCulture),
                StatusText(item.Status),
                item.Position?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                AmsterdamTime.Short(item.SignedUpAt));
        }
    });

    private static string StatusText(string status) => status switch
    {
        SignUpStatus.Confirmed => "bevestigd",
        SignUpStatus.Waitlisted => "wachtlijst",
        SignUpStatus.Cancelled => "geannuleerd",
        _ => status,
    };
}
