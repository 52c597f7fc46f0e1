using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The owner's list of sign-ups: confirmed parties first, then the waitlist in order, then cancellations.
/// E-mail addresses are left out: the service itself tells participants about changes, so the initiator
/// does not need them.
/// </summary>
public static class ListRegistrations
{
    public sealed record Query(Guid ActivityId, string? ManageToken) : IQuery<Result<RegistrationList>>;

    public sealed record RegistrationList(Guid ActivityId, string Title, int? Capacity, int ConfirmedSeats, int WaitlistedParties, IReadOnlyList<Item> Items);

    public sealed record Item(Guid Id, string? Name, int PartySize, string Status, int? Position, DateTimeOffset SignedUpAt);

    private const string Select = $"""
        SELECT {RegistrationStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId
        ORDER BY r.sign_up_no
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<RegistrationList>>
    {
        public async Task<Result<RegistrationList>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindOwnedAsync(session, request.ActivityId, request.ManageToken, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            var connection = await session.ConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
                Select, new { request.ActivityId }, session.Transaction, cancellationToken: cancellationToken));
            var position = 0;
            var items = rows
                .OrderBy(row => row.Status switch { RegistrationStatus.Confirmed => 0, RegistrationStatus.Waitlisted => 1, _ => 2 })
                .Select(row => new Item(row.Id, row.Name, row.PartySize, row.Status,
                    row.Status == RegistrationStatus.Waitlisted ? ++position : null, AmsterdamTime.ToLocal(row.CreatedAt)))
                .ToArray();
            return new RegistrationList(activity.Id, activity.Title, activity.Capacity, activity.SeatsTaken, position, items);
        }
    }

    /// <summary>
    /// CSV for Excel as Dutch offices have it: semicolons (Excel's list separator in the Dutch locale, where the
    /// comma is the decimal sign) and UTF-8 with a byte order mark (without it Excel reads the file as ANSI and
    /// breaks accented names). No "sep=" line: with one, Excel ignores the byte order mark. Fields that start
    /// like a formula are escaped with a quote, so a name cannot run as one.
    /// </summary>
    public static byte[] ToCsv(RegistrationList list)
    {
        var configuration = new CsvConfiguration(CultureInfo.GetCultureInfo("nl-NL"))
        {
            Delimiter = ";",
            InjectionOptions = InjectionOptions.Escape,
        };
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, configuration))
        {
            foreach (var header in new[] { "Naam", "Aantal personen", "Status", "Plaats op wachtlijst", "Aangemeld op" })
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var item in list.Items)
            {
                csv.WriteField(item.Name ?? "(gegevens verwijderd)");
                csv.WriteField(item.PartySize);
                csv.WriteField(StatusText(item.Status));
                csv.WriteField(item.Position?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(item.SignedUpAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    private static string StatusText(string status) => status switch
    {
        RegistrationStatus.Confirmed => "bevestigd",
        RegistrationStatus.Waitlisted => "wachtlijst",
        RegistrationStatus.Cancelled => "geannuleerd",
        _ => status,
    };
}
