using Scalar.AspNetCore;
using WeekTegenEenzaamheid.Api.Features;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Jobs;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

var builder = WebApplication.CreateBuilder(args);

if (StaffCommand.Matches(args))
{
    return await StaffCommand.RunAsync(args, builder.Configuration);
}

// The build keeps the compressed (.gz) copies of wwwroot's files under obj/ and only a publish puts them beside the
// originals; outside Development MapStaticAssets would answer a gzip request for them with an empty body. This maps
// the build's files in every environment (a published app has no such manifest, and this does nothing there).
builder.WebHost.UseStaticWebAssets();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = StrictJson.MaxBodyBytes);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services
    .AddData(builder.Configuration)
    .AddHttpPlatform(builder.Configuration)
    .AddSecurity()
    .AddEmail(builder.Configuration)
    .AddJobs(builder.Configuration)
    .AddMediation()
    .AddPages()
    .AddFeatures(builder.Configuration);

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStaffSessionAsUser();
app.UsePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseJobsDashboardSignIn();
app.UseRateLimiter();
app.UseMiddleware<StrictJsonMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapJobsDashboard();
app.MapFeatures();
app.MapPages();

await app.RunAsync();
return 0;

public partial class Program;
