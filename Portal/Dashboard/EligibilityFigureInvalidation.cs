using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Query;
using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Persistence;

namespace Portal.Dashboard;

/// <summary>
/// What a save changes that eligibility reads, and so which stored figures it makes stale (ADR-022): a customer, its
/// legacy or New Commerce subscriptions, its migrations (seats in flight) and its schedules (the Microsoft-led verdicts
/// of ADR-030) make that customer's figure stale; the
/// catalog or a partner organization (active partner ids, profile, environment) make every figure stale. Every
/// write through <see cref="PortalDbContext.SaveChangesAsync(bool, CancellationToken)"/> passes here, whichever desk,
/// page, engine step or import makes it. A new customer gets its (stale) figure in the same save; the others are
/// marked after the save, inside the caller's transaction when there is one.
/// </summary>
internal sealed class EligibilityFigureInvalidation
{
    /// <summary>Customer ids per statement: well under either provider's parameter limit.</summary>
    private const int Chunk = 500;

    private readonly HashSet<Guid> _customers = [];
    private bool _everyone;

    private bool IsEmpty => !_everyone && _customers.Count == 0;

    /// <summary>Reads the pending changes; adds the figures of new customers to the save. Null when nothing to mark.</summary>
    public static EligibilityFigureInvalidation? Collect(DbContext db, IEnumerable<EntityEntry> entries)
    {
        var invalidation = new EligibilityFigureInvalidation();
        var added = new HashSet<Guid>();
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case Customer customer when entry.State == EntityState.Added:
                    added.Add(customer.TenantId);
                    break;
                case Customer customer:
                    invalidation._customers.Add(customer.TenantId);
                    break;
                case LegacySubscription subscription:
                    invalidation._customers.Add(subscription.CustomerId);
                    break;
                case NceSubscription subscription:
                    invalidation._customers.Add(subscription.CustomerId);
                    break;
                case Migration migration:
                    invalidation._customers.Add(migration.CustomerId);
                    break;
                case MigrationSchedule schedule:
                    // Microsoft-led verdicts read the waiting schedules (ADR-030).
                    invalidation._customers.Add(schedule.CustomerId);
                    break;
                case LegacyOffer or PartnerOrganization:
                    invalidation._everyone = true;
                    break;
            }
        }

        foreach (var entry in entries.Where(e => e.State == EntityState.Added && e.Entity is Customer))
        {
            var customer = (Customer)entry.Entity;
            db.Add(new CustomerEligibilityFigure { CustomerId = customer.TenantId, PartnerTenantId = customer.PartnerTenantId });
        }

        invalidation._customers.ExceptWith(added);
        return invalidation.IsEmpty ? null : invalidation;
    }

    public async Task ApplyAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (_everyone)
        {
            await db.EligibilityFigures.ExecuteUpdateAsync(MarkStale, cancellationToken);
            return;
        }

        foreach (var chunk in _customers.Chunk(Chunk))
        {
            await db.EligibilityFigures.Where(f => chunk.Contains(f.CustomerId)).ExecuteUpdateAsync(MarkStale, cancellationToken);
        }
    }

    public void Apply(PortalDbContext db)
    {
        if (_everyone)
        {
            db.EligibilityFigures.ExecuteUpdate(MarkStale);
            return;
        }

        foreach (var chunk in _customers.Chunk(Chunk))
        {
            db.EligibilityFigures.Where(f => chunk.Contains(f.CustomerId)).ExecuteUpdate(MarkStale);
        }
    }

    private static void MarkStale(UpdateSettersBuilder<CustomerEligibilityFigure> figure) =>
        figure.SetProperty(f => f.RecountDue, CustomerEligibilityFigure.Stale).SetProperty(f => f.Stamp, f => f.Stamp + 1);
}
