using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Persistence;

namespace Portal.Api.Offers;

public sealed record TermBillingPair(string TermDuration, string BillingCycle);

/// <summary>A legacy offer with its New Commerce mapping (the offer matrix's NCE Mapping tab).</summary>
public sealed record OfferResource(
    Guid Id,
    string Name,
    bool IsAddOn,
    string Segment,
    int? SeatLimit,
    bool MigrationEnabled,
    bool ManualMigrationOnly,
    string? NewCommerceProductId,
    string? NewCommerceSkuId,
    string? CatalogItemId,
    int? NewCommerceSubscriptionLimit,
    IReadOnlyList<Guid> AllowedBaseOfferIds,
    IReadOnlyList<TermBillingPair> AllowedTermBillingPairs)
{
    public static OfferResource From(LegacyOffer offer) => new(
        offer.Id,
        offer.Name,
        offer.IsAddOn,
        offer.Audience.ToString(),
        offer.SeatCap,
        offer.MigrationEnabled,
        offer.ManualMigrationOnly,
        offer.Mapping?.ProductId,
        offer.Mapping?.SkuId,
        offer.Mapping?.CatalogItemId,
        offer.NceSubscriptionCountLimit,
        offer.AllowedBaseOfferIds.Order().ToList(),
        offer.AllowedTargets.Select(p => new TermBillingPair(ApiText.Term(p.Term), ApiText.Billing(p.Billing))).ToList());
}

public static class OfferRoutes
{
    public static RouteGroupBuilder MapOfferRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/offers", ListAsync)
            .WithName("ListOffers")
            .WithSummary("The legacy catalog, each offer with its New Commerce product and SKU and the term/billing pairs it sells.")
            .Produces<ApiItems<OfferResource>>();
        return api;
    }

    private static async Task<IResult> ListAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var offers = await db.LegacyOffers.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return Results.Ok(new ApiItems<OfferResource>(offers.Select(OfferResource.From).ToList()));
    }
}
