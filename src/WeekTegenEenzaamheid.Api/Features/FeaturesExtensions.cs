using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Jobs;

namespace WeekTegenEenzaamheid.Api.Features;

public static class FeaturesExtensions
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton<MunicipalityDirectory>();
        services.AddSingleton<ActivityInputValidator>();
        services.AddSingleton<ActivityEmails>();
        services.AddSingleton<ActivityCalendar>();
        services.AddTransient<RetentionJob>();
        services.AddSingleton(provider => SignUpOptions.From(provider.GetRequiredService<IConfiguration>()));
        PrivacyOptions.AddPrivacyOptions(services);
        services.AddScoped<PrivacyRequests>();
        services.AddScoped<PersonRecords>();
        services.AddScoped<Erasure>();
        services.AddScoped<Seats>();
        services.AddScoped<ParticipantEmails>();
        services.AddTransient<ReminderJob>();
        services.AddTransient<ChangeNoticeJob>();
        services.AddTransient<AttendanceRequestJob>();
        services.AddOptions<LogisticsOptions>().BindConfiguration(LogisticsOptions.Section);
        services.AddOptions<CarrierOptions>().BindConfiguration("Carrier");
        services.AddSingleton(KitAllocationObserver.None);
        services.AddTransient<AllocateKitOrderJob>();
        services.AddTransient<AllocateWaitingKitOrdersJob>();
        services.AddTransient<PickBatchesJob>();
        services.AddTransient<LateOrdersJob>();
        services.AddApiSchemas();

        services.AddSingleton(RecurringJobs.Define<OutboxDispatchJob>("outbox", _ => "* * * * *", job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<RetentionJob>("retention", _ => "17 * * * *", job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<ReminderJob>("reminders", _ => "*/5 * * * *", job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<ChangeNoticeJob>("change-notices", _ => "* * * * *", job => job.RunAsync(CancellationToken.None)));
        // Hourly in the daytime: initiators are asked the morning after an evening activity, not at midnight.
        services.AddSingleton(RecurringJobs.Define<AttendanceRequestJob>("attendance-requests", _ => "0 9-21 * * *", job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<AllocateWaitingKitOrdersJob>("kit-allocation", _ => "*/5 * * * *", job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<PickBatchesJob>(
            "pick-batches", cfg => LogisticsOptions.From(cfg).PickBatchCron, job => job.RunAsync(CancellationToken.None)));
        services.AddSingleton(RecurringJobs.Define<LateOrdersJob>("late-orders", _ => "0 6 * * *", job => job.RunAsync(CancellationToken.None)));
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapEditions();
        app.MapActivities();
        app.MapSignUps();
        app.MapAttendance();
        app.MapKitOrders();
        app.MapLogistics();
        app.MapGetEditionReport();
        app.MapPrivacy();
        app.MapRunJob();
        app.MapListEmails();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
