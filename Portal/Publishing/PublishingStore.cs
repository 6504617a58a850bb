using Microsoft.EntityFrameworkCore;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Persistence.Configurations;

namespace Portal.Publishing;

/// <summary>
/// How publishers are stored and found: each belongs to one partner organization (a shadow key, ADR-010), and is
/// always loaded whole, with its offers, its migration and the migration's notifications.
/// </summary>
public static class PublishingStore
{
    /// <summary>Adds a new publisher (with its migration, if any) to <paramref name="partnerTenantId"/>'s publishers.</summary>
    public static void AddPublisher(this PortalDbContext db, Publisher publisher, Guid partnerTenantId)
    {
        db.Publishers.Add(publisher);
        db.Entry(publisher).Property(PublisherConfiguration.PartnerTenantIdProperty).CurrentValue = partnerTenantId;
    }

    /// <summary>Every publisher of every partner, whole; only for work that is not done for a signed-in partner (the runner).</summary>
    public static IQueryable<Publisher> WholePublishers(this PortalDbContext db) =>
        db.Publishers.Include(p => p.Migration);

    /// <summary>The publishers of one partner, whole. Another partner's publisher is simply not there.</summary>
    public static IQueryable<Publisher> PublishersOf(this PortalDbContext db, Guid partnerTenantId) =>
        db.WholePublishers().Where(p => EF.Property<Guid>(p, PublisherConfiguration.PartnerTenantIdProperty) == partnerTenantId);

    /// <summary>The partner organization a loaded publisher belongs to.</summary>
    public static Guid PartnerOf(this PortalDbContext db, Publisher publisher) =>
        db.Entry(publisher).Property<Guid>(PublisherConfiguration.PartnerTenantIdProperty).CurrentValue;
}
