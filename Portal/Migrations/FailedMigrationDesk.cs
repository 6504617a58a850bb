using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Engine.Simulation;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Migrations;

/// <summary>What a Sandbox partner may rehearse Microsoft doing with a migration that failed while Suspended.</summary>
public enum MicrosoftRehearsal
{
    /// <summary>Microsoft corrects the problem: the New Commerce subscriptions are created and the migration completes.</summary>
    Correct,

    /// <summary>Microsoft reverts the migration: the legacy subscriptions are Active again, the suspended days unbilled.</summary>
    Revert,
}

/// <summary>
/// The partner's actions after a failed migration (ADR-015): cancel a legacy subscription left Active by a failed
/// migration, retry a failed (or reverted) migration, and, for Sandbox partners, rehearse Microsoft completing or
/// reverting one that failed while Suspended. Scoped to the signed-in partner (another partner's ids answer
/// <see cref="DeskOutcome.NotFound"/>), audited in the same save as the change, serialised per customer.
/// </summary>
public sealed class FailedMigrationDesk(
    PortalDbContext db,
    PartnerClock clock,
    MigrationDesk migrations,
    ICommerceBackend backend,
    WorkClaims claims,
    IEnumerable<IEngineEvents> events)
{
    public const string SandboxOnlyCode = "SandboxOnly";
    public const string NotSimulatedCode = "NotSimulated";
    public const string BusyCode = "ChangedConcurrently";

    /// <summary>The idempotency key of the retry of <paramref name="failedMigrationId"/>: a double submit answers the first retry.</summary>
    public static string RetryKey(Guid failedMigrationId) => $"retry:{failedMigrationId}";

    /// <summary>The latest migration that included <paramref name="subscriptionId"/>, or null.</summary>
    public Task<Migration?> LatestMigrationOfAsync(Guid subscriptionId, CancellationToken ct) =>
        db.Migrations.AsNoTracking()
            .Where(m => m.Members.Any(member => member.LegacySubscriptionId == subscriptionId))
            .OrderByDescending(m => m.RequestedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);

    /// <summary>Cancels a legacy subscription (with its active add-ons) whose latest migration failed while it stayed Active.</summary>
    public async Task<DeskAnswer<LegacySubscription>> CancelLegacyAsync(Guid partnerTenantId, Guid customerId, Guid subscriptionId, string actor, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, ct))
        {
            return DeskAnswer<LegacySubscription>.NotFound();
        }

        try
        {
            await using var transaction = await CustomerSerialisation.BeginAsync(db, customerId, ct);
            var subscription = await db.LegacySubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, ct);
            if (subscription is null)
            {
                return DeskAnswer<LegacySubscription>.NotFound();
            }

            var latest = await LatestMigrationOfAsync(subscriptionId, ct);
            var addOns = await db.LegacySubscriptions
                .Where(s => s.ParentSubscriptionId == subscriptionId && s.Status == LegacySubscriptionStatus.Active)
                .OrderBy(s => s.FriendlyName)
                .ToListAsync(ct);
            var outcome = AfterFailure.CancelLegacy(subscription, latest, addOns);
            if (outcome.Refusal is { } refusal)
            {
                return DeskAnswer<LegacySubscription>.Refused(new DeskError(refusal.Code, refusal.Message));
            }

            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = actor,
                Action = "Legacy subscription cancelled",
                Target = $"subscription {subscription.Id}",
                Detail = $"{subscription.FriendlyName} ({subscription.Quantity} seats), left Active by failed migration {latest!.Id}"
                    + (addOns.Count > 0 ? $"; with its add-ons {string.Join(", ", addOns.Select(a => a.FriendlyName))}" : "") + ".",
                At = await clock.NowAsync(partnerTenantId, ct),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return DeskAnswer<LegacySubscription>.Done(subscription);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DeskAnswer<LegacySubscription>.Refused(new DeskError(BusyCode, "The subscription changed at the same moment (a migration started?); nothing was cancelled. Look at it again."));
        }
    }

    /// <summary>
    /// Starts a new migration of a failed (or reverted) migration's members with the same targets, through
    /// <see cref="MigrationDesk.CreateAsync(Guid, Guid, Domain.Eligibility.MigrationRequest, MigrationOrigin, Action{Migration}?, CancellationToken)"/>;
    /// eligibility is checked again. A second retry of the same migration answers the first.
    /// </summary>
    public async Task<DeskAnswer<Migration>> RetryAsync(Guid partnerTenantId, Guid migrationId, string actor, CancellationToken ct)
    {
        var failed = await OwnedAsync(partnerTenantId, migrationId, tracked: false, ct);
        if (failed is null)
        {
            return DeskAnswer<Migration>.NotFound();
        }

        // Before the checks: once retried, the retry is the latest migration and the failed one would be refused.
        var key = RetryKey(migrationId);
        if (await migrations.FirstForKeyAsync(partnerTenantId, key, ct) is { } earlier)
        {
            return earlier;
        }

        var verdict = AfterFailure.MayRetry(failed, await LatestMigrationOfAsync(failed.CurrentSubscriptionId, ct));
        if (verdict.Refusal is { } refusal)
        {
            return DeskAnswer<Migration>.Refused(new DeskError(refusal.Code, refusal.Message));
        }

        var now = await clock.NowAsync(partnerTenantId, ct);
        return await migrations.CreateAsync(
            partnerTenantId,
            failed.CustomerId,
            AfterFailure.RetryRequest(failed),
            new MigrationOrigin(actor, IdempotencyKey: key),
            retry => db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = actor,
                Action = "Migration retried",
                Target = $"migration {failed.Id}",
                Detail = $"Retried as migration {retry.Id}, with the same members and targets.",
                At = now,
            }),
            ct);
    }

    /// <summary>
    /// Sandbox only: acts as Microsoft on a migration that failed with its legacy side suspended, now: corrects it (the
    /// simulated New Commerce completes it) or reverts it. Refused for Production partners, for any other phase, and
    /// when the portal drives Partner Center rather than the simulated New Commerce.
    /// </summary>
    public async Task<DeskAnswer<Migration>> RehearseAsync(Guid partnerTenantId, Guid migrationId, MicrosoftRehearsal action, string actor, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == partnerTenantId, ct);
        var migration = partner is null ? null : await OwnedAsync(partnerTenantId, migrationId, tracked: true, ct);
        if (partner is null || migration is null)
        {
            return DeskAnswer<Migration>.NotFound();
        }

        if (partner.Environment != PartnerEnvironment.Sandbox)
        {
            return DeskAnswer<Migration>.Refused(new DeskError(SandboxOnlyCode, "Only Sandbox partners rehearse what Microsoft does. In Production, Microsoft alone completes or reverts a failed migration, within 72 hours of its request."));
        }

        if (migration.Phase != MigrationPhase.FailedLegacySuspended)
        {
            return DeskAnswer<Migration>.Refused(new DeskError(AfterFailure.NotRetryableCode, $"Microsoft acts only on a migration that failed while the legacy subscription was Suspended; this one is {migration.Status} ({migration.Phase})."));
        }

        if (backend is not SimulatedNewCommerce simulation)
        {
            return DeskAnswer<Migration>.Refused(new DeskError(NotSimulatedCode, "The portal drives Partner Center, not the simulated New Commerce: only Microsoft can act on this migration."));
        }

        // The worker claims the same key before it steps a migration, so the two never change it at once.
        var claim = $"migration:{migrationId}";
        if (!await claims.TryClaimAsync(claim, ct))
        {
            return DeskAnswer<Migration>.Refused(new DeskError(BusyCode, "The engine is working on this migration right now; try again in a moment."));
        }

        try
        {
            var memberIds = migration.Members.Select(m => m.LegacySubscriptionId).ToList();
            var members = await db.LegacySubscriptions.Where(s => memberIds.Contains(s.Id)).ToListAsync(ct);
            var now = await clock.NowAsync(partnerTenantId, ct);
            var work = new CommerceStep(db, partner, migration, members, now);
            if (action == MicrosoftRehearsal.Correct)
            {
                await simulation.CorrectNowAsync(work, ct);
            }
            else
            {
                await simulation.RevertAsync(work, ct);
            }

            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = $"{actor} (as Microsoft, sandbox rehearsal)",
                Action = action == MicrosoftRehearsal.Correct ? "Migration corrected by Microsoft" : "Migration reverted",
                Target = $"migration {migration.Id}",
                Detail = action == MicrosoftRehearsal.Correct
                    ? "Microsoft corrected the failure: the New Commerce subscriptions were created, provisioned and the migration completed; billing starts on the day they were created."
                    : "Microsoft reverted the migration: the legacy subscriptions are Active again and the suspended days are not billed.",
                At = now,
            });
            if (migration.Phase == MigrationPhase.Completed)
            {
                foreach (var handler in events)
                {
                    handler.MigrationCompleted(db, migration);
                }
            }

            await db.SaveChangesAsync(ct);
            return DeskAnswer<Migration>.Done(migration);
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            return DeskAnswer<Migration>.Refused(new DeskError("Refused", e.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DeskAnswer<Migration>.Refused(new DeskError(BusyCode, "The migration changed at the same moment; nothing was done. Look at it again."));
        }
        finally
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
        }
    }

    private Task<Migration?> OwnedAsync(Guid partnerTenantId, Guid migrationId, bool tracked, CancellationToken ct)
    {
        var query = db.MigrationsWithEvents.Where(m => m.Id == migrationId && db.Customers.Any(c => c.TenantId == m.CustomerId && c.PartnerTenantId == partnerTenantId));
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
    }
}
