using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Csv;

/// <summary>Data the CSV tests upload against: a partner with one customer and one eligible legacy subscription.</summary>
public static class CsvTestData
{
    public const string BamHeader = "CustomerTenantId,LegacySubscriptionId,StartNewTermInNce,Term,BillingPlan,SeatCount,CustomTermEndDate,AddOn,BaseSubscriptionId\r\n";

    public static async Task<(TestPartner Partner, LegacySubscription Subscription)> PartnerWithSubscriptionAsync(PortalFactory factory)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var end = TermDates.EndInstant(TermDates.UtcDate(now).AddMonths(5));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var mpnId = await db.Partners.Where(p => p.TenantId == partner.TenantId).Select(p => p.MpnId).SingleAsync();
        var subscription = LegacySubscription.Create(
            Guid.NewGuid(), partner.Customers[0].TenantId, DemoCatalog.BusinessStandard.Id, "Business Standard", 10, TermDuration.P1Y, BillingCycle.Annual,
            end.AddYears(-1).AddSeconds(1), end, now.AddYears(-2), mpnId);
        db.LegacySubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return (partner, subscription);
    }
}
