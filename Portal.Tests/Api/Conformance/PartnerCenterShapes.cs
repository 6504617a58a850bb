using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Tests.Api.Conformance;

// Partner Center's resources as its REST reference documents them (subscription, customer, New Commerce
// eligibility, migration and migration schedule, error), written here from that contract so the portal's answers can
// be read back the way a Partner Center client reads them. Fields a client needs are constructor parameters that
// may not be missing or null (see PartnerCenterJson.Strict); the rest are optional.

public enum PcSubscriptionStatus
{
    None,
    Active,
    Suspended,
    Deleted,
    Expired,
    Pending,
    Disabled,
}

public enum PcBillingCycle
{
    Unknown,
    Monthly,
    Annual,
    None,
    OneTime,
    Triennial,
    Biennial,
}

public sealed record PcResourceList<T>(int TotalCount, IReadOnlyList<T> Items);

public sealed record PcCompanyProfile(Guid TenantId, string Domain, string CompanyName);

public sealed record PcCustomer(Guid Id, PcCompanyProfile CompanyProfile);

public sealed record PcItemType(string Id, string DisplayName);

public sealed record PcLink(string Uri, string Method);

public sealed record PcSubscriptionLinks(PcLink Self, PcLink? ParentSubscription = null);

public sealed record PcAttributes(string ObjectType);

public sealed record PcSubscription(
    string Id,
    string OfferId,
    string OfferName,
    string FriendlyName,
    int Quantity,
    string? ParentSubscriptionId,
    DateTime CreationDate,
    DateTime EffectiveStartDate,
    DateTime CommitmentEndDate,
    PcSubscriptionStatus Status,
    bool AutoRenewEnabled,
    PcBillingCycle BillingCycle,
    string TermDuration,
    string PartnerId,
    PcItemType ProductType,
    PcSubscriptionLinks Links,
    PcAttributes Attributes)
{
    public string? MigratedFromSubscriptionId { get; init; }
}

public sealed record PcEligibilityError(int Code, string Description);

public sealed record PcEligibility(
    string CurrentSubscriptionId,
    bool IsEligible,
    string TermDuration,
    string BillingCycle,
    string? CatalogItemId,
    DateTime? CustomTermEndDate,
    IReadOnlyList<PcEligibilityError> Errors,
    IReadOnlyList<PcAddOnEligibility> AddOnMigrations);

/// <summary>An add-on's eligibility inside the base's answer.</summary>
public sealed record PcAddOnEligibility(
    string CurrentSubscriptionId,
    bool IsEligible,
    string TermDuration,
    string BillingCycle,
    string? CatalogItemId,
    IReadOnlyList<PcEligibilityError> Errors);

public sealed record PcMigration(
    string Id,
    string CurrentSubscriptionId,
    string Status,
    string CustomerTenantId,
    string CatalogItemId,
    DateTime? StartedTime,
    DateTime? CompletedTime,
    string? NewCommerceSubscriptionId,
    string? NewCommerceOrderId,
    DateTime? SubscriptionEndDate,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    bool PurchaseFullTerm,
    DateTime? CustomTermEndDate,
    string? ExternalReferenceId,
    IReadOnlyList<PcAddOnMigration> AddOnMigrations)
{
    public int? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }
}

public sealed record PcMigrationSchedule(
    string Id,
    string CurrentSubscriptionId,
    string Status,
    string CustomerTenantId,
    string CatalogItemId,
    DateTime? SubscriptionEndDate,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    bool PurchaseFullTerm,
    DateTime? CustomTermEndDate,
    DateTime? TargetDate,
    bool? MigrateOnRenewal,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastModifiedTime,
    string? ExternalReferenceId,
    string? NewCommerceMigrationId,
    int? ErrorCode,
    string? ErrorDescription,
    IReadOnlyList<PcAddOnMigration> AddOnMigrationSchedules);

/// <summary>An add-on migrated (or scheduled) with its base.</summary>
public sealed record PcAddOnMigration(
    string CurrentSubscriptionId,
    string CatalogItemId,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    bool PurchaseFullTerm,
    DateTime? CustomTermEndDate = null,
    string? NewCommerceSubscriptionId = null);

/// <summary>Partner Center's error body: an integer code and a description.</summary>
public sealed record PcError(int Code, string Description);

/// <summary>
/// A migration request as a tool that keeps one record for request and response sends it: every property, PascalCase,
/// with the type's defaults (empty strings, 0, false, null dates, empty lists) for whatever it leaves unspecified.
/// </summary>
public sealed record PcMigrationRecord
{
    public string Id { get; init; } = "";

    public DateTime? StartedTime { get; init; }

    public DateTime? CompletedTime { get; init; }

    public string CurrentSubscriptionId { get; init; } = "";

    public string Status { get; init; } = "";

    public string CustomerTenantId { get; init; } = "";

    public string CatalogItemId { get; init; } = "";

    public string NewCommerceSubscriptionId { get; init; } = "";

    public string NewCommerceOrderId { get; init; } = "";

    public DateTime? SubscriptionEndDate { get; init; }

    public int Quantity { get; init; }

    public string TermDuration { get; init; } = "";

    public string BillingCycle { get; init; } = "";

    public bool PurchaseFullTerm { get; init; }

    public DateTime? CustomTermEndDate { get; init; }

    public string ExternalReferenceId { get; init; } = "";

    public IReadOnlyList<PcMigrationRecord> AddOnMigrations { get; init; } = [];
}

/// <summary>The same for a schedule (PascalCase, defaults, the response-only fields too).</summary>
public sealed record PcScheduleRecord
{
    public string Id { get; init; } = "";

    public string CurrentSubscriptionId { get; init; } = "";

    public string Status { get; init; } = "";

    public string CustomerTenantId { get; init; } = "";

    public string CatalogItemId { get; init; } = "";

    public DateTime? SubscriptionEndDate { get; init; }

    public int Quantity { get; init; }

    public string TermDuration { get; init; } = "";

    public string BillingCycle { get; init; } = "";

    public bool PurchaseFullTerm { get; init; }

    public DateTime? CustomTermEndDate { get; init; }

    public DateTime? TargetDate { get; init; }

    public bool? MigrateOnRenewal { get; init; }

    public DateTimeOffset CreatedTime { get; init; }

    public DateTimeOffset LastModifiedTime { get; init; }

    public string ExternalReferenceId { get; init; } = "";

    public string NewCommerceMigrationId { get; init; } = "";

    public string ErrorDescription { get; init; } = "";

    public int? ErrorCode { get; init; }

    public IReadOnlyList<PcScheduleRecord> AddOnMigrationSchedules { get; init; } = [];
}

public static class PartnerCenterJson
{
    /// <summary>How a Partner Center client reads answers, made strict: a required field missing or null fails.</summary>
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>PascalCase, every property written (as System.Text.Json writes a record by default).</summary>
    public static readonly JsonSerializerOptions PascalCase = new();

    /// <summary>camelCase with nulls left out, as the Partner Center SDK writes its requests.</summary>
    public static readonly JsonSerializerOptions SdkRequest = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<T> ReadAsPartnerCenterAsync<T>(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Strict)!;
    }
}
