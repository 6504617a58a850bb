using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.MicrosoftLed;

/// <summary>The seed's example: a legacy term ending 2024-01-17T23:59:59Z, planned by Microsoft on 2024-01-17.</summary>
public static class MicrosoftLedTestData
{
    public static readonly DateTimeOffset TermEnd = new(2024, 1, 17, 23, 59, 59, TimeSpan.Zero);

    public static readonly DateOnly Day = new(2024, 1, 17);

    /// <summary>When Microsoft plans and creates the day's schedules.</summary>
    public static readonly DateTimeOffset PlanningTime = new(2024, 1, 17, 6, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset BoughtAt = new(2023, 1, 18, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An Education-audience add-on: qualified offers cannot migrate.</summary>
    public static readonly LegacyOffer EducationArchiving = new()
    {
        Id = Guid.Parse("ed000000-0000-4000-8000-00000000a001"),
        Name = "Exchange Online Archiving for Education",
        IsAddOn = true,
        Audience = CustomerSegment.Education,
        AllowedBaseOfferIds = new HashSet<Guid> { A.Office365E3.Id },
        Mapping = new NceProductMapping("CFQ7TTC0LH0Z", "0002"),
    };

    /// <summary>An ordinary Office 365 E3 base ending with the seed's term.</summary>
    public static LegacySubscriptionBuilder Base() =>
        A.Subscription().Of(A.Office365E3).EndingAt(TermEnd).BoughtAt(BoughtAt).WithSeats(10);

    public static LegacySubscriptionBuilder AddOnOf(LegacySubscription @base) =>
        A.Subscription().Of(A.ExchangeArchiving).AddOnOf(@base).EndingAt(TermEnd).BoughtAt(BoughtAt.AddMonths(2)).WithSeats(4);

    public static ContextBuilder Context(params LegacySubscription[] subscriptions) =>
        A.Context().At(PlanningTime).WithOffer(EducationArchiving).With(subscriptions);

    public static IReadOnlyList<MicrosoftLedDecision> Plan(params LegacySubscription[] subscriptions) =>
        MicrosoftLedMigration.Plan(Day, Context(subscriptions).Build(), []);

    public static IReadOnlyList<MicrosoftLedDecision> Plan(IEnumerable<MigrationSchedule> schedules, params LegacySubscription[] subscriptions) =>
        MicrosoftLedMigration.Plan(Day, Context(subscriptions).Build(), schedules);

    public static MigrationSchedule PartnerSchedule(LegacySubscription subscription, ScheduleTiming? timing = null) =>
        MigrationSchedule.Create(
            Guid.NewGuid(),
            subscription.CustomerId,
            subscription.Id,
            subscription.TermEnd,
            timing ?? ScheduleTiming.OnRenewal,
            [new(subscription.Id, subscription.ParentSubscriptionId, "CFQ7TTC0LF8Q:0001:0001", MigrationTarget.CarryOver(subscription))],
            new DateTimeOffset(2023, 12, 1, 10, 0, 0, TimeSpan.Zero));
}
