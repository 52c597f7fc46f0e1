namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// The one place where SQLite, SQL Server and PostgreSQL differ. A slice that needs provider-specific
/// SQL keeps the texts side by side as constants named <c>…Sqlite</c>, <c>…SqlServer</c> and
/// <c>…PostgreSql</c> and picks one with <see cref="Pick"/>; every other SQL constant must run on all three.
/// </summary>
public sealed class Dialect(DatabaseProvider provider)
{
    public bool IsSqlServer => provider == DatabaseProvider.SqlServer;

    public bool IsPostgreSql => provider == DatabaseProvider.PostgreSql;

    /// <summary>The text for the configured provider.</summary>
    public string Pick(string sqlite, string sqlServer, string postgreSql) => provider switch
    {
        DatabaseProvider.SqlServer => sqlServer,
        DatabaseProvider.PostgreSql => postgreSql,
        _ => sqlite,
    };
}
