using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Engine;

/// <summary>
/// One migration in flight as the worker hands it to the backend: tracked in <see cref="Db"/> with its legacy
/// members, at the partner's <see cref="Now"/>. The backend changes them through the domain's methods and may add
/// entities (New Commerce subscriptions, billing periods); the worker saves, once, after it returns.
/// </summary>
public sealed record CommerceStep(
    PortalDbContext Db,
    PartnerOrganization Partner,
    Migration Migration,
    IReadOnlyList<LegacySubscription> LegacyMembers,
    DateTimeOffset Now);

/// <summary>
/// The New Commerce side the worker drives: the simulated New Commerce (default) or Partner Center over HTTP.
/// Creating a migration is the desk's job (<see cref="Migrations.MigrationDesk"/>); the backend carries it out.
/// </summary>
public interface ICommerceBackend
{
    /// <summary>
    /// Brings the migration up to what New Commerce has done by <see cref="CommerceStep.Now"/>: begin (suspend the legacy
    /// side), create and provision the New Commerce subscriptions, complete, or fail, each recorded through
    /// <see cref="Migration"/>. Answers when there may be more to see (null: nothing more will happen by itself).
    /// </summary>
    Task<DateTimeOffset?> AdvanceAsync(CommerceStep work, CancellationToken ct);

    /// <summary>Rolls back a migration that failed with its legacy side suspended: the legacy subscriptions are Active again.</summary>
    Task RevertAsync(CommerceStep work, CancellationToken ct);
}
