using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Catalog;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Tests.Web.Pages;

/// <summary>Subscriptions added to a test partner's customer in the running portal, so each test owns its data.</summary>
public static class PageTestData
{
    public static async Task<NceSubscription> AddNceAsync(this PortalFactory factory, Guid customerId, TimeSpan age, int seats = 10, Guid? migratedFrom = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var created = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow() - age;
        var start = TermDates.UtcDate(created);
        var subscription = NceSubscription.Create(
            Guid.NewGuid(),
            customerId,
            "CFQ7TTC0LF8R:0001:0001",
            "Office 365 E3",
            seats,
            TermDuration.P1Y,
            BillingCycle.Monthly,
            created,
            TermDates.EndInstant(TermDates.FullTermEnd(start, TermDuration.P1Y)),
            created,
            migratedFrom);
        db.NceSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription;
    }

    public static async Task<NceSubscription> NceAsync(this PortalFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().NceSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>A legacy offer of the demo catalog that has a New Commerce mapping.</summary>
    public static async Task<LegacyOffer> MappedOfferAsync(this PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var offers = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().LegacyOffers.AsNoTracking().ToListAsync();
        return offers.First(o => o.Mapping is not null && o.Name.Contains("Business Standard", StringComparison.Ordinal));
    }
}

/// <summary>Form posts that a browser could not make from the page itself: to another address, or as another role.</summary>
public static class CraftedPosts
{
    /// <summary>Takes a valid antiforgery token from <paramref name="tokenPage"/>'s form and posts <paramref name="fields"/> as form <paramref name="handler"/> to <paramref name="target"/>.</summary>
    public static async Task<HttpResponseMessage> PostAsAsync(this HttpClient client, string target, string handler, IDictionary<string, string> fields, string tokenPage = "/settings")
    {
        var html = await client.GetStringAsync(new Uri(tokenPage, UriKind.Relative));
        using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenPage}.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(target, UriKind.Relative), content);
    }
}
