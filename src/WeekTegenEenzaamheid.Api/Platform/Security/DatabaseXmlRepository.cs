using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary>
/// Keeps ASP.NET Core Data Protection's key ring in the database (<c>data_protection_keys</c>), so every app server
/// reads the cookies and antiforgery tokens the others wrote. Data Protection calls this synchronously, rarely (at
/// start, then about once a day, and when it meets a key it does not know: blocking there is harmless); the keys
/// themselves are as safe as the database (a key is not encrypted at rest, as with the default file-system store).
/// </summary>
public sealed class DatabaseXmlRepository(ConnectionFactory connections) : IXmlRepository
{
    private const string SelectAll = "SELECT xml FROM data_protection_keys";

    private const string Insert = "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@FriendlyName, @Xml)";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = connections.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>(SelectAll).Select(XElement.Parse).ToArray();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = connections.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(Insert, new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

/// <summary>Registers Data Protection on <see cref="DatabaseXmlRepository"/> under one application name for all servers.</summary>
public static class DataProtectionExtensions
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("WeekTegenEenzaamheid");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<ConnectionFactory>())));
        return services;
    }
}
