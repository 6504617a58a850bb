using Portal.Domain.Common;

namespace Portal.Domain.Publishing;

/// <summary>A user's role in a publishing account: Admin and CoAdmin on the old portal, Owner and Contributor on the new one.</summary>
public enum PublisherRole
{
    Admin,
    CoAdmin,
    Owner,
    Contributor,
}

/// <summary>
/// A marketplace publisher (name and publisher id) with its offers and users on both portals, and its migration
/// from the old portal to the new one. On the old portal it has one admin and any number of co-admins; after the
/// migration the admin owns the publishing account on the new portal and the co-admins are its contributors.
/// Every change to an offer goes through here, so the migration's rules (read-only, blocked creates, locked live
/// prices) hold whoever asks.
/// </summary>
public sealed class Publisher
{
    /// <summary>The offer types that move to (and can be created on) the new portal; the others stay on the old one for now.</summary>
    public static readonly IReadOnlySet<OfferType> MigratingOfferTypes = new HashSet<OfferType> { OfferType.VirtualMachine };

    private readonly List<Offer> _offers = [];
    private readonly List<string> _coAdmins = [];
    private List<string> _contributors = [];

    private Publisher()
    {
    }

    /// <summary>The marketplace publisher id, for example "contoso".</summary>
    public string PublisherId { get; private init; } = "";

    public string Name { get; private init; } = "";

    /// <summary>The old portal's admin: the owner of the publishing account.</summary>
    public string Admin { get; private init; } = "";

    public IReadOnlyList<string> CoAdmins => _coAdmins;

    /// <summary>The owner on the new portal; null until the publisher migrates.</summary>
    public string? Owner { get; private set; }

    public IReadOnlyList<string> Contributors => _contributors;

    public IReadOnlyList<Offer> Offers => _offers;

    /// <summary>The publisher's migration request, once submitted.</summary>
    public PublisherMigration? Migration { get; private set; }

    public DateTimeOffset? MigratedAt { get; private set; }

    public bool HasMigrated => MigratedAt is not null;

    /// <summary>Whoever owns the publishing account: the old portal's admin, who is the owner on the new portal.</summary>
    public string AccountOwner => Owner ?? Admin;

    public static Publisher Create(string publisherId, string name, string admin, IEnumerable<string>? coAdmins = null, IEnumerable<Offer>? offers = null)
    {
        if (string.IsNullOrWhiteSpace(publisherId) || string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A publisher needs a name and a publisher id.");
        }

        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new DomainException($"Publisher {publisherId} needs an admin on the old portal.");
        }

        var publisher = new Publisher { PublisherId = publisherId.Trim(), Name = name.Trim(), Admin = admin.Trim() };
        foreach (var coAdmin in coAdmins ?? [])
        {
            if (!publisher.AddCoAdmin(coAdmin).Succeeded)
            {
                throw new DomainException($"{coAdmin} appears twice among the users of publisher {publisherId}.");
            }
        }

        foreach (var offer in offers ?? [])
        {
            if (publisher.FindOffer(offer.OfferId) is not null)
            {
                throw new DomainException($"Offer id {offer.OfferId} appears twice in publisher {publisherId}.");
            }

            publisher._offers.Add(offer);
        }

        return publisher;
    }

    /// <summary>The offers a portal lists: on the old one every offer created there (migrated ones read-only), on the new one the offers that live there.</summary>
    public IReadOnlyList<Offer> OffersOn(PublishingPortal portal) => _offers.Where(o => o.IsShownOn(portal)).ToList();

    public Offer? FindOffer(string offerId) => _offers.Find(o => string.Equals(o.OfferId, offerId.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The role of <paramref name="user"/> on <paramref name="portal"/>, or null if the user has none there.</summary>
    public PublisherRole? RoleOn(PublishingPortal portal, string user) => portal switch
    {
        PublishingPortal.Old when SameUser(Admin, user) => PublisherRole.Admin,
        PublishingPortal.Old when _coAdmins.Exists(c => SameUser(c, user)) => PublisherRole.CoAdmin,
        PublishingPortal.New when Owner is not null && SameUser(Owner, user) => PublisherRole.Owner,
        PublishingPortal.New when _contributors.Exists(c => SameUser(c, user)) => PublisherRole.Contributor,
        _ => null,
    };

    public bool IsAccountOwner(string user) => SameUser(AccountOwner, user);

    /// <summary>Adds someone to work on offers on the old portal; this never makes them a contributor on the new one.</summary>
    public Outcome AddCoAdmin(string user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new DomainException("A co-admin needs a user name.");
        }

        if (RoleOn(PublishingPortal.Old, user) is { } role)
        {
            return Outcome.Refused(PublishingRefusals.AlreadyAUser, $"{user} is already {Article(role)} on the old portal.");
        }

        _coAdmins.Add(user.Trim());
        return Outcome.Success;
    }

    /// <summary>Adds someone to work on offers on the new portal, once the publisher has migrated.</summary>
    public Outcome AddContributor(string user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new DomainException("A contributor needs a user name.");
        }

        if (!HasMigrated)
        {
            return NotOnNewPortalYet("add contributors");
        }

        if (RoleOn(PublishingPortal.New, user) is { } role)
        {
            return Outcome.Refused(PublishingRefusals.AlreadyAUser, $"{user} is already {Article(role)} on the new portal.");
        }

        _contributors.Add(user.Trim());
        return Outcome.Success;
    }

    /// <summary>
    /// Creates a draft offer. Before migration offers are created on the old portal; after it, only on the new
    /// portal, which takes Virtual Machine offers.
    /// </summary>
    public Outcome CreateOffer(PublishingPortal portal, string offerId, string name, OfferType type, OfferPrice price)
    {
        if (portal == PublishingPortal.Old && HasMigrated)
        {
            return Outcome.Refused(
                PublishingRefusals.CreatesBlockedOnOldPortal,
                "Your publisher has moved to the new portal: creating offers on the old portal is blocked. Create it on the new portal.");
        }

        if (portal == PublishingPortal.New && !HasMigrated)
        {
            return NotOnNewPortalYet("create offers");
        }

        if (portal == PublishingPortal.New && !MigratingOfferTypes.Contains(type))
        {
            return Outcome.Refused(
                PublishingRefusals.OfferTypeNotOnNewPortal,
                $"The new portal takes Virtual Machine offers for now; {type} offers are not available there yet.");
        }

        if (FindOffer(offerId) is not null)
        {
            return Outcome.Refused(PublishingRefusals.OfferIdTaken, $"You already have an offer with the id '{offerId.Trim()}'. Choose another id.");
        }

        _offers.Add(Offer.Existing(offerId, name, type, OfferState.Draft, price, OfferActivity.None, portal));
        return Outcome.Success;
    }

    public Outcome RenameOffer(PublishingPortal portal, string offerId, string name)
    {
        var offer = RequireOffer(offerId);
        var editable = CheckEditable(offer, portal);
        if (editable.Succeeded)
        {
            offer.Rename(name);
        }

        return editable;
    }

    /// <summary>Changes an offer's price; a live offer's price is locked while its publisher's migration is booked.</summary>
    public Outcome ChangeOfferPrice(PublishingPortal portal, string offerId, OfferPrice price)
    {
        var offer = RequireOffer(offerId);
        var editable = CheckEditable(offer, portal);
        if (!editable.Succeeded)
        {
            return editable;
        }

        if (offer.IsLive && Migration is { LocksLivePrices: true } migration && offer.Price != price)
        {
            return Outcome.Refused(
                PublishingRefusals.LivePriceLocked,
                $"'{offer.Name}' is live and your migration is booked for {migration.Slot}: live offers move with exactly the price they have, so its price cannot change until the migration is done.");
        }

        offer.ChangePrice(price);
        return Outcome.Success;
    }

    /// <summary>Starts staging a draft on the portal where it lives.</summary>
    public Outcome StartStaging(PublishingPortal portal, string offerId)
    {
        var offer = RequireOffer(offerId);
        var editable = CheckEditable(offer, portal);
        if (editable.Succeeded)
        {
            offer.StartStaging();
        }

        return editable;
    }

    /// <summary>Starts publishing (going live with) a staged offer on the portal where it lives.</summary>
    public Outcome StartPublishing(PublishingPortal portal, string offerId)
    {
        var offer = RequireOffer(offerId);
        var editable = CheckEditable(offer, portal);
        if (editable.Succeeded)
        {
            offer.StartPublishing();
        }

        return editable;
    }

    /// <summary>The publishing pipeline finished: a staging offer is Staged, a publishing one Listed.</summary>
    public void FinishInFlight(string offerId) => RequireOffer(offerId).FinishInFlight();

    /// <summary>
    /// Submits to migrate with the publisher name and id as the publisher typed them on the Learn page; both must
    /// match this publisher (ignoring case and surrounding spaces).
    /// </summary>
    public Outcome SubmitMigration(Guid migrationId, string publisherName, string publisherId, DateTimeOffset now)
    {
        var wrong = new List<string>();
        if (!Same(Name, publisherName))
        {
            wrong.Add($"the publisher name '{publisherName?.Trim()}' is not '{Name}'");
        }

        if (!Same(PublisherId, publisherId))
        {
            wrong.Add($"the publisher id '{publisherId?.Trim()}' is not '{PublisherId}'");
        }

        if (wrong.Count > 0)
        {
            return Outcome.Refused(
                PublishingRefusals.PublisherDoesNotMatch,
                $"We could not match your submission to this publisher: {string.Join(" and ", wrong)}. Copy both from your publisher profile and submit again.");
        }

        if (HasMigrated)
        {
            return Outcome.Refused(PublishingRefusals.AlreadyMigrated, $"{Name} has already migrated to the new portal.");
        }

        if (Migration is not null)
        {
            return Outcome.Refused(
                PublishingRefusals.AlreadySubmitted,
                $"{Name} has already submitted to migrate (now {Migration.Status}). Book or change its slot instead.");
        }

        Migration = PublisherMigration.Submit(this, migrationId, now);
        return Outcome.Success;
    }

    /// <summary>
    /// Runs the migration as one unit: moves every Virtual Machine offer and maps the users, then, if any offer was
    /// being staged or published, puts everything back as it was. Called only by <see cref="PublisherMigration.Run"/>.
    /// </summary>
    internal MigrationMove MoveToNewPortal(DateTimeOffset now)
    {
        var before = _offers.Select(o => (Offer: o, Snapshot: o.Capture())).ToList();
        var ownerBefore = Owner;
        var contributorsBefore = _contributors;

        var moved = new List<Offer>();
        var blocking = new List<Offer>();
        foreach (var offer in _offers.Where(o => o.LivesOn == PublishingPortal.Old))
        {
            if (offer.IsInFlight)
            {
                blocking.Add(offer);
            }
            else if (MigratingOfferTypes.Contains(offer.Type))
            {
                offer.MoveToNewPortal(now);
                moved.Add(offer);
            }
        }

        Owner = Admin;
        _contributors = [.. _coAdmins];

        if (blocking.Count > 0)
        {
            foreach (var (offer, snapshot) in before)
            {
                offer.Restore(snapshot);
            }

            Owner = ownerBefore;
            _contributors = contributorsBefore;
            return new MigrationMove([], blocking);
        }

        MigratedAt = now;
        return new MigrationMove(moved, []);
    }

    private Outcome CheckEditable(Offer offer, PublishingPortal portal)
    {
        if (portal == offer.LivesOn)
        {
            return Outcome.Success;
        }

        if (portal == PublishingPortal.Old)
        {
            return Outcome.Refused(
                PublishingRefusals.ReadOnlyOnOldPortal,
                $"'{offer.Name}' has moved to the new portal and is read-only here. Continue working on it in the new portal.");
        }

        return HasMigrated
            ? Outcome.Refused(PublishingRefusals.OfferStaysOnOldPortal, $"'{offer.Name}' is a {offer.Type} offer and stays on the old portal for now; edit it there.")
            : NotOnNewPortalYet("edit offers");
    }

    private Offer RequireOffer(string offerId) =>
        FindOffer(offerId) ?? throw new DomainException($"Publisher {PublisherId} has no offer {offerId}.");

    private Outcome NotOnNewPortalYet(string action) => Outcome.Refused(
        PublishingRefusals.NotOnNewPortalYet,
        $"{Name} has not migrated to the new portal yet, so you cannot {action} there. Keep working on the old portal until your migration is done.");

    private static string Article(PublisherRole role) => role switch
    {
        PublisherRole.Admin => "the admin",
        PublisherRole.Owner => "the owner",
        PublisherRole.CoAdmin => "a co-admin",
        _ => "a contributor",
    };

    private static bool Same(string expected, string? given) =>
        given is not null && string.Equals(expected, given.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SameUser(string known, string user) => Same(known, user);
}

/// <summary>What a migration run did: the offers it moved, or the offers in flight that made it revert.</summary>
internal sealed record MigrationMove(IReadOnlyList<Offer> Moved, IReadOnlyList<Offer> Blocking)
{
    public bool Succeeded => Blocking.Count == 0;
}
