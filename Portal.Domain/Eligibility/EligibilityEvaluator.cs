using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Domain.Eligibility;

/// <summary>
/// Judges whether a subscription, with its bundle, may migrate to New Commerce. Every reason that applies is
/// returned, not only the first, so a partner can fix them all at once.
/// </summary>
public static class EligibilityEvaluator
{
    /// <summary>A new add-on blocks its bundle's migration for this long after its purchase.</summary>
    public static readonly TimeSpan AddOnCoolingOff = TimeSpan.FromDays(30);

    /// <summary>The last 24 hours of a term accept only migrations that start a new full term.</summary>
    public static readonly TimeSpan LastDayOfTerm = TimeSpan.FromHours(24);

    public static BundleEligibility Evaluate(MigrationRequest request, EligibilityContext context)
    {
        var requested = context.Legacy(request.SubscriptionId)
            ?? throw new Common.DomainException($"Subscription {request.SubscriptionId} is not one of customer {context.Customer.TenantId}'s legacy subscriptions.");
        var at = request.OnRenewal
            ? Schedules.ScheduleTiming.OnRenewal.DueAt(requested.TermEnd)
            : request.At ?? context.Now;

        var members = new List<(LegacySubscription Subscription, MigrationTarget Target)>
        {
            (requested, request.Target ?? MigrationTarget.CarryOver(requested)),
        };
        if (!requested.IsAddOn)
        {
            members.AddRange(context.ActiveAddOnsOf(requested.Id)
                .Select(a => (a, request.AddOnTargets.GetValueOrDefault(a.Id) ?? MigrationTarget.CarryOver(a))));
        }

        // Only the bundle's add-ons may have an add-on target: the requested subscription's own target is Target.
        var unknown = request.AddOnTargets.Count == 0 ? [] : request.AddOnTargets.Keys.Where(id => members.Skip(1).All(m => m.Subscription.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new Common.DomainException($"Not an active add-on of {requested.Id}: {string.Join(", ", unknown)}.");
        }

        // Seats and subscriptions the request itself adds, per product, counted as each member is judged.
        var requestedSeats = new Dictionary<string, int>();
        var requestedSubscriptions = new Dictionary<string, int>();
        var verdicts = new List<MemberEligibility>();
        foreach (var (subscription, requestedTarget) in members)
        {
            // On renewal the New Commerce subscription starts a whole new term.
            var target = request.OnRenewal ? requestedTarget with { PurchaseFullTerm = true } : requestedTarget;
            var reasons = new List<EligibilityReason>();
            var offer = context.Offer(subscription.OfferId);
            CheckPartnerAndCustomer(context, reasons);
            CheckSubscription(subscription, offer, target, at, context, reasons);
            CheckProduct(offer, target, reasons);
            CheckTerm(subscription, target, at, request.OnRenewal, context, reasons);
            if (offer?.Mapping is { } mapping)
            {
                CheckLimits(offer, mapping, target, context, requestedSeats, requestedSubscriptions, reasons);
            }

            if (subscription.IsAddOn && subscription == requested)
            {
                CheckBaseServices(subscription, offer, context, reasons);
            }

            verdicts.Add(new MemberEligibility(
                subscription.Id,
                subscription.ParentSubscriptionId,
                subscription.FriendlyName,
                target,
                offer?.Mapping?.CatalogItemId,
                reasons.Count == 0 ? NceEndDate(subscription, target, at) : null,
                reasons));
        }

        var addOns = verdicts.Skip(1).ToList();
        var head = verdicts[0];
        var bundleReasons = BundleReasons(members.Skip(1).Select(m => m.Subscription), addOns, at);
        if (bundleReasons.Count > 0)
        {
            head = head with { Reasons = [.. head.Reasons, .. bundleReasons], NceTermEndDate = null };
        }

        return new BundleEligibility(head, addOns, at);
    }

    /// <summary>
    /// The first instant after <see cref="EligibilityContext.Now"/> at which a rule that reads the time could change a
    /// verdict of <see cref="Evaluate"/> for a migration now of any of the customer's subscriptions (as they are, with
    /// their add-ons); null when none can. Until then only a change to the facts can change a verdict, so a figure
    /// computed now holds. Each time rule of the evaluator has its instant here: the first month after purchase, the
    /// last 24 hours of the term, the term's end, and an add-on's 30 days after purchase.
    /// </summary>
    public static DateTimeOffset? VerdictsHoldUntil(EligibilityContext context)
    {
        DateTimeOffset? first = null;
        foreach (var subscription in context.LegacySubscriptions)
        {
            DateTimeOffset[] instants =
            [
                subscription.PurchaseDate.AddMonths(1),
                subscription.TermEnd - LastDayOfTerm,
                subscription.TermEnd.AddTicks(1),
                subscription.PurchaseDate + AddOnCoolingOff,
            ];
            foreach (var instant in instants)
            {
                if (instant > context.Now && (first is null || instant < first))
                {
                    first = instant;
                }
            }
        }

        return first;
    }

    /// <summary>The New Commerce term end a member would get if it migrated at <paramref name="at"/>.</summary>
    public static DateOnly NceEndDate(LegacySubscription subscription, MigrationTarget target, DateTimeOffset at)
    {
        var migrationDay = TermDates.UtcDate(at);
        if (target.CustomTermEndDate is { } custom)
        {
            return custom;
        }

        return target.PurchaseFullTerm
            ? TermDates.FullTermEnd(migrationDay, target.Term)
            : TermDates.AlignedEnd(TermDates.UtcDate(subscription.TermEnd), target.Term, migrationDay);
    }

    private static void CheckPartnerAndCustomer(EligibilityContext context, List<EligibilityReason> reasons)
    {
        if (!context.Partner.IsActive)
        {
            reasons.Add(EligibilityReasons.PartnerOrganizationInactive);
        }

        if (!context.Partner.ProfileComplete)
        {
            reasons.Add(EligibilityReasons.PartnerProfileInvalid);
        }

        if (!context.Customer.RelationshipActive)
        {
            reasons.Add(EligibilityReasons.NoActiveCustomerPartnerRelationship);
        }

        if (context.Customer.Segment != CustomerSegment.Commercial)
        {
            reasons.Add(EligibilityReasons.TradeStatusNotAllowed.With(
                $"The customer is in the {context.Customer.Segment} segment; only Commercial subscriptions can migrate to New Commerce."));
        }
    }

    private static void CheckSubscription(
        LegacySubscription subscription,
        LegacyOffer? offer,
        MigrationTarget target,
        DateTimeOffset at,
        EligibilityContext context,
        List<EligibilityReason> reasons)
    {
        if (subscription.Status != LegacySubscriptionStatus.Active)
        {
            reasons.Add(EligibilityReasons.SubscriptionStatusNotActive.With($"The legacy subscription is {subscription.Status}, not Active."));
        }

        if (subscription.IsBeingProcessed)
        {
            reasons.Add(EligibilityReasons.SubscriptionBeingProcessingInOms);
        }

        if (subscription.HasActivePromotion || subscription.HadPromotionAtPurchase)
        {
            reasons.Add(EligibilityReasons.SubscriptionPromotionsPresent.With(subscription.HasActivePromotion
                ? "The subscription has an active promotion."
                : "The subscription was bought with a promotion."));
        }

        if (subscription.IsTrial)
        {
            reasons.Add(EligibilityReasons.TrialNotAllowed);
        }

        if (offer is not null && offer.Audience != CustomerSegment.Commercial && context.Customer.Segment == CustomerSegment.Commercial)
        {
            reasons.Add(EligibilityReasons.TradeStatusNotAllowed.With(
                $"'{offer.Name}' is a {offer.Audience} offer; qualified offers cannot migrate to New Commerce."));
        }

        // The first-month check protects production customers; the sandbox skips it so partners can rehearse.
        if (!context.Partner.IsSandbox && at < subscription.PurchaseDate.AddMonths(1))
        {
            reasons.Add(EligibilityReasons.SubscriptionActiveForLessThanOneMonth.With(
                $"The subscription was bought on {subscription.PurchaseDate:yyyy-MM-dd}; it can migrate from {subscription.PurchaseDate.AddMonths(1):yyyy-MM-dd HH:mm} UTC."));
        }

        var partnerOfRecord = string.IsNullOrEmpty(subscription.PartnerOfRecordId) ? context.Partner.MpnId : subscription.PartnerOfRecordId;
        // The partner itself is judged by PartnerOrganizationInactive; other partners of record must be listed as active.
        if (partnerOfRecord != context.Partner.MpnId && !context.ActivePartnerIds.Contains(partnerOfRecord))
        {
            reasons.Add(EligibilityReasons.InvalidPartnerIdOnRecord.With(
                $"The partner of record '{partnerOfRecord}' is not a valid, active partner ID."));
        }

        if (target.Quantity < 1)
        {
            reasons.Add(EligibilityReasons.InvalidQuantity.With($"The seat count must be at least 1; {target.Quantity} was asked for."));
        }
    }

    private static void CheckProduct(LegacyOffer? offer, MigrationTarget target, List<EligibilityReason> reasons)
    {
        if (offer is null || offer.Mapping is null || !offer.MigrationEnabled)
        {
            reasons.Add(offer is null
                ? EligibilityReasons.NewCommerceProductUnavailable.With("The legacy offer is not in the catalog.")
                : EligibilityReasons.NewCommerceProductUnavailable.With(offer.Mapping is null
                    ? $"'{offer.Name}' has no New Commerce equivalent in the offer matrix."
                    : $"'{offer.Name}' is not enabled for migration."));
            return;
        }

        if (offer.ManualMigrationOnly)
        {
            reasons.Add(EligibilityReasons.ManualMigrationOnly.With(
                $"'{offer.Name}' must be migrated manually to {offer.Mapping.ProductSku}."));
        }

        if (!offer.Allows(target.TermBilling))
        {
            var allowed = string.Join(", ", offer.AllowedTargets.Where(p => p.IsSoldInNewCommerce));
            reasons.Add(EligibilityReasons.TermDurationBillingCycleCombinationNotSupported.With(
                $"{target.TermBilling} is not sold for {offer.Mapping.ProductSku}; choose one of: {allowed}."));
        }
    }

    private static void CheckTerm(
        LegacySubscription subscription,
        MigrationTarget target,
        DateTimeOffset at,
        bool onRenewal,
        EligibilityContext context,
        List<EligibilityReason> reasons)
    {
        if (onRenewal)
        {
            // The current term has run its course; the migration starts the next term.
        }
        else if (at > subscription.TermEnd)
        {
            reasons.Add(EligibilityReasons.SubscriptionTooCloseToTermEnd.With(
                $"The term ended at {subscription.TermEnd:yyyy-MM-dd HH:mm:ss} UTC; the subscription is renewing."));
            return;
        }
        else if (at >= subscription.TermEnd - LastDayOfTerm && !target.PurchaseFullTerm)
        {
            reasons.Add(EligibilityReasons.MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm.With(
                $"The term ends at {subscription.TermEnd:yyyy-MM-dd HH:mm:ss} UTC, less than 24 hours after the migration."));
        }

        if (target.CustomTermEndDate is { } custom
            && CoTerming.Check(custom, target.Term, TermDates.UtcDate(at), context.NceSubscriptions) is { } reason)
        {
            reasons.Add(reason);
        }
    }

    private static void CheckLimits(
        LegacyOffer offer,
        NceProductMapping mapping,
        MigrationTarget target,
        EligibilityContext context,
        Dictionary<string, int> requestedSeats,
        Dictionary<string, int> requestedSubscriptions,
        List<EligibilityReason> reasons)
    {
        var product = mapping.ProductSku;
        var (activeCount, activeSeats) = (0, 0);
        foreach (var subscription in context.NceOfProduct(product))
        {
            if (subscription.Status == NceSubscriptionStatus.Active)
            {
                activeCount++;
                activeSeats += subscription.Quantity;
            }
        }

        // A migration in flight whose New Commerce subscription already exists is counted once, through that subscription
        // (not at all once that subscription is cancelled: its seats are gone).
        var inFlight = context.PendingInFlightOfProduct(product);

        if (offer.SeatCap is { } cap)
        {
            var held = activeSeats + inFlight.Sum(f => f.Quantity) + requestedSeats.GetValueOrDefault(product);
            if (held + target.Quantity > cap)
            {
                reasons.Add(EligibilityReasons.LicenseLimitReached.With(
                    $"{offer.Name} is limited to {cap} seats per customer in New Commerce: {held} are already there or on their way, and {target.Quantity} more would make {held + target.Quantity}. At most {Math.Max(0, cap - held)} can migrate."));
            }
        }

        if (offer.NceSubscriptionCountLimit is { } limit)
        {
            var count = activeCount + inFlight.Count + requestedSubscriptions.GetValueOrDefault(product);
            if (count + 1 > limit)
            {
                reasons.Add(EligibilityReasons.NceSubscriptionCountLimitReached.With(
                    $"The customer may hold {limit} New Commerce subscription(s) of {mapping.ProductSku} and already has {count} (including migrations in flight)."));
            }
        }

        requestedSeats[product] = requestedSeats.GetValueOrDefault(product) + Math.Max(0, target.Quantity);
        requestedSubscriptions[product] = requestedSubscriptions.GetValueOrDefault(product) + 1;
    }

    /// <summary>An add-on migrating alone needs the services of its base: the legacy base, or a New Commerce base product.</summary>
    private static void CheckBaseServices(LegacySubscription addOn, LegacyOffer? offer, EligibilityContext context, List<EligibilityReason> reasons)
    {
        var parent = addOn.ParentSubscriptionId is { } parentId ? context.Legacy(parentId) : null;
        var legacyBaseActive = parent?.Status == LegacySubscriptionStatus.Active;

        // An active New Commerce subscription of a base product (an allowed base offer's, or the legacy base's), or the
        // one the legacy base migrated to.
        var nceBaseActive = (parent is not null && context.NceMigratedFrom(parent.Id).Any(s => s.Status == NceSubscriptionStatus.Active))
            || (offer?.AllowedBaseOfferIds ?? Enumerable.Empty<Guid>())
                .Append(parent?.OfferId ?? Guid.Empty)
                .Select(id => context.Offer(id)?.Mapping?.ProductSku)
                .Any(product => product is not null && context.NceOfProduct(product).Any(s => s.Status == NceSubscriptionStatus.Active));

        if (!legacyBaseActive && !nceBaseActive)
        {
            reasons.Add(EligibilityReasons.AddOnBaseServicesMissing);
        }
    }

    private static List<EligibilityReason> BundleReasons(
        IEnumerable<LegacySubscription> addOnSubscriptions,
        IReadOnlyList<MemberEligibility> addOns,
        DateTimeOffset at)
    {
        var reasons = new List<EligibilityReason>();
        foreach (var addOn in addOns.Where(a => !a.IsEligible))
        {
            reasons.Add(EligibilityReasons.SubscriptionAddOnsPresent.With(
                $"Add-on '{addOn.FriendlyName}' ({addOn.SubscriptionId}) cannot migrate: {string.Join(" ", addOn.Reasons.Select(r => r.Description))}"));
        }

        foreach (var recent in addOnSubscriptions.Where(a => at < a.PurchaseDate + AddOnCoolingOff))
        {
            reasons.Add(EligibilityReasons.AddOnPurchasedWithinLast30Days.With(
                $"Add-on '{recent.FriendlyName}' was bought on {recent.PurchaseDate:yyyy-MM-dd}; the bundle can migrate from {(recent.PurchaseDate + AddOnCoolingOff):yyyy-MM-dd HH:mm} UTC."));
        }

        return reasons;
    }
}
