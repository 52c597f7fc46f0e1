using System.Net.Http.Json;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// One service, one database and one SMTP server shared by the tests of the "app" collection.
/// Tests keep out of each other's way with their own e-mail addresses and activities.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;

    public WteApp App { get; private set; } = null!;

    public HttpClient Public { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Logistics { get; private set; } = null!;

    public string AdminKey { get; private set; } = null!;

    public string LogisticsKey { get; private set; } = null!;

    public TestEdition Edition { get; } = TestEdition.NextYear();

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        App = new WteApp(Smtp.Port);
        Smtp.App = App;
        Public = App.CreateClient();
        AdminKey = await App.CreateStaffKeyAsync("admin");
        LogisticsKey = await App.CreateStaffKeyAsync("logistics");
        Admin = App.ClientWithKey(AdminKey);
        Logistics = App.ClientWithKey(LogisticsKey);
        var response = await Admin.PutAsJsonAsync($"/api/editions/{Edition.Year}", Edition.Body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs every job the service has enqueued (allocation, the outbox dispatch, a job run by name), until none is left.</summary>
    public Task RunJobsAsync() => App.RunJobsAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
