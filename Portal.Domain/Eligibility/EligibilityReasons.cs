namespace Portal.Domain.Eligibility;

/// <summary>Every reason a migration can be refused, with the seed's guidance.</summary>
public static class EligibilityReasons
{
    public static readonly EligibilityReason SubscriptionStatusNotActive = new(
        0,
        nameof(SubscriptionStatusNotActive),
        "The legacy subscription is not Active.",
        "Only Active subscriptions migrate. Reactivate a suspended subscription first; cancelled, expired and deleted subscriptions cannot be migrated.");

    public static readonly EligibilityReason SubscriptionBeingProcessingInOms = new(
        1,
        nameof(SubscriptionBeingProcessingInOms),
        "A migration or another change of this subscription is already being processed.",
        "Wait until the change in flight finishes (see the subscription's migration status), then validate again.");

    public static readonly EligibilityReason SubscriptionTooCloseToTermEnd = new(
        2,
        nameof(SubscriptionTooCloseToTermEnd),
        "The subscription's term has ended and its renewal is being processed.",
        "Wait for the renewal to finish, then migrate in the new term, or let the scheduled migration on renewal run.");

    public static readonly EligibilityReason SubscriptionPromotionsPresent = new(
        3,
        nameof(SubscriptionPromotionsPresent),
        "The subscription has an active promotion, or had one when it was bought.",
        "Promotions in New Commerce are independent of legacy promotions. Let the legacy promotion run its course; the subscription can renew in legacy or be replaced by a New Commerce purchase.");

    public static readonly EligibilityReason SubscriptionAddOnsPresent = new(
        4,
        nameof(SubscriptionAddOnsPresent),
        "An add-on of this subscription cannot migrate, so the bundle cannot migrate.",
        "A base migrates together with all its active add-ons. Fix or cancel the ineligible add-on, then validate the bundle again.");

    public static readonly EligibilityReason NewCommerceProductUnavailable = new(
        5,
        nameof(NewCommerceProductUnavailable),
        "The legacy offer has no corresponding eligible New Commerce product.",
        "Check the NCE Mapping tab of the legacy offer matrix. Offers without a mapping will be retired: see the CSP offer retirement guide, and buy the New Commerce product that best meets the customer's needs.");

    public static readonly EligibilityReason ManualMigrationOnly = new(
        5,
        nameof(NewCommerceProductUnavailable),
        "This offer is enabled for migration but Partner Center's migration paths do not support it.",
        "Migrate it manually: check the New Commerce price list, buy the New Commerce product, assign the licences, then cancel the legacy subscription.");

    public static readonly EligibilityReason TermDurationBillingCycleCombinationNotSupported = new(
        6,
        nameof(TermDurationBillingCycleCombinationNotSupported),
        "The term and billing combination is not sold in New Commerce for this product.",
        "Choose one of the term and billing pairs the product offers (P1M monthly; P1Y monthly or annual; P3Y monthly, annual or triennial, where the product sells them).");

    public static readonly EligibilityReason SubscriptionActiveForLessThanOneMonth = new(
        7,
        nameof(SubscriptionActiveForLessThanOneMonth),
        "The subscription is in its first month of service.",
        "Subscriptions can migrate one month after purchase. Schedule the migration for a date after that.");

    public static readonly EligibilityReason TradeStatusNotAllowed = new(
        8,
        nameof(TradeStatusNotAllowed),
        "Government, Education and Nonprofit subscriptions cannot migrate to New Commerce.",
        "Qualified offers are not mapped to New Commerce yet; keep transacting on the legacy offers until their segment is released.");

    public static readonly EligibilityReason TrialNotAllowed = new(
        8,
        nameof(TradeStatusNotAllowed),
        "Trial subscriptions cannot migrate.",
        "Trials run their course in legacy. Convert the trial to a paid subscription, or buy the New Commerce product directly.");

    public static readonly EligibilityReason InvalidPartnerIdOnRecord = new(
        9,
        nameof(InvalidPartnerIdOnRecord),
        "The partner of record on the subscription is invalid or no longer active.",
        "Set a valid, active partner ID (MPN ID) as partner of record on the subscription, then validate again.");

    public static readonly EligibilityReason MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm = new(
        10,
        nameof(MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm),
        "The subscription is in the last 24 hours of its term.",
        "In the last 24 hours of a term a migration must start a new full term: choose \"start a new term\" (purchaseFullTerm).");

    public static readonly EligibilityReason InvalidCustomTermEndDate = new(
        11,
        nameof(InvalidCustomTermEndDate),
        "The custom term end date is not inside the first term of the New Commerce subscription.",
        "Pick a date after the migration date and no later than the end of one full term; the allowed co-term dates are listed for you.");

    public static readonly EligibilityReason CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth = new(
        12,
        nameof(CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth),
        "The custom term end date must be the end date of an existing New Commerce subscription of the customer or the last day of a calendar month.",
        "Pick one of the listed co-term dates: an active, non-trial New Commerce subscription's end date (annual and triennial terms cannot co-term with monthly ones) or the last day of a month.");

    public static readonly EligibilityReason PartnerProfileInvalid = new(
        null,
        nameof(PartnerProfileInvalid),
        "Partner profile isn't in a valid state to allow migrations.",
        "Open your account settings in Partner Center and make sure your partner profile is complete and valid.");

    public static readonly EligibilityReason PartnerOrganizationInactive = new(
        null,
        nameof(PartnerOrganizationInactive),
        "Partner organization is inactive or not found.",
        "Make sure your Partner Center account is active and its profile is up to date.");

    public static readonly EligibilityReason NoActiveCustomerPartnerRelationship = new(
        null,
        nameof(NoActiveCustomerPartnerRelationship),
        "No active relationship between the customer and partner organizations.",
        "The customer has removed the partner relationship. Work with the customer to restore it, then migrate.");

    public static readonly EligibilityReason LicenseLimitReached = new(
        null,
        nameof(LicenseLimitReached),
        "License limits defined for the offer have been reached or exceeded.",
        "Small-business offers are limited to 300 seats per customer in New Commerce. Lower the seat count to fit, or consider an enterprise SKU with the customer.");

    public static readonly EligibilityReason NceSubscriptionCountLimitReached = new(
        null,
        nameof(NceSubscriptionCountLimitReached),
        "Number of New Commerce subscriptions allowed for the offer has been reached or exceeded.",
        "Consult the New Commerce offer matrix for the limit, then with the customer; consider adding seats to an existing subscription instead.");

    public static readonly EligibilityReason AddOnPurchasedWithinLast30Days = new(
        null,
        nameof(AddOnPurchasedWithinLast30Days),
        "A new add-on was bought for this base in the last 30 days, so the bundle cannot migrate yet.",
        "Wait until 30 days after the add-on's purchase, or schedule the bundle's migration for a date after that.");

    public static readonly EligibilityReason AddOnBaseServicesMissing = new(
        null,
        nameof(AddOnBaseServicesMissing),
        "The add-on can only migrate alone when the customer has the services of its base offer.",
        "Migrate the base subscription together with the add-on, or make sure the customer holds an active base subscription (legacy or New Commerce).");

    public static readonly EligibilityReason InvalidQuantity = new(
        null,
        nameof(InvalidQuantity),
        "The seat count must be at least 1.",
        "Enter how many seats the New Commerce subscription should have; it can be more or fewer than the legacy subscription has.");

    public static readonly EligibilityReason MigrationEvaluationPending = new(
        null,
        nameof(MigrationEvaluationPending),
        "The subscription is being evaluated for migration.",
        "Check again shortly; evaluation normally finishes within minutes.");

    /// <summary>Every reason, for help pages and for mapping codes in imports.</summary>
    public static IReadOnlyList<EligibilityReason> All { get; } =
    [
        SubscriptionStatusNotActive, SubscriptionBeingProcessingInOms, SubscriptionTooCloseToTermEnd,
        SubscriptionPromotionsPresent, SubscriptionAddOnsPresent, NewCommerceProductUnavailable, ManualMigrationOnly,
        TermDurationBillingCycleCombinationNotSupported, SubscriptionActiveForLessThanOneMonth, TradeStatusNotAllowed,
        TrialNotAllowed, InvalidPartnerIdOnRecord, MigrationsWithinLast24hOfTermOnlyAllowedForFullTerm,
        InvalidCustomTermEndDate, CustomTermEndDateMustAlignWithExistingSubscriptionOrCalendarMonth,
        PartnerProfileInvalid, PartnerOrganizationInactive, NoActiveCustomerPartnerRelationship, LicenseLimitReached,
        NceSubscriptionCountLimitReached, AddOnPurchasedWithinLast30Days, AddOnBaseServicesMissing, InvalidQuantity,
        MigrationEvaluationPending,
    ];
}
