using System.ComponentModel.DataAnnotations;

namespace WeekTegenEenzaamheid.Api.Platform.Data;

/// <summary>The databases the service runs on; each has its own scripts and, where SQL differs, its own texts.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL (Npgsql): uuid ids, timestamptz instants, date dates; several app servers may share it.</summary>
    PostgreSql,
}

/// <summary>
/// The database: <c>Database:Provider</c> (SQLite unless set) and the connection string
/// <c>ConnectionStrings:Default</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/wte.db";
}
