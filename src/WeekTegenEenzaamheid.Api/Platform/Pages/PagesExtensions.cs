using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>The page platform: static Razor components rendered by minimal-API endpoints in the slices.</summary>
public static class PagesExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "wte-af";
            options.FormFieldName = "__RequestVerificationToken";
        });
        services.AddSingleton<StaticAssetUrls>();
        return services;
    }

    /// <summary>Security headers on every HTML answer and a Dutch 404 for browsers; <c>/api/…</c> keeps problem+json.</summary>
    public static WebApplication UsePages(this WebApplication app)
    {
        app.UseMiddleware<PageHeaders>();
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
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapGet("/toegankelijkheid", () => Page<AccessibilityPage>(new { })).ExcludeFromDescription();
        app.MapGet("/privacy", () => Page<PrivacyPage>(new { })).ExcludeFromDescription();
        return app;
    }

    /// <summary>A page's answer: the component with its parameters (an object whose properties name them).</summary>
    public static RazorComponentResult<T> Page<T>(object parameters, int status = StatusCodes.Status200OK)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };

    private static bool WantsHtml(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
