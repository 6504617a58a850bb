using Portal.Domain.Catalog;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Domain.Eligibility;

/// <summary>
/// Helpers for the eligibility tests: evaluating a request against a context, explicit UTC instants, a few extra
/// catalog offers, and assertions on reasons written as Partner Center's code and name.
/// </summary>
public static class EligibilityTestData
{
    /// <summary>An add-on offer with the small-business seat cap, so two add-ons of one bundle can share a product.</summary>
    public static readonly LegacyOffer SmbAddOn = new()
    {
        Id = Guid.Parse("5e1d0a2c-7a55-4c11-9d0e-00000000a001"),
        Name = "Microsoft Defender for Business (add-on)",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { A.Office365E3.Id },
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = new NceProductMapping("CFQ7TTC0LCHC", "0002"),
    };

    /// <summary>An add-on offer whose New Commerce product allows one subscription per customer.</summary>
    public static readonly LegacyOffer OnePerCustomerAddOn = new()
    {
        Id = Guid.Parse("5e1d0a2c-7a55-4c11-9d0e-00000000a002"),
        Name = "Teams Audio Conferencing (add-on)",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { A.Office365E3.Id },
        NceSubscriptionCountLimit = 1,
        Mapping = new NceProductMapping("CFQ7TTC0LHSV", "0001"),
    };

    /// <summary>A UTC instant.</summary>
    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>Evaluates migrating <paramref name="requested"/> now, with its legacy properties carried over.</summary>
    public static BundleEligibility Evaluate(this ContextBuilder context, LegacySubscription requested) =>
        EligibilityEvaluator.Evaluate(new MigrationRequest(requested.Id), context.Build());

    public static BundleEligibility Evaluate(this ContextBuilder context, MigrationRequest request) =>
        EligibilityEvaluator.Evaluate(request, context.Build());

    /// <summary>The legacy properties carried over, with another seat count.</summary>
    public static MigrationTarget WithSeats(this LegacySubscription subscription, int seats) =>
        MigrationTarget.CarryOver(subscription) with { Quantity = seats };

    /// <summary>A request for <paramref name="subscription"/> with the given target.</summary>
    public static MigrationRequest To(this LegacySubscription subscription, MigrationTarget target) =>
        new(subscription.Id) { Target = target };

    public static ContextBuilder WithInFlight(this ContextBuilder context, LegacyOffer offer, int seats, Guid? legacySubscriptionId = null) =>
        context.WithInFlight(new InFlightSeats(legacySubscriptionId ?? Guid.NewGuid(), offer.Mapping!.ProductSku, seats));

    public static NceSubscription ActiveNce(LegacyOffer offer, int seats = 5, Guid? migratedFrom = null)
    {
        var builder = A.NceSubscription().Of(offer).WithSeats(seats);
        return (migratedFrom is { } id ? builder.MigratedFrom(id) : builder).Build();
    }

    public static NceSubscription CancelledNce(LegacyOffer offer, int seats = 5)
    {
        var subscription = A.NceSubscription().Of(offer).WithSeats(seats).CreatedAt(A.Now.AddDays(-1)).Build();
        Assert.True(subscription.Cancel(A.Now).Succeeded);
        return subscription;
    }
}

/// <summary>Assertions on eligibility verdicts. A reason is named by Partner Center's code (null when it has none) and name.</summary>
public static class Expect
{
    public static void Eligible(BundleEligibility result) =>
        Assert.True(result.IsEligible, "Expected the bundle to be eligible, but: " + Describe(result.Members));

    public static void Eligible(MemberEligibility member) =>
        Assert.True(member.IsEligible, "Expected " + member.FriendlyName + " to be eligible, but: " + Describe([member]));

    /// <summary>The member has exactly one reason with this code and name (maybe among others); returns it.</summary>
    public static EligibilityReason Reason(MemberEligibility member, int? code, string name)
    {
        var matches = member.Reasons.Where(r => r.Code == code && r.Name == name).ToList();
        Assert.True(matches.Count == 1, $"Expected one reason '{Key(code, name)}' on {member.FriendlyName}, but: {Describe([member])}");
        return matches[0];
    }

    /// <summary>The member's only reason has this code and name; returns it.</summary>
    public static EligibilityReason Only(MemberEligibility member, int? code, string name)
    {
        Assert.True(member.Reasons.Count == 1, $"Expected only '{Key(code, name)}' on {member.FriendlyName}, but: {Describe([member])}");
        return Reason(member, code, name);
    }

    /// <summary>The member's reasons are exactly these (in any order, repeats counted).</summary>
    public static void Reasons(MemberEligibility member, params (int? Code, string Name)[] expected)
    {
        var want = expected.Select(e => Key(e.Code, e.Name)).Order(StringComparer.Ordinal).ToList();
        var got = member.Reasons.Select(r => Key(r.Code, r.Name)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(want, got);
    }

    public static void NoReasonNamed(MemberEligibility member, string name) =>
        Assert.DoesNotContain(member.Reasons, r => r.Name == name);

    public static string Describe(IEnumerable<MemberEligibility> members)
    {
        var text = string.Join(" | ", members.SelectMany(m => m.Reasons.Select(r => $"{m.FriendlyName}: {r}")));
        return text.Length == 0 ? "no reasons" : text;
    }

    private static string Key(int? code, string name) => $"{(code is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} {name}";
}
