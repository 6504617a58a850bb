using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Publishing;

/// <summary>A test partner's publisher: its Global admin is the old portal's admin (the account owner), its Admin and Sales agents co-admins.</summary>
public static class TestPublishers
{
    public static string PublisherIdOf(TestPartner partner) => "pub-" + partner.Name["Partner ".Length..];

    public static string PublisherNameOf(TestPartner partner) => "Publisher " + partner.Name["Partner ".Length..];

    /// <summary>Adds a publisher with one Virtual Machine offer in each state, a listed Solution Template and Test Drive, and <paramref name="extra"/>.</summary>
    public static async Task<string> AddPublisherAsync(IServiceProvider services, TestPartner partner, params Offer[] extra)
    {
        var publisher = Publisher.Create(
            PublisherIdOf(partner),
            PublisherNameOf(partner),
            partner.Email(PortalRoles.GlobalAdmin),
            [partner.Email(PortalRoles.AdminAgent), partner.Email(PortalRoles.SalesAgent)],
            [
                Offer.Existing("vm-draft", "VM Draft", OfferType.VirtualMachine, OfferState.Draft, OfferPrice.Usd(0.1m)),
                Offer.Existing("vm-staged", "VM Staged", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(0.2m)),
                Offer.Existing("vm-listed", "VM Listed", OfferType.VirtualMachine, OfferState.Listed, OfferPrice.Usd(0.3m)),
                Offer.Existing("template-listed", "Template Listed", OfferType.SolutionTemplate, OfferState.Listed, OfferPrice.Usd(10m)),
                Offer.Existing("testdrive-listed", "Test Drive Listed", OfferType.TestDrive, OfferState.Listed, OfferPrice.Usd(0m)),
                .. extra,
            ]);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AddPublisher(publisher, partner.TenantId);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return publisher.PublisherId;
    }

    /// <summary>The publisher as stored now, read in a fresh scope.</summary>
    public static async Task<Publisher> StoredPublisherAsync(IServiceProvider services, string publisherId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.WholePublishers().AsNoTracking().SingleAsync(p => p.PublisherId == publisherId, TestContext.Current.CancellationToken);
    }

    public static async Task<int> AuditEntriesAboutAsync(IServiceProvider services, string publisherId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditLog.CountAsync(a => a.Target == "publisher " + publisherId, TestContext.Current.CancellationToken);
    }
}
