using Dapper;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Bench;

public static class Sql
{
    public static ConnectionFactory Factory(string db)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={db}" };
        TypeHandlers.Register(options.Provider);
        return new ConnectionFactory(options);
    }

    public static async Task<string?> ScalarAsync(string db, string sql)
    {
        await using var connection = await Factory(db).OpenAsync();
        return (await connection.ExecuteScalarAsync(sql))?.ToString();
    }
}
