using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Instants must carry their offset ("…+02:00" or "…Z"). Without one, System.Text.Json would read the
/// time in the server's own time zone, so "14:00" sent to a server running on UTC became 16:00 in
/// Amsterdam; such a value is now a 400 like any other malformed JSON.
/// </summary>
public sealed partial class InstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public static bool HasOffset(string text) => OffsetPattern().IsMatch(text);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !HasOffset(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new JsonException("An instant must be ISO 8601 with an offset, e.g. 2027-10-01T14:00:00+02:00.");
        }

        return instant;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();
}
