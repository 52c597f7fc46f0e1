using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>The page platform: static Razor components rendered by minimal-API endpoints in the slices.</summary>
public static class PagesExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        // Pages are UTF-8: Dutch text (é, –) is written as itself, not as character references, so the source reads as the page.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "wte-af";
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.AddSingleton<StaticAssetUrls>();
        return services;
    }

    /// <summary>
    /// A Dutch 404 for browsers (<c>/api/…</c> keeps problem+json); the pages' headers come from <see cref="SecurityHeaders"/>,
    /// their antiforgery from <see cref="UsePageAntiforgery"/>.
    /// </summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode == StatusCodes.Status404NotFound && WantsHtml(http.Request))
            {
                await Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound).ExecuteAsync(http);
                return;
            }

            var status = http.Response.StatusCode;
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            // The writer declines when Accept names no JSON (a browser on an /api address); the API still answers problem+json.
            if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } }))
            {
                await Problems.WriteAsync(http, status, Problems.CodeFor(status), ReasonPhrases.GetReasonPhrase(status));
            }
        });
        return app;
    }

    /// <summary>
    /// Antiforgery for the forms, after authentication and authorization (ASP.NET Core's required order): a token is bound to
    /// the user it was made for, and a staff page's user (the session cookie) is only known once its policy has run; checked
    /// before that, every staff form's token would be refused as another user's. A form whose token is missing or stale gets
    /// a Dutch page with status 400; a form larger than the server takes a Dutch page with status 413 (<see cref="FileForms"/>).
    /// </summary>
    public static WebApplication UsePageAntiforgery(this WebApplication app)
    {
        // Before the antiforgery check reads the form: a file too large is refused unread (FileForms).
        app.Use(async (context, next) =>
        {
            if (!await FileForms.RefuseWhenTooLargeAsync(context))
            {
                await next(context);
            }
        });
        app.UseAntiforgery();
        // Before any binding throws.
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } invalid
                && !context.Request.Path.StartsWithSegments("/api"))
            {
                // A form over the server's body size limit fails here, while its token is read: it is too large, not stale.
                await (FileForms.IsTooLarge(invalid.Error)
                    ? FileForms.TooLarge(context)
                    : WriteMessageAsync(context, StatusCodes.Status400BadRequest, "Formulier niet verwerkt",
                        "Het formulier kon niet worden verwerkt. Open de pagina opnieuw en probeer het nog eens."));
                return;
            }

            await next(context);
        });
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapGet("/toegankelijkheid", () => Page<AccessibilityPage>(new { })).ExcludeFromDescription();
        app.MapGet("/privacy", () => Page<PrivacyPage>(new { })).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Writes a <see cref="MessagePage"/> outside an endpoint (a middleware), on a renderer of its own.
    /// </summary>
    public static async Task WriteMessageAsync(HttpContext http, int status, string title, string message)
    {
        var html = await RenderAsync<MessagePage>(http.RequestServices, new { Title = title, Message = message });
        http.Response.StatusCode = status;
        http.Response.ContentType = HtmlContentType;
        await http.Response.WriteAsync(html);
    }

    /// <summary>
    /// A page's HTML as a string, rendered on a renderer of its own: for answers kept in a cache or written by a
    /// middleware. The component must not need the request (no antiforgery token, no signed-in user).
    /// </summary>
    public static async Task<string> RenderAsync<T>(IServiceProvider services, object parameters)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var values = parameters.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(parameters));
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(values))).ToHtmlString());
    }

    /// <summary>The content type of every page.</summary>
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>A page's answer: the component with its parameters (an object whose properties name them).</summary>
    public static RazorComponentResult<T> Page<T>(object parameters, int status = StatusCodes.Status200OK)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status, ContentType = HtmlContentType };

    private static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
