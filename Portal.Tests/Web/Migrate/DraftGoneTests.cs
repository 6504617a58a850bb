using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// A draft opened after the retention clean-up deleted it (ADR-017): the page says so and offers a new start, with the
/// same 404 a missing or another user's draft answers; while the draft is there, the same address shows it.
/// </summary>
public class DraftGoneTests(PortalFactory factory)
{
    [Fact]
    public async Task A_cleaned_up_bulk_draft_says_so_and_offers_a_new_bulk_migration()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var validated = await client.PostBulkPicksAsync($"/migrate/bulk?customer={data.CustomerId}", data.E3);
        var review = validated.Location();
        using (var before = await client.GetAsync(new Uri(review, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Contains("Bulk migration: validated", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (action, values) = await client.ReadFormAsync(review, "#bulk-migrate-form");

        await DeleteDraftAsync(Guid.Parse(review[(review.LastIndexOf('/') + 1)..]));
        using var after = await client.GetAsync(new Uri(review, UriKind.Relative));

        var document = await GoneAsync(after);
        Assert.Equal("migrate/bulk", document.QuerySelector("#start-again")!.GetAttribute("href"));

        // The review page, left open past the clean-up, migrates nothing.
        using var posted = await client.PostAsync(action, values);
        Assert.Contains(posted.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations
            .AnyAsync(m => m.CustomerId == data.CustomerId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_cleaned_up_wizard_draft_says_so_and_leads_back_to_the_customer()
    {
        var data = await WizardData.CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var opened = await client.GetAsync(new Uri($"/customers/{data.CustomerId}/migrate?subscription={data.E3}", UriKind.Relative));
        var step = opened.Location();
        using (var before = await client.GetAsync(new Uri(step, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var draftId = Guid.Parse(step.Split('/')[^2]);
        await DeleteDraftAsync(draftId);
        using var after = await client.GetAsync(new Uri(step, UriKind.Relative));

        var document = await GoneAsync(after);
        Assert.Equal($"customers/{data.CustomerId}", document.QuerySelector("#start-again")!.GetAttribute("href"));

        // Starting again from the subscription opens a new draft.
        using var again = await client.GetAsync(new Uri($"/customers/{data.CustomerId}/migrate?subscription={data.E3}", UriKind.Relative));
        Assert.DoesNotContain(draftId.ToString(), again.Location(), StringComparison.Ordinal);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GoneAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        Assert.True(document.QuerySelector("h1")?.TextContent.Trim() == "This draft is no longer available", html);
        Assert.Contains("nobody has changed for 14 days", document.QuerySelector("#draft-gone")!.TextContent, StringComparison.Ordinal);
        return document;
    }

    /// <summary>Deletes one draft, as the retention clean-up does (the whole clean-up would touch other tests' drafts).</summary>
    private async Task DeleteDraftAsync(Guid draftId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(1, await db.MigrationDrafts.Where(d => d.Id == draftId).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
    }
}
