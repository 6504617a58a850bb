using Portal.Domain.MicrosoftLed;
using static Portal.Tests.Domain.MicrosoftLed.MicrosoftLedTestData;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>Microsoft runs each Microsoft-led migration at one instant of the three-day window, fixed per subscription (ADR-015).</summary>
public class ExecutionSpreadTests
{
    private static readonly (DateTimeOffset From, DateTimeOffset To) Window = MicrosoftLedMigration.ExecutionWindow(TermEnd);

    private static List<DateTimeOffset> InstantsOf(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => MicrosoftLedMigration.ExecutionInstant(Seeded(seed, i), TermEnd)).ToList();

    private static Guid Seeded(int seed, int i)
    {
        var random = new Random(seed * 100_003 + i);
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    [Fact]
    public void Every_instant_falls_inside_the_window_never_before_its_start_nor_after_its_end()
    {
        var instants = InstantsOf(5000, 1);

        Assert.All(instants, i => Assert.InRange(i, Window.From, Window.To));
        Assert.All(instants, i => Assert.True(i > TermEnd));
        Assert.All(instants, i => Assert.Equal(0, i.Millisecond));
    }

    [Fact]
    public void The_same_subscription_always_gets_the_same_instant()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        var first = MicrosoftLedMigration.ExecutionInstant(id, TermEnd);

        Assert.Equal(first, MicrosoftLedMigration.ExecutionInstant(id, TermEnd));
        // A fixed value, so a change of the hash (which would move every stored schedule's run) fails here.
        Assert.Equal(new DateTimeOffset(2024, 1, 19, 16, 0, 59, TimeSpan.Zero), first);
        Assert.Equal(first - Window.From, MicrosoftLedMigration.ExecutionInstant(id, TermEnd.AddDays(30)) - MicrosoftLedMigration.ExecutionWindow(TermEnd.AddDays(30)).From);
    }

    [Fact]
    public void Many_subscriptions_ending_on_one_day_spread_over_the_three_days_and_the_hours()
    {
        var instants = InstantsOf(3000, 2);

        var perDay = instants.GroupBy(i => i.UtcDateTime.Date).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([new DateTime(2024, 1, 18), new DateTime(2024, 1, 19), new DateTime(2024, 1, 20)], perDay.Keys.Order());
        Assert.All(perDay.Values, count => Assert.InRange(count, 850, 1150)); // about 1000 each
        Assert.Equal(24, instants.Select(i => i.Hour).Distinct().Count());
        Assert.True(instants.Distinct().Count() > 2900, "instants collide far more than a uniform spread would");
        Assert.True(instants.Count(i => i == Window.From) < 5, "the instants pile up at the window's start");
    }

    [Fact]
    public void Ids_that_differ_in_one_byte_still_land_far_apart()
    {
        var instants = Enumerable.Range(1, 8)
            .Select(i => MicrosoftLedMigration.ExecutionInstant(Guid.Parse($"5b1e0000-0000-4000-8000-{i:D12}"), TermEnd))
            .ToList();

        Assert.Equal(3, instants.Select(i => i.UtcDateTime.Date).Distinct().Count());
        Assert.True(instants.Max() - instants.Min() > TimeSpan.FromDays(1.5));
    }
}
