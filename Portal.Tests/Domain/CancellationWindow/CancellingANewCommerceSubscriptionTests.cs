using Portal.Domain.Common;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.CancellationWindow;

/// <summary>After a purchase or a migration, New Commerce allows cancelling for 7 days (168 hours); then the term is enforced.</summary>
public class CancellingANewCommerceSubscriptionTests
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 9, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowCloses = new(2025, 9, 17, 12, 0, 0, TimeSpan.Zero);

    private static NceSubscription Created(DateTimeOffset? at = null) => A.NceSubscription().CreatedAt(at ?? CreatedAt).Build();

    [Fact]
    public void Cancellation_is_allowed_until_168_hours_after_creation()
    {
        var subscription = Created();

        Assert.Equal(CreatedAt.AddHours(168), subscription.CancellationAllowedUntil);
        Assert.Equal(WindowCloses, subscription.CancellationAllowedUntil);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3600)]
    [InlineData(6 * 24 * 3600)]
    [InlineData((168 * 3600) - 1)]
    public void Cancelling_inside_the_window_succeeds(int secondsAfterCreation)
    {
        var subscription = Created();

        var outcome = subscription.Cancel(CreatedAt.AddSeconds(secondsAfterCreation));

        Assert.True(outcome.Succeeded);
        Assert.Null(outcome.Refusal);
        Assert.Equal(NceSubscriptionStatus.Cancelled, subscription.Status);
    }

    [Theory]
    [InlineData(168 * 3600)]
    [InlineData((168 * 3600) + 1)]
    [InlineData(30 * 24 * 3600)]
    public void Cancelling_from_168_hours_after_creation_is_refused(int secondsAfterCreation)
    {
        var subscription = Created();

        var outcome = subscription.Cancel(CreatedAt.AddSeconds(secondsAfterCreation));

        Assert.False(outcome.Succeeded);
        Assert.Equal("CancellationWindowExpired", outcome.Refusal?.Code);
        Assert.Equal(NceSubscriptionStatus.Active, subscription.Status);
    }

    [Fact]
    public void The_refusal_says_when_the_window_closed()
    {
        var subscription = Created();

        var outcome = subscription.Cancel(WindowCloses);

        Assert.Contains("2025-09-17 12:00 UTC", outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_says_when_the_window_closed_in_UTC_even_if_the_creation_time_came_with_an_offset()
    {
        var subscription = Created(new DateTimeOffset(2025, 9, 10, 14, 0, 0, TimeSpan.FromHours(2)));

        var outcome = subscription.Cancel(WindowCloses);

        Assert.Contains("2025-09-17 12:00 UTC", outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_says_until_when_the_term_is_enforced()
    {
        var subscription = A.NceSubscription().CreatedAt(CreatedAt).EndingOn(new DateOnly(2026, 9, 9)).Build();

        var outcome = subscription.Cancel(WindowCloses);

        Assert.Contains("2026-09-09", outcome.Refusal!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    public void The_window_is_open_until_the_168th_hour(int secondsFromClose, bool open)
    {
        var subscription = Created();

        Assert.Equal(open, subscription.IsInCancellationWindow(WindowCloses.AddSeconds(secondsFromClose)));
    }

    [Fact]
    public void A_migrated_subscription_gets_the_same_window_from_when_the_migration_created_it()
    {
        var legacyId = Guid.NewGuid();
        var migratedAt = new DateTimeOffset(2024, 1, 18, 3, 15, 0, TimeSpan.Zero);

        var subscription = A.NceSubscription().MigratedFrom(legacyId).CreatedAt(migratedAt).Build();

        Assert.Equal(legacyId, subscription.MigratedFromSubscriptionId);
        Assert.Equal(new DateTimeOffset(2024, 1, 25, 3, 15, 0, TimeSpan.Zero), subscription.CancellationAllowedUntil);
        Assert.True(subscription.Cancel(migratedAt.AddDays(7).AddSeconds(-1)).Succeeded);
    }

    [Fact]
    public void Adding_seats_later_does_not_reopen_the_cancellation_window()
    {
        var subscription = Created();
        subscription.AddSeats(3, CreatedAt.AddDays(6));

        var outcome = subscription.Cancel(CreatedAt.AddDays(8));

        Assert.Equal("CancellationWindowExpired", outcome.Refusal?.Code);
    }

    [Fact]
    public void Cancelling_a_cancelled_subscription_throws()
    {
        var subscription = Created();
        subscription.Cancel(CreatedAt.AddHours(1));

        Assert.Throws<DomainException>(() => subscription.Cancel(CreatedAt.AddHours(2)));
    }
}
