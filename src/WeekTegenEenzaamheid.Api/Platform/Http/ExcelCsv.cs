using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.OpenApi;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// CSV for Excel as Dutch offices have it: semicolons (Excel's list separator in the Dutch locale, where the
/// comma is the decimal sign) and UTF-8 with a byte order mark (without it Excel reads the file as ANSI and
/// breaks accented names). No "sep=" line: with one, Excel ignores the byte order mark. A cell that starts
/// like a formula (=, +, -, @) gets a leading quote, so nothing the public typed can run as one.
/// </summary>
public static class ExcelCsv
{
    public const string ContentType = "text/csv";

    private static readonly CsvConfiguration Configuration = new(CultureInfo.GetCultureInfo("nl-NL"))
    {
        Delimiter = ";",
        InjectionOptions = InjectionOptions.Escape,
    };

    /// <summary>The file the callback writes, as UTF-8 bytes with a byte order mark.</summary>
    public static byte[] Write(Action<CsvWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, Configuration))
        {
            write(csv);
        }

        return buffer.ToArray();
    }

    public static void WriteRow(this CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    /// <summary>True when the client asks for CSV in its Accept header; JSON otherwise.</summary>
    public static bool IsAccepted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Documents, for the OpenAPI document, that the endpoint's 200 is also CSV.</summary>
    public static RouteHandlerBuilder ProducesCsvToo(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses?["200"].Content?.TryAdd(ContentType,
                new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            return Task.CompletedTask;
        });
}
