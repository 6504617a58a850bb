namespace Portal.PartnerCenter;

// Partner Center's New Commerce migration resources, as its REST API sends them (camelCase JSON; see REFERENCE.md).
// Terms, billing cycles and statuses stay strings, exactly as on the wire.

public sealed record NewCommerceMigrationRequest
{
    public required string CurrentSubscriptionId { get; init; }

    public string? TermDuration { get; init; }

    public string? BillingCycle { get; init; }

    public int? Quantity { get; init; }

    public bool? PurchaseFullTerm { get; init; }

    public DateTimeOffset? CustomTermEndDate { get; init; }

    public string? ExternalReferenceId { get; init; }

    public IReadOnlyList<NewCommerceMigrationRequest>? AddOnMigrations { get; init; }
}

public sealed record NewCommerceEligibilityError(int Code, string? Description);

public sealed record NewCommerceEligibility
{
    public string? CurrentSubscriptionId { get; init; }

    public bool IsEligible { get; init; }

    public string? CatalogItemId { get; init; }

    public DateTimeOffset? CustomTermEndDate { get; init; }

    public IReadOnlyList<NewCommerceEligibilityError> Errors { get; init; } = [];

    public IReadOnlyList<NewCommerceEligibility> AddOnMigrations { get; init; } = [];
}

public sealed record NewCommerceMigration
{
    public string? Id { get; init; }

    public string? CurrentSubscriptionId { get; init; }

    public string? Status { get; init; }

    public string? CustomerTenantId { get; init; }

    public string? CatalogItemId { get; init; }

    public string? NewCommerceSubscriptionId { get; init; }

    public string? NewCommerceOrderId { get; init; }

    public DateTimeOffset? StartedTime { get; init; }

    public DateTimeOffset? CompletedTime { get; init; }

    public DateTimeOffset? SubscriptionEndDate { get; init; }

    public string? TermDuration { get; init; }

    public string? BillingCycle { get; init; }

    public int? Quantity { get; init; }

    public bool? PurchaseFullTerm { get; init; }

    public string? ExternalReferenceId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }

    public IReadOnlyList<NewCommerceMigration> AddOnMigrations { get; init; } = [];
}

public sealed record NewCommerceMigrationEvent(
    string? Id,
    string? NewCommerceMigrationId,
    string? CurrentSubscriptionId,
    string? CustomerTenantId,
    DateTimeOffset? CreatedTime,
    string? EventName);

public sealed record NewCommerceMigrationScheduleRequest
{
    public required string CurrentSubscriptionId { get; init; }

    public string? TermDuration { get; init; }

    public string? BillingCycle { get; init; }

    public int? Quantity { get; init; }

    public bool? PurchaseFullTerm { get; init; }

    public DateTimeOffset? CustomTermEndDate { get; init; }

    public DateTimeOffset? TargetDate { get; init; }

    public bool MigrateOnRenewal { get; init; }

    public string? ExternalReferenceId { get; init; }

    public IReadOnlyList<NewCommerceMigrationScheduleRequest>? AddOnMigrationSchedules { get; init; }
}

public sealed record NewCommerceMigrationSchedule
{
    public string? Id { get; init; }

    public string? CurrentSubscriptionId { get; init; }

    public string? Status { get; init; }

    public string? CatalogItemId { get; init; }

    public DateTimeOffset? SubscriptionEndDate { get; init; }

    public DateTimeOffset? TargetDate { get; init; }

    public bool MigrateOnRenewal { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    public DateTimeOffset? LastModifiedTime { get; init; }

    public string? NewCommerceMigrationId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }

    public string? ExternalReferenceId { get; init; }

    public bool MicrosoftLed { get; init; }
}

/// <summary>The filter of the migration and schedule lists: at least one id is required.</summary>
public sealed record NewCommerceMigrationQuery(
    string? CustomerTenantId = null,
    string? CurrentSubscriptionId = null,
    string? ExternalReferenceId = null,
    bool? IsMicrosoftLed = null,
    int PageSize = 300);

/// <summary>An allowed co-terming end date.</summary>
public sealed record CustomTermEndDate(DateTimeOffset AllowedCustomTermEndDate);

/// <summary>A list page: Partner Center returns the next page's token in the body and takes it back in the MS-ContinuationToken header.</summary>
internal sealed record MigrationPage(IReadOnlyList<NewCommerceMigration>? NewCommerceMigrations, IReadOnlyList<NewCommerceMigration>? Items, string? ContinuationToken);

internal sealed record SchedulePage(IReadOnlyList<NewCommerceMigrationSchedule>? NewCommerceMigrationSchedules, IReadOnlyList<NewCommerceMigrationSchedule>? Items, string? ContinuationToken);

internal sealed record ItemsPage<T>(IReadOnlyList<T>? Items, string? ContinuationToken);

