using Portal.Domain.Common;
using Portal.Domain.Terms;

namespace Portal.Domain.Subscriptions;

public enum NceSubscriptionStatus
{
    Active,
    Cancelled,
    Expired,
}

/// <summary>Seats added to a New Commerce subscription at one moment; they may be removed for 7 days after.</summary>
public sealed record SeatAddition(int Quantity, DateTimeOffset AddedAt);

/// <summary>A New Commerce subscription, bought directly or created by a migration.</summary>
public sealed class NceSubscription
{
    /// <summary>New Commerce lets a partner cancel or reduce seats for 7 days (168 hours) after a purchase.</summary>
    public static readonly TimeSpan CancellationWindow = TimeSpan.FromHours(168);

    private readonly List<SeatAddition> _seatAdditions = [];

    private NceSubscription()
    {
    }

    public Guid Id { get; private init; }

    public Guid CustomerId { get; private init; }

    /// <summary><c>ProductId:SkuId:AvailabilityId</c>.</summary>
    public string CatalogItemId { get; private init; } = "";

    public string FriendlyName { get; private init; } = "";

    public int Quantity { get; private set; }

    public TermDuration Term { get; private init; }

    public BillingCycle Billing { get; private init; }

    public DateTimeOffset TermStart { get; private init; }

    /// <summary>UTC instant of the term's last second (23:59:59 of the end date).</summary>
    public DateTimeOffset TermEnd { get; private init; }

    public DateTimeOffset CreatedAt { get; private init; }

    public bool IsTrial { get; private init; }

    public NceSubscriptionStatus Status { get; private set; }

    /// <summary>The legacy subscription this one was migrated from, if any.</summary>
    public Guid? MigratedFromSubscriptionId { get; private init; }

    public IReadOnlyList<SeatAddition> SeatAdditions => _seatAdditions;

    public DateTimeOffset CancellationAllowedUntil => CreatedAt + CancellationWindow;

    /// <summary>The <c>ProductId/SkuId</c> part of the catalog item id, which seat caps and limits count by.</summary>
    public string ProductSku => string.Join('/', CatalogItemId.Split(':').Take(2));

    public TermBilling TermBilling => new(Term, Billing);

    public static NceSubscription Create(
        Guid id,
        Guid customerId,
        string catalogItemId,
        string friendlyName,
        int quantity,
        TermDuration term,
        BillingCycle billing,
        DateTimeOffset termStart,
        DateTimeOffset termEnd,
        DateTimeOffset createdAt,
        Guid? migratedFromSubscriptionId = null,
        bool isTrial = false)
    {
        if (quantity < 1)
        {
            throw new DomainException($"A subscription has at least one seat; got {quantity}.");
        }

        if (termEnd <= termStart)
        {
            throw new DomainException("A subscription's term must end after it starts.");
        }

        if (catalogItemId.Split(':').Length != 3)
        {
            throw new DomainException($"'{catalogItemId}' is not a catalog item id (ProductId:SkuId:AvailabilityId).");
        }

        var subscription = new NceSubscription
        {
            Id = id,
            CustomerId = customerId,
            CatalogItemId = catalogItemId,
            FriendlyName = friendlyName,
            Quantity = quantity,
            Term = term,
            Billing = billing,
            TermStart = termStart,
            TermEnd = termEnd,
            CreatedAt = createdAt,
            MigratedFromSubscriptionId = migratedFromSubscriptionId,
            IsTrial = isTrial,
            Status = NceSubscriptionStatus.Active,
        };
        subscription._seatAdditions.Add(new SeatAddition(quantity, createdAt));
        return subscription;
    }

    public bool IsInCancellationWindow(DateTimeOffset now) => now < CancellationAllowedUntil;

    /// <summary>Seats that may still be removed at <paramref name="now"/>: those added less than 7 days ago.</summary>
    public int RemovableSeats(DateTimeOffset now)
    {
        var recent = _seatAdditions.Where(a => now < a.AddedAt + CancellationWindow).Sum(a => a.Quantity);
        return Math.Min(recent, Quantity - 1);
    }

    public void AddSeats(int quantity, DateTimeOffset now)
    {
        if (quantity < 1)
        {
            throw new DomainException("Add at least one seat.");
        }

        EnsureActive();
        _seatAdditions.Add(new SeatAddition(quantity, now));
        Quantity += quantity;
    }

    /// <summary>
    /// Reduces the seat count. Allowed only for seats added within the last 7 days; older seats are committed
    /// for the rest of the term. Use <see cref="Cancel"/> to drop to zero.
    /// </summary>
    public Outcome ReduceSeats(int newQuantity, DateTimeOffset now)
    {
        EnsureActive();
        if (newQuantity < 1)
        {
            return Outcome.Refused("QuantityTooLow", "A subscription keeps at least one seat; cancel it to remove all seats.");
        }

        if (newQuantity >= Quantity)
        {
            return Outcome.Refused("NotADecrease", $"The subscription has {Quantity} seats; {newQuantity} is not fewer.");
        }

        var decrease = Quantity - newQuantity;
        var removable = RemovableSeats(now);
        if (decrease > removable)
        {
            return Outcome.Refused(
                "CancellationWindowExpired",
                removable == 0
                    ? "Seats can only be removed within 7 days (168 hours) of when they were added; no seats of this subscription are that recent. The term is enforced until it ends."
                    : $"Only {removable} seat(s) were added in the last 7 days (168 hours) and can be removed; older seats are committed until the term ends.");
        }

        // Remove the newest seats first, so the oldest additions keep counting as committed.
        var toRemove = decrease;
        for (var i = _seatAdditions.Count - 1; i >= 0 && toRemove > 0; i--)
        {
            var addition = _seatAdditions[i];
            if (now >= addition.AddedAt + CancellationWindow)
            {
                continue;
            }

            var taken = Math.Min(toRemove, addition.Quantity);
            toRemove -= taken;
            if (taken == addition.Quantity)
            {
                _seatAdditions.RemoveAt(i);
            }
            else
            {
                _seatAdditions[i] = addition with { Quantity = addition.Quantity - taken };
            }
        }

        Quantity = newQuantity;
        return Outcome.Success;
    }

    /// <summary>Cancels the subscription; New Commerce allows it only inside the 168-hour cancellation window.</summary>
    public Outcome Cancel(DateTimeOffset now)
    {
        EnsureActive();
        if (!IsInCancellationWindow(now))
        {
            return Outcome.Refused(
                "CancellationWindowExpired",
                $"The cancellation window closed at {CancellationAllowedUntil.UtcDateTime:yyyy-MM-dd HH:mm} UTC (7 days after the subscription was created). The term is enforced until {TermEnd.UtcDateTime:yyyy-MM-dd}; turn off auto-renew instead.");
        }

        Status = NceSubscriptionStatus.Cancelled;
        return Outcome.Success;
    }

    private void EnsureActive()
    {
        if (Status != NceSubscriptionStatus.Active)
        {
            throw new DomainException($"New Commerce subscription {Id} is {Status}.");
        }
    }
}
