using Microsoft.EntityFrameworkCore;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Engine.Simulation;

/// <summary>
/// New Commerce as the seed describes it, inside the portal's own store: a migration is requested; after
/// <see cref="SimulationOptions.BeginAfter"/> the legacy side is suspended and its billing stops; then the New Commerce
/// subscriptions are created (and billed from that day), provisioned, and the migration completes. Each step happens
/// at a fixed time after the previous one, counted from the request, so a worker that was down catches up with the
/// same timestamps. Failures are injected by external reference prefix or by legacy subscription id.
/// </summary>
public sealed class SimulatedNewCommerce(EngineOptions options) : ICommerceBackend
{
    public const string FailureCode = "SimulatedFailure";

    private SimulationOptions Simulation => options.Simulation;

    public async Task<DateTimeOffset?> AdvanceAsync(CommerceStep work, CancellationToken ct)
    {
        var migration = work.Migration;
        var beginAt = migration.RequestedAt + Simulation.BeginAfter;
        var createAt = beginAt + Simulation.CreateAfter;
        var ids = migration.Members.Select(m => m.LegacySubscriptionId).ToList();

        if (migration.Phase == MigrationPhase.Requested)
        {
            if (work.Now < beginAt)
            {
                return beginAt;
            }

            if (Fails(migration, Simulation.FailWhileActivePrefix, Simulation.FailWhileActive))
            {
                migration.Fail(work.LegacyMembers, FailureCode, "New Commerce refused the migration before the legacy subscription was suspended (simulated). It is still Active: retry, or cancel it.", beginAt);
                return null;
            }

            var ledger = await StoredLedger.LoadAsync(work.Db, ids, ct);
            migration.Begin(work.LegacyMembers);
            foreach (var legacy in work.LegacyMembers)
            {
                ledger.StopLegacy(legacy.Id, TermDates.UtcDate(legacy.TermStart), TermDates.UtcDate(beginAt));
            }
        }

        if (migration.Phase == MigrationPhase.FailedLegacySuspended)
        {
            // Microsoft corrects a FAIL-CORRECTED migration CorrectAfter after it failed, and the remaining steps
            // follow at their usual pace; when they could not finish before the 72-hour deadline, it is reverted.
            if (!IsCorrectedLater(migration))
            {
                return migration.ResolutionDeadline;
            }

            createAt += Simulation.CorrectAfter;
            if (createAt + Simulation.ProvisionAfter + Simulation.CompleteAfter >= migration.ResolutionDeadline)
            {
                return migration.ResolutionDeadline;
            }
        }
        else if (migration.Phase != MigrationPhase.LegacySuspended)
        {
            return null;
        }

        var provisionAt = createAt + Simulation.ProvisionAfter;
        var completeAt = provisionAt + Simulation.CompleteAfter;
        if (migration.Members.Any(m => m.NceSubscriptionId is null))
        {
            if (work.Now < createAt)
            {
                return createAt;
            }

            if (migration.Phase == MigrationPhase.LegacySuspended
                && (Fails(migration, Simulation.FailWhileSuspendedPrefix, Simulation.FailWhileSuspended) || IsCorrectedLater(migration)))
            {
                migration.Fail(work.LegacyMembers, FailureCode, "Creating the New Commerce subscription failed after the legacy subscription was suspended (simulated). Microsoft completes or reverts it within 72 hours of the request.", createAt);
                var correctAt = createAt + Simulation.CorrectAfter;
                return IsCorrectedLater(migration) && correctAt < migration.ResolutionDeadline ? correctAt : migration.ResolutionDeadline;
            }

            await CreateNceSubscriptionsAsync(work, createAt, ct);
        }

        if (migration.Members.Any(m => m.ProvisionedAt is null))
        {
            if (work.Now < provisionAt)
            {
                return provisionAt;
            }

            ProvisionAll(migration, provisionAt);
        }

        if (work.Now < completeAt)
        {
            return completeAt;
        }

        migration.Complete(work.LegacyMembers, completeAt);
        return null;
    }

    /// <summary>
    /// Microsoft corrects a migration that failed with its legacy side suspended, now (a Sandbox rehearsal): the New
    /// Commerce subscriptions are created (billed from today, the suspended days stay unbilled), provisioned, and the
    /// migration completes. The domain refuses it after the 72-hour deadline.
    /// </summary>
    public async Task CorrectNowAsync(CommerceStep work, CancellationToken ct)
    {
        var migration = work.Migration;
        if (migration.Phase != MigrationPhase.FailedLegacySuspended)
        {
            throw new Domain.Common.DomainException($"Only a migration that failed with its legacy side suspended can be corrected; {migration.Id} is {migration.Phase}.");
        }

        await CreateNceSubscriptionsAsync(work, work.Now, ct);
        ProvisionAll(migration, work.Now);
        migration.Complete(work.LegacyMembers, work.Now);
    }

    public async Task RevertAsync(CommerceStep work, CancellationToken ct)
    {
        var migration = work.Migration;
        var ledger = await StoredLedger.LoadAsync(work.Db, migration.Members.Select(m => m.LegacySubscriptionId).ToList(), ct);
        var nceIds = migration.Members.Where(m => m.NceSubscriptionId is not null).Select(m => m.NceSubscriptionId!.Value).ToList();
        var created = await work.Db.NceSubscriptions.Where(s => nceIds.Contains(s.Id)).ToListAsync(ct);
        migration.Revert(work.LegacyMembers, work.Now);
        foreach (var member in migration.Members)
        {
            // A New Commerce subscription made by a reverted migration is withdrawn, and never billed.
            if (created.FirstOrDefault(s => s.Id == member.NceSubscriptionId) is { Status: NceSubscriptionStatus.Active } nce && nce.IsInCancellationWindow(work.Now))
            {
                nce.Cancel(work.Now);
            }

            ledger.Revert(member.LegacySubscriptionId, member.NceSubscriptionId, TermDates.UtcDate(work.Now));
        }
    }

    /// <summary>Creates each member's New Commerce subscription still missing, billed from <paramref name="at"/>'s day.</summary>
    private static async Task CreateNceSubscriptionsAsync(CommerceStep work, DateTimeOffset at, CancellationToken ct)
    {
        var migration = work.Migration;
        var ledger = await StoredLedger.LoadAsync(work.Db, migration.Members.Select(m => m.LegacySubscriptionId).ToList(), ct);
        foreach (var member in migration.Members.Where(m => m.NceSubscriptionId is null))
        {
            var legacy = work.LegacyMembers.Single(l => l.Id == member.LegacySubscriptionId);
            var end = EligibilityEvaluator.NceEndDate(legacy, member.Target, at);
            var nce = NceSubscription.Create(
                Guid.CreateVersion7(at),
                migration.CustomerId,
                member.CatalogItemId,
                legacy.FriendlyName,
                member.Target.Quantity,
                member.Target.Term,
                member.Target.Billing,
                at,
                TermDates.EndInstant(end),
                at,
                legacy.Id);
            work.Db.NceSubscriptions.Add(nce);
            migration.RecordNceSubscriptionCreated(legacy.Id, nce.Id, at);
            ledger.StartNewCommerce(nce.Id, legacy.Id, TermDates.UtcDate(at));
        }
    }

    private static void ProvisionAll(Migration migration, DateTimeOffset at)
    {
        foreach (var member in migration.Members.Where(m => m.ProvisionedAt is null))
        {
            migration.RecordProvisioned(member.LegacySubscriptionId, at);
        }
    }

    private bool IsCorrectedLater(Migration migration) => Fails(migration, Simulation.FailThenCorrectedPrefix, []);

    private static bool Fails(Migration migration, string prefix, List<Guid> subscriptions) =>
        (!string.IsNullOrEmpty(prefix) && migration.ExternalReferenceId?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true)
        || migration.Members.Any(m => subscriptions.Contains(m.LegacySubscriptionId));
}
