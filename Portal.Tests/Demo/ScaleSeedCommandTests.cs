using Microsoft.EntityFrameworkCore;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Persistence;

namespace Portal.Tests.Demo;

public sealed class ScaleSeedCommandTests
{
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Seed_scale_runs_its_host_in_the_given_environment_and_stores_the_data_set(string environment)
    {
        using var file = new SqliteFile();
        var output = new StringWriter();

        var handled = await ScaleSeedCommand.TryRunAsync(
            [ScaleSeedCommand.Name, "--customers", "12", "--subscriptions-per-customer", "3", "--migrations-per-customer", "2",
             "--environment", environment, "--Database:Provider", "Sqlite", "--Database:ConnectionString", file.ConnectionString],
            output);

        Assert.True(handled);
        Assert.Contains("12 customers and 36 legacy subscriptions generated", output.ToString(), StringComparison.Ordinal);
        await using var db = PersistenceRegistration.NewContext(DatabaseProvider.Sqlite, file.ConnectionString);
        Assert.Equal(36, await db.LegacySubscriptions.CountAsync(TestContext.Current.CancellationToken));
        var migrations = await db.Migrations.CountAsync(TestContext.Current.CancellationToken);
        Assert.InRange(migrations, 1, 24);
        Assert.Contains($"with {migrations} migrations", output.ToString(), StringComparison.Ordinal);
    }
}
