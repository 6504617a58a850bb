using Portal.Domain.Billing;

namespace Portal.Engine.Simulation;

/// <summary>
/// One stored period of the simulated New Commerce's billing ledger: days a subscription is billed for, from
/// <see cref="From"/> up to (not including) <see cref="Until"/>. Changes go through the domain's
/// <see cref="BillingLedger"/>, rebuilt from these rows, so no day is billed twice (see <see cref="StoredLedger"/>).
/// </summary>
public sealed class BilledPeriodRecord
{
    public Guid Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public BilledSide Side { get; init; }

    public DateOnly From { get; init; }

    public DateOnly? Until { get; set; }

    /// <summary>For a New Commerce subscription made by a migration: the legacy subscription it came from.</summary>
    public Guid? MigratedFromSubscriptionId { get; init; }
}
