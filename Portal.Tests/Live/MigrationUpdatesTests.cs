using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Migrations;
using Portal.Migrations.Live;

namespace Portal.Tests.Live;

/// <summary>The in-process hub of live updates (ADR-026): per partner, never across partners, until disposed.</summary>
public class MigrationUpdatesTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static MigrationUpdates Hub() => new(NullLogger<MigrationUpdates>.Instance);

    /// <summary>Subscribes and collects what arrives.</summary>
    public static (IDisposable Subscription, ChannelReader<MigrationUpdate> Received) Collect(MigrationUpdates hub, Guid partner)
    {
        var channel = Channel.CreateUnbounded<MigrationUpdate>();
        return (hub.Subscribe(partner, u => channel.Writer.WriteAsync(u).AsTask()), channel.Reader);
    }

    /// <summary>The next update, or null when none arrives within <paramref name="within"/>.</summary>
    public static async Task<MigrationUpdate?> NextAsync(ChannelReader<MigrationUpdate> received, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Wait);
        try
        {
            return await received.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Each_subscriber_of_the_partner_gets_what_is_published_for_it()
    {
        var hub = Hub();
        var partner = Guid.NewGuid();
        var (first, one) = Collect(hub, partner);
        var (second, two) = Collect(hub, partner);
        var update = new MigrationUpdate(partner, MigrationUpdateKind.MigrationCompleted, Guid.NewGuid(), "batch-1", MigrationPhase.Completed);

        hub.Publish(update);

        Assert.Equal(update, await NextAsync(one));
        Assert.Equal(update, await NextAsync(two));
        Assert.Equal([partner], hub.SubscribedPartners);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Another_partners_update_never_reaches_a_subscriber()
    {
        var hub = Hub();
        var (mine, received) = Collect(hub, Guid.NewGuid());
        var other = Guid.NewGuid();
        var (theirs, theirReceived) = Collect(hub, other);

        hub.Publish(new MigrationUpdate(other, MigrationUpdateKind.MigrationChanged, Guid.NewGuid()));

        Assert.NotNull(await NextAsync(theirReceived));
        Assert.Null(await NextAsync(received, TimeSpan.FromMilliseconds(300)));
        mine.Dispose();
        theirs.Dispose();
    }

    [Fact]
    public async Task After_dispose_nothing_arrives_and_the_partner_is_no_longer_subscribed()
    {
        var hub = Hub();
        var partner = Guid.NewGuid();
        var (subscription, received) = Collect(hub, partner);

        subscription.Dispose();
        subscription.Dispose(); // twice is harmless
        hub.Publish(new MigrationUpdate(partner, MigrationUpdateKind.MigrationChanged, Guid.NewGuid()));

        Assert.Null(await NextAsync(received, TimeSpan.FromMilliseconds(300)));
        Assert.Empty(hub.SubscribedPartners);
        Assert.False(hub.HasSubscribers);
    }

    [Fact]
    public async Task A_failing_handler_neither_reaches_the_publisher_nor_stops_the_other_subscribers()
    {
        var hub = Hub();
        var partner = Guid.NewGuid();
        using var failing = hub.Subscribe(partner, _ => throw new InvalidOperationException("page gone"));
        var (subscription, received) = Collect(hub, partner);

        hub.Publish(new MigrationUpdate(partner, MigrationUpdateKind.MigrationFailed, Guid.NewGuid()));

        Assert.NotNull(await NextAsync(received));
        subscription.Dispose();
    }

    [Fact]
    public void Publishing_without_subscribers_does_nothing_and_remembers_no_version()
    {
        var hub = Hub();
        var id = Guid.NewGuid();

        hub.Publish(new MigrationUpdate(Guid.NewGuid(), MigrationUpdateKind.MigrationChanged, id, Version: 3));

        Assert.False(hub.WasPublished(id, 3));
    }
}
