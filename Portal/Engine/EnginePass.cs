using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Eligibility;
using Portal.Domain.MicrosoftLed;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using Portal.Migrations;
using Portal.Migrations.Live;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Engine;

/// <summary>What one pass of the worker did.</summary>
public sealed record PassReport(int SchedulesRun, int SchedulesFailed, int MicrosoftLedScheduled, int MigrationsAdvanced, int MigrationsReverted, int WindowsClosed)
{
    /// <summary>True when the pass changed something, so more work may be due at once (the worker runs again without waiting).</summary>
    public bool DidWork => SchedulesRun + SchedulesFailed + MicrosoftLedScheduled + MigrationsAdvanced + MigrationsReverted + WindowsClosed > 0;
}

/// <summary>
/// One pass over the engine's due work, safe to run in any number of instances at once (ADR-007): each piece of
/// work is claimed with a lease, done in a scope (one unit of work) of its own, and guarded by the aggregates'
/// version tokens and the database's unique indexes, so a piece of work done twice by two instances (a lease that
/// expired mid-way) is refused by the store rather than applied twice. Each partner's work runs at the partner's
/// own now (<see cref="PartnerClock"/>).
/// After each committed change it tells the partner's open pages (<see cref="MigrationUpdates"/>, ADR-026).
/// </summary>
public sealed class EnginePass(
    IServiceScopeFactory scopes, WorkClaims claims, EngineMetrics metrics, TimeProvider time, ILogger<EnginePass> logger, MigrationUpdates? updates = null,
    EngineOptions? options = null)
{
    private readonly int _parallelSteps = Math.Max(1, options?.Worker.MaxParallelSteps ?? WorkerOptions.DefaultParallelSteps);

    public const string SystemActor = "system";
    public const string MicrosoftActor = "Microsoft";

    /// <summary>The next moment each migration in flight needs a look, as the backend answered (per instance; only saves work).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> _nextLook = new();

    public async Task<PassReport> RunOnceAsync(CancellationToken ct)
    {
        var clocks = await PartnerNowsAsync(ct);
        var (run, failed) = await RunDueSchedulesAsync(clocks, ct);
        var planned = await PlanMicrosoftLedAsync(clocks, ct);
        var (advanced, reverted) = await AdvanceMigrationsAsync(clocks, ct);
        var closed = await CloseCancellationWindowsAsync(clocks, ct);
        return new PassReport(run, failed, planned, advanced, reverted, closed);
    }

    /// <summary>Each partner's now: real time, plus the sandbox offset for Sandbox partners.</summary>
    private async Task<PartnerNows> PartnerNowsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var offsets = await scope.ServiceProvider.GetRequiredService<PartnerClock>().OffsetsAsync(ct);
        var partners = await db.Partners.AsNoTracking().Select(p => new { p.TenantId, p.Environment }).ToListAsync(ct);
        var real = time.GetUtcNow();
        return new PartnerNows(real, partners.ToDictionary(
            p => p.TenantId,
            p => real + (p.Environment == PartnerEnvironment.Sandbox ? offsets.GetValueOrDefault(p.TenantId) : TimeSpan.Zero)));
    }

    private async Task<(int Run, int Failed)> RunDueSchedulesAsync(PartnerNows clocks, CancellationToken ct)
    {
        List<(Guid Id, Guid Partner)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var latest = clocks.Latest;
            var latestDay = TermDates.UtcDate(latest);
            var candidates = await (
                from s in db.Schedules.AsNoTracking()
                join c in db.Customers on s.CustomerId equals c.TenantId
                where s.Status == ScheduleStatus.Created
                    && (s.Timing.TargetDate <= latestDay || (s.Timing.TargetDate == null && s.SubscriptionTermEnd < latest))
                select new { Schedule = s, c.PartnerTenantId }).ToListAsync(ct);
            due = candidates.Where(c => c.Schedule.IsDue(clocks.For(c.PartnerTenantId)))
                .OrderBy(c => c.Schedule.CreatedAt)
                .Select(c => (c.Schedule.Id, c.PartnerTenantId))
                .ToList();
        }

        metrics.SchedulesDue(due.Count);

        var (run, failed) = (0, 0);
        foreach (var (id, partner) in due)
        {
            var outcome = await ClaimedAsync($"schedule:{id}", () => RunScheduleAsync(id, partner, clocks.For(partner), ct), ct);
            run += outcome == true ? 1 : 0;
            failed += outcome == false ? 1 : 0;
        }

        return (run, failed);
    }

    /// <summary>Runs one due schedule through the desk: true = migration started, false = schedule failed, null = nothing to do.</summary>
    private async Task<bool?> RunScheduleAsync(Guid scheduleId, Guid partnerTenantId, DateTimeOffset now, CancellationToken ct)
    {
        using var logScope = EngineLog.ScheduleScope(logger, scheduleId, partnerTenantId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<MigrationDesk>();
        var schedule = await db.Schedules.SingleAsync(s => s.Id == scheduleId, ct);
        if (!schedule.IsDue(now))
        {
            return null; // another instance ran it meanwhile
        }

        var picture = await desk.LoadAsync(partnerTenantId, schedule.CustomerId, ct);
        var activeAddOns = picture?.Context.ActiveAddOnsOf(schedule.SubscriptionId).Select(a => a.Id).ToHashSet() ?? [];
        var request = new MigrationRequest(schedule.SubscriptionId)
        {
            Target = schedule.Lines[0].Target,
            AddOnTargets = schedule.Lines.Skip(1).Where(l => activeAddOns.Contains(l.LegacySubscriptionId)).ToDictionary(l => l.LegacySubscriptionId, l => l.Target),
            OnRenewal = schedule.Timing.MigrateOnRenewal,
        };
        var origin = new MigrationOrigin(
            schedule.IsMicrosoftLed ? MicrosoftActor : SystemActor,
            schedule.ExternalReferenceId,
            IdempotencyKey: $"schedule:{schedule.Id}",
            IsMicrosoftLed: schedule.IsMicrosoftLed);
        var answer = await desk.CreateAsync(partnerTenantId, schedule.CustomerId, request, origin, m => schedule.MarkCompleted(m.Id, now), ct);
        if (answer.IsDone)
        {
            using var migrationScope = EngineLog.MigrationScope(logger, answer.Value!.Id);
            EngineLog.ScheduleRan(logger, scheduleId, answer.Value.Id);
            updates?.Publish(new MigrationUpdate(partnerTenantId, MigrationUpdateKind.ScheduleChanged, answer.Value.Id, answer.Value.ExternalReferenceId, answer.Value.Phase, scheduleId));
            updates?.Publish(new MigrationUpdate(partnerTenantId, MigrationUpdate.KindOf(answer.Value.Phase), answer.Value.Id, answer.Value.ExternalReferenceId, answer.Value.Phase));
            return true;
        }

        // Refused (or the customer is gone): the schedule fails, in a unit of work of its own.
        var (code, description) = answer.IsNotFound
            ? ("NotFound", "The customer or subscription no longer belongs to this partner.")
            : (answer.Errors.Count > 0 ? answer.Errors[0].Code : "Refused", string.Join(" ", answer.Errors.Select(e => e.Description)));
        await using var failScope = scopes.CreateAsyncScope();
        var failDb = failScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var failing = await failDb.Schedules.SingleAsync(s => s.Id == scheduleId, ct);
        if (failing.Status != ScheduleStatus.Created)
        {
            return null;
        }

        failing.MarkFailed(code, description, now);
        failDb.AuditLog.Add(new AuditEntry
        {
            PartnerTenantId = partnerTenantId,
            Actor = origin.Actor,
            Action = "Scheduled migration failed",
            Target = $"schedule {failing.Id}",
            Detail = $"{code}: {description}",
            At = now,
        });
        foreach (var handler in failScope.ServiceProvider.GetServices<IEngineEvents>())
        {
            handler.ScheduleFailed(failDb, failing, code, description);
        }

        await failDb.SaveChangesAsync(ct);
        EngineLog.ScheduleFailed(logger, scheduleId, code);
        updates?.Publish(new MigrationUpdate(partnerTenantId, MigrationUpdateKind.ScheduleChanged, ScheduleId: scheduleId));
        return false;
    }

    /// <summary>
    /// On a term's last day (or within the three days Microsoft takes, if the worker or a sandbox clock jumped past it),
    /// Microsoft schedules the qualifying base subscriptions whose term ends that day.
    /// </summary>
    private async Task<int> PlanMicrosoftLedAsync(PartnerNows clocks, CancellationToken ct)
    {
        List<(Guid Customer, Guid Partner, DateOnly Day)> work;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var windowStart = TermDates.StartInstant(TermDates.UtcDate(clocks.Earliest).AddDays(-MicrosoftLedMigration.ExecutionDays));
            var windowEnd = TermDates.EndInstant(TermDates.UtcDate(clocks.Latest));
            var ending = await (
                from s in db.LegacySubscriptions.AsNoTracking()
                join c in db.Customers on s.CustomerId equals c.TenantId
                where s.ParentSubscriptionId == null
                    && s.Status == Domain.Subscriptions.LegacySubscriptionStatus.Active
                    && s.InFlightMigrationId == null
                    && s.TermEnd >= windowStart && s.TermEnd <= windowEnd
                    && !db.Schedules.Any(x => x.SubscriptionId == s.Id && x.Status == ScheduleStatus.Created)
                select new { s.CustomerId, c.PartnerTenantId, s.TermEnd }).ToListAsync(ct);
            work = ending
                .Where(e =>
                {
                    var today = TermDates.UtcDate(clocks.For(e.PartnerTenantId));
                    var day = TermDates.UtcDate(e.TermEnd);
                    return day <= today && day >= today.AddDays(-MicrosoftLedMigration.ExecutionDays + 1);
                })
                .Select(e => (e.CustomerId, e.PartnerTenantId, TermDates.UtcDate(e.TermEnd)))
                .Distinct()
                .ToList();
        }

        var planned = 0;
        foreach (var (customer, partner, day) in work)
        {
            planned += await ClaimedAsync($"msled:{customer}:{day:yyyyMMdd}", () => PlanCustomerAsync(customer, partner, day, clocks.For(partner), ct), ct);
        }

        return planned;
    }

    private async Task<int> PlanCustomerAsync(Guid customerId, Guid partnerTenantId, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var desk = scope.ServiceProvider.GetRequiredService<MigrationDesk>();
        await using var transaction = await CustomerSerialisation.BeginAsync(db, customerId, ct);
        var picture = await desk.LoadAsync(partnerTenantId, customerId, ct);
        if (picture is null)
        {
            return 0;
        }

        var schedules = await db.Schedules.AsNoTracking().Where(s => s.CustomerId == customerId).ToListAsync(ct);
        var decisions = MicrosoftLedMigration.Plan(day, picture.Context, schedules).Where(d => d.WillMigrate).ToList();
        foreach (var decision in decisions)
        {
            var schedule = decision.CreateSchedule(Guid.CreateVersion7(now), now);
            db.Schedules.Add(schedule);
            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = MicrosoftActor,
                Action = "Microsoft-led schedule created",
                Target = $"schedule {schedule.Id}",
                Detail = $"{picture.Customer.Name}, {decision.Subscription.FriendlyName}: its term ends {day:yyyy-MM-dd}; it migrates on renewal ({schedule.DueAt:yyyy-MM-dd}).",
                At = now,
            });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var schedule in db.ChangeTracker.Entries<MigrationSchedule>().Select(e => e.Entity))
        {
            updates?.Publish(new MigrationUpdate(partnerTenantId, MigrationUpdateKind.ScheduleChanged, ScheduleId: schedule.Id));
        }

        return decisions.Count;
    }

    /// <summary>
    /// Advances every migration in flight whose next look is due. Customers are worked in parallel (at most
    /// <see cref="WorkerOptions.MaxParallelSteps"/> at once, each step in its own scope and unit of work), a customer's
    /// migrations one after another, so two steps never race for the same customer's rows (ADR-027).
    /// </summary>
    private async Task<(int Advanced, int Reverted)> AdvanceMigrationsAsync(PartnerNows clocks, CancellationToken ct)
    {
        List<IGrouping<Guid, (Guid Id, Guid Partner, Guid Customer)>> byCustomer;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var rows = await (
                from m in db.Migrations.AsNoTracking()
                join c in db.Customers on m.CustomerId equals c.TenantId
                where db.MigrationIdsInFlight.Contains(m.Id)
                orderby m.RequestedAt
                select new { m.Id, m.CustomerId, c.PartnerTenantId }).ToListAsync(ct);
            metrics.MigrationsInFlight(rows.Count);
            byCustomer = rows
                .Where(r => !_nextLook.TryGetValue(r.Id, out var next) || next <= clocks.For(r.PartnerTenantId))
                .Select(r => (r.Id, Partner: r.PartnerTenantId, Customer: r.CustomerId))
                .GroupBy(r => r.Customer)
                .ToList();
        }

        var (advanced, reverted) = (0, 0);
        await Parallel.ForEachAsync(byCustomer, new ParallelOptions { MaxDegreeOfParallelism = _parallelSteps, CancellationToken = ct }, async (customer, token) =>
        {
            foreach (var (id, partner, _) in customer)
            {
                var outcome = await ClaimedAsync($"migration:{id}", () => AdvanceMigrationAsync(id, partner, clocks.For(partner), token), token);
                if (outcome == StepOutcome.Advanced)
                {
                    Interlocked.Increment(ref advanced);
                }
                else if (outcome == StepOutcome.Reverted)
                {
                    Interlocked.Increment(ref reverted);
                }
            }
        });

        return (advanced, reverted);
    }

    private enum StepOutcome
    {
        Unchanged,
        Advanced,
        Reverted,
    }

    private async Task<StepOutcome> AdvanceMigrationAsync(Guid migrationId, Guid partnerTenantId, DateTimeOffset now, CancellationToken ct)
    {
        using var logScope = EngineLog.MigrationScope(logger, migrationId, partnerTenantId);
        var started = time.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var backend = scope.ServiceProvider.GetRequiredService<ICommerceBackend>();
        var migration = await db.MigrationsWithEvents.SingleAsync(m => m.Id == migrationId, ct);
        if (!migration.IsInFlight)
        {
            _nextLook.TryRemove(migrationId, out _);
            return StepOutcome.Unchanged;
        }

        var memberIds = migration.Members.Select(m => m.LegacySubscriptionId).ToList();
        var members = await db.LegacySubscriptions.Where(s => memberIds.Contains(s.Id)).ToListAsync(ct);
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.TenantId == partnerTenantId, ct);
        var work = new CommerceStep(db, partner, migration, members, now);
        var before = (migration.Phase, migration.Events.Count);
        var outcome = StepOutcome.Advanced;
        if (migration.MustRevert(now))
        {
            await backend.RevertAsync(work, ct);
            outcome = StepOutcome.Reverted;
            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = SystemActor,
                Action = "Migration reverted",
                Target = $"migration {migration.Id}",
                Detail = $"Not completed within 72 hours of its request ({migration.ResolutionDeadline:yyyy-MM-dd HH:mm} UTC): the legacy subscriptions are Active again and the suspended days are not billed.",
                At = now,
            });
            _nextLook.TryRemove(migrationId, out _);
        }
        else
        {
            var next = await backend.AdvanceAsync(work, ct);
            if (next is { } at)
            {
                _nextLook[migrationId] = at;
            }
            else
            {
                _nextLook.TryRemove(migrationId, out _);
            }
        }

        if (before == (migration.Phase, migration.Events.Count) && outcome != StepOutcome.Reverted)
        {
            return StepOutcome.Unchanged;
        }

        var handlers = scope.ServiceProvider.GetServices<IEngineEvents>().ToList();
        if (migration.Phase != before.Phase && migration.Phase == MigrationPhase.Completed)
        {
            handlers.ForEach(h => h.MigrationCompleted(db, migration));
        }
        else if (migration.Phase != before.Phase && migration.Phase is MigrationPhase.FailedLegacyActive or MigrationPhase.FailedLegacySuspended)
        {
            handlers.ForEach(h => h.MigrationFailed(db, migration));
        }

        await db.SaveChangesAsync(ct);
        updates?.Publish(new MigrationUpdate(partnerTenantId, MigrationUpdate.KindOf(migration.Phase), migration.Id, migration.ExternalReferenceId, migration.Phase,
            Version: (int)db.Entry(migration).Property(PortalDbContext.VersionProperty).CurrentValue!));
        metrics.StepTook(time.GetElapsedTime(started), migration.Phase.ToString());
        if (migration.Phase != before.Phase)
        {
            EngineLog.MigrationMoved(logger, migrationId, before.Phase, migration.Phase);
            if (migration.Phase == MigrationPhase.Completed)
            {
                metrics.MigrationCompleted();
            }
            else if (migration.Phase is MigrationPhase.FailedLegacyActive or MigrationPhase.FailedLegacySuspended)
            {
                metrics.MigrationFailed(migration.Phase.ToString());
            }
        }

        return outcome;
    }

    /// <summary>Records, once, that a migrated New Commerce subscription's 7-day cancellation window has closed.</summary>
    private async Task<int> CloseCancellationWindowsAsync(PartnerNows clocks, CancellationToken ct)
    {
        return await ClaimedAsync("cancellation-windows", async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var createdBefore = clocks.Latest - Domain.Subscriptions.NceSubscription.CancellationWindow;
            var candidates = await (
                from s in db.NceSubscriptions.AsNoTracking()
                join c in db.Customers on s.CustomerId equals c.TenantId
                where s.MigratedFromSubscriptionId != null
                    && s.CreatedAt <= createdBefore
                    && !db.ClosedCancellationWindows.Any(w => w.NceSubscriptionId == s.Id)
                select new { s.Id, s.FriendlyName, s.CreatedAt, c.PartnerTenantId, Customer = c.Name }).ToListAsync(ct);
            var closing = candidates.Where(c => c.CreatedAt + Domain.Subscriptions.NceSubscription.CancellationWindow <= clocks.For(c.PartnerTenantId)).ToList();
            foreach (var window in closing)
            {
                var closedAt = window.CreatedAt + Domain.Subscriptions.NceSubscription.CancellationWindow;
                db.ClosedCancellationWindows.Add(new ClosedCancellationWindow { NceSubscriptionId = window.Id, ClosedAt = closedAt });
                db.AuditLog.Add(new AuditEntry
                {
                    PartnerTenantId = window.PartnerTenantId,
                    Actor = SystemActor,
                    Action = "Cancellation window closed",
                    Target = $"New Commerce subscription {window.Id}",
                    Detail = $"{window.Customer}, {window.FriendlyName}: seats can no longer be reduced nor the subscription cancelled; the term is enforced.",
                    At = closedAt,
                });
            }

            await db.SaveChangesAsync(ct);
            return closing.Count;
        }, ct);
    }

    /// <summary>Does <paramref name="work"/> if this instance can claim <paramref name="key"/>; a failure is logged and the work left for a later pass.</summary>
    private async Task<T?> ClaimedAsync<T>(string key, Func<Task<T>> work, CancellationToken ct)
    {
        if (!await claims.TryClaimAsync(key, ct))
        {
            return default;
        }

        try
        {
            return await work();
        }
        catch (DbUpdateException e)
        {
            // Another instance changed the same rows first (its lease had expired under it, or ours did): its change stands.
            EngineLog.WorkConflict(logger, e, key);
            return default;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EngineLog.WorkFailed(logger, e, key);
            return default;
        }
        finally
        {
            await claims.ReleaseAsync(key, CancellationToken.None);
        }
    }

    private sealed record PartnerNows(DateTimeOffset Real, IReadOnlyDictionary<Guid, DateTimeOffset> Nows)
    {
        public DateTimeOffset For(Guid partnerTenantId) => Nows.GetValueOrDefault(partnerTenantId, Real);

        public DateTimeOffset Latest => Nows.Values.Append(Real).Max();

        public DateTimeOffset Earliest => Nows.Values.Append(Real).Min();
    }
}
