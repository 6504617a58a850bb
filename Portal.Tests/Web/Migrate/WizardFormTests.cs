using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;
using static Portal.Tests.Web.Migrate.WizardData;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// The migration wizard's addresses over plain HTTP (the prerendered page): opening it continues one draft, a role
/// without the migrate policy cannot open it, and another partner's customer or draft answers 404. What the steps do
/// is tested on the interactive page in bUnit (<c>Portal.Tests/Components/Migrate</c>) and in the browser.
/// </summary>
public class WizardFormTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_the_wizard_twice_continues_one_draft_at_its_first_open_step()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        var first = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var second = (await client.GetAsync(StartUrl(data), Ct)).Location();

        Assert.EndsWith("/bundle", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_helpdesk_agent_cannot_open_the_wizard()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var response = await client.GetAsync(StartUrl(data), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/bundle", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_customer_subscription_or_draft_answers_not_found()
    {
        var data = await CreateAsync(factory);
        var other = await factory.CreatePartnerAsync(customers: 1);
        using var owner = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var stranger = await factory.SignedInAsync(other.Email(PortalRoles.AdminAgent));
        var draftUrl = (await owner.GetAsync(StartUrl(data), Ct)).Location();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(StartUrl(data), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/customers/{other.Customers[0].TenantId}/migrate?subscription={data.E3}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(draftUrl, Ct)).StatusCode);

        // Another user of the same partner does not see the draft either: it is the owner's.
        using var colleague = await factory.SignedInAsync(data.Partner.Email(PortalRoles.GlobalAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(draftUrl, Ct)).StatusCode);
    }

    private static string StartUrl(WizardCustomer data) => $"/customers/{data.CustomerId}/migrate?subscription={data.E3}";
}
