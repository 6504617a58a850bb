using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Components.Pages.Publishing;
using Portal.Domain.Publishing;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;

namespace Portal.Tests.Components.Publishing;

/// <summary>The Learn page: the stages and readiness answers, and submitting to migrate (valid, refused per field, by role).</summary>
public class LearnPageTests(PortalFactory factory) : PublishingPageContext(factory)
{
    private IRenderedComponent<Learn> RenderPage()
    {
        var cut = Render<Learn>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#readiness dt")));
        return cut;
    }

    private static void Submit(IRenderedComponent<Learn> cut, string name, string id)
    {
        cut.Find("#publisherName").Change(name);
        cut.Find("#publisherId").Change(id);
        Click(cut, "Submit to migrate");
    }

    [Fact]
    public async Task The_page_explains_the_stages_and_answers_the_readiness_questions()
    {
        await PartnerAsync(PortalRoles.HelpdeskAgent);

        var cut = RenderPage();

        Assert.Equal(MigrationReadiness.Stages.Count, cut.FindAll("#stages li").Count);
        Assert.Equal(7, cut.FindAll("#readiness dt").Count);
        Assert.Contains("What if my offer is in staging/publishing state?", cut.Find("#readiness").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("#submit-not-allowed"));
        Assert.Empty(cut.FindAll("#submit-form"));
    }

    [Fact]
    public async Task Submitting_with_the_publishers_name_and_id_starts_its_migration_and_leads_to_its_status_page()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.SalesAgent);
        var cut = RenderPage();
        Assert.Contains($"({publisherId})", cut.Markup, StringComparison.Ordinal);

        Submit(cut, TestPublishers.PublisherNameOf(partner).ToUpperInvariant(), $"  {publisherId} ");

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/publishing/{publisherId}", navigation.Uri, StringComparison.Ordinal));
        Assert.Equal(PublisherMigrationStatus.Submitted, (await StoredAsync(publisherId)).Migration?.Status);
        Assert.Equal(1, await AuditEntriesAsync(publisherId));
    }

    [Theory]
    [InlineData("Wrong name", null, "publisherName", "the publisher name 'Wrong name' is not")]
    [InlineData("", null, "publisherName", "Publisher name: enter your publisher name")]
    [InlineData(null, "", "publisherId", "Publisher id: enter your publisher id")]
    [InlineData(null, "no-such-publisher", "publisherId", "Publisher id: your organization has no publisher with the id 'no-such-publisher'")]
    public async Task A_refused_submission_names_the_field_keeps_what_was_typed_and_stores_nothing(string? name, string? id, string field, string message)
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.AdminAgent);
        name ??= TestPublishers.PublisherNameOf(partner);
        id ??= publisherId;
        var cut = RenderPage();

        Submit(cut, name, id);

        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("#publishing-message").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find($"#{field}").GetAttribute("aria-invalid"));
        Assert.Equal(name, cut.Find("#publisherName").GetAttribute("value"));
        Assert.Equal(id, cut.Find("#publisherId").GetAttribute("value"));
        Assert.EndsWith("/", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal); // stayed on the page
        Assert.Null((await StoredAsync(publisherId)).Migration);
        Assert.Equal(0, await AuditEntriesAsync(publisherId));
    }

    [Fact]
    public async Task Submitting_another_partners_publisher_id_is_answered_like_an_unknown_id_and_changes_nothing()
    {
        await PartnerAsync(PortalRoles.GlobalAdmin);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        var theirs = await TestPublishers.AddPublisherAsync(App, other);
        var cut = RenderPage();

        Submit(cut, TestPublishers.PublisherNameOf(other), theirs);

        cut.WaitForAssertion(() => Assert.Contains($"no publisher with the id '{theirs}'", cut.Find("#publishing-message").TextContent, StringComparison.Ordinal));
        Assert.Null((await StoredAsync(theirs)).Migration);
    }

    [Fact]
    public async Task The_submit_form_itself_refuses_a_role_without_the_Migrate_policy()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.HelpdeskAgent);

        // Rendered on its own (no AuthorizeView around it), the form checks the policy before the desk runs.
        var form = Render<SubmitMigrationForm>();
        form.Find("#publisherName").Change(TestPublishers.PublisherNameOf(partner));
        form.Find("#publisherId").Change(publisherId);
        Click(form, "Submit to migrate");

        form.WaitForAssertion(() => Assert.Contains("Your role may not submit", form.Find("#publishing-message").TextContent, StringComparison.Ordinal));
        Assert.Null((await StoredAsync(publisherId)).Migration);
    }
}
