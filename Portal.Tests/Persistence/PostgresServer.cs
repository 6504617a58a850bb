using Npgsql;
using Portal.Tests.Persistence;

// One PostgreSQL server for the whole test assembly; every test that needs it gets a database of its own.
[assembly: AssemblyFixture(typeof(PostgresServer))]

namespace Portal.Tests.Persistence;

/// <summary>
/// The PostgreSQL server the database tests run on, named by <c>PORTAL_TEST_POSTGRES</c> (./test.sh starts a
/// throw-away server on loopback and sets it). Without it the PostgreSQL tests fail, in CI and locally: they are
/// never skipped, so a green run always means both providers were tested.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    private readonly string? _adminConnectionString = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Creates an empty database <c>portal_test_&lt;guid&gt;</c>; disposing the result drops it.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            Assert.Fail(MissingServerMessage());
        }

        var name = $"portal_test_{Guid.NewGuid():N}";
        try
        {
            await ExecuteAsync(_adminConnectionString, $"CREATE DATABASE \"{name}\"", cancellationToken);
        }
        catch (NpgsqlException e)
        {
            Assert.Fail($"Cannot create a database on the PostgreSQL server of {Variable} ({Redacted(_adminConnectionString)}): {e.Message}. "
                + "Is it running? ./test.sh starts one.");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
        return new PostgresDatabase(name, connectionString, _adminConnectionString);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string MissingServerMessage()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return inCi
            ? $"{Variable} is not set, so there is no PostgreSQL server to test on. CI must run the tests through .ci/run "
                + "(./test.sh), which installs and starts PostgreSQL; database tests fail rather than skip."
            : $"{Variable} is not set, so there is no PostgreSQL server to test on. Run ./test.sh, which installs PostgreSQL "
                + "when needed, starts a throw-away server on 127.0.0.1 and sets it; or set it yourself to a server where the "
                + "user may CREATE DATABASE, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".";
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}

/// <summary>A fresh database on the test server, dropped (with any open connection) on dispose.</summary>
public sealed class PostgresDatabase(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await PostgresServer.ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }
}
