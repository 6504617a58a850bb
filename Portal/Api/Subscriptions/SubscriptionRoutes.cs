using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Persistence;

namespace Portal.Api.Subscriptions;

/// <summary>A customer's legacy and New Commerce subscriptions, with Partner Center's fields.</summary>
public static class SubscriptionRoutes
{
    public static RouteGroupBuilder MapSubscriptionRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{customerId:guid}/subscriptions", ListAsync)
            .WithName("ListSubscriptions")
            .WithSummary("The customer's legacy subscriptions (bases before their add-ons) and then its New Commerce subscriptions.")
            .Produces<ApiItems<SubscriptionResource>>()
            .ProducesProblem(404);
        api.MapGet("/customers/{customerId:guid}/subscriptions/{subscriptionId:guid}", GetAsync)
            .WithName("GetSubscription")
            .Produces<SubscriptionResource>()
            .ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> ListAsync(Guid customerId, PortalDbContext db, CurrentPartner partner, CancellationToken cancellationToken)
    {
        if (!await db.OwnsAsync(partner.TenantId, customerId, cancellationToken))
        {
            return ApiProblems.NotFound("customer");
        }

        var legacy = await db.LegacySubscriptions.AsNoTracking()
            .Where(s => s.CustomerId == customerId)
            .Join(db.LegacyOffers, s => s.OfferId, o => o.Id, (s, o) => new { Subscription = s, Offer = o })
            .ToListAsync(cancellationToken);
        var nce = await db.NceSubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).ToListAsync(cancellationToken);
        var names = await OfferNamesAsync(db, nce.Select(s => s.ProductSku).ToHashSet(), cancellationToken);

        var items = legacy
            .OrderBy(x => x.Subscription.ParentSubscriptionId ?? x.Subscription.Id).ThenBy(x => x.Subscription.ParentSubscriptionId is not null).ThenBy(x => x.Subscription.FriendlyName)
            .Select(x => SubscriptionResource.From(x.Subscription, x.Offer))
            .Concat(nce.OrderBy(s => s.CreatedAt).Select(s => SubscriptionResource.From(s, names.GetValueOrDefault(s.ProductSku))))
            .ToList();
        return Results.Ok(new ApiItems<SubscriptionResource>(items));
    }

    private static async Task<IResult> GetAsync(Guid customerId, Guid subscriptionId, PortalDbContext db, CurrentPartner partner, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, partner.TenantId, customerId, subscriptionId, cancellationToken);
        return found is null ? ApiProblems.NotFound("subscription") : Results.Ok(found);
    }

    /// <summary>The subscription (legacy or New Commerce) of the partner's customer, or null.</summary>
    public static async Task<SubscriptionResource?> FindAsync(PortalDbContext db, Guid partnerTenantId, Guid customerId, Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (!await db.OwnsAsync(partnerTenantId, customerId, cancellationToken))
        {
            return null;
        }

        var legacy = await db.LegacySubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken);
        if (legacy is not null)
        {
            var offer = await db.LegacyOffers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == legacy.OfferId, cancellationToken);
            return SubscriptionResource.From(legacy, offer);
        }

        var nce = await db.NceSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken);
        if (nce is null)
        {
            return null;
        }

        var names = await OfferNamesAsync(db, new HashSet<string> { nce.ProductSku }, cancellationToken);
        return SubscriptionResource.From(nce, names.GetValueOrDefault(nce.ProductSku));
    }

    /// <summary>Names of the legacy offers mapped to these New Commerce products (ProductId/SkuId), for offerName.</summary>
    private static async Task<Dictionary<string, string>> OfferNamesAsync(PortalDbContext db, HashSet<string> productSkus, CancellationToken cancellationToken)
    {
        if (productSkus.Count == 0)
        {
            return [];
        }

        var offers = await db.LegacyOffers.AsNoTracking().Where(o => o.Mapping != null).ToListAsync(cancellationToken);
        return offers
            .Where(o => productSkus.Contains(o.Mapping!.ProductSku))
            .GroupBy(o => o.Mapping!.ProductSku)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Name, StringComparer.Ordinal).First().Name);
    }
}
