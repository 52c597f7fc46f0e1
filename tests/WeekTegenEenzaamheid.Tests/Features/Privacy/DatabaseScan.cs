using Microsoft.Data.Sqlite;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

/// <summary>Reads the SQLite file behind the service directly, as an auditor would.</summary>
public static class DatabaseScan
{
    /// <summary>There is a file to scan: the suite runs on SQLite (by default), not against WTE_TEST_SQLSERVER.</summary>
    public static bool Available => WteApp.SqlServer is not { Length: > 0 };

    /// <summary>Every "table.column" in which some row's value contains <paramref name="needle"/>, ignoring ASCII case.</summary>
    public static async Task<IReadOnlyList<string>> ColumnsContainingAsync(AppFixture fixture, string needle)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.App.Folder, "wte.db")};Pooling=False");
        await connection.OpenAsync();
        var tables = await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
        var found = new List<string>();
        foreach (var table in tables)
        {
            foreach (var column in await ReadAsync(connection, $"SELECT name FROM pragma_table_info('{table}')"))
            {
                await using var command = connection.CreateCommand();
                command.CommandText =
                    $"SELECT COUNT(1) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower($needle)) > 0";
                command.Parameters.AddWithValue("$needle", needle);
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }

        return found;
    }

    private static async Task<IReadOnlyList<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
