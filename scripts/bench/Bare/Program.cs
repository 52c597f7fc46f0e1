using Microsoft.Data.Sqlite;

// Usage: Bare --urls http://127.0.0.1:PORT --body FILE --db FILE
// GET  /static  answers the bytes of FILE as JSON (the same size as the service's search answer).
// POST /insert  runs one single-row insert transaction in a SQLite file with the service's settings.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var body = await File.ReadAllBytesAsync(app.Configuration["body"] ?? throw new InvalidOperationException("--body FILE is required"));
var database = app.Configuration["db"] ?? throw new InvalidOperationException("--db FILE is required");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = true, DefaultTimeout = 10 }.ToString();

await using (var setup = new SqliteConnection(connectionString))
{
    await setup.OpenAsync();
    await using var command = setup.CreateCommand();
    command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS rows (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);";
    await command.ExecuteNonQueryAsync();
}

app.MapGet("/static", (HttpContext context) =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

app.MapPost("/insert", async () =>
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync();
    }

    await using var transaction = connection.BeginTransaction(deferred: false);
    await using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = "INSERT INTO rows (id, name, created_at) VALUES ($id, $name, $at)";
    insert.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString());
    insert.Parameters.AddWithValue("$name", "bench");
    insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
    await insert.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
    return Results.Created();
});

await app.RunAsync();
