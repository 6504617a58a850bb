using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Web.Migrate;

/// <summary>A test partner of its own with one customer holding an eligible Office 365 E3 with two add-ons, and an ineligible trial.</summary>
public sealed record WizardCustomer(TestPartner Partner, Guid CustomerId, Guid E3, Guid Archiving, Guid Defender, Guid Trial);

public static class WizardData
{
    public static Task<WizardCustomer> CreateAsync(PortalFactory factory) => CreateAsync(factory.Services);

    /// <summary>The same in the app behind <paramref name="services"/> (any test host); further customers of the partner stay empty.</summary>
    public static async Task<WizardCustomer> CreateAsync(IServiceProvider services, int customers = 1)
    {
        var partner = await TestAccounts.CreatePartnerAsync(services, customers);
        var customerId = partner.Customers[0].TenantId;
        var e3 = Legacy(customerId, DemoCatalog.Office365E3, 40);
        var archiving = Legacy(customerId, DemoCatalog.ExchangeOnlineArchiving, 40, e3.Id);
        var defender = Legacy(customerId, DemoCatalog.DefenderForOffice365P1, 40, e3.Id);
        var trial = Legacy(customerId, DemoCatalog.Office365E5, 5, trial: true);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.LegacySubscriptions.AddRange(e3, archiving, defender, trial);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new WizardCustomer(partner, customerId, e3.Id, archiving.Id, defender.Id, trial.Id);
    }

    /// <summary>An active annual legacy subscription of <paramref name="customerId"/>, bought long ago, whose term ends in 100 days.</summary>
    public static LegacySubscription Legacy(Guid customerId, Portal.Domain.Catalog.LegacyOffer offer, int seats, Guid? parent = null, bool trial = false)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var now = DateTimeOffset.UtcNow;
        var end = TermDates.EndInstant(TermDates.UtcDate(now).AddDays(100));
        var start = end.AddDays(-365).AddSeconds(1);
        return LegacySubscription.Create(
            Guid.NewGuid(), customerId, offer.Id, offer.Name, seats, TermDuration.P1Y, BillingCycle.Annual, start, end, now.AddDays(-800).ToUniversalTime(), "",
            parentSubscriptionId: parent, isTrial: trial);
    }

    public static async Task<HttpClient> SignedInAsync(this PortalFactory factory, string email)
    {
        var client = factory.Browserless();
        var response = await client.SignInAsync(email, TestPartner.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The form's hidden fields (antiforgery token, form name, draft version) and where it posts.</summary>
    public static async Task<(string Action, Dictionary<string, string> Values)> ReadFormAsync(this HttpClient client, string page, string selector)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelector(selector) ?? throw new InvalidOperationException($"No form '{selector}' on {page}: {html}");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var action = form.GetAttribute("action");
        return (string.IsNullOrEmpty(action) ? page : "/" + action.TrimStart('/'), values);
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string action, IDictionary<string, string> values)
    {
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Posts the bulk page's form at <paramref name="page"/> with <paramref name="picks"/> ticked.</summary>
    public static async Task<HttpResponseMessage> PostBulkPicksAsync(this HttpClient client, string page, params Guid[] picks)
    {
        var (action, values) = await client.ReadFormAsync(page, "#bulk-form");
        var fields = values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value))
            .Concat(picks.Select(p => new KeyValuePair<string, string>("sub", p.ToString())));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public static string Location(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static string Field(string field, Guid subscriptionId) => $"{field}-{subscriptionId:N}";
}
