using Npgsql;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

/// <summary>Fresh, isolated databases for store tests: a temp SQLite file, or a new schema on the test PostgreSQL server.</summary>
public static class TestDatabases
{
    public const string PostgresVariable = "SPASMBOT_TEST_PG";

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "spasmbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static SqliteTranscriptDatabase Sqlite() => new(Path.Combine(NewDirectory(), "transcripts.db"));

    /// <summary>
    /// The connection string of the test server (./test.sh starts one and sets SPASMBOT_TEST_PG), or null outside CI
    /// when it is not set. In CI a missing server is a failure, never a silent skip.
    /// </summary>
    public static string? PostgresServer()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{PostgresVariable} is not set: PostgreSQL tests cannot run. ./test.sh starts the server and sets it.");
        }
        return null;
    }

    /// <summary>A connection string whose search path is a brand-new schema, so tests never see each other's rows.</summary>
    public static async Task<string> NewPostgresSchemaAsync(string server)
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }
}
