using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Tests.Persistence;

/// <summary>ADR-029: the portal's SQLite connections run in WAL mode with synchronous=NORMAL and a busy timeout, and a commit survives the connection.</summary>
public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly SqliteFile _file = new();

    private static async Task<long> PragmaAsync(PortalDbContext db, string pragma)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value switch
        {
            long number => number,
            string text => text == "wal" ? 1 : 0,
            _ => -1,
        };
    }

    [Fact]
    public async Task Every_connection_of_the_portal_runs_in_WAL_mode_with_synchronous_NORMAL()
    {
        await using (var db = PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, _file.ConnectionString))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        await using var reopened = PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, _file.ConnectionString);

        Assert.Equal(1, await PragmaAsync(reopened, "synchronous")); // 0 OFF, 1 NORMAL, 2 FULL (SQLite's default)
        Assert.Equal(1, await PragmaAsync(reopened, "journal_mode")); // "wal"
        Assert.Equal(30_000, await PragmaAsync(reopened, "busy_timeout")); // a locked write waits in SQLite, not in 150 ms sleeps
    }

    [Fact]
    public async Task A_plain_connection_outside_the_portal_keeps_SQLites_default_FULL()
    {
        await using var plain = new Microsoft.Data.Sqlite.SqliteConnection(_file.ConnectionString);
        await plain.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = plain.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";

        Assert.Equal(2L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => _file.Dispose();
}
