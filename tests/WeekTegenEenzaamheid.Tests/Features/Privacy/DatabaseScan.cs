using Microsoft.Data.Sqlite;
using Npgsql;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

/// <summary>Reads the database behind the service directly (its SQLite file or its PostgreSQL database), as an auditor would.</summary>
public static class DatabaseScan
{
    /// <summary>There is a database to scan: the suite runs on SQLite (by default) or PostgreSQL, not against WTE_TEST_SQLSERVER.</summary>
    public static bool Available => WteApp.SqlServer is not { Length: > 0 };

    /// <summary>
    /// Every "table.column" in which some row's value contains <paramref name="needle"/>, ignoring ASCII case. On PostgreSQL
    /// every schema is read (Hangfire's own included), and a table outside <c>public</c> is named "schema.table.column".
    /// </summary>
    public static async Task<IReadOnlyList<string>> ColumnsContainingAsync(AppFixture fixture, string needle) =>
        fixture.App.PostgreSqlConnectionString is { } postgreSql
            ? await PostgreSqlColumnsContainingAsync(postgreSql, needle)
            : await SqliteColumnsContainingAsync(fixture, needle);

    private static async Task<IReadOnlyList<string>> SqliteColumnsContainingAsync(AppFixture fixture, string needle)
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

    private static async Task<IReadOnlyList<string>> PostgreSqlColumnsContainingAsync(string connectionString, string needle)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                """;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var found = new List<string>();
        foreach (var (schema, table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT COUNT(1) FROM \"{schema}\".\"{table}\" WHERE strpos(lower(CAST(\"{column}\" AS text)), lower($1)) > 0";
            command.Parameters.Add(new NpgsqlParameter { Value = needle });
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                found.Add(schema == "public" ? $"{table}.{column}" : $"{schema}.{table}.{column}");
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
