using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;

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
        var user = (await factory.UsersOfAsync(data.Partner.TenantId)).Single(u => u.Role == PortalRoles.AdminAgent);
        Portal.Migrations.Wizard.MigrationDraft draft;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            draft = (await scope.ServiceProvider.GetRequiredService<Portal.Migrations.Wizard.BulkMigration>()
                .ValidateAsync(data.Partner.TenantId, user.Id, data.CustomerId, [data.E3], TestContext.Current.CancellationToken))!;
        }

        var review = $"/migrate/bulk/{draft.Id}";
        using (var before = await client.GetAsync(new Uri(review, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Contains("Bulk migration: validated", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await DeleteDraftAsync(draft.Id);
        using var after = await client.GetAsync(new Uri(review, UriKind.Relative));

        var document = await GoneAsync(after);
        Assert.Equal("migrate/bulk", document.QuerySelector("#start-again")!.GetAttribute("href"));

        // The review page, left open past the clean-up, migrates nothing: its Migrate button calls the desk, which finds no draft.
        await using var check = factory.Services.CreateAsyncScope();
        var (status, batch) = await check.ServiceProvider.GetRequiredService<Portal.Migrations.Wizard.BulkMigration>()
            .MigrateAsync(data.Partner.TenantId, user.Id, draft.Id, "test", TestContext.Current.CancellationToken);
        Assert.Equal((Portal.Migrations.Wizard.ClaimStatus.NotFound, (string?)null), (status, batch));
        Assert.False(await check.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations
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
