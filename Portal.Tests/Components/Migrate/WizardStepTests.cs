using Bunit;
using Portal.Migrations.Wizard;
using Portal.Tests.Web;

namespace Portal.Tests.Components.Migrate;

/// <summary>The wizard's first two steps: what migrates, and each member's eligibility with its reasons and guidance.</summary>
public class WizardStepTests(PortalFactory factory) : WizardPageTest(factory)
{
    [Fact]
    public async Task An_eligible_bundle_shows_its_members_and_every_step_change_saves_the_draft()
    {
        var page = await OpenAsync();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".bundle-members li").Count));
        Assert.Contains("Migrate Office 365 E3", page.Find("h1").TextContent, StringComparison.Ordinal);
        await ContinueAsync(page, "bundle-continue", "eligibility");
        var (_, content) = await StoredAsync();
        Assert.Equal((BundleScope.Bundle, Data.E3), (content.Scope!.Value, content.RequestedSubscriptionId!.Value));

        Assert.Equal(3, page.FindAll("#member-verdicts tbody tr").Count);
        Assert.All(page.FindAll("#member-verdicts .verdict"), v => Assert.Equal("Yes", v.TextContent.Trim()));
        File.WriteAllText("/tmp/wiz-markup.html", page.Markup);
    }
}
