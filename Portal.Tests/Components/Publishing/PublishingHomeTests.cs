using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Publishing;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;

namespace Portal.Tests.Components.Publishing;

/// <summary>The list of the partner's publishers: none, one, and many pages, read a page at a time with the page in the URL.</summary>
public class PublishingHomeTests(PortalFactory factory) : PublishingPageContext(factory)
{
    private IRenderedComponent<PublishingHome> RenderPage(string uri = "publishing")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        var cut = Render<PublishingHome>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#publishers tbody tr").Count > 0));
        return cut;
    }

    [Fact]
    public async Task A_partner_without_publishers_is_told_so()
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        UseApp(App);
        SignInAs(partner, PortalRoles.HelpdeskAgent);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#no-publishers")));
    }

    [Fact]
    public async Task One_publisher_shows_its_status_and_links_to_its_page_and_no_other_partners_publisher_appears()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.SalesAgent, submitted: true);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        await TestPublishers.AddPublisherAsync(App, other);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#publishers td[data-publisher]")));
        var row = cut.Find($"#publishers td[data-publisher='{publisherId}']").ParentElement!;
        Assert.Contains("Submitted", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(partner.Email(PortalRoles.GlobalAdmin), row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"publishing/{publisherId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(TestPublishers.PublisherNameOf(other), cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_publishers_are_read_a_page_at_a_time_and_the_page_is_kept_in_the_URL()
    {
        var (partner, _) = await PartnerAsync(PortalRoles.HelpdeskAgent);
        await using (var scope = App.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            for (var i = 1; i <= 29; i++)
            {
                db.AddPublisher(Publisher.Create($"{TestPublishers.PublisherIdOf(partner)}-{i:D2}", $"Z publisher {i:D2}", partner.Email(PortalRoles.GlobalAdmin), [], []), partner.TenantId);
            }

            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var first = RenderPage();
        first.WaitForAssertion(() => Assert.Equal(25, first.FindAll("#publishers td[data-publisher]").Count));
        Assert.Equal(TestPublishers.PublisherIdOf(partner), first.FindAll("#publishers td[data-publisher]")[0].GetAttribute("data-publisher"));

        var second = RenderPage("publishing?page=2");
        second.WaitForAssertion(() => Assert.Equal(5, second.FindAll("#publishers td[data-publisher]").Count));
        Assert.Contains("Z publisher 29", second.Markup, StringComparison.Ordinal);
        Assert.Contains("page=2", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
