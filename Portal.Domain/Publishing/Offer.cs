using System.Linq.Expressions;
using Portal.Domain.Common;

namespace Portal.Domain.Publishing;

/// <summary>The marketplace offer types a publisher can have. Only <see cref="VirtualMachine"/> offers migrate today.</summary>
public enum OfferType
{
    VirtualMachine,
    SolutionTemplate,
    TestDrive,
    ManagedApplication,
    SaaS,
}

/// <summary>Where an offer stands in the publishing flow: Draft, then Staged (previewed), then Listed (live).</summary>
public enum OfferState
{
    Draft,
    Staged,
    Listed,
}

/// <summary>What the publishing pipeline is doing with an offer right now.</summary>
public enum OfferActivity
{
    /// <summary>Nothing in flight: the offer rests in its <see cref="OfferState"/>.</summary>
    None,

    /// <summary>Being staged: a Draft on its way to Staged.</summary>
    Staging,

    /// <summary>Being published: a Staged offer on its way to Listed.</summary>
    Publishing,
}

/// <summary>The two publishing portals: the old one (Cloud Partner Portal before migration) and the new one.</summary>
public enum PublishingPortal
{
    Old,
    New,
}

/// <summary>A price of an offer, per hour of use (Virtual Machines) or per month (others); never negative.</summary>
public sealed record OfferPrice
{
    public OfferPrice(decimal amount, string currency)
    {
        if (amount < 0)
        {
            throw new DomainException($"A price cannot be negative ({amount}).");
        }

        if (string.IsNullOrWhiteSpace(currency) || currency.Trim().Length != 3)
        {
            throw new DomainException($"A price needs a three-letter currency code, not '{currency}'.");
        }

        Amount = amount;
        Currency = currency.Trim().ToUpperInvariant();
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public static OfferPrice Usd(decimal amount) => new(amount, "USD");

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Amount:0.00##} {Currency}");
}

/// <summary>
/// A publisher's marketplace offer. It lives (is edited) on one portal: the old one until its publisher migrates,
/// then the new one for migrated Virtual Machine offers, which stay visible but read-only on the old portal.
/// Changed only through its <see cref="Publisher"/>.
/// </summary>
public sealed class Offer
{
    private Offer()
    {
    }

    /// <summary>The marketplace offer id, unique within its publisher (for example "contoso-ubuntu").</summary>
    public string OfferId { get; private init; } = "";

    public string Name { get; private set; } = "";

    public OfferType Type { get; private init; }

    /// <summary>The state on the portal where the offer lives now.</summary>
    public OfferState State { get; private set; }

    public OfferActivity Activity { get; private set; }

    public OfferPrice Price { get; private set; } = OfferPrice.Usd(0);

    /// <summary>The portal the offer was created on.</summary>
    public PublishingPortal CreatedOn { get; private init; }

    /// <summary>The portal where the offer is edited now.</summary>
    public PublishingPortal LivesOn { get; private set; }

    /// <summary>The state the offer had on the old portal when it migrated (a Staged offer arrives as a Draft); null if it never migrated.</summary>
    public OfferState? StateOnOldPortal { get; private set; }

    public DateTimeOffset? MigratedAt { get; private set; }

    public bool IsMigrated => MigratedAt is not null;

    /// <summary>Staging or publishing right now; a migration fails while any offer is in flight.</summary>
    public bool IsInFlight => Activity != OfferActivity.None;

    /// <summary>Listed offers are live in the marketplace, whichever portal they are edited on.</summary>
    public bool IsLive => State == OfferState.Listed;

    /// <summary>
    /// An offer as it stands on a portal: Draft, Staged or Listed, possibly being staged or published. Used to load
    /// offers that already exist; new offers start as drafts through <see cref="Publisher.CreateOffer"/>.
    /// </summary>
    public static Offer Existing(
        string offerId,
        string name,
        OfferType type,
        OfferState state,
        OfferPrice price,
        OfferActivity activity = OfferActivity.None,
        PublishingPortal livesOn = PublishingPortal.Old)
    {
        if (string.IsNullOrWhiteSpace(offerId))
        {
            throw new DomainException("An offer needs an offer id.");
        }

        EnsureActivityFits(state, activity);
        return new Offer
        {
            OfferId = offerId.Trim(),
            Name = RequireName(name),
            Type = type,
            State = state,
            Activity = activity,
            Price = price,
            CreatedOn = livesOn,
            LivesOn = livesOn,
        };
    }

    /// <summary>Shown on <paramref name="portal"/>: the old portal lists every offer created there, the new one the offers that live there.</summary>
    public bool IsShownOn(PublishingPortal portal) => portal == LivesOn || portal == CreatedOn;

    /// <summary>
    /// <see cref="IsShownOn"/> as a query predicate, for the database to filter a portal's offers on the two stored
    /// columns that decide it (tests hold the two to the same answer for every kind of offer).
    /// </summary>
    public static Expression<Func<Offer, bool>> ShownOn(PublishingPortal portal) => o => o.LivesOn == portal || o.CreatedOn == portal;

    /// <summary>Shown on <paramref name="portal"/> but edited elsewhere: a migrated offer on the old portal.</summary>
    public bool IsReadOnlyOn(PublishingPortal portal) => IsShownOn(portal) && portal != LivesOn;

    /// <summary>The state a person sees on <paramref name="portal"/>: a migrated offer keeps its old state on the old portal.</summary>
    public OfferState StateShownOn(PublishingPortal portal) =>
        portal == PublishingPortal.Old && StateOnOldPortal is { } old ? old : State;

    internal void Rename(string name) => Name = RequireName(name);

    internal void ChangePrice(OfferPrice price) => Price = price;

    internal void StartStaging()
    {
        if (State != OfferState.Draft || IsInFlight)
        {
            throw new DomainException($"Offer {OfferId} is {Describe()}; only a Draft at rest can be staged.");
        }

        Activity = OfferActivity.Staging;
    }

    internal void StartPublishing()
    {
        if (State != OfferState.Staged || IsInFlight)
        {
            throw new DomainException($"Offer {OfferId} is {Describe()}; only a Staged offer at rest can be published.");
        }

        Activity = OfferActivity.Publishing;
    }

    internal void FinishInFlight()
    {
        (State, Activity) = Activity switch
        {
            OfferActivity.Staging => (OfferState.Staged, OfferActivity.None),
            OfferActivity.Publishing => (OfferState.Listed, OfferActivity.None),
            _ => throw new DomainException($"Offer {OfferId} is not being staged or published."),
        };
    }

    /// <summary>Moves the offer to the new portal: Draft and Listed stay as they are, Staged becomes Draft; the price is carried unchanged.</summary>
    internal void MoveToNewPortal(DateTimeOffset now)
    {
        if (LivesOn != PublishingPortal.Old || IsInFlight)
        {
            throw new DomainException($"Offer {OfferId} cannot move to the new portal: it is {Describe()} on the {LivesOn} portal.");
        }

        StateOnOldPortal = State;
        State = State == OfferState.Staged ? OfferState.Draft : State;
        LivesOn = PublishingPortal.New;
        MigratedAt = now;
    }

    internal OfferSnapshot Capture() => new(Name, State, Activity, Price, LivesOn, StateOnOldPortal, MigratedAt);

    internal void Restore(OfferSnapshot snapshot)
    {
        Name = snapshot.Name;
        State = snapshot.State;
        Activity = snapshot.Activity;
        Price = snapshot.Price;
        LivesOn = snapshot.LivesOn;
        StateOnOldPortal = snapshot.StateOnOldPortal;
        MigratedAt = snapshot.MigratedAt;
    }

    internal string Describe() => Activity switch
    {
        OfferActivity.Staging => "being staged",
        OfferActivity.Publishing => "being published",
        _ => State.ToString(),
    };

    private static void EnsureActivityFits(OfferState state, OfferActivity activity)
    {
        if ((activity == OfferActivity.Staging && state != OfferState.Draft) || (activity == OfferActivity.Publishing && state != OfferState.Staged))
        {
            throw new DomainException($"An offer being {activity} cannot be {state}: staging starts from Draft, publishing from Staged.");
        }
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new DomainException("An offer needs a name.") : name.Trim();
}

/// <summary>What an offer was before a migration ran, to put it back if the migration fails.</summary>
internal sealed record OfferSnapshot(
    string Name,
    OfferState State,
    OfferActivity Activity,
    OfferPrice Price,
    PublishingPortal LivesOn,
    OfferState? StateOnOldPortal,
    DateTimeOffset? MigratedAt);
