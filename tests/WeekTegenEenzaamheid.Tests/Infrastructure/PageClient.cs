using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Pages as a person meets them: parsed HTML, fields found by their label, forms sent by their button's name.</summary>
public static class PageClient
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return await ParseAsync(response);
    }

    public static string Heading(this IDocument page) => page.QuerySelectorAll("h1").ShouldHaveSingleItem().Text();

    /// <summary>An element's text as a person reads it: white space folded to single spaces, trimmed.</summary>
    public static string Text(this IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The control a label names (its text without "(niet verplicht)").</summary>
    public static IElement Field(this IDocument page, string label)
    {
        var labels = page.QuerySelectorAll("label").Where(l => Clean(l.TextContent) == Clean(label)).ToList();
        labels.Count.ShouldBe(1,
            $"One label \"{label}\" expected; labels: "
            + string.Join(" | ", page.QuerySelectorAll("label").Select(l => Clean(l.TextContent))));
        var id = labels[0].GetAttribute("for").ShouldNotBeNull();
        return page.GetElementById(id).ShouldNotBeNull();
    }

    /// <summary>The error message beside a field, through its aria-describedby.</summary>
    public static string? FieldError(this IDocument page, string label)
    {
        var field = page.Field(label);
        var described = (field.GetAttribute("aria-describedby") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return described.Select(page.GetElementById).Where(e => e?.ClassList.Contains("utrecht-form-field-error-message") == true)
            .Select(e => e!.Text().Replace("Fout:", string.Empty, StringComparison.Ordinal).Trim()).SingleOrDefault();
    }

    public static IReadOnlyList<string> SummaryErrors(this IDocument page) =>
        page.QuerySelectorAll(".wte-error-summary li").Select(li => li.Text()).ToList();

    public static IHtmlFormElement FormWithButton(this IDocument page, string button) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .SingleOrDefault(f => f.QuerySelectorAll("button").Any(b => Clean(b.TextContent) == button))
            .ShouldNotBeNull($"No form with a button \"{button}\"");

    /// <summary>Fills fields by label and posts the form holding <paramref name="button"/>, hidden fields (antiforgery token)
    /// included. Where several forms have that button (one per row of a table), <paramref name="fieldsFormOf"/> names a field
    /// of the one to send.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, IDocument page, string button, IReadOnlyDictionary<string, string>? fields = null, bool withAntiforgery = true,
        string? fieldsFormOf = null)
    {
        var form = fieldsFormOf is null
            ? page.FormWithButton(button)
            : (page.Field(fieldsFormOf).Closest("form") as IHtmlFormElement).ShouldNotBeNull($"\"{fieldsFormOf}\" is in no form");
        var values = new List<KeyValuePair<string, string>>();
        var filled = (fields ?? new Dictionary<string, string>()).ToDictionary(f => page.Field(f.Key).GetAttribute("id")!, f => f.Value);
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (name is null || (!withAntiforgery && name == "__RequestVerificationToken"))
            {
                continue;
            }

            var id = element.GetAttribute("id");
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" } box:
                    var check = id is not null && filled.TryGetValue(id, out var want) ? want == "true" : box.IsChecked;
                    if (check)
                    {
                        values.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement { Type: "radio" } radio:
                    if (radio.IsChecked)
                    {
                        values.Add(new(name, radio.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, id is not null && filled.TryGetValue(id, out var typed) ? typed : input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, id is not null && filled.TryGetValue(id, out var text) ? text : area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, id is not null && filled.TryGetValue(id, out var chosen) ? chosen : select.Value ?? string.Empty));
                    break;
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } path ? path : page.Url;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>A form post as a browser sends it after opening a page: the antiforgery token (and its cookie) included.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields) =>
        PostFormFromAsync(client, "/activiteit-aanmelden", path, fields);

    /// <summary>
    /// A form post with the antiforgery token of <paramref name="tokenPage"/>: a staff page for a signed-in member, whose
    /// tokens are made for them (the staff menu's sign-out form carries one on every staff page).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormFromAsync(
        HttpClient client, string tokenPage, string path, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(client, tokenPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!;
        return await client.PostAsync(path, new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
            new("__RequestVerificationToken", token)]));
    }

    private static string Clean(string text) =>
        string.Join(' ', text.Replace("(niet verplicht)", string.Empty, StringComparison.Ordinal).Split((char[]?)null,
            StringSplitOptions.RemoveEmptyEntries));
}
