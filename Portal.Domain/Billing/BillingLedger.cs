using Portal.Domain.Common;

namespace Portal.Domain.Billing;

public enum BilledSide
{
    Legacy,
    NewCommerce,
}

/// <summary>Days a subscription is billed for: from <see cref="From"/> up to, not including, <see cref="Until"/> (open while null).</summary>
public sealed record BilledPeriod(Guid SubscriptionId, BilledSide Side, DateOnly From, DateOnly? Until)
{
    public bool Covers(DateOnly day) => day >= From && (Until is null || day < Until);
}

/// <summary>
/// A day-based ledger of which subscription is billed on which UTC day. It refuses any entry that would bill a
/// legacy subscription and the New Commerce subscription made from it for the same day: legacy billing stops the
/// day a migration begins; New Commerce billing starts the day its subscription is created; a reverted migration
/// resumes legacy billing on the day of the revert, so the suspended days are billed to nobody.
/// </summary>
public sealed class BillingLedger
{
    private readonly List<BilledPeriod> _periods = [];
    private readonly Dictionary<Guid, Guid> _migratedFrom = [];

    public IReadOnlyList<BilledPeriod> Periods => _periods;

    /// <summary>The legacy subscription is billed from <paramref name="from"/> on; refused while a New Commerce subscription made from it is billed then.</summary>
    public void StartLegacyBilling(Guid legacySubscriptionId, DateOnly from) => OpenLegacy(legacySubscriptionId, from);

    /// <summary>A migration begins: the legacy subscription is not billed from <paramref name="day"/> on.</summary>
    public void StopBilling(Guid subscriptionId, DateOnly day)
    {
        var open = OpenPeriod(subscriptionId) ?? throw new DomainException($"Subscription {subscriptionId} is not being billed.");
        if (day < open.From)
        {
            throw new DomainException($"Billing of {subscriptionId} started on {open.From:yyyy-MM-dd}; it cannot stop on {day:yyyy-MM-dd}.");
        }

        _periods[_periods.IndexOf(open)] = open with { Until = day };
    }

    /// <summary>The New Commerce subscription made by a migration is billed from the day it is created.</summary>
    public void StartNewCommerceBilling(Guid nceSubscriptionId, Guid? migratedFromSubscriptionId, DateOnly createdOn)
    {
        if (migratedFromSubscriptionId is { } legacyId)
        {
            var clash = _periods.FirstOrDefault(p => p.SubscriptionId == legacyId && (p.Until is null || p.Until > createdOn));
            if (clash is not null)
            {
                throw new DomainException(
                    $"Legacy subscription {legacyId} is still billed on or after {createdOn:yyyy-MM-dd}; stop its billing before the New Commerce subscription is billed.");
            }

            _migratedFrom[nceSubscriptionId] = legacyId;
        }

        Open(nceSubscriptionId, BilledSide.NewCommerce, createdOn);
    }

    /// <summary>A reverted migration: the legacy subscription is billed again from the day it is Active again.</summary>
    public void ResumeLegacyBilling(Guid legacySubscriptionId, DateOnly day) => OpenLegacy(legacySubscriptionId, day);

    public bool IsBilled(Guid subscriptionId, DateOnly day) =>
        _periods.Any(p => p.SubscriptionId == subscriptionId && p.Covers(day));

    /// <summary>Billed days of a subscription between two days (inclusive).</summary>
    public IReadOnlyList<DateOnly> BilledDays(Guid subscriptionId, DateOnly first, DateOnly last) =>
        Days(first, last).Where(d => IsBilled(subscriptionId, d)).ToList();

    /// <summary>Days on which both subscriptions are billed; empty when the ledger is right.</summary>
    public IReadOnlyList<DateOnly> DaysBilledTwice(Guid legacySubscriptionId, Guid nceSubscriptionId, DateOnly first, DateOnly last) =>
        Days(first, last).Where(d => IsBilled(legacySubscriptionId, d) && IsBilled(nceSubscriptionId, d)).ToList();

    /// <summary>
    /// Opens legacy billing, unless a New Commerce subscription made from it (any of them, if the legacy subscription
    /// was migrated more than once) is billed on or after <paramref name="from"/>.
    /// </summary>
    private void OpenLegacy(Guid legacySubscriptionId, DateOnly from)
    {
        var successors = _migratedFrom.Where(p => p.Value == legacySubscriptionId).Select(p => p.Key).ToHashSet();
        var clash = _periods.FirstOrDefault(p => successors.Contains(p.SubscriptionId) && (p.Until is null || p.Until > from));
        if (clash is not null)
        {
            throw new DomainException(
                $"New Commerce subscription {clash.SubscriptionId} is billed on or after {from:yyyy-MM-dd}; stop it before billing legacy subscription {legacySubscriptionId} again.");
        }

        Open(legacySubscriptionId, BilledSide.Legacy, from);
    }

    private void Open(Guid subscriptionId, BilledSide side, DateOnly from)
    {
        if (OpenPeriod(subscriptionId) is not null)
        {
            throw new DomainException($"Subscription {subscriptionId} is already being billed.");
        }

        if (_periods.Any(p => p.SubscriptionId == subscriptionId && p.Until > from))
        {
            throw new DomainException($"Subscription {subscriptionId} was already billed on {from:yyyy-MM-dd}.");
        }

        _periods.Add(new BilledPeriod(subscriptionId, side, from, null));
    }

    private BilledPeriod? OpenPeriod(Guid subscriptionId) =>
        _periods.FirstOrDefault(p => p.SubscriptionId == subscriptionId && p.Until is null);

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }
}
