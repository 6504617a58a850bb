namespace Portal.Api.Sandbox;

/// <summary><c>POST /api/v1/sandbox/customers</c>: a customer of the sandbox partner.</summary>
public sealed record SandboxCustomerRequest(string? Name, string? Domain, string? Segment, string? Relationship);

/// <summary>
/// <c>POST /api/v1/sandbox/customers/{customerId}/subscriptions</c>: a legacy subscription. Unset dates default to a
/// purchase now and a full term from it; an add-on names its base in parentSubscriptionId and co-terms with it.
/// </summary>
public sealed record SandboxSubscriptionRequest(
    Guid? OfferId,
    int? Quantity,
    string? TermDuration,
    string? BillingCycle,
    string? FriendlyName,
    string? PurchaseDate,
    string? CommitmentEndDate,
    bool? IsTrial,
    bool? HasActivePromotion,
    bool? HadPromotionAtPurchase,
    bool? AutoRenewEnabled,
    Guid? ParentSubscriptionId);

/// <summary><c>POST /api/v1/sandbox/clock</c>: <c>{"advanceBy":"P1D"}</c> or <c>{"now":"2026-12-01T00:00:00Z"}</c>.</summary>
public sealed record SandboxClockRequest(string? AdvanceBy, string? Now);

/// <summary>The sandbox partner's clock: its now, and how far it is ahead of real time.</summary>
public sealed record SandboxClockResource(DateTime Now, string Offset);
