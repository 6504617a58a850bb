using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Demo;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;

namespace Portal.Tests.Demo;

public sealed class DemoDataSeederTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    [Fact]
    public void Seeds_a_production_and_a_sandbox_partner_with_their_documented_ids()
    {
        Assert.True(demo.Seeded);
        var contoso = Assert.Single(demo.Partners, p => p.TenantId == DemoIds.ContosoTenantId);
        Assert.Equal(("Contoso Cloud Partners", DemoIds.ContosoMpnId, PartnerEnvironment.Production), (contoso.Name, contoso.MpnId, contoso.Environment));
        var northwind = Assert.Single(demo.Partners, p => p.TenantId == DemoIds.NorthwindTenantId);
        Assert.Equal(("Northwind Sandbox", DemoIds.NorthwindMpnId, PartnerEnvironment.Sandbox), (northwind.Name, northwind.MpnId, northwind.Environment));
        Assert.Equal(2, demo.Partners.Count);
    }

    [Fact]
    public void Seeds_about_forty_customers_across_segments_over_both_partners()
    {
        Assert.InRange(demo.Customers.Count, 38, 45);
        Assert.InRange(demo.Customers.Count(c => c.PartnerTenantId == DemoIds.ContosoTenantId), 20, 35);
        Assert.InRange(demo.Customers.Count(c => c.PartnerTenantId == DemoIds.NorthwindTenantId), 8, 20);
        Assert.True(demo.Customers.Count(c => c.Segment == CustomerSegment.Commercial) > demo.Customers.Count / 2);
        Assert.All(Enum.GetValues<CustomerSegment>(), segment => Assert.Contains(demo.Customers, c => c.Segment == segment));
        Assert.Single(demo.Customers, c => !c.RelationshipActive);
        Assert.Equal(demo.Customers.Count, demo.Customers.Select(c => c.Domain).Distinct().Count());
        Assert.All(demo.Customers, c => Assert.EndsWith(".onmicrosoft.com", c.Domain, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gives_each_partner_one_user_per_role_found_by_email_with_the_documented_password()
    {
        await using var scope = demo.Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        foreach (var partner in new[] { DemoIds.ContosoTenantId, DemoIds.NorthwindTenantId })
        {
            Assert.Equal(PortalRoles.All.Order(), DemoAccounts.All.Where(a => a.PartnerTenantId == partner).Select(a => a.Role).Order());
        }

        foreach (var account in DemoAccounts.All)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.Equal(account.PartnerTenantId, user.PartnerTenantId);
            Assert.Equal([account.Role], await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, DemoAccounts.Password), account.Email);
            Assert.True(user.LockoutEnabled);
        }

        Assert.Equal(10, (await demo.Database.CountAsync()).Users);
    }

    [Fact]
    public async Task Seeding_again_or_after_a_restart_seeds_nothing_and_keeps_every_count()
    {
        var before = await demo.Database.CountAsync();

        Assert.False(await demo.Database.Seeder.SeedAsync(CancellationToken.None));
        await using (var restarted = new DemoDatabase(SeededDemo.Now.AddDays(3), file: demo.Database.File))
        {
            await restarted.Seeder.StartAsync(CancellationToken.None);
        }

        Assert.Equal(before, await demo.Database.CountAsync());
        Assert.Equal(2, before.Partners);
        Assert.Equal(PortalRoles.All.Count, before.Roles);
    }

    [Fact]
    public async Task Seeds_nothing_when_turned_off_in_configuration()
    {
        await using var database = new DemoDatabase(SeededDemo.Now, new Dictionary<string, string?> { ["Demo:Enabled"] = "false" });
        await database.MigrateAsync();

        await database.Seeder.StartAsync(CancellationToken.None);

        var counts = await database.CountAsync();
        Assert.Equal((0, 0, 0, 0), (counts.Partners, counts.Customers, counts.LegacySubscriptions, counts.Users));
    }

    [Fact]
    public async Task Does_not_seed_before_the_schema_exists()
    {
        await using var database = new DemoDatabase(SeededDemo.Now);

        Assert.False(await database.Seeder.SeedAsync(CancellationToken.None));
    }

    [Fact]
    public void Includes_monthly_terms_and_renewals_spread_over_the_next_ninety_days()
    {
        var today = TermDates.UtcDate(SeededDemo.Now);
        var active = demo.Legacy.Where(s => s.Status == LegacySubscriptionStatus.Active).ToList();
        var daysToRenewal = active.Select(s => TermDates.UtcDate(s.TermEnd).DayNumber - today.DayNumber).ToList();

        Assert.Contains(0, daysToRenewal);
        Assert.Contains(1, daysToRenewal);
        Assert.True(daysToRenewal.Where(d => d is >= 0 and <= 90).Distinct().Count() >= 25, "renewals spread over the next 90 days");
        Assert.Contains(daysToRenewal, d => d > 90);
        Assert.True(active.Count(s => s.Term == TermDuration.P1M) >= 5, "monthly-term subscriptions");
        Assert.Contains(active, s => s.Term == TermDuration.P1Y && s.Billing == BillingCycle.Monthly);
        Assert.Contains(active, s => !s.AutoRenewEnabled);
    }
}
