using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Domain.Terms;

namespace Portal.Migrations.Wizard;

/// <summary>Step 1: what migrates.</summary>
public enum BundleScope
{
    /// <summary>A base with every active add-on (they go together).</summary>
    Bundle,

    /// <summary>An add-on alone, beside its base.</summary>
    AddOnAlone,
}

/// <summary>Step 3: how a member's New Commerce term ends.</summary>
public enum EndDateChoice
{
    KeepEndDate,
    NewFullTerm,
    CustomEndDate,
}

/// <summary>Step 4: when the migration runs.</summary>
public enum WhenChoice
{
    Now,
    OnDate,
    OnRenewal,
}

/// <summary>The parts of a wizard draft that each step saves; later sections depend on earlier ones.</summary>
public enum DraftSection
{
    Bundle = 1,
    Eligibility = 2,
    Targets = 3,
    When = 4,
}

/// <summary>Step 3's choices for one member of the bundle.</summary>
public sealed record MemberChoice(
    Guid SubscriptionId,
    TermDuration Term,
    BillingCycle Billing,
    int Quantity,
    EndDateChoice End = EndDateChoice.KeepEndDate,
    DateOnly? CustomEndDate = null);

/// <summary>
/// The wizard's choices so far. Each section records the draft version that last changed it, so a form posted from
/// an older copy (another tab, the back button) can be merged when what it is based on is unchanged (ADR-012).
/// </summary>
public sealed record DraftContent
{
    public BundleScope? Scope { get; init; }

    /// <summary>The subscription the migration request names: the base of a bundle, or the add-on alone.</summary>
    public Guid? RequestedSubscriptionId { get; init; }

    public bool EligibilitySeen { get; init; }

    public IReadOnlyList<MemberChoice> Members { get; init; } = [];

    public WhenChoice? When { get; init; }

    public DateOnly? TargetDate { get; init; }

    /// <summary>Draft version at which each section was last changed.</summary>
    public IReadOnlyDictionary<DraftSection, int> Changed { get; init; } = new Dictionary<DraftSection, int>();

    public bool IsDone(DraftSection section) => section switch
    {
        DraftSection.Bundle => RequestedSubscriptionId is not null,
        DraftSection.Eligibility => EligibilitySeen,
        DraftSection.Targets => Members.Count > 0,
        DraftSection.When => When is not null,
        _ => false,
    };

    public int ChangedAt(DraftSection section) => Changed.GetValueOrDefault(section);

    public MemberChoice? Member(Guid subscriptionId) => Members.FirstOrDefault(m => m.SubscriptionId == subscriptionId);
}

/// <summary>A bulk migration's selection and, once validated or submitted, one row per subscription.</summary>
public sealed record BulkContent
{
    public IReadOnlyList<Guid> SubscriptionIds { get; init; } = [];

    public IReadOnlyList<BulkRow> Rows { get; init; } = [];
}

/// <summary>One subscription of a bulk migration: its verdict, and what became of it.</summary>
public sealed record BulkRow(
    Guid CustomerId,
    Guid SubscriptionId,
    string CustomerName,
    string SubscriptionName,
    bool Eligible,
    IReadOnlyList<string> Reasons,
    Guid? MigrationId = null,
    string? Error = null);

/// <summary>How draft content is written to its JSON column: enums by name, dates as ISO dates.</summary>
public static class DraftJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T content) => JsonSerializer.Serialize(content, Options);

    public static T Read<T>(string json)
        where T : new() => string.IsNullOrWhiteSpace(json) ? new T() : JsonSerializer.Deserialize<T>(json, Options) ?? new T();
}
