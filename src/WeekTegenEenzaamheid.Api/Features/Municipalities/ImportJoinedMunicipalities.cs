using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>
/// The joined municipalities of an edition from a file (admin): one municipality per row, by CBS code (<c>GM0363</c>, or
/// the four digits <c>0363</c>) or by name as the CBS list spells it (any case; a CBS suffix such as "Beek (L.)" may be
/// left off or kept). A row of several fields (an export with code and name) counts by its first field that names a
/// municipality. The file replaces the edition's list with every municipality it names, as
/// <see cref="SetJoinedMunicipalities"/> does; rows that name none are reported and left out. A file that names no
/// municipality at all changes nothing (422 <c>noMunicipalities</c>): an empty or wrong file must not clear the list.
/// </summary>
public static class ImportJoinedMunicipalities
{
    public static readonly string[] ContentTypes = ["text/csv", "text/plain"];

    /// <summary>What the OpenAPI document tells a client about the file and the answer.</summary>
    public const string Description =
        "The body is the file itself: one municipality per row, by CBS code (`GM0363` or `0363`) or name as the CBS list spells "
        + "it; fields separated by `;`, `,` or a tab; a first row of column names (`code`, `gemeente`, `naam`, …) is skipped. "
        + "Encoding as for the shipments import (byte order mark, charset, else UTF-8 or Windows-1252). The edition's list "
        + "becomes every municipality the file names; rows naming none are listed as failed and left out. `rows` holds every "
        + "matched, duplicate or header row and the first 100 failed rows (`line` counts from 1); a file naming no municipality "
        + "at all is 422 `noMunicipalities` and changes nothing.";

    /// <summary>Failed rows beyond this many are only counted, as in the shipments import.</summary>
    public const int FailedRowsInFull = 100;

    // Column names a spreadsheet export of municipalities starts with (CBS, PDOK, our own CSV).
    private static readonly HashSet<string> HeaderWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "cbs-code", "cbscode", "gemeentecode", "statcode", "gemeente", "gemeentenaam", "naam", "statnaam", "name",
        "municipality", "provincie", "province",
    };

    /// <summary>The file's bytes and the request's Content-Type header (for the charset).</summary>
    public sealed record Command(int Year, byte[] Content, string? ContentType, Guid StaffId) : IRequest<Result<Report>>;

    /// <summary>
    /// <c>joined</c>: the length of the edition's list after the import; <c>matched</c>, <c>duplicates</c>, <c>failed</c>:
    /// rows by outcome; <c>municipalities</c>: the list as <see cref="GetJoinedMunicipalities"/> gives it.
    /// </summary>
    public sealed record Report(
        int Year,
        int Joined,
        int Matched,
        int Duplicates,
        int Failed,
        IReadOnlyList<RowResult> Rows,
        int FailedRowsLeftOut,
        IReadOnlyList<JoinedMunicipality> Municipalities);

    /// <summary>
    /// <c>outcome</c>: matched, duplicate (named by an earlier row too), header or failed; <c>code</c> and <c>name</c> are the
    /// municipality's when matched; <c>problem</c> says why a row failed.
    /// </summary>
    public sealed record RowResult(int Line, string Text, string Outcome, string? Code, string? Name, string? Problem);

    internal sealed class Handler(IMediator mediator, MunicipalityDirectory directory) : IRequestHandler<Command, Result<Report>>
    {
        public async Task<Result<Report>> Handle(Command request, CancellationToken cancellationToken)
        {
            var decoded = IncomingText.Decode(request.Content, request.ContentType);
            if (decoded.Text is null)
            {
                return Error.Unprocessable("csvEncoding", "body", decoded.Problem!);
            }

            var rows = Match(decoded.Text);
            var codes = rows.Where(row => row.Outcome == "matched").Select(row => row.Code!).ToArray();
            if (codes.Length == 0)
            {
                return Error.Unprocessable("noMunicipalities", "body",
                    "No row of the file names a municipality by CBS code or name; the list is left as it was.");
            }

            return (await mediator.Send(new SetJoinedMunicipalities.Command(request.Year, codes, request.StaffId), cancellationToken))
                .Match<Result<Report>>(
                    list =>
                    {
                        var failed = rows.Where(row => row.Outcome == "failed").ToList();
                        var shown = failed.Take(FailedRowsInFull).ToHashSet();
                        return new Report(
                            list.Year,
                            list.Count,
                            codes.Length,
                            rows.Count(row => row.Outcome == "duplicate"),
                            failed.Count,
                            [.. rows.Where(row => row.Outcome != "failed" || shown.Contains(row))],
                            failed.Count - shown.Count,
                            list.Municipalities);
                    },
                    error => error);
        }

        private List<RowResult> Match(string text)
        {
            var (delimiter, hintLine) = IncomingCsv.Sniff(text, ';', ',', '\t');
            var problems = new Dictionary<int, string>();
            using var csv = IncomingCsv.Open(text, delimiter, problems);
            if (hintLine)
            {
                csv.Read();
            }

            var results = new List<RowResult>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var fields = (csv.Parser.Record ?? []).Where(field => field.Length > 0).ToArray();
                if (fields.Length == 0)
                {
                    continue;
                }

                var shown = string.Join(delimiter, fields);
                if (problems.TryGetValue(line, out var problem))
                {
                    results.Add(new RowResult(line, shown, "failed", null, null, problem));
                    continue;
                }

                var municipality = fields.Select(Find).FirstOrDefault(found => found is not null);
                if (municipality is not null)
                {
                    var outcome = seen.Add(municipality.Code) ? "matched" : "duplicate";
                    results.Add(new RowResult(line, shown, outcome, municipality.Code, municipality.Name, null));
                }
                else if (results.Count == 0 && fields.Any(HeaderWords.Contains))
                {
                    results.Add(new RowResult(line, shown, "header", null, null, null));
                }
                else
                {
                    results.Add(new RowResult(line, shown, "failed", null, null, "No municipality has this CBS code or name."));
                }
            }

            return results;
        }

        private Municipality? Find(string field)
        {
            if (field.Length == 4 && field.All(char.IsAsciiDigit))
            {
                return directory.Find("GM" + field);
            }

            return directory.FindByCodeOrName(field) ?? directory.FindByNameWithoutSuffix(field);
        }
    }

    // The file is the body itself; routing answers 415 to any other content type (the route's Accepts metadata).
    public static async Task<Results<Ok<Report>, ProblemHttpResult>> Endpoint(
        int year, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content, ct);
        var command = new Command(year, content.ToArray(), request.ContentType, SetJoinedMunicipalities.StaffMember(user));
        return (await mediator.Send(command, ct)).ToHttp(TypedResults.Ok);
    }
}
