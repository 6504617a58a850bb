using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Subscriptions;
using Portal.Time;

namespace Portal.Api.Subscriptions;

/// <summary>PATCH body: <c>{"quantity": 5}</c> to reduce seats, or <c>{"status": "deleted"}</c> to cancel.</summary>
public sealed record SubscriptionPatch(int? Quantity, string? Status);

/// <summary>A date a new term may co-term to, and the New Commerce subscriptions that end on it.</summary>
public sealed record CustomTermEndDate(DateOnly Date, DateTime CommitmentEndDate, bool IsEndOfMonth, IReadOnlyList<Guid> AlignedSubscriptionIds);

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
        api.MapPatch("/customers/{customerId:guid}/subscriptions/{subscriptionId:guid}", PatchAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("UpdateNewCommerceSubscription")
            .WithSummary("Reduces seats ({\"quantity\": n}) or cancels ({\"status\": \"deleted\"}) a New Commerce subscription inside its 168-hour cancellation window.")
            .Accepts<SubscriptionPatch>("application/json")
            .Produces<SubscriptionResource>()
            .ProducesValidationProblem()
            .ProducesProblem(404);
        api.MapGet("/customers/{customerId:guid}/subscriptions/customTermEndDates", CustomTermEndDatesAsync)
            .WithName("ListCustomTermEndDates")
            .WithSummary("The dates a new term of term_duration may co-term to: end dates of the customer's New Commerce subscriptions and month ends inside the first term.")
            .Produces<ApiItems<CustomTermEndDate>>()
            .ProducesValidationProblem()
            .ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> PatchAsync(
        Guid customerId, Guid subscriptionId, HttpRequest http, PortalDbContext db, CurrentPartner partner, NceSubscriptionDesk desk, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<SubscriptionPatch>(http);
        if (problem is not null)
        {
            return problem;
        }

        if ((body!.Quantity is null) == (body.Status is null))
        {
            return ApiProblems.Invalid("quantity", "Give either quantity (to reduce seats) or status \"deleted\" (to cancel), not both.");
        }

        if (body.Status is not null && !string.Equals(body.Status.Trim(), "deleted", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Invalid("status", $"'{body.Status}' cannot be set here; the only change of status is \"deleted\" (cancel).");
        }

        if (await FindAsync(db, partner.TenantId, customerId, subscriptionId, ct) is not { } found)
        {
            return ApiProblems.NotFound("subscription");
        }

        if (!found.IsNewCommerce)
        {
            return ApiProblems.Refused("Not a New Commerce subscription", "Only New Commerce subscriptions change through this route; migrate the legacy subscription first.", [new ApiError("NotNewCommerce", "This is a legacy subscription.")]);
        }

        var actor = ApiAuthentication.Actor(partner.User);
        var change = body.Quantity is { } quantity
            ? await desk.ReduceSeatsAsync(partner.TenantId, customerId, subscriptionId, quantity, actor, ct)
            : await desk.CancelAsync(partner.TenantId, customerId, subscriptionId, actor, ct);
        return change.Status switch
        {
            NceChangeStatus.NotFound => ApiProblems.NotFound("subscription"),
            NceChangeStatus.Refused => ApiProblems.Refused("The subscription was not changed", change.Refusal!.Message, [new ApiError(change.Refusal.Code, change.Refusal.Message, body.Quantity is null ? "status" : "quantity")]),
            _ => Results.Ok(await FindAsync(db, partner.TenantId, customerId, subscriptionId, ct)),
        };
    }

    private static async Task<IResult> CustomTermEndDatesAsync(Guid customerId, HttpRequest http, PortalDbContext db, CurrentPartner partner, PartnerClock clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? text = http.Query["term_duration"];
        if (!ApiText.TryTerm(text, "term_duration", errors, out var term))
        {
            return ApiProblems.Invalid(errors);
        }

        if (!await db.OwnsAsync(partner.TenantId, customerId, ct))
        {
            return ApiProblems.NotFound("customer");
        }

        var nce = await db.NceSubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).ToListAsync(ct);
        var today = TermDates.UtcDate(await clock.NowAsync(partner.TenantId, ct));
        var dates = CoTerming.AllowedDates(term, today, nce)
            .Select(d => new CustomTermEndDate(d.Date, ApiText.Utc(TermDates.EndInstant(d.Date)), d.IsEndOfMonth, d.AlignedSubscriptionIds))
            .ToList();
        return Results.Ok(new ApiItems<CustomTermEndDate>(dates));
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
