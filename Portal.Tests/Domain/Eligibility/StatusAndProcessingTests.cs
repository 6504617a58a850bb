using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>Code 0: only Active subscriptions migrate. Code 1: nothing else may be in flight for the subscription.</summary>
public class StatusAndProcessingTests
{
    [Theory]
    [InlineData(LegacySubscriptionStatus.Suspended)]
    [InlineData(LegacySubscriptionStatus.Expired)]
    [InlineData(LegacySubscriptionStatus.Cancelled)]
    [InlineData(LegacySubscriptionStatus.Deleted)]
    [InlineData(LegacySubscriptionStatus.Migrated)]
    public void SubscriptionThatIsNotActiveIsIneligibleWithCode0(LegacySubscriptionStatus status)
    {
        var subscription = A.Subscription().WithStatus(status).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Assert.False(result.IsEligible);
        var reason = Expect.Only(result.Requested, 0, "SubscriptionStatusNotActive");
        Assert.Contains(status.ToString(), reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ActiveSubscriptionHasNoStatusReason()
    {
        var subscription = A.Subscription().WithStatus(LegacySubscriptionStatus.Active).Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void SubscriptionWithAnOrderStillBeingProcessedIsIneligibleWithCode1()
    {
        var subscription = A.Subscription().WithPendingOrder().Build();

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 1, "SubscriptionBeingProcessingInOms");
    }

    [Fact]
    public void SubscriptionReservedByARequestedMigrationIsIneligibleWithCode1()
    {
        var subscription = A.Subscription().Build();
        subscription.Reserve(Guid.NewGuid());

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Only(result.Requested, 1, "SubscriptionBeingProcessingInOms");
    }

    [Fact]
    public void SubscriptionSuspendedByAMigrationThatHasBegunIsBothNotActiveAndBeingProcessed()
    {
        var subscription = A.Subscription().Build();
        var migrationId = Guid.NewGuid();
        subscription.Reserve(migrationId);
        subscription.SuspendForMigration(migrationId);

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Reasons(result.Requested, (0, "SubscriptionStatusNotActive"), (1, "SubscriptionBeingProcessingInOms"));
    }

    [Fact]
    public void SubscriptionReleasedByAFailedMigrationIsEligibleAgain()
    {
        var subscription = A.Subscription().Build();
        var migrationId = Guid.NewGuid();
        subscription.Reserve(migrationId);
        subscription.SuspendForMigration(migrationId);
        subscription.Release(migrationId);

        var result = A.Context().With(subscription).Evaluate(subscription);

        Expect.Eligible(result);
    }

    [Fact]
    public void ReasonsOfTheCatalogKeepTheirGuidanceWhenTheEvaluatorAddsDetail()
    {
        var subscription = A.Subscription().WithStatus(LegacySubscriptionStatus.Suspended).Build();

        var reason = A.Context().With(subscription).Evaluate(subscription).Requested.Reasons.Single();

        Assert.Equal(EligibilityReasons.SubscriptionStatusNotActive.Guidance, reason.Guidance);
        Assert.Equal("The legacy subscription is Suspended, not Active.", reason.Description);
    }

    [Fact]
    public void EvaluatingASubscriptionTheCustomerDoesNotHoldThrows()
    {
        var stranger = A.Subscription().Build();
        var context = A.Context().With(A.Subscription().Build());

        Assert.Throws<DomainException>(() => context.Evaluate(stranger));
    }
}
