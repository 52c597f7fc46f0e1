using FluentValidation;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>
/// The two kinds of free text a request carries. One-line text (names, titles, addresses, carrier,
/// tokens) ends up in mail headers, address labels, CSV cells and one line of a page, where a line
/// break starts a new header or label line; it may hold no control character at all. Multi-line text
/// (descriptions, notes, reasons) may hold line breaks and tabs, but no other control character.
/// Both refuse the Unicode line and paragraph separators in one-line text, which some readers break on.
/// </summary>
public static class TextRules
{
    public const string SingleLineMessage = "Must be one line, without line breaks or control characters.";

    public const string MultiLineMessage = "May hold line breaks, but no other control characters.";

    /// <summary>Null passes; a control character (C0, DEL, C1), U+2028 or U+2029 fails with <see cref="SingleLineMessage"/>.</summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsSingleLine).WithMessage(SingleLineMessage);

    /// <summary>Null passes; CR, LF and tab are allowed; any other control character fails with <see cref="MultiLineMessage"/>.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsMultiLine).WithMessage(MultiLineMessage);

    public static bool IsSingleLine(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    public static bool IsMultiLine(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));
}
