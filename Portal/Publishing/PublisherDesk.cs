using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Publishing;

/// <summary>A publisher of the signed-in partner, as the list shows it.</summary>
public sealed record PublisherSummary(string PublisherId, string Name, string Admin, PublisherMigrationStatus? Status, DateTimeOffset? SlotStart, DateTimeOffset? MigratedAt);

/// <summary>
/// Everything a signed-in partner does with its publishers' migrations to the new Cloud Partner Portal. Every
/// method takes the partner's tenant id and answers null (not found) for another partner's publisher exactly as for
/// a missing one; each command is one unit of work (the change and its audit entry are saved together, or nothing is).
/// Refusals name the form field they are about in <see cref="Refusal.Code"/> when it is a field (see <see cref="Fields"/>).
/// </summary>
public sealed class PublisherDesk(PortalDbContext db, PartnerClock clock)
{
    /// <summary>Refusal codes that name a form field, for pages to show the message beside it.</summary>
    public static class Fields
    {
        public const string PublisherName = "publisherName";
        public const string PublisherId = "publisherId";
        public const string Slot = "slot";
        public const string OperatorName = "operatorName";
        public const string Offer = "offerId";
        public const string OfferName = "name";
        public const string OfferType = "type";
        public const string Price = "price";
    }

    public const string NotSandbox = "NotSandbox";

    public const string NotConfirmed = "NotConfirmed";

    public const string NotSubmitted = "NotSubmitted";

    /// <summary>A publisher as the list shows it, read by the database.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Publisher, PublisherSummary>> Summary = p => new PublisherSummary(
        p.PublisherId,
        p.Name,
        p.Admin,
        p.Migration == null ? null : p.Migration.Status,
        p.Migration == null || p.Migration.Slot == null ? null : p.Migration.Slot.Start,
        p.MigratedAt);

    /// <summary>The partner's now: real time, or a Sandbox partner's moved clock (see <see cref="PartnerClock"/>).</summary>
    public Task<DateTimeOffset> NowAsync(Guid partnerTenantId, CancellationToken ct = default) => clock.NowAsync(partnerTenantId, ct);

    public async Task<IReadOnlyList<PublisherSummary>> ListAsync(Guid partnerTenantId, CancellationToken ct = default) =>
        await db.PublishersOf(partnerTenantId).AsNoTracking()
            .OrderBy(p => p.Name)
            .Select(Summary)
            .ToListAsync(ct);

    /// <summary>One page of the partner's publishers for the list, sorted in the database by name, id or migration status.</summary>
    public async Task<(IReadOnlyList<PublisherSummary> Items, int Total)> PageAsync(
        Guid partnerTenantId, int page, int pageSize, string? sort, bool descending, CancellationToken ct = default)
    {
        var query = db.PublishersOf(partnerTenantId).AsNoTracking();
        var total = await query.CountAsync(ct);
        var sorted = (sort, descending) switch
        {
            ("id", false) => query.OrderBy(p => p.PublisherId),
            ("id", true) => query.OrderByDescending(p => p.PublisherId),
            ("status", false) => query.OrderBy(p => p.Migration!.Status).ThenBy(p => p.Name),
            ("status", true) => query.OrderByDescending(p => p.Migration!.Status).ThenBy(p => p.Name),
            (_, true) => query.OrderByDescending(p => p.Name),
            _ => query.OrderBy(p => p.Name),
        };
        var items = await sorted.ThenBy(p => p.PublisherId)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(Summary)
            .ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The partner's publisher, whole, or null when it has none with that id.</summary>
    public Task<Publisher?> GetAsync(Guid partnerTenantId, string publisherId, CancellationToken ct = default) =>
        db.PublishersOf(partnerTenantId).SingleOrDefaultAsync(p => p.PublisherId == publisherId.Trim(), ct);

    /// <summary>One page of the offers the partner's publisher shows on <paramref name="portal"/>, read by the database (see <see cref="OfferQuery"/>).</summary>
    public Task<Customers.ListPage<Offer>> OffersAsync(
        Guid partnerTenantId, string publisherId, PublishingPortal portal, OfferSort sort, string? search, int page, int pageSize, CancellationToken ct = default) =>
        db.OffersPageAsync(partnerTenantId, publisherId, portal, sort, search, page, pageSize, ct);

    /// <summary>Whether the partner is a Sandbox partner, which may rehearse a migration now.</summary>
    public Task<bool> IsSandboxAsync(Guid partnerTenantId, CancellationToken ct = default) =>
        db.Partners.AnyAsync(p => p.TenantId == partnerTenantId && p.Environment == Domain.Partners.PartnerEnvironment.Sandbox, ct);

    /// <summary>
    /// Submits to migrate from the Learn page with the publisher name and id as typed. The id picks the partner's
    /// publisher (an unknown id is a field error, not a 404: it is what the person typed); the name must match it.
    /// </summary>
    public async Task<(Outcome Outcome, string? PublisherId)> SubmitAsync(Guid partnerTenantId, string? publisherName, string? publisherId, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(publisherName))
        {
            return (Outcome.Refused(Fields.PublisherName, "Publisher name: enter your publisher name as it appears in your publisher profile."), null);
        }

        if (string.IsNullOrWhiteSpace(publisherId))
        {
            return (Outcome.Refused(Fields.PublisherId, "Publisher id: enter your publisher id as it appears in your publisher profile."), null);
        }

        var publisher = await GetAsync(partnerTenantId, publisherId, ct);
        if (publisher is null)
        {
            return (Outcome.Refused(Fields.PublisherId, $"Publisher id: your organization has no publisher with the id '{publisherId.Trim()}'. Copy it from your publisher profile."), null);
        }

        var outcome = publisher.SubmitMigration(Guid.NewGuid(), publisherName, publisherId, await NowAsync(partnerTenantId, ct));
        if (outcome.Refusal is { Code: PublishingRefusals.PublisherDoesNotMatch } mismatch)
        {
            // The id found the publisher, so what does not match is the name.
            outcome = Outcome.Refused(Fields.PublisherName, "Publisher name: " + mismatch.Message);
        }

        return (await SaveAsync(partnerTenantId, publisher, outcome, actor, "Publisher migration submitted", null, ct), publisher.PublisherId);
    }

    /// <summary>Books a regular Tuesday slot (its UTC start, as the page offers it).</summary>
    public Task<Outcome?> BookAsync(Guid partnerTenantId, string publisherId, DateTimeOffset? slotStart, string actor, CancellationToken ct = default) =>
        ChangeMigrationAsync(partnerTenantId, publisherId, actor, "Publisher migration slot booked", (migration, now) =>
            slotStart is null
                ? Outcome.Refused(Fields.Slot, "Slot: choose one of the Tuesday slots listed.")
                : migration.BookSlot(slotStart.Value, now), ct);

    /// <summary>Records a time an operator of the migration team arranged with the publisher, outside the Tuesday slots.</summary>
    public Task<Outcome?> ArrangeAsync(Guid partnerTenantId, string publisherId, DateTimeOffset? slotStart, string? operatorName, string actor, CancellationToken ct = default) =>
        ChangeMigrationAsync(partnerTenantId, publisherId, actor, "Publisher migration time arranged", (migration, now) =>
            slotStart is null ? Outcome.Refused(Fields.Slot, "Time: enter the date and time (UTC) the migration team arranged.")
            : string.IsNullOrWhiteSpace(operatorName) ? Outcome.Refused(Fields.OperatorName, "Operator: enter the name of the migration team member who arranged the time.")
            : migration.ArrangeSlot(slotStart.Value, operatorName, now), ct);

    /// <summary>The publishing account's owner confirms the booked slot (the signed-in user's email must be the owner's).</summary>
    public Task<Outcome?> ConfirmAsync(Guid partnerTenantId, string publisherId, string actor, CancellationToken ct = default) =>
        ChangeMigrationAsync(partnerTenantId, publisherId, actor, "Publisher migration slot confirmed", (migration, now) =>
            migration.Status == PublisherMigrationStatus.SlotBooked
                ? migration.ConfirmSlot(actor, now)
                : Outcome.Refused(Fields.Slot, $"There is no booked slot to confirm: the migration is {migration.Status}. Book a slot first."), ct);

    /// <summary>
    /// A Sandbox partner rehearses its confirmed migration now instead of waiting for the slot: its sandbox clock moves
    /// forward to the slot's start (if that is still ahead) and the migration runs then, exactly as the runner would.
    /// Production partners wait for the slot.
    /// </summary>
    public async Task<Outcome?> RehearseNowAsync(Guid partnerTenantId, string publisherId, string actor, CancellationToken ct = default)
    {
        var publisher = await GetAsync(partnerTenantId, publisherId, ct);
        if (publisher is null)
        {
            return null;
        }

        if (!await IsSandboxAsync(partnerTenantId, ct))
        {
            return Outcome.Refused(NotSandbox, "Only Sandbox partners can rehearse a migration now; yours runs at its confirmed slot.");
        }

        if (publisher.Migration is not { Status: PublisherMigrationStatus.Confirmed, Slot: { } slot } migration)
        {
            return Outcome.Refused(NotConfirmed, "Book a slot and have the account's owner confirm it before rehearsing the migration.");
        }

        var at = await NowAsync(partnerTenantId, ct);
        if (at < slot.Start)
        {
            at = await clock.SetAsync(partnerTenantId, slot.Start, actor, ct);
        }

        var notified = migration.Notifications.Count;
        var outcome = migration.Run(at);
        PublishingNotifications.AddNew(db, partnerTenantId, migration, notified);
        return await SaveAsync(partnerTenantId, publisher, outcome, actor, "Publisher migration rehearsed", RunDetail(migration), ct, alwaysSave: true);
    }

    /// <summary>The publishing pipeline (simulated here) finishes staging or publishing an offer.</summary>
    public async Task<Outcome?> FinishInFlightAsync(Guid partnerTenantId, string publisherId, string? offerId, string actor, CancellationToken ct = default)
    {
        var publisher = await GetAsync(partnerTenantId, publisherId, ct);
        if (publisher is null)
        {
            return null;
        }

        var offer = string.IsNullOrWhiteSpace(offerId) ? null : publisher.FindOffer(offerId);
        if (offer is null || !offer.IsInFlight)
        {
            return Outcome.Refused(Fields.Offer, $"Offer: '{offerId?.Trim()}' is not an offer of {publisher.Name} that is being staged or published.");
        }

        publisher.FinishInFlight(offer.OfferId);
        return await SaveAsync(partnerTenantId, publisher, Outcome.Success, actor, "Offer finished staging or publishing", offer.OfferId, ct);
    }

    /// <summary>Creates a draft offer on a portal; blocked on the old portal after migration, and the new one takes only migrating types.</summary>
    public async Task<Outcome?> CreateOfferAsync(
        Guid partnerTenantId, string publisherId, PublishingPortal portal, string? offerId, string? name, OfferType? type, decimal? price, string actor, CancellationToken ct = default)
    {
        var publisher = await GetAsync(partnerTenantId, publisherId, ct);
        if (publisher is null)
        {
            return null;
        }

        var outcome =
            string.IsNullOrWhiteSpace(offerId) || offerId.Trim().Length > 50 ? Outcome.Refused(Fields.Offer, "Offer id: enter an id of 1 to 50 characters, like contoso-ubuntu-server.")
            : string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 ? Outcome.Refused(Fields.OfferName, "Name: enter the offer's name (up to 200 characters).")
            : type is null ? Outcome.Refused(Fields.OfferType, "Type: choose the offer type.")
            : price is null or < 0 ? Outcome.Refused(Fields.Price, "Price: enter a price of 0 or more, in US dollars.")
            : publisher.CreateOffer(portal, offerId, name, type.Value, OfferPrice.Usd(price.Value));
        return await SaveAsync(partnerTenantId, publisher, outcome, actor, $"Offer created on the {portal} portal", offerId?.Trim(), ct);
    }

    private async Task<Outcome?> ChangeMigrationAsync(
        Guid partnerTenantId, string publisherId, string actor, string action, Func<PublisherMigration, DateTimeOffset, Outcome> change, CancellationToken ct)
    {
        var publisher = await GetAsync(partnerTenantId, publisherId, ct);
        if (publisher is null)
        {
            return null;
        }

        if (publisher.Migration is not { } migration)
        {
            return Outcome.Refused(NotSubmitted, $"{publisher.Name} has not submitted to migrate yet: submit on the Learn page first.");
        }

        var outcome = migration.Status == PublisherMigrationStatus.Completed
            ? Outcome.Refused(PublishingRefusals.AlreadyMigrated, $"{publisher.Name} has already migrated to the new portal.")
            : change(migration, await NowAsync(partnerTenantId, ct));
        return await SaveAsync(partnerTenantId, publisher, outcome, actor, action, migration.Slot?.ToString(), ct);
    }

    /// <summary>Saves the change with its audit entry when it succeeded (or always, for a run: a failed run is a change too).</summary>
    private async Task<Outcome> SaveAsync(
        Guid partnerTenantId, Publisher publisher, Outcome outcome, string actor, string action, string? detail, CancellationToken ct, bool alwaysSave = false)
    {
        if (outcome.Succeeded || alwaysSave)
        {
            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = actor,
                Action = outcome.Succeeded ? action : action + " (failed)",
                Target = $"publisher {publisher.PublisherId}",
                Detail = detail,
                At = await NowAsync(partnerTenantId, ct),
            });
            await db.SaveChangesAsync(ct);
        }

        return outcome;
    }

    internal static string RunDetail(PublisherMigration migration) =>
        migration.Attempts.Count == 0 ? "" : migration.Attempts[^1] switch
        {
            { Succeeded: true } a => $"moved {string.Join(", ", a.MovedOfferIds)}",
            var a => a.FailureReason ?? "failed",
        };
}
