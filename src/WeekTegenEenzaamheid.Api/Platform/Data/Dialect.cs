namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>
/// The one place where SQLite and SQL Server differ. A slice that needs provider-specific SQL
/// keeps both texts side by side as constants named <c>…Sqlite</c> and <c>…SqlServer</c>
/// and picks one with <see cref="Pick"/>; every other SQL constant must run on both.
/// </summary>
public sealed class Dialect(DatabaseProvider provider)
{
    public bool IsSqlServer => provider == DatabaseProvider.SqlServer;

    public string Pick(string sqlite, string sqlServer) => IsSqlServer ? sqlServer : sqlite;
}
