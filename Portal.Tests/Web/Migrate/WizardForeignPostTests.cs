using System.Net;
using Portal.Accounts;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Pages;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Web.Migrate;

/// <summary>A wizard step posted at another partner's draft answers 404, exactly like a missing draft, and changes nothing.</summary>
public class WizardForeignPostTests(PortalFactory factory)
{
    [Fact]
    public async Task A_step_posted_at_another_partners_draft_answers_404_and_the_draft_is_unchanged()
    {
        var data = await WizardData.CreateAsync(factory);
        var other = await factory.CreatePartnerAsync(customers: 1);
        using var owner = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var stranger = await factory.SignedInAsync(other.Email(PortalRoles.AdminAgent));
        var start = $"/customers/{data.CustomerId}/migrate?subscription={data.E3}";
        var draftUrl = (await owner.GetAsync(new Uri(start, UriKind.Relative), TestContext.Current.CancellationToken)).Location();
        var (action, values) = await owner.ReadFormAsync(draftUrl, "#bundle-form");
        var fields = new Dictionary<string, string> { ["scope"] = "Bundle" };
        foreach (var (name, value) in values.Where(v => v.Key is not ("__RequestVerificationToken" or "_handler")))
        {
            fields[name] = value;
        }

        var foreign = await stranger.PostAsAsync(action, values["_handler"], fields);
        var missing = await stranger.PostAsAsync(action.Replace(draftUrl.Split('/')[^2], Guid.NewGuid().ToString(), StringComparison.Ordinal), values["_handler"], fields);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
        // The not-found page (or the draft-gone explanation, ADR-017): the same words for both.
        var heading = await foreign.HeadingAsync();
        Assert.NotEmpty(heading);
        Assert.Equal(heading, await missing.HeadingAsync());
        // The owner's draft did not move past its first step.
        Assert.Equal(draftUrl, (await owner.GetAsync(new Uri(start, UriKind.Relative), TestContext.Current.CancellationToken)).Location());
    }
}
