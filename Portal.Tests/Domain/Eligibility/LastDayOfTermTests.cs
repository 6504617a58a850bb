using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using static Portal.Tests.Domain.Eligibility.EligibilityTestData;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Code 10: in the last 24 hours of the term (from TermEnd - 24h up to TermEnd) a migration must start a new full
/// term (purchaseFullTerm). Code 2: once the term end has passed the subscription is renewing and cannot migrate
/// now, whatever the target. A migration on renewal starts the next term and is not subject to either.
/// </summary>
public class LastDayOfTermTests
{
    private const int Day = 24 * 60 * 60;

    /// <summary>The default subscription's term end.</summary>
    private static readonly DateTimeOffset TermEnd = Utc(2026, 2, 10, 23, 59, 59);

    private static BundleEligibility EvaluateAt(DateTimeOffset now, bool purchaseFullTerm)
    {
        var subscription = A.Subscription().EndingAt(TermEnd).Build();
        var target = MigrationTarget.CarryOver(subscription) with { PurchaseFullTerm = purchaseFullTerm };
        return A.Context().With(subscription).At(now).Evaluate(subscription.To(target));
    }

    [Fact]
    public void OneSecondBeforeTheLastDayOfTermAMigrationKeepingTheEndDateIsEligible()
    {
        var result = EvaluateAt(TermEnd.AddSeconds(-Day - 1), purchaseFullTerm: false);

        Expect.Eligible(result);
        Assert.Equal(new DateOnly(2026, 2, 10), result.Requested.NceTermEndDate);
    }

    [Theory]
    [InlineData(-Day)]
    [InlineData(-Day + 1)]
    [InlineData(-60 * 60)]
    [InlineData(-1)]
    [InlineData(0)]
    public void InTheLastDayOfTermAMigrationWithoutAFullTermIsIneligibleWithCode10(int secondsFromTermEnd)
    {
        var result = EvaluateAt(TermEnd.AddSeconds(secondsFromTermEnd), purchaseFullTerm: false);

        var reason = Expect.Only(result.Requested, 10, "MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm");
        Assert.Contains("2026-02-10 23:59:59", reason.Description, StringComparison.Ordinal);
        Assert.Contains("purchaseFullTerm", reason.Guidance, StringComparison.Ordinal);
        Assert.Null(result.Requested.NceTermEndDate);
    }

    [Theory]
    [InlineData(-Day, 2027, 2, 8)]
    [InlineData(-1, 2027, 2, 9)]
    [InlineData(0, 2027, 2, 9)]
    public void InTheLastDayOfTermAMigrationStartingANewFullTermIsEligible(int secondsFromTermEnd, int year, int month, int day)
    {
        var result = EvaluateAt(TermEnd.AddSeconds(secondsFromTermEnd), purchaseFullTerm: true);

        Expect.Eligible(result);
        Assert.Equal(new DateOnly(year, month, day), result.Requested.NceTermEndDate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneSecondAfterTheTermEndedTheSubscriptionIsIneligibleWithCode2(bool purchaseFullTerm)
    {
        var result = EvaluateAt(TermEnd.AddSeconds(1), purchaseFullTerm);

        var reason = Expect.Only(result.Requested, 2, "SubscriptionTooCloseToTermEnd");
        Assert.Contains("2026-02-10 23:59:59", reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void DaysAfterTheTermEndedTheSubscriptionIsStillIneligibleWithCode2()
    {
        var result = EvaluateAt(TermEnd.AddDays(3), purchaseFullTerm: true);

        Expect.Only(result.Requested, 2, "SubscriptionTooCloseToTermEnd");
    }

    [Fact]
    public void ScheduledMigrationTargetingTheLastDayOfTermMustStartAFullTerm()
    {
        var subscription = A.Subscription().EndingAt(TermEnd).Build();
        var context = A.Context().With(subscription).At(A.Now);

        var keepingEnd = context.Evaluate(new MigrationRequest(subscription.Id) { At = Utc(2026, 2, 10) });
        var fullTerm = context.Evaluate(new MigrationRequest(subscription.Id)
        {
            At = Utc(2026, 2, 10),
            Target = MigrationTarget.CarryOver(subscription) with { PurchaseFullTerm = true },
        });
        var dayBefore = context.Evaluate(new MigrationRequest(subscription.Id) { At = Utc(2026, 2, 9) });

        Expect.Only(keepingEnd.Requested, 10, "MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm");
        Expect.Eligible(fullTerm);
        Expect.Eligible(dayBefore);
    }

    [Fact]
    public void MigrationOnRenewalRunsTheDayAfterTheTermEndsAsANewFullTerm()
    {
        var subscription = A.Subscription().EndingAt(TermEnd).Build();

        var result = A.Context().With(subscription).At(TermEnd.AddHours(-2)).Evaluate(new MigrationRequest(subscription.Id) { OnRenewal = true });

        Expect.Eligible(result);
        Assert.Equal(Utc(2026, 2, 11), result.EvaluatedFor);
        Assert.True(result.Requested.Target.PurchaseFullTerm);
        Assert.Equal(new DateOnly(2027, 2, 10), result.Requested.NceTermEndDate);
    }

    [Fact]
    public void MigrationOnRenewalIsNotRefusedForTheLastDayOfTermEvenWithoutAskingForAFullTerm()
    {
        var subscription = A.Subscription().EndingAt(TermEnd).Build();
        var request = subscription.To(MigrationTarget.CarryOver(subscription) with { PurchaseFullTerm = false }) with { OnRenewal = true };

        var result = A.Context().With(subscription).At(A.Now).Evaluate(request);

        Expect.Eligible(result);
    }
}
