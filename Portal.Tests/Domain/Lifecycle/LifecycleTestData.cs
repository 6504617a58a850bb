using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;

namespace Portal.Tests.Domain.Lifecycle;

/// <summary>
/// A legacy Office 365 E3 base with any number of Exchange Online Archiving add-ons, ready to migrate with
/// carried-over targets, so a lifecycle test reads as the steps Partner Center takes.
/// </summary>
public sealed class Bundle
{
    /// <summary>When the tests' migrations are requested.</summary>
    public static readonly DateTimeOffset RequestedAt = A.Now;

    private Bundle(LegacySubscription @base, IReadOnlyList<LegacySubscription> addOns)
    {
        Base = @base;
        AddOns = addOns;
        Members = [@base, .. addOns];
        Lines = [.. Members.Select(LineFor)];
    }

    public LegacySubscription Base { get; }

    public IReadOnlyList<LegacySubscription> AddOns { get; }

    /// <summary>The base first, then its add-ons.</summary>
    public IReadOnlyList<LegacySubscription> Members { get; }

    public IReadOnlyList<MigrationLine> Lines { get; }

    public static Bundle Alone() => WithAddOns(0);

    public static Bundle WithAddOns(int count)
    {
        var @base = A.Subscription().Of(A.Office365E3).WithSeats(20).Build();
        var addOns = Enumerable.Range(1, count)
            .Select(i => A.Subscription().Of(A.ExchangeArchiving).Named($"Archiving {i}").WithSeats(i).AddOnOf(@base).Build())
            .ToList();
        return new Bundle(@base, addOns);
    }

    /// <summary>A bundle whose members are built by the caller (for example one member not Active).</summary>
    public static Bundle Of(LegacySubscription @base, params LegacySubscription[] addOns) => new(@base, addOns);

    public static MigrationLine LineFor(LegacySubscription subscription) => new(
        subscription.Id,
        subscription.ParentSubscriptionId,
        (subscription.IsAddOn ? A.ExchangeArchiving : A.Office365E3).Mapping!.CatalogItemId,
        MigrationTarget.CarryOver(subscription));

    public Migration Request(Guid? migrationId = null, DateTimeOffset? at = null) =>
        Migration.Request(migrationId ?? Guid.NewGuid(), A.CustomerTenantId, Lines, Members, at ?? RequestedAt);

    /// <summary>Requested at <see cref="RequestedAt"/> and begun: the legacy members are suspended.</summary>
    public Migration RequestAndBegin()
    {
        var migration = Request();
        migration.Begin(Members);
        return migration;
    }

    /// <summary>Creates and provisions a New Commerce subscription for every member; returns their ids by legacy id.</summary>
    public IReadOnlyDictionary<Guid, Guid> CreateAndProvisionAll(Migration migration, DateTimeOffset at)
    {
        var created = new Dictionary<Guid, Guid>();
        foreach (var member in Members)
        {
            var nceId = Guid.NewGuid();
            migration.RecordNceSubscriptionCreated(member.Id, nceId, at);
            migration.RecordProvisioned(member.Id, at);
            created[member.Id] = nceId;
        }

        return created;
    }

    /// <summary>Runs the whole happy path: created, provisioned and completed at <paramref name="at"/>.</summary>
    public void Finish(Migration migration, DateTimeOffset at)
    {
        CreateAndProvisionAll(migration, at);
        migration.Complete(Members, at);
    }
}
