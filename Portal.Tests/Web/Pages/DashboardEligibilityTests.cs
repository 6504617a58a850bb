using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Demo;
using Portal.Persistence;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Web.Pages;

/// <summary>The dashboard's eligibility chart: each active base subscription judged by the rules, with its add-ons, for the signed-in partner only.</summary>
public class DashboardEligibilityTests(PortalFactory factory)
{
    private async Task<string> ChartSummaryAsync(WizardCustomer data)
    {
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.SalesAgent));
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        return home.GetElementById("eligibility-chart-title")!.TextContent;
    }

    [Fact]
    public async Task An_eligible_base_with_its_add_ons_counts_once_and_a_trial_counts_as_not_eligible()
    {
        var data = await WizardData.CreateAsync(factory);

        var summary = await ChartSummaryAsync(data);

        Assert.EndsWith(": Eligible 1, Not eligible 1", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_subscriptions_are_not_counted()
    {
        var mine = await WizardData.CreateAsync(factory);
        await WizardData.CreateAsync(factory);

        Assert.EndsWith(": Eligible 1, Not eligible 1", await ChartSummaryAsync(mine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_with_an_add_on_that_cannot_migrate_is_not_eligible()
    {
        var data = await WizardData.CreateAsync(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.LegacySubscriptions.Add(WizardData.Legacy(data.CustomerId, DemoCatalog.AzureInformationProtectionP1, 40, data.E3));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.EndsWith(": Eligible 0, Not eligible 2", await ChartSummaryAsync(data), StringComparison.Ordinal);
    }
}
