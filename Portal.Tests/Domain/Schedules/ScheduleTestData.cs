using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Schedules;

/// <summary>
/// An annual Business Standard subscription ending 2026-02-10T23:59:59Z, and schedules of it made at
/// <see cref="A.Now"/> (2025-09-10T12:00Z).
/// </summary>
public static class ScheduleTestData
{
    public static readonly DateTimeOffset TermEnd = new(2026, 2, 10, 23, 59, 59, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2025, 9, 10);

    public static readonly DateOnly LastDayOfTerm = new(2026, 2, 10);

    public static LegacySubscription Subscription(int seats = 10) => A.Subscription().EndingAt(TermEnd).WithSeats(seats).Build();

    public static MigrationLine LineFor(LegacySubscription subscription, MigrationTarget? target = null) => new(
        subscription.Id,
        subscription.ParentSubscriptionId,
        A.BusinessStandard.Mapping!.CatalogItemId,
        target ?? MigrationTarget.CarryOver(subscription));

    public static MigrationSchedule PartnerSchedule(
        LegacySubscription subscription,
        ScheduleTiming? timing = null,
        DateTimeOffset? now = null,
        string? externalReferenceId = null) =>
        MigrationSchedule.Create(
            Guid.NewGuid(),
            subscription.CustomerId,
            subscription.Id,
            subscription.TermEnd,
            timing ?? ScheduleTiming.OnRenewal,
            [LineFor(subscription)],
            now ?? A.Now,
            externalReferenceId);

    public static MigrationSchedule MicrosoftLedSchedule(LegacySubscription subscription, DateTimeOffset? now = null) =>
        MigrationSchedule.Create(
            Guid.NewGuid(),
            subscription.CustomerId,
            subscription.Id,
            subscription.TermEnd,
            ScheduleTiming.OnRenewal,
            [LineFor(subscription, new MigrationTarget(subscription.Term, subscription.Billing, subscription.Quantity, PurchaseFullTerm: true))],
            now ?? TermDates.StartInstant(TermDates.UtcDate(subscription.TermEnd)),
            isMicrosoftLed: true);

    public static SchedulingResult SchedulePartner(
        LegacySubscription subscription,
        IEnumerable<MigrationSchedule> existing,
        ScheduleTiming? timing = null,
        DateTimeOffset? now = null) =>
        ScheduleBook.SchedulePartnerMigration(
            existing,
            Guid.NewGuid(),
            subscription.CustomerId,
            subscription.Id,
            subscription.TermEnd,
            timing ?? ScheduleTiming.OnRenewal,
            [LineFor(subscription)],
            now ?? A.Now);
}
