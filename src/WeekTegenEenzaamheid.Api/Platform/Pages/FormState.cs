using FluentValidation;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>
/// What a person typed into a form and the Dutch errors on it, keyed by the fields' form names, so a failed post
/// shows the form again as it was sent. Errors keep the order they were added in, which is the summary's order.
/// </summary>
public sealed class FormState
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> errors = [];

    public static FormState Empty => new();

    public IReadOnlyList<KeyValuePair<string, string>> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    /// <summary>The posted form's values, every field as typed.</summary>
    public static FormState From(IFormCollection form)
    {
        var state = new FormState();
        foreach (var (key, value) in form)
        {
            if (!key.StartsWith("__", StringComparison.Ordinal))
            {
                state.values[key] = value.ToString();
            }
        }

        return state;
    }

    public FormState Set(string field, string? value)
    {
        values[field] = value ?? string.Empty;
        return this;
    }

    public string? Value(string field) => values.TryGetValue(field, out var value) ? value : null;

    /// <summary>All values of a multi-valued field (checkboxes), as posted with commas between them.</summary>
    public IReadOnlyList<string> Values(string field) =>
        Value(field) is { Length: > 0 } value ? value.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];

    public bool IsChecked(string field, string option) => Values(field).Contains(option, StringComparer.Ordinal);

    public string? Error(string field) => errors.FirstOrDefault(e => e.Key == field).Value;

    public FormState AddError(string field, string message)
    {
        if (Error(field) is null)
        {
            errors.Add(new(field, message));
        }

        return this;
    }

    /// <summary>
    /// Puts a validation failure's fields on the form in Dutch: <paramref name="dutch"/> maps a request's field path
    /// (as the API names it, "location.postcode") to the form field and its message; a failure on a field the page
    /// does not know goes to <paramref name="fallbackField"/> with a general message.
    /// </summary>
    public FormState AddErrors(ValidationException exception, IReadOnlyDictionary<string, (string Field, string Message)> dutch,
        string fallbackField)
    {
        foreach (var failure in exception.Errors)
        {
            var path = Problems.FieldPath(failure.PropertyName);
            var key = dutch.ContainsKey(path) ? path : StripIndex(path);
            if (dutch.TryGetValue(key, out var known))
            {
                AddError(known.Field, known.Message);
            }
            else
            {
                AddError(fallbackField, "Controleer wat je hebt ingevuld.");
            }
        }

        return this;
    }

    // "targetGroups[0]" is one rule on the list as a whole for a person.
    private static string StripIndex(string path) => path.Split('[')[0];
}
