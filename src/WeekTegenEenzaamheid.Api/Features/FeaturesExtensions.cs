using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.Attendance;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Logistics;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Features.Operations;
using WeekTegenEenzaamheid.Api.Features.Privacy;
using WeekTegenEenzaamheid.Api.Features.Reports;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Api.Platform;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Jobs;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features;

public static class FeaturesExtensions
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MunicipalityDirectory>();
        services.AddSingleton<MunicipalityShapes>();
        services.AddSingleton<ActivityInputValidator>();
        services.AddSingleton<ActivityEmails>();
        services.AddSingleton<ActivityCalendar>();
        services.AddSingleton<ManageAccess>();
        services.AddTransient<RetentionJob>();
        services.AddBoundOptions<SignUpOptions>(configuration, SignUpOptions.Section);
        services.AddBoundOptions<PrivacyOptions>(configuration, PrivacyOptions.Section)
            .PostConfigure<IHostEnvironment>(PrivacyOptions.UseDevelopmentKeyWhereAllowed);
        services.AddScoped<PrivacyRequests>();
        services.AddScoped<PersonRecords>();
        services.AddScoped<Erasure>();
        services.AddScoped<Seats>();
        services.AddScoped<ParticipantEmails>();
        services.AddTransient<ReminderJob>();
        services.AddTransient<ChangeNoticeJob>();
        services.AddTransient<AttendanceRequestJob>();
        services.AddBoundOptions<LogisticsOptions>(configuration, "Logistics");
        services.AddBoundOptions<CarrierOptions>(configuration, "Carrier");
        services.AddSingleton(KitAllocationObserver.None);
        services.AddTransient<AllocateKitOrderJob>();
        services.AddTransient<AllocateWaitingKitOrdersJob>();
        services.AddTransient<PickBatchesJob>();
        services.AddTransient<LateOrdersJob>();
        services.AddApiSchemas();

        services.AddSingleton(RecurringJobs.Define<OutboxDispatchJob>("outbox", _ => "* * * * *", job =>
            job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<RetentionJob>("retention", _ => "17 * * * *", job =>
            job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<ReminderJob>("reminders", _ => "*/5 * * * *", job =>
            job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<ChangeNoticeJob>("change-notices", _ => "* * * * *", job =>
            job.RunAsync(CancellationToken.None)));
        // Hourly in the daytime: initiators are asked the morning after an evening activity, not at midnight.
        services.AddSingleton(RecurringJobs.Define<AttendanceRequestJob>("attendance-requests", _ => "0 9-21 * * *", job =>
            job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<AllocateWaitingKitOrdersJob>("kit-allocation", _ => "*/5 * * * *", job =>
            job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<PickBatchesJob>("pick-batches", Cron<LogisticsOptions>(options => options.PickBatchCron),
            job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<LateOrdersJob>("late-orders", _ => "0 6 * * *", job =>
            job.RunAsync(CancellationToken.None)));
        return services;
    }

    private static Func<IServiceProvider, string> Cron<TOptions>(Func<TOptions, string> schedule)
        where TOptions : class =>
        provider => schedule(provider.GetRequiredService<IOptions<TOptions>>().Value);

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapEditions();
        app.MapActivities();
        app.MapSignUps();
        app.MapActivityPages();
        app.MapSignUpPages();
        app.MapAttendance();
        app.MapKitOrders();
        app.MapLogistics();
        app.MapReports();
        app.MapJoinedMunicipalities();
        app.MapStaffPages(ReportPages.Prefix, StaffPolicies.AdminPages).MapReportPages();
        app.MapPrivacy();
        app.MapOperations();
        app.MapStaffSignInPage();
        app.MapPrivacyRequestsPage();
        app.MapWarehousePages();
        app.MapStaffMembers();
        app.MapOfficeActivityPages();
        app.MapEditionPages();
        app.MapEmailPages();
        app.MapStaffMemberPages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
