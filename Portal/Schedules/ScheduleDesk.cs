using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Engine;
using Portal.Migrations;
using Portal.Persistence;

namespace Portal.Schedules;

/// <summary>
/// Partner-made migration schedules (on a target date, or on renewal): create, update, cancel, read and list,
/// scoped to the signed-in partner like <see cref="MigrationDesk"/> (another partner's ids answer NotFound), each
/// change audited. A schedule is validated for the moment it runs; it freezes the targets it was made with.
/// </summary>
public sealed class ScheduleDesk(PortalDbContext db, MigrationDesk migrations, ILogger<ScheduleDesk> logger)
{
    public async Task<DeskAnswer<MigrationSchedule>> CreateAsync(
        Guid partnerTenantId,
        Guid customerId,
        MigrationRequest request,
        ScheduleTiming timing,
        string actor,
        string? externalReferenceId,
        CancellationToken ct)
    {
        if (externalReferenceId is { Length: > 100 })
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("InvalidExternalReferenceId", "An external reference id has at most 100 characters.", "ExternalReferenceId"));
        }

        try
        {
            await using var transaction = await CustomerSerialisation.BeginAsync(db, customerId, ct);
            var picture = await migrations.LoadAsync(partnerTenantId, customerId, tracked: false, ct);
            var subscription = picture?.Legacy(request.SubscriptionId);
            if (picture is null || subscription is null)
            {
                return DeskAnswer<MigrationSchedule>.NotFound();
            }

            var eligible = Judge(picture, request, timing, subscription.TermEnd);
            if (!eligible.IsDone)
            {
                return eligible.As<MigrationSchedule>();
            }

            var existing = await db.Schedules.Where(s => s.SubscriptionId == subscription.Id && s.Status == ScheduleStatus.Created).ToListAsync(ct);
            var result = ScheduleBook.SchedulePartnerMigration(
                existing,
                Guid.CreateVersion7(picture.Now),
                customerId,
                subscription.Id,
                subscription.TermEnd,
                timing,
                eligible.Value!.ToLines(),
                picture.Now,
                externalReferenceId);
            if (result.Outcome.Refusal is { } refusal)
            {
                return DeskAnswer<MigrationSchedule>.Refused(new DeskError(refusal.Code, refusal.Message, refusal.Code == "InvalidTargetDate" ? "TargetDate" : null));
            }

            var schedule = result.Schedule!;
            db.Schedules.Add(schedule);
            Audit(partnerTenantId, actor, "Schedule created", schedule, $"{picture.Customer.Name}, {subscription.FriendlyName}: {Describe(schedule)}", picture.Now);
            if (result.Superseded is { } superseded)
            {
                Audit(partnerTenantId, actor, "Microsoft-led schedule cancelled", superseded, "Replaced by the partner's schedule.", picture.Now);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return DeskAnswer<MigrationSchedule>.Done(schedule);
        }
        catch (DomainException e)
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("Refused", e.Message));
        }
        catch (DbUpdateException e)
        {
            EngineLog.ScheduleLostRace(logger, e, request.SubscriptionId);
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("AlreadyScheduled", "This subscription already has a migration scheduled. Update or cancel that schedule instead."));
        }
    }

    /// <summary>Replaces a waiting schedule's timing and targets (before it is due); the subscription cannot change.</summary>
    public async Task<DeskAnswer<MigrationSchedule>> UpdateAsync(
        Guid partnerTenantId,
        Guid scheduleId,
        MigrationRequest request,
        ScheduleTiming timing,
        string actor,
        string? externalReferenceId,
        CancellationToken ct)
    {
        var customerId = await CustomerOfAsync(partnerTenantId, scheduleId, ct);
        if (customerId is null)
        {
            return DeskAnswer<MigrationSchedule>.NotFound();
        }

        try
        {
            await using var transaction = await CustomerSerialisation.BeginAsync(db, customerId.Value, ct);
            var schedule = await db.Schedules.SingleAsync(s => s.Id == scheduleId, ct);
            if (request.SubscriptionId != schedule.SubscriptionId)
            {
                return DeskAnswer<MigrationSchedule>.Refused(new DeskError("SubscriptionCannotChange", "A schedule's subscription cannot change; cancel it and schedule the other subscription.", "SubscriptionId"));
            }

            if (schedule.IsMicrosoftLed)
            {
                return DeskAnswer<MigrationSchedule>.Refused(new DeskError("MicrosoftLed", "Microsoft-led schedules cannot be changed; schedule the subscription yourself to replace it."));
            }

            var picture = (await migrations.LoadAsync(partnerTenantId, customerId.Value, tracked: false, ct))!;
            var eligible = Judge(picture, request, timing, schedule.SubscriptionTermEnd);
            if (!eligible.IsDone)
            {
                return eligible.As<MigrationSchedule>();
            }

            schedule.Update(timing, eligible.Value!.ToLines(), picture.Now, externalReferenceId);
            Audit(partnerTenantId, actor, "Schedule updated", schedule, Describe(schedule), picture.Now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return DeskAnswer<MigrationSchedule>.Done(schedule);
        }
        catch (DomainException e)
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("Refused", e.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("ChangedMeanwhile", "The schedule changed (or ran) while you were updating it; look at it again."));
        }
    }

    public async Task<DeskAnswer<MigrationSchedule>> CancelAsync(Guid partnerTenantId, Guid scheduleId, string actor, CancellationToken ct)
    {
        var customerId = await CustomerOfAsync(partnerTenantId, scheduleId, ct);
        if (customerId is null)
        {
            return DeskAnswer<MigrationSchedule>.NotFound();
        }

        try
        {
            var schedule = await db.Schedules.SingleAsync(s => s.Id == scheduleId, ct);
            var now = (await migrations.LoadAsync(partnerTenantId, customerId.Value, tracked: false, ct))!.Now;
            schedule.Cancel(now);
            Audit(partnerTenantId, actor, "Schedule cancelled", schedule, Describe(schedule), now);
            await db.SaveChangesAsync(ct);
            return DeskAnswer<MigrationSchedule>.Done(schedule);
        }
        catch (DomainException e)
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("Refused", e.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            return DeskAnswer<MigrationSchedule>.Refused(new DeskError("ChangedMeanwhile", "The schedule changed (or ran) while you were cancelling it; look at it again."));
        }
    }

    public async Task<DeskAnswer<ScheduleListItem>> GetAsync(Guid partnerTenantId, Guid scheduleId, CancellationToken ct)
    {
        var row = await Listing(partnerTenantId).SingleOrDefaultAsync(i => i.Schedule.Id == scheduleId, ct);
        return row is null ? DeskAnswer<ScheduleListItem>.NotFound() : DeskAnswer<ScheduleListItem>.Done(row.ToItem());
    }

    /// <summary>One page of the partner's schedules, filtered and sorted in the database.</summary>
    public async Task<PagedList<ScheduleListItem>> ListAsync(Guid partnerTenantId, ScheduleFilter filter, Paging paging, CancellationToken ct)
    {
        var query = Listing(partnerTenantId);
        if (filter.CustomerId is { } customerId)
        {
            query = query.Where(i => i.Schedule.CustomerId == customerId);
        }

        if (filter.SubscriptionId is { } subscriptionId)
        {
            query = query.Where(i => i.Schedule.SubscriptionId == subscriptionId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Schedule.Status == status);
        }

        if (filter.MicrosoftLed is { } microsoftLed)
        {
            query = query.Where(i => i.Schedule.IsMicrosoftLed == microsoftLed);
        }

        query = filter.Sort switch
        {
            ScheduleSort.OldestFirst => query.OrderBy(i => i.Schedule.CreatedAt).ThenBy(i => i.Schedule.Id),
            ScheduleSort.Customer => query.OrderBy(i => i.CustomerName).ThenByDescending(i => i.Schedule.CreatedAt).ThenBy(i => i.Schedule.Id),
            _ => query.OrderByDescending(i => i.Schedule.CreatedAt).ThenBy(i => i.Schedule.Id),
        };
        var total = await query.CountAsync(ct);
        var rows = await query.Skip(paging.Skip).Take(paging.SafePageSize).ToListAsync(ct);
        return new PagedList<ScheduleListItem>(rows.Select(r => r.ToItem()).ToList(), total, paging.SafePage, paging.SafePageSize);
    }

    private IQueryable<ListingRow> Listing(Guid partnerTenantId) =>
        from schedule in db.Schedules.AsNoTracking()
        join customer in db.Customers on schedule.CustomerId equals customer.TenantId
        join subscription in db.LegacySubscriptions on schedule.SubscriptionId equals subscription.Id
        where customer.PartnerTenantId == partnerTenantId
        select new ListingRow { Schedule = schedule, CustomerName = customer.Name, SubscriptionName = subscription.FriendlyName };

    private Task<Guid?> CustomerOfAsync(Guid partnerTenantId, Guid scheduleId, CancellationToken ct) =>
        (from schedule in db.Schedules
         join customer in db.Customers on schedule.CustomerId equals customer.TenantId
         where schedule.Id == scheduleId && customer.PartnerTenantId == partnerTenantId
         select (Guid?)customer.TenantId).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The bundle's verdict for the moment the schedule runs (its target date at 00:00 UTC, or its renewal). The target
    /// date's own bounds come first, so a date past the term is refused naming the field, not as an eligibility reason
    /// of the migration on that date.
    /// </summary>
    private static DeskAnswer<BundleEligibility> Judge(CustomerPicture picture, MigrationRequest request, ScheduleTiming timing, DateTimeOffset termEnd)
    {
        if (timing.TargetDate is { } target && !ScheduleBook.TargetDateAllowed(target, termEnd, picture.Now))
        {
            return DeskAnswer<BundleEligibility>.Refused(new DeskError(
                "InvalidTargetDate",
                ScheduleBook.TargetDateRange(termEnd, picture.Now),
                "TargetDate"));
        }

        var atRun = timing.TargetDate is { } date
            ? request with { At = Domain.Terms.TermDates.StartInstant(date), OnRenewal = false }
            : request with { At = null, OnRenewal = true };
        BundleEligibility eligibility;
        try
        {
            eligibility = EligibilityEvaluator.Evaluate(atRun, picture.Context);
        }
        catch (DomainException e)
        {
            return DeskAnswer<BundleEligibility>.Refused(new DeskError("InvalidRequest", e.Message, nameof(MigrationRequest.AddOnTargets)));
        }

        return eligibility.IsEligible ? DeskAnswer<BundleEligibility>.Done(eligibility) : DeskAnswer<BundleEligibility>.Refused(eligibility);
    }

    private static string Describe(MigrationSchedule schedule) =>
        (schedule.Timing.TargetDate is { } date ? $"on {date:yyyy-MM-dd}" : $"on renewal ({schedule.DueAt:yyyy-MM-dd})")
        + ": " + string.Join(", ", schedule.Lines.Select(l => $"{l.CatalogItemId} {l.Target.TermBilling} x{l.Target.Quantity}"));

    private void Audit(Guid partnerTenantId, string actor, string action, MigrationSchedule schedule, string detail, DateTimeOffset at) =>
        db.AuditLog.Add(new AuditEntry
        {
            PartnerTenantId = partnerTenantId,
            Actor = actor,
            Action = action,
            Target = $"schedule {schedule.Id}",
            Detail = detail,
            At = at,
        });

    /// <summary>A member-initialised row, so EF Core can still filter and sort on it after the projection.</summary>
    private sealed class ListingRow
    {
        public required MigrationSchedule Schedule { get; init; }

        public required string CustomerName { get; init; }

        public required string SubscriptionName { get; init; }

        public ScheduleListItem ToItem() => new(Schedule, CustomerName, SubscriptionName);
    }
}
