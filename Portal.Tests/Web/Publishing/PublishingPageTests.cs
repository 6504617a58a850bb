using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Publishing;
using Portal.Publishing;
using Portal.Tests.Web.Accounts;
using static Portal.Tests.Web.Publishing.TestPublishers;

namespace Portal.Tests.Web.Publishing;

/// <summary>
/// The publisher pages over HTTP (their prerendered first response) and the desk's rules the pages' forms rely on
/// but cannot produce from the page (any instant booked, another partner's publisher). The forms themselves are
/// tested in the circuit: Portal.Tests/Components/Publishing.
/// </summary>
public class PublishingPageTests(PortalFactory factory)
{
    private IServiceProvider Services => factory.Services;

    [Fact]
    public async Task Another_partners_publisher_page_answers_404_exactly_like_a_missing_one()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var mine = await AddPublisherAsync(Services, partner);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);
        var other = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await AddPublisherAsync(Services, other);

        using var own = await client.GetAsync(new Uri($"/publishing/{mine}", UriKind.Relative));
        using var foreign = await client.GetAsync(new Uri($"/publishing/{theirs}", UriKind.Relative));
        using var missing = await client.GetAsync(new Uri("/publishing/no-such-publisher", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var foreignHtml = await foreign.Content.ReadAsStringAsync();
        Assert.DoesNotContain(PublisherNameOf(other), foreignHtml, StringComparison.Ordinal);
        Assert.Equal(MainOf(await missing.Content.ReadAsStringAsync()), MainOf(foreignHtml));
        Assert.Contains(PublisherNameOf(partner), MainOf(await own.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Slot: choose one of the Tuesday slots listed.")]
    [InlineData("wednesday", "is not one of them")]
    [InlineData("tuesday-10:30", "is not one of them")]
    public async Task Booking_anything_but_a_listed_slot_is_refused_with_the_rule_and_leaves_the_migration_as_it_was(string? slot, string message)
    {
        var (partner, publisherId) = await SubmittedAsync();
        await using var scope = Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<PublisherDesk>();
        var first = MigrationSlots.Bookable(await desk.NowAsync(partner.TenantId), 1)[0];
        DateTimeOffset? value = slot switch
        {
            "wednesday" => first.AddDays(1),
            "tuesday-10:30" => first.AddMinutes(30),
            _ => null,
        };

        var outcome = await desk.BookAsync(partner.TenantId, publisherId, value, partner.Email(PortalRoles.SalesAgent));

        Assert.Contains(message, outcome!.Refusal!.Message, StringComparison.Ordinal);
        var stored = (await StoredPublisherAsync(Services, publisherId)).Migration!;
        Assert.Equal(PublisherMigrationStatus.Submitted, stored.Status);
        Assert.Null(stored.Slot);
    }

    [Fact]
    public async Task Every_command_for_another_partners_publisher_answers_not_found_like_a_missing_one_and_changes_nothing()
    {
        var (partner, _) = await SubmittedAsync();
        var (other, theirs) = await SubmittedAsync();
        var before = await AuditEntriesAboutAsync(Services, theirs);
        await using var scope = Services.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<PublisherDesk>();
        var actor = partner.Email(PortalRoles.GlobalAdmin);
        var slot = MigrationSlots.Bookable(DateTimeOffset.UtcNow, 1)[0];

        foreach (var id in new[] { theirs, "no-such-publisher" })
        {
            Assert.Null(await desk.GetAsync(partner.TenantId, id));
            Assert.Null(await desk.BookAsync(partner.TenantId, id, slot, actor));
            Assert.Null(await desk.ConfirmAsync(partner.TenantId, id, actor));
            Assert.Null(await desk.ArrangeAsync(partner.TenantId, id, slot, "Oscar", actor));
            Assert.Null(await desk.RehearseNowAsync(partner.TenantId, id, actor));
            Assert.Null(await desk.FinishInFlightAsync(partner.TenantId, id, "vm-draft", actor));
            Assert.Null(await desk.CreateOfferAsync(partner.TenantId, id, PublishingPortal.Old, "x-offer", "X", OfferType.TestDrive, 1m, actor));
        }

        Assert.Equal(before, await AuditEntriesAboutAsync(Services, theirs));
        var stored = await StoredPublisherAsync(Services, theirs);
        Assert.Null(stored.Migration!.Slot);
        Assert.Null(stored.FindOffer("x-offer"));
        Assert.NotEqual(partner.TenantId, other.TenantId);
    }

    [Fact]
    public async Task The_prerendered_status_page_lists_the_bookable_slots_with_their_instants()
    {
        var (partner, publisherId) = await SubmittedAsync();
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(PortalRoles.SalesAgent), TestPartner.Password);

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri($"/publishing/{publisherId}", UriKind.Relative)));

        Assert.Equal("Submitted", page.QuerySelector("#migration-status")!.TextContent.Trim());
        var slots = page.QuerySelectorAll("#book-form [data-slot]").Select(e => DateTimeOffset.Parse(e.GetAttribute("data-slot")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(9, slots.Count);
        Assert.All(slots, s => Assert.True(MigrationSlots.IsRegularSlotStart(s)));
        Assert.Null(page.QuerySelector("#arrange-form")); // a Sales agent is not of the migration team
    }

    private async Task<(TestPartner Partner, string PublisherId)> SubmittedAsync()
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var publisherId = await AddPublisherAsync(Services, partner);
        await using var scope = Services.CreateAsyncScope();
        var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PublisherDesk>()
            .SubmitAsync(partner.TenantId, PublisherNameOf(partner), publisherId, partner.Email(PortalRoles.GlobalAdmin));
        Assert.True(outcome.Succeeded);
        return (partner, publisherId);
    }

    /// <summary>The page's main content (the layout around it carries per-response state).</summary>
    private static string MainOf(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")?.TextContent ?? html;
}
