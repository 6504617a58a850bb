using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Publishing;

/// <summary>Submitted -> SlotBooked -> Confirmed -> Completed | Failed; a failed migration books a new slot (SlotBooked again).</summary>
public enum PublisherMigrationStatus
{
    Submitted,
    SlotBooked,
    Confirmed,
    Completed,
    Failed,
}

/// <summary>One run of a migration at its slot: what moved, or which offers in flight made it fail and revert.</summary>
public sealed record MigrationAttempt(
    MigrationSlot Slot,
    DateTimeOffset RanAt,
    bool Succeeded,
    IReadOnlyList<string> MovedOfferIds,
    IReadOnlyList<string> BlockingOfferIds,
    string? FailureReason);

/// <summary>
/// A publisher's request to move to the new portal: submitted from the Learn page, booked into a one-hour slot
/// (a Tuesday 10:00-13:00 Pacific time, or another time an operator arranges), confirmed by the publishing
/// account's owner at least 24 hours ahead, and run at the slot. A run fails, and is reverted, when any offer is
/// being staged or published; the publisher then books a new slot. Created by <see cref="Publisher.SubmitMigration"/>.
/// </summary>
public sealed class PublisherMigration
{
    private readonly List<MigrationAttempt> _attempts = [];
    private readonly List<PublisherNotification> _notifications = [];
    private Publisher _publisher = null!;

    private PublisherMigration()
    {
    }

    public Guid Id { get; private init; }

    public string PublisherId { get; private init; } = "";

    public DateTimeOffset SubmittedAt { get; private init; }

    public PublisherMigrationStatus Status { get; private set; }

    /// <summary>The booked slot; kept after a run so the status page can show when it ran.</summary>
    public MigrationSlot? Slot { get; private set; }

    public DateTimeOffset? BookedAt { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Why the last run failed; cleared when a new slot is booked.</summary>
    public string? FailureReason { get; private set; }

    public IReadOnlyList<MigrationAttempt> Attempts => _attempts;

    /// <summary>Messages for the publisher (done, or failed and reverted), for a sender to deliver.</summary>
    public IReadOnlyList<PublisherNotification> Notifications => _notifications;

    /// <summary>While a slot is booked, live offers' prices cannot change: they move with exactly the price they have.</summary>
    public bool LocksLivePrices => Status is PublisherMigrationStatus.SlotBooked or PublisherMigrationStatus.Confirmed;

    /// <summary>A new slot can be booked: before the first booking, to change a booking, or after a failure.</summary>
    public bool CanBook => Status != PublisherMigrationStatus.Completed;

    /// <summary>
    /// Books a regular slot: a Tuesday starting at 10:00, 11:00 or 12:00 Pacific time, at least 24 hours from now
    /// (so the owner can still confirm it). Replaces an earlier booking and its confirmation.
    /// </summary>
    public Outcome BookSlot(DateTimeOffset slotStart, DateTimeOffset now)
    {
        EnsureCanBook();
        if (!MigrationSlots.IsRegularSlotStart(slotStart))
        {
            return Outcome.Refused(
                PublishingRefusals.NotAMigrationSlot,
                $"Migrations run on Tuesdays from 10:00 to 13:00 Pacific time in one-hour slots starting at 10:00, 11:00 or 12:00; {MigrationSlots.Describe(slotStart)} is not one of them. Pick another slot, or ask us to arrange a different time.");
        }

        return Book(MigrationSlot.Regular(slotStart), now);
    }

    /// <summary>
    /// An operator books a time agreed with the publisher outside the regular slots: any day and hour, still at
    /// least 24 hours ahead and still confirmed by the account's owner at least 24 hours ahead.
    /// </summary>
    public Outcome ArrangeSlot(DateTimeOffset slotStart, string operatorName, DateTimeOffset now)
    {
        EnsureCanBook();
        return Book(MigrationSlot.ArrangedByOperator(slotStart, operatorName), now);
    }

    /// <summary>The publishing account's owner (the old portal's admin) confirms the booked slot, at least 24 hours before it starts.</summary>
    public Outcome ConfirmSlot(string user, DateTimeOffset now)
    {
        if (Status != PublisherMigrationStatus.SlotBooked || Slot is null)
        {
            throw new DomainException($"Migration {Id} is {Status}; only a booked slot can be confirmed.");
        }

        if (!_publisher.IsAccountOwner(user))
        {
            return Outcome.Refused(
                PublishingRefusals.NotAccountOwner,
                $"Only the owner of the publishing account ({_publisher.AccountOwner}, the admin on the old portal) can confirm the migration slot; {user} cannot.");
        }

        if (Slot.Start - now < MigrationSlots.ConfirmationLeadTime)
        {
            return Outcome.Refused(
                PublishingRefusals.ConfirmationTooLate,
                $"The slot {Slot} must be confirmed at least 24 hours before it starts; that time has passed. Book a later slot, the earliest being {MigrationSlots.Describe(MigrationSlots.NextBookable(now))}.");
        }

        Status = PublisherMigrationStatus.Confirmed;
        ConfirmedBy = user.Trim();
        ConfirmedAt = now;
        return Outcome.Success;
    }

    /// <summary>
    /// Runs the migration at its slot. Succeeds by moving every Virtual Machine offer (drafts stay drafts, staged
    /// offers become drafts, listed offers stay live at the same price) and mapping admin to owner and co-admins to
    /// contributors. Refused, with everything reverted, when any offer is being staged or published; the refusal
    /// names them. Either way the publisher is notified.
    /// </summary>
    public Outcome Run(DateTimeOffset now)
    {
        if (Status != PublisherMigrationStatus.Confirmed || Slot is null)
        {
            throw new DomainException($"Migration {Id} is {Status}; only a confirmed slot can run.");
        }

        if (now < Slot.Start)
        {
            throw new DomainException($"Migration {Id} is booked for {Slot} and cannot run before it starts.");
        }

        var move = _publisher.MoveToNewPortal(now);
        if (move.Succeeded)
        {
            Status = PublisherMigrationStatus.Completed;
            CompletedAt = now;
            _attempts.Add(new MigrationAttempt(Slot, now, true, move.Moved.Select(o => o.OfferId).ToList(), [], null));
            Notify(PublisherNotificationKind.Completed, now, $"{_publisher.Name} has moved to the new Cloud Partner Portal", CompletedText(move));
            return Outcome.Success;
        }

        var blocking = string.Join(", ", move.Blocking.Select(o => $"'{o.Name}' ({o.OfferId}, {o.Describe()})"));
        var reason = $"The migration in the slot {Slot} failed because these offers were being published or staged on the old portal: {blocking}. Everything was reverted: nothing moved and nothing changed.";
        Status = PublisherMigrationStatus.Failed;
        FailureReason = reason;
        _attempts.Add(new MigrationAttempt(Slot, now, false, [], move.Blocking.Select(o => o.OfferId).ToList(), reason));
        var next = MigrationSlots.Describe(MigrationSlots.NextBookable(now));
        Notify(
            PublisherNotificationKind.Failed,
            now,
            $"The migration of {_publisher.Name} failed and was reverted",
            $"{reason} Let those offers finish publishing or staging, then book a new slot; the earliest you can book is {next}. You can keep working on the old portal meanwhile.");
        return Outcome.Refused(PublishingRefusals.OffersInFlight, $"{reason} Book a new slot once they have finished; the earliest is {next}.");
    }

    internal static PublisherMigration Submit(Publisher publisher, Guid id, DateTimeOffset now) => new()
    {
        _publisher = publisher,
        Id = id,
        PublisherId = publisher.PublisherId,
        SubmittedAt = now,
        Status = PublisherMigrationStatus.Submitted,
    };

    private Outcome Book(MigrationSlot slot, DateTimeOffset now)
    {
        if (slot.Start - now < MigrationSlots.ConfirmationLeadTime)
        {
            return Outcome.Refused(
                PublishingRefusals.SlotTooSoon,
                $"{slot} starts less than 24 hours from now, too soon to be confirmed. The earliest slot you can book is {MigrationSlots.Describe(MigrationSlots.NextBookable(now))}.");
        }

        Slot = slot;
        BookedAt = now;
        ConfirmedBy = null;
        ConfirmedAt = null;
        FailureReason = null;
        Status = PublisherMigrationStatus.SlotBooked;
        return Outcome.Success;
    }

    private void EnsureCanBook()
    {
        if (!CanBook)
        {
            throw new DomainException($"Migration {Id} is {Status}; a completed migration cannot book another slot.");
        }
    }

    private void Notify(PublisherNotificationKind kind, DateTimeOffset now, string subject, string text) =>
        _notifications.Add(new PublisherNotification(kind, PublisherId, _publisher.AccountOwner, now, subject, text));

    private string CompletedText(MigrationMove move)
    {
        static string List(IEnumerable<string> items, string none)
        {
            var list = items.ToList();
            return list.Count == 0 ? none : string.Join(", ", list);
        }

        var stayed = _publisher.Offers.Where(o => !o.IsMigrated).Select(o => $"'{o.Name}' ({o.Type})");
        var nowDrafts = move.Moved.Where(o => o.StateOnOldPortal == OfferState.Staged).Select(o => $"'{o.Name}'");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Your migration is finished and you can now continue to work on the new portal. " +
            $"Moved to the new portal: {List(move.Moved.Select(o => $"'{o.Name}' ({o.StateShownOn(PublishingPortal.New)})"), "no offers")}. " +
            $"Staged offers became drafts you need to publish in the new portal: {List(nowDrafts, "none")}. " +
            $"Staying on the old portal for now: {List(stayed, "none")}. " +
            $"Live offers keep working with the same prices. {_publisher.AccountOwner} is now the owner of the publishing account on the new portal; " +
            $"contributors: {List(_publisher.Contributors, "none")}. " +
            $"Migrated offers are read-only on the old portal, and new offers are created on the new portal.");
    }
}
