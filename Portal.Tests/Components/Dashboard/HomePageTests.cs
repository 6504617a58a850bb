using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages;
using Portal.Dashboard;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Dashboard;

/// <summary>The home page: the landing cards for everyone, and the signed-in partner's dashboard with each chart's numbers as text.</summary>
public class HomePageTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<Home> RenderDashboard(Guid partnerTenantId, string role = PortalRoles.SalesAgent)
    {
        UseApp(factory.Services);
        SignInAs(partnerTenantId, role);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true)); // the dashboard follows the engine in a circuit
        var home = Render<Home>();
        home.WaitForElement("#dashboard", TimeSpan.FromSeconds(10));
        return home;
    }

    /// <summary>The text alternative of a chart: each row's label with its numbers.</summary>
    private static Dictionary<string, string[]> Numbers(IRenderedComponent<Home> home, string chart) =>
        home.FindAll($"#{chart}-data tbody tr").ToDictionary(
            row => row.QuerySelector("th")!.TextContent,
            row => row.QuerySelectorAll("td").Select(td => td.TextContent).ToArray());

    private static string[] Columns(IRenderedComponent<Home> home, string chart) =>
        [.. home.FindAll($"#{chart}-data thead th").Select(th => th.TextContent)];

    [Fact]
    public void Signed_out_visitors_see_the_landing_cards_and_no_dashboard()
    {
        var home = Render<Home>();

        Assert.Equal("Partner Migration Portal", home.Find("h1").TextContent);
        Assert.Equal(["Check eligibility", "Migrate or schedule", "Beat the Microsoft-led default"], home.FindAll("#landing h2").Select(h => h.TextContent));
        Assert.Equal("rules", home.Find("#landing a").GetAttribute("href"));
        Assert.Empty(home.FindAll("#dashboard"));
        Assert.DoesNotContain("class=\"card", home.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_without_subscriptions_sees_every_chart_say_there_is_nothing_yet()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);

        var home = RenderDashboard(partner.TenantId);

        foreach (var chart in new[] { "eligibility-chart", "legacy-chart", "migration-chart", "renewals-chart" })
        {
            Assert.Equal("Nothing to show yet.", home.Find($"#{chart}-empty").TextContent);
            Assert.Empty(home.FindAll($"#{chart} svg"));
        }

        Assert.Equal("Active legacy subscriptions (bases, with their add-ons) by eligibility to migrate now: Eligible 0, Not eligible 0", home.Find("#eligibility-chart-title").TextContent);
        Assert.Empty(Numbers(home, "legacy-chart"));
        Assert.Equal(DashboardTrends.MigrationWeekCount, Numbers(home, "migration-chart").Count);
        Assert.All(Numbers(home, "renewals-chart").Values, counts => Assert.Equal(["0"], counts));
        Assert.Equal("None.", home.Find("#no-monthly-risk").TextContent);
        Assert.NotNull(home.Find("#no-renewals"));
    }

    [Fact]
    public async Task The_dashboard_counts_again_when_the_engine_reports_a_migration_of_the_partner()
    {
        var data = await WizardData.CreateAsync(factory);
        var home = RenderDashboard(data.Partner.TenantId);
        Assert.All(Numbers(home, "migration-chart").Values, counts => Assert.Equal("0", counts[2]));

        // The engine stored a failure and told the partner's open pages (ADR-026): the chart follows without a reload.
        var failed = await factory.AddFailedMigrationAsync(data.CustomerId, MigrationPhase.FailedLegacyActive);
        factory.Services.GetRequiredService<Portal.Migrations.Live.MigrationUpdates>().Publish(new Portal.Migrations.Live.MigrationUpdate(
            data.Partner.TenantId, Portal.Migrations.Live.MigrationUpdateKind.MigrationFailed, failed.MigrationId, Phase: MigrationPhase.FailedLegacyActive));

        home.WaitForAssertion(() => Assert.Equal("1", Numbers(home, "migration-chart").Values.Last()[2]), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_partners_figures_are_drawn_and_read_the_same_in_the_text_alternatives()
    {
        var data = await WizardData.CreateAsync(factory);
        await factory.AddFailedMigrationAsync(data.CustomerId, MigrationPhase.FailedLegacyActive);
        var monthly = await AddMonthlyRenewingInAsync(data.CustomerId, days: 20);
        var today = TermDates.UtcDate(DateTimeOffset.UtcNow);

        var home = RenderDashboard(data.Partner.TenantId);

        // Four active bases (E3, the trial, the failed migration's subscription, the monthly one), each judged once with its add-ons.
        Assert.Equal(4, Numbers(home, "eligibility-chart").Values.Sum(counts => int.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["6"], Numbers(home, "legacy-chart")["Active"]); // the bases and the E3's two add-ons
        Assert.Equal(["Week from", "Processing", "Completed", "Failed"], Columns(home, "migration-chart"));
        Assert.Equal(["0", "0", "1"], Numbers(home, "migration-chart")[DashboardTrends.Label(today)]);
        Assert.Equal(["1"], Numbers(home, "renewals-chart")[DashboardTrends.Label(today.AddDays(14))]);
        Assert.Equal(1, Numbers(home, "renewals-chart").Values.Sum(counts => int.Parse(counts[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.EndsWith(": Processing 0, Completed 0, Failed 1", home.Find("#migration-chart-title").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 failed or reverted", home.Find("#migration-chart").TextContent, StringComparison.Ordinal);
        foreach (var chart in new[] { "eligibility-chart", "legacy-chart", "migration-chart", "renewals-chart" })
        {
            Assert.NotNull(home.Find($"#{chart} .chart-picture[aria-hidden=true] svg"));
        }

        var risk = home.Find("#monthly-risk li");
        Assert.StartsWith($"Customer 1 of", risk.TextContent, StringComparison.Ordinal);
        Assert.Equal($"customers/{data.CustomerId}/subscriptions/{monthly.Id}", risk.QuerySelector("a")!.GetAttribute("href"));
        var renewal = Assert.Single(home.FindAll("#renewals tbody tr"));
        Assert.Equal("Microsoft may migrate it, if eligible", renewal.QuerySelectorAll("td")[4].TextContent);
    }

    [Theory]
    [InlineData(PortalRoles.AdminAgent, true)]
    [InlineData(PortalRoles.HelpdeskAgent, false)]
    public async Task The_links_to_failed_and_in_flight_migrations_follow_the_audit_permission(string role, bool shown)
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);

        var home = RenderDashboard(partner.TenantId, role);

        Assert.Equal(shown, home.FindAll("#migration-links a[href='history?status=Failed']").Count == 1);
    }

    private async Task<LegacySubscription> AddMonthlyRenewingInAsync(Guid customerId, int days)
    {
        var end = TermDates.EndInstant(TermDates.UtcDate(DateTimeOffset.UtcNow).AddDays(days));
        var offer = DemoCatalog.BusinessBasic;
        var subscription = LegacySubscription.Create(
            Guid.NewGuid(), customerId, offer.Id, "Monthly Business Basic", 5, TermDuration.P1M, BillingCycle.Monthly, end.AddMonths(-1).AddSeconds(1), end, DateTimeOffset.UtcNow.AddDays(-400), "");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.Add(subscription);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return subscription;
    }
}
