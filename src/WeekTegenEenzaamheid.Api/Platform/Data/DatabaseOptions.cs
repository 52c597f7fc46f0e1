namespace WeekTegenEenzaamheid.Api.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL (Npgsql): uuid ids, timestamptz instants, date dates; several app servers may share it.</summary>
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/wte.db";

    public static DatabaseOptions From(IConfiguration configuration) => new()
    {
        Provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite),
        ConnectionString = configuration.GetConnectionString("Default") ?? "Data Source=data/wte.db",
    };
}
