using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Api.Subscriptions;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Api.Sandbox;

/// <summary>
/// Set-up routes for Sandbox partners only: make customers and legacy subscriptions, read and move the partner's
/// clock. A Production partner's key gets 404, as if the routes did not exist.
/// </summary>
public static class SandboxRoutes
{
    public static RouteGroupBuilder MapSandboxRoutes(this RouteGroupBuilder api)
    {
        var sandbox = api.MapGroup("/sandbox").AddEndpointFilter(SandboxOnlyAsync).WithTags("Sandbox");
        sandbox.MapPost("/customers", CreateCustomerAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("CreateSandboxCustomer")
            .Accepts<SandboxCustomerRequest>("application/json")
            .Produces<CustomerResource>(201)
            .ProducesValidationProblem()
            .ProducesProblem(404);
        sandbox.MapPost("/customers/{customerId:guid}/subscriptions", CreateSubscriptionAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("CreateSandboxLegacySubscription")
            .Accepts<SandboxSubscriptionRequest>("application/json")
            .Produces<SubscriptionResource>(201)
            .ProducesValidationProblem()
            .ProducesProblem(404);
        sandbox.MapGet("/clock", GetClockAsync)
            .WithName("GetSandboxClock")
            .Produces<SandboxClockResource>()
            .ProducesProblem(404);
        sandbox.MapPost("/clock", MoveClockAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("MoveSandboxClock")
            .WithSummary("Moves the sandbox partner's clock forward: {\"advanceBy\":\"P1D\"} (ISO 8601 duration) or {\"now\":\"2026-12-01T00:00:00Z\"}. Never backwards.")
            .Accepts<SandboxClockRequest>("application/json")
            .Produces<SandboxClockResource>()
            .ProducesValidationProblem()
            .ProducesProblem(404);
        return sandbox;
    }

    private static async Task<IResult> GetClockAsync(CurrentPartner partner, PartnerClock clock, TimeProvider time, CancellationToken ct) =>
        Results.Ok(ClockOf(await clock.NowAsync(partner.TenantId, ct), time));

    private static async Task<IResult> MoveClockAsync(HttpRequest request, CurrentPartner partner, PartnerClock clock, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await ApiJson.ReadAsync<SandboxClockRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if ((body!.AdvanceBy is null) == (body.Now is null))
        {
            return ApiProblems.Invalid("advanceBy", "Give either advanceBy (an ISO 8601 duration such as P1D or PT6H) or now (an instant such as 2026-12-01T00:00:00Z), not both.");
        }

        TimeSpan by = default;
        DateTimeOffset target = default;
        if (body.AdvanceBy is not null && !TryDuration(body.AdvanceBy, out by))
        {
            return ApiProblems.Invalid("advanceBy", $"'{body.AdvanceBy}' is not an ISO 8601 duration; write it like P1D, P30D or PT6H.");
        }

        if (body.Now is not null && !ApiText.TryInstant(body.Now, out target))
        {
            return ApiProblems.Invalid("now", $"'{body.Now}' is not an instant; write it like 2026-12-01T00:00:00Z.");
        }

        try
        {
            var actor = ApiAuthentication.Actor(partner.User);
            var now = body.AdvanceBy is not null
                ? await clock.AdvanceAsync(partner.TenantId, by, actor, ct)
                : await clock.SetAsync(partner.TenantId, target, actor, ct);
            return Results.Ok(ClockOf(now, time));
        }
        catch (PartnerClockException e)
        {
            return ApiProblems.Invalid(body.AdvanceBy is not null ? "advanceBy" : "now", e.Message);
        }
    }

    private static SandboxClockResource ClockOf(DateTimeOffset now, TimeProvider time) =>
        new(ApiText.Utc(now), System.Xml.XmlConvert.ToString(now - time.GetUtcNow()));

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        try
        {
            duration = System.Xml.XmlConvert.ToTimeSpan(text.Trim());
            return text.Trim().StartsWith('P');
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            duration = default;
            return false;
        }
    }

    private static async ValueTask<object?> SandboxOnlyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var partner = http.RequestServices.GetRequiredService<CurrentPartner>();
        var db = http.RequestServices.GetRequiredService<PortalDbContext>();
        var isSandbox = await db.Partners.AnyAsync(p => p.TenantId == partner.TenantId && p.Environment == PartnerEnvironment.Sandbox, http.RequestAborted);
        return isSandbox
            ? await next(invocation)
            : Results.Problem(statusCode: 404, title: "Not found", detail: "Sandbox routes exist only for Sandbox partners.", type: ApiProblems.TypeFor(404));
    }

    private static async Task<IResult> CreateCustomerAsync(HttpRequest request, PortalDbContext db, CurrentPartner partner, AuditLog audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<SandboxCustomerRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var name = body!.Name?.Trim() ?? "";
        var domain = DomainName.Normalize(body.Domain);
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Give the customer's company name, 1 to 200 characters."];
        }

        if (DomainName.Problem(domain) is { } domainProblem)
        {
            errors["domain"] = [domainProblem];
        }

        var segment = CustomerSegment.Commercial;
        if (body.Segment is not null)
        {
            ApiText.TryEnum(body.Segment, "segment", errors, out segment);
        }

        var relationshipActive = true;
        if (body.Relationship is not null)
        {
            relationshipActive = body.Relationship.Trim().ToLowerInvariant() switch
            {
                "active" or "reseller" => true,
                "none" => false,
                _ => Fail(errors, "relationship", $"'{body.Relationship}' is not a relationship; use active or none."),
            };
        }

        if (errors.Count == 0 && await db.Customers.AnyAsync(c => c.PartnerTenantId == partner.TenantId && c.Domain == domain, cancellationToken))
        {
            errors["domain"] = [$"You already have a customer with the domain {domain}."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var customer = new Customer
        {
            TenantId = Guid.NewGuid(),
            PartnerTenantId = partner.TenantId,
            Name = name,
            Domain = domain,
            Segment = segment,
            RelationshipActive = relationshipActive,
        };
        db.Customers.Add(customer);
        await audit.RecordAsync(partner.TenantId, ApiAuthentication.Actor(partner.User), "SandboxCustomerCreated", $"customer {customer.TenantId}", $"{name} ({domain})", cancellationToken);
        return Results.Created($"/api/v1/customers/{customer.TenantId}", CustomerResource.From(customer));
    }

    private static async Task<IResult> CreateSubscriptionAsync(
        Guid customerId,
        HttpRequest request,
        PortalDbContext db,
        CurrentPartner partner,
        AuditLog audit,
        PartnerClock clock,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<SandboxSubscriptionRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!await db.OwnsAsync(partner.TenantId, customerId, cancellationToken))
        {
            return ApiProblems.NotFound("customer");
        }

        var errors = new Dictionary<string, string[]>();
        var offer = body!.OfferId is { } offerId ? await db.LegacyOffers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offerId, cancellationToken) : null;
        if (offer is null)
        {
            errors["offerId"] = [body.OfferId is null ? "Give the legacy offer's id (GET /api/v1/offers lists them)." : $"No legacy offer {body.OfferId}; GET /api/v1/offers lists them."];
        }

        if (body.Quantity is not (>= 1 and <= 100_000))
        {
            errors["quantity"] = ["Give the number of seats, from 1 to 100000."];
        }

        var term = TermDuration.P1Y;
        if (body.TermDuration is not null)
        {
            ApiText.TryTerm(body.TermDuration, "termDuration", errors, out term);
        }

        var billing = term == TermDuration.P1M ? BillingCycle.Monthly : BillingCycle.Annual;
        if (body.BillingCycle is not null)
        {
            ApiText.TryEnum(body.BillingCycle, "billingCycle", errors, out billing);
        }

        var now = await clock.NowAsync(partner.TenantId, cancellationToken);
        var purchase = now;
        if (body.PurchaseDate is not null && !ApiText.TryInstant(body.PurchaseDate, out purchase))
        {
            errors["purchaseDate"] = [$"'{body.PurchaseDate}' is not an instant; write it like 2026-01-15T10:00:00Z."];
        }
        else if (purchase > now)
        {
            errors["purchaseDate"] = ["The purchase date cannot be in the future of the sandbox clock."];
        }

        LegacySubscription? parent = null;
        if (body.ParentSubscriptionId is { } parentId)
        {
            parent = await db.LegacySubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == parentId && s.CustomerId == customerId, cancellationToken);
            if (parent is null || parent.IsAddOn)
            {
                errors["parentSubscriptionId"] = ["Name a base legacy subscription of this customer."];
            }
            else if (offer is { IsAddOn: true } && !offer.AllowedBaseOfferIds.Contains(parent.OfferId))
            {
                errors["parentSubscriptionId"] = [$"The add-on {offer.Name} cannot be bought on this base subscription's offer."];
            }
        }

        if (offer is { IsAddOn: true } && body.ParentSubscriptionId is null)
        {
            errors["parentSubscriptionId"] = [$"{offer.Name} is an add-on: name its base subscription."];
        }
        else if (offer is { IsAddOn: false } && body.ParentSubscriptionId is not null)
        {
            errors["parentSubscriptionId"] = [$"{offer.Name} is a base offer, not an add-on: leave parentSubscriptionId out."];
        }

        var endDate = parent is not null ? TermDates.UtcDate(parent.TermEnd) : TermDates.FullTermEnd(TermDates.UtcDate(purchase), term);
        if (body.CommitmentEndDate is not null)
        {
            ApiText.TryDate(body.CommitmentEndDate, "commitmentEndDate", errors, out endDate);
        }

        var termEnd = TermDates.EndInstant(endDate);
        if (!errors.ContainsKey("commitmentEndDate") && termEnd <= purchase)
        {
            errors["commitmentEndDate"] = ["The term must end after the purchase date."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        // The current term: whole terms back from its end, but never before the purchase.
        var termStart = TermDates.StartInstant(endDate.AddDays(1).AddMonths(-term.Months()));
        if (termStart < purchase)
        {
            termStart = purchase;
        }

        var mpnId = await db.Partners.Where(p => p.TenantId == partner.TenantId).Select(p => p.MpnId).SingleAsync(cancellationToken);
        LegacySubscription subscription;
        try
        {
            subscription = LegacySubscription.Create(
                Guid.NewGuid(),
                customerId,
                offer!.Id,
                string.IsNullOrWhiteSpace(body.FriendlyName) ? offer.Name : body.FriendlyName.Trim(),
                body.Quantity!.Value,
                term,
                billing,
                termStart,
                termEnd,
                purchase,
                mpnId,
                parent?.Id,
                isTrial: body.IsTrial ?? false,
                hasActivePromotion: body.HasActivePromotion ?? false,
                hadPromotionAtPurchase: body.HadPromotionAtPurchase ?? false,
                autoRenewEnabled: body.AutoRenewEnabled ?? true);
        }
        catch (DomainException e)
        {
            return ApiProblems.Invalid("subscription", e.Message);
        }

        db.LegacySubscriptions.Add(subscription);
        await audit.RecordAsync(partner.TenantId, ApiAuthentication.Actor(partner.User), "SandboxSubscriptionCreated", $"legacy subscription {subscription.Id}", $"{offer.Name}, {subscription.Quantity} seats, {term} {billing}", cancellationToken);
        return Results.Created($"/api/v1/customers/{customerId}/subscriptions/{subscription.Id}", SubscriptionResource.From(subscription, offer));
    }

    private static bool Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return false;
    }
}
