using Portal.Domain.Customers;
using Portal.Domain.Terms;

namespace Portal.Domain.Catalog;

/// <summary>The New Commerce product and SKU a legacy offer maps to (the offer matrix's NCE Mapping tab).</summary>
public sealed record NceProductMapping(string ProductId, string SkuId, string AvailabilityId = "0001")
{
    /// <summary>How the offer matrix writes it, e.g. <c>CFQ7TTC0LFLS/0002</c>.</summary>
    public string ProductSku => $"{ProductId}/{SkuId}";

    /// <summary>Partner Center's catalog item id, <c>ProductId:SkuId:AvailabilityId</c>.</summary>
    public string CatalogItemId => $"{ProductId}:{SkuId}:{AvailabilityId}";
}

/// <summary>A traditional license-based offer in the legacy catalog.</summary>
public sealed record LegacyOffer
{
    /// <summary>Seat limit of small-business offers (Business Basic, Standard, Premium) per customer in New Commerce.</summary>
    public const int SmbSeatLimit = 300;

    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public bool IsAddOn { get; init; }

    /// <summary>For an add-on: the base offers it can be bought on.</summary>
    public IReadOnlySet<Guid> AllowedBaseOfferIds { get; init; } = new HashSet<Guid>();

    /// <summary>The audience the offer is sold to. Qualified (Education, Government, Nonprofit) offers cannot migrate.</summary>
    public CustomerSegment Audience { get; init; } = CustomerSegment.Commercial;

    /// <summary>Per-customer seat cap in New Commerce (300 for SMB offers); null when the offer has none.</summary>
    public int? SeatCap { get; init; }

    public bool MigrationEnabled { get; init; } = true;

    /// <summary>Enabled for migration on paper, but Partner Center's migration paths do not support it (seed's manual list).</summary>
    public bool ManualMigrationOnly { get; init; }

    public NceProductMapping? Mapping { get; init; }

    /// <summary>The term/billing pairs the mapped New Commerce product sells.</summary>
    public IReadOnlyList<TermBilling> AllowedTargets { get; init; } = TermBilling.NewCommercePairs;

    /// <summary>How many New Commerce subscriptions of this product one customer may hold; null for no limit.</summary>
    public int? NceSubscriptionCountLimit { get; init; }

    public bool IsSmb => SeatCap is not null;

    public bool Allows(TermBilling target) => target.IsSoldInNewCommerce && AllowedTargets.Contains(target);
}
