using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// SMB offers (Business Basic, Standard, Premium style) are capped at 300 seats per customer per New Commerce
/// product. Held seats are those of active New Commerce subscriptions, of migrations in flight, and of earlier
/// members of the same request; held + requested above 300 is refused with LicenseLimitReached.
/// </summary>
public class SmbSeatCapTests
{
    private static readonly DateTimeOffset LongAgo = Utc(2025, 1, 5, 8, 0);

    private static LegacySubscription BusinessStandard(int seats) => A.Subscription().Of(A.BusinessStandard).WithSeats(seats).Build();

    [Theory]
    [InlineData(1)]
    [InlineData(299)]
    [InlineData(300)]
    public void UpTo300SeatsOfAnSmbOfferMigrate(int seats)
    {
        var subscription = BusinessStandard(seats);

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(500)]
    public void MoreThan300SeatsOfAnSmbOfferAreRefused(int seats)
    {
        var subscription = BusinessStandard(seats);

        var result = A.Context().With(subscription).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, null, "LicenseLimitReached");
        Assert.Contains("300", reason.Description, StringComparison.Ordinal);
        Assert.Contains("enterprise", reason.Guidance, StringComparison.Ordinal);
    }

    [Fact]
    public void After200SeatsMigratedAnother200AreRefused()
    {
        var migrated = A.Subscription().Of(A.BusinessStandard).WithSeats(200).WithStatus(LegacySubscriptionStatus.Migrated).Build();
        var second = BusinessStandard(200);

        var result = A.Context().With(migrated, second).With(ActiveNce(A.BusinessStandard, 200, migratedFrom: migrated.Id)).Evaluate(second);

        var reason = Expect.Only(result.Requested, null, "LicenseLimitReached");
        Assert.Contains("200 are already there", reason.Description, StringComparison.Ordinal);
        Assert.Contains("At most 100 can migrate", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void After200SeatsMigratedTheSecondSubscriptionMigratesWith100Seats()
    {
        var migrated = A.Subscription().Of(A.BusinessStandard).WithSeats(200).WithStatus(LegacySubscriptionStatus.Migrated).Build();
        var second = BusinessStandard(200);

        var result = A.Context().With(migrated, second).With(ActiveNce(A.BusinessStandard, 200, migratedFrom: migrated.Id)).Evaluate(second.To(second.WithSeats(100)));

        Expect.Eligible(result);
        Assert.Equal(100, result.Requested.Target.Quantity);
    }

    [Fact]
    public void After200SeatsHeld101MoreAreRefused()
    {
        var subscription = BusinessStandard(101);

        var result = A.Context().With(subscription).With(ActiveNce(A.BusinessStandard, 200)).Evaluate(subscription);

        Expect.Only(result.Requested, null, "LicenseLimitReached");
    }

    [Fact]
    public void SeatsOfSeveralNewCommerceSubscriptionsOfTheProductAddUp()
    {
        var fits = BusinessStandard(50);
        var tooMany = BusinessStandard(51);
        var held = new[] { ActiveNce(A.BusinessStandard, 150), ActiveNce(A.BusinessStandard, 100) };

        Expect.Eligible(A.Context().With(fits).With(held).Evaluate(fits));
        Expect.Only(A.Context().With(tooMany).With(held).Evaluate(tooMany).Requested, null, "LicenseLimitReached");
    }

    [Fact]
    public void ProductAlreadyAt300SeatsTakesNoMore()
    {
        var subscription = BusinessStandard(1);

        var result = A.Context().With(subscription).With(ActiveNce(A.BusinessStandard, 300)).Evaluate(subscription);

        var reason = Expect.Only(result.Requested, null, "LicenseLimitReached");
        Assert.Contains("At most 0 can migrate", reason.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(200, false)]
    public void SeatsOfMigrationsInFlightCount(int requested, bool eligible)
    {
        var subscription = BusinessStandard(requested);

        var result = A.Context().With(subscription).WithInFlight(A.BusinessStandard, 200).Evaluate(subscription);

        Assert.Equal(eligible, result.IsEligible);
        if (!eligible)
        {
            Expect.Only(result.Requested, null, "LicenseLimitReached");
        }
    }

    [Fact]
    public void OfTwo200SeatRequestsAtTheSameMomentOnlyTheFirstInFlightGoesThrough()
    {
        var first = BusinessStandard(200);
        var second = BusinessStandard(200);

        var firstResult = A.Context().With(first, second).Evaluate(first);
        var secondResult = A.Context().With(first, second).WithInFlight(new InFlightSeats(first.Id, "CFQ7TTC0LDPB/0001", 200)).Evaluate(second);

        Expect.Eligible(firstResult);
        Expect.Only(secondResult.Requested, null, "LicenseLimitReached");
    }

    [Fact]
    public void MigrationInFlightWhoseNewCommerceSubscriptionAlreadyExistsIsCountedOnce()
    {
        // Between NewCommerceSubscriptionCreated and MigrationCompleted both facts describe the same 200 seats.
        var migrating = A.Subscription().Of(A.BusinessStandard).WithSeats(200).WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var second = BusinessStandard(100);

        var result = A.Context()
            .With(migrating, second)
            .With(ActiveNce(A.BusinessStandard, 200, migratedFrom: migrating.Id))
            .WithInFlight(A.BusinessStandard, 200, migrating.Id)
            .Evaluate(second);

        Expect.Eligible(result);
    }

    [Fact]
    public void MigrationInFlightWhoseNewCommerceSubscriptionWasCreatedThenCancelledHoldsNoSeats()
    {
        // Found by SeatCapProperties: the in-flight seats came back once the subscription they became was cancelled.
        var migrating = A.Subscription().Of(A.BusinessStandard).WithSeats(200).WithStatus(LegacySubscriptionStatus.Suspended).Build();
        var created = A.NceSubscription().Of(A.BusinessStandard).WithSeats(200).CreatedAt(A.Now.AddHours(-1)).MigratedFrom(migrating.Id).Build();
        Assert.True(created.Cancel(A.Now).Succeeded);
        var second = BusinessStandard(300);
        var tooMany = BusinessStandard(301);

        var context = A.Context().With(migrating, second, tooMany).With(created).WithInFlight(A.BusinessStandard, 200, migrating.Id);

        Expect.Eligible(context.Evaluate(second));
        Expect.Only(context.Evaluate(tooMany).Requested, null, "LicenseLimitReached");
    }

    [Fact]
    public void SeatsInFlightForAnotherProductDoNotCount()
    {
        var subscription = BusinessStandard(300);

        var result = A.Context().With(subscription).WithInFlight(A.BusinessBasic, 300).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SeatsOfAnotherSmbProductDoNotCount()
    {
        var subscription = BusinessStandard(300);

        var result = A.Context().With(subscription).With(ActiveNce(A.BusinessBasic, 300)).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SeatsOfACancelledNewCommerceSubscriptionDoNotCount()
    {
        var subscription = BusinessStandard(300);

        var result = A.Context().With(subscription).With(CancelledNce(A.BusinessStandard, 200)).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void TheTargetSeatCountIsWhatCountsNotTheLegacyOne()
    {
        var subscription = BusinessStandard(400);

        var carriedOver = A.Context().With(subscription).Evaluate(subscription);
        var reduced = A.Context().With(subscription).Evaluate(subscription.To(subscription.WithSeats(300)));

        Expect.Only(carriedOver.Requested, null, "LicenseLimitReached");
        Expect.Eligible(reduced);
    }

    [Fact]
    public void IncreasingSeatsAbove300OnMigrationIsRefused()
    {
        var subscription = BusinessStandard(250);

        var result = A.Context().With(subscription).Evaluate(subscription.To(subscription.WithSeats(301)));

        Expect.Only(result.Requested, null, "LicenseLimitReached");
    }

    [Fact]
    public void OfferWithoutASeatCapTakesAnyNumberOfSeats()
    {
        var subscription = A.Subscription().Of(A.Office365E3).WithSeats(2000).Build();

        var result = A.Context().With(subscription).With(ActiveNce(A.Office365E3, 5000)).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void TwoBundleMembersOfTheSameSmbProductThatFitTogetherMigrate()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var first = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(200).BoughtAt(LongAgo).Build();
        var second = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(100).BoughtAt(LongAgo.AddDays(1)).Build();

        var result = A.Context().WithOffer(SmbAddOn).With(@base, first, second).Evaluate(@base);

        Expect.Eligible(result);
    }

    [Fact]
    public void TwoBundleMembersOfTheSameSmbProductSumUpAndTheOneOverTheCapBlocksTheBundle()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var first = A.Subscription().Of(SmbAddOn).Named("Defender 1").AddOnOf(@base).WithSeats(200).BoughtAt(LongAgo).Build();
        var second = A.Subscription().Of(SmbAddOn).Named("Defender 2").AddOnOf(@base).WithSeats(101).BoughtAt(LongAgo.AddDays(1)).Build();

        var result = A.Context().WithOffer(SmbAddOn).With(@base, first, second).Evaluate(@base);

        Expect.Eligible(result.AddOns[0]);
        var over = Expect.Only(result.AddOns[1], null, "LicenseLimitReached");
        Assert.Contains("At most 100 can migrate", over.Description, StringComparison.Ordinal);
        var blocked = Expect.Only(result.Requested, 4, "SubscriptionAddOnsPresent");
        Assert.Contains("Defender 2", blocked.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void BundleMembersTargetsAreWhatCountAgainstTheCap()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var first = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(200).BoughtAt(LongAgo).Build();
        var second = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(200).BoughtAt(LongAgo.AddDays(1)).Build();
        var request = new MigrationRequest(@base.Id)
        {
            AddOnTargets = new Dictionary<Guid, MigrationTarget> { [second.Id] = second.WithSeats(100) },
        };

        var result = A.Context().WithOffer(SmbAddOn).With(@base, first, second).Evaluate(request);

        Expect.Eligible(result);
    }

    [Fact]
    public void BundleMembersAddToSeatsAlreadyHeld()
    {
        var @base = A.Subscription().Of(A.Office365E3).Build();
        var first = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(25).BoughtAt(LongAgo).Build();
        var second = A.Subscription().Of(SmbAddOn).AddOnOf(@base).WithSeats(26).BoughtAt(LongAgo.AddDays(1)).Build();

        var fits = A.Context().WithOffer(SmbAddOn).With(@base, first, second).With(ActiveNce(SmbAddOn, 249)).Evaluate(@base);
        var over = A.Context().WithOffer(SmbAddOn).With(@base, first, second).With(ActiveNce(SmbAddOn, 250)).Evaluate(@base);

        Expect.Eligible(fits);
        Expect.Only(over.AddOns[1], null, "LicenseLimitReached");
        Expect.Only(over.Requested, 4, "SubscriptionAddOnsPresent");
    }
}
