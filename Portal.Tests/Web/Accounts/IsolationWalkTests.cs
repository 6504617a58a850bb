using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Demo;
using Portal.Migrations.Wizard;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Webhooks;

namespace Portal.Tests.Web.Accounts;

/// <summary>
/// Walks every route of the app that takes an id, signed in as the Sandbox demo partner's Global admin, with the
/// Production demo partner's ids: each must answer 404, exactly as a missing id does. The routes come from the app's
/// own endpoint table, so a page or API route added later is walked too; a route whose parameter the walk cannot fill
/// fails the test until the walk learns it.
/// </summary>
public class IsolationWalkTests(PortalFactory factory)
{
    [Fact]
    public async Task Every_route_with_an_id_answers_404_for_another_partners_ids()
    {
        var foreign = await ForeignIdsAsync();
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync("globaladmin@northwind.example", DemoAccounts.Password);
        var token = await AntiforgeryTokenAsync(client);

        var own = await IdsOfAsync(DemoIds.NorthwindTenantId);
        var walked = new List<string>();
        var failures = new List<string>();
        foreach (var (endpoint, pattern) in RoutesWithParameters())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var path = Fill(pattern, foreign, failures);
            if (path is null)
            {
                continue;
            }

            var isPage = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            foreach (var method in methods)
            {
                // A page's POST needs the name of one of its forms; the walk takes them from the page with own ids.
                var bodies = method == "GET"
                    ? [null]
                    : isPage
                        ? (await FormsOfAsync(client, Fill(pattern, own, failures)!)).Select(f => (HttpContent?)Form(token, f)).ToList()
                        : [IsApi(pattern) ? new StringContent("""{"quantity":1}""", Encoding.UTF8, "application/json") : Form(token, new Dictionary<string, string>())];
                foreach (var body in bodies)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = body };
                    if (IsApi(pattern))
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", own[ApiSecret]);
                    }

                    using var response = await client.SendAsync(request);
                    walked.Add($"{method} {path}");
                    // A page's form posted at another partner's id finds no such form on the not-found page; the
                    // portal keeps that the page's 404 (NotFoundFormPosts) rather than the framework's 400.
                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        failures.Add($"{method} {pattern.RawText} as {path} answered {(int)response.StatusCode}, not 404");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains(walked, w => w.Contains("/customers/", StringComparison.Ordinal));
        Assert.Contains(walked, w => w.Contains("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_walk_reaches_the_same_pages_with_the_partners_own_ids()
    {
        // The other side of the boundary: the routes the walk fills answer something other than 404 with own ids, so
        // the 404s above come from the partner scope, not from a wrong URL.
        var own = await IdsOfAsync(DemoIds.NorthwindTenantId);
        using var client = factory.Browserless();
        using var _ = await client.SignInAsync("globaladmin@northwind.example", DemoAccounts.Password);

        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var (endpoint, pattern) in RoutesWithParameters())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (!methods.Contains("GET"))
            {
                continue;
            }

            var path = Fill(pattern, own, failures);
            if (path is null || IsApi(pattern))
            {
                continue;
            }

            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            checkedPages++;
            if (response.StatusCode is HttpStatusCode.NotFound or >= HttpStatusCode.InternalServerError)
            {
                failures.Add($"GET {pattern.RawText} as {path} answered {(int)response.StatusCode} with the partner's own ids");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedPages > 0);
    }

    private List<(RouteEndpoint Endpoint, RoutePattern Pattern)> RoutesWithParameters()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith('_'))
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal)) // the API's description, no partner data
            .Select(e => (Endpoint: e, Pattern: e.RoutePattern))
            .DistinctBy(x => x.Pattern.RawText + string.Join(",", x.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();
    }

    private static bool IsApi(RoutePattern pattern) =>
        (pattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path with each parameter replaced by an id of the kind the route names, or null (and a failure) when the kind is unknown.</summary>
    private static string? Fill(RoutePattern pattern, IReadOnlyDictionary<string, string> ids, List<string> failures)
    {
        var path = new StringBuilder();
        string previousLiteral = "";
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        previousLiteral = literal.Content;
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var kind = KindOf(parameter.Name, previousLiteral);
                        if (kind is null || !ids.TryGetValue(kind, out var id))
                        {
                            failures.Add($"{pattern.RawText}: the isolation walk does not know what '{parameter.Name}' is; teach {nameof(KindOf)} (and the id lists) about it");
                            return null;
                        }

                        path.Append(Uri.EscapeDataString(id));
                        break;
                }
            }
        }

        // The wizard's entry takes the subscription from the query; other pages ignore it.
        // The API's co-terming dates need a term.
        return ids.TryGetValue("legacy", out var subscription) ? $"{path}?subscription={subscription}&term_duration=P1Y" : path.ToString();
    }

    private static string? KindOf(string parameter, string previousLiteral)
    {
        var name = parameter.ToLowerInvariant();
        var before = previousLiteral.ToLowerInvariant();
        if (name.Contains("customer", StringComparison.Ordinal))
        {
            return "customer";
        }

        if (name.Contains("user", StringComparison.Ordinal))
        {
            return "user";
        }

        if (name.Contains("migration", StringComparison.Ordinal))
        {
            return "migration";
        }

        if (name.Contains("schedule", StringComparison.Ordinal))
        {
            return "schedule";
        }

        if (name.Contains("webhook", StringComparison.Ordinal))
        {
            return "webhook";
        }

        if (name.Contains("draft", StringComparison.Ordinal))
        {
            return before == "bulk" ? "bulkdraft" : "draft";
        }

        if (name.Contains("batch", StringComparison.Ordinal))
        {
            return "batch";
        }

        if (name is "step")
        {
            return "step";
        }

        if (name.Contains("notification", StringComparison.Ordinal))
        {
            return "notification";
        }

        if (name.Contains("key", StringComparison.Ordinal))
        {
            return "apikey";
        }

        if (name.Contains("publisher", StringComparison.Ordinal))
        {
            return "publisher";
        }

        if (name.Contains("subscription", StringComparison.Ordinal))
        {
            return before.Contains("nce", StringComparison.Ordinal) ? "nce" : "legacy";
        }

        if (name is "id")
        {
            return before switch
            {
                "customers" => "customer",
                "users" => "user",
                "migrations" or "history" => "migration",
                "schedules" => "schedule",
                "subscriptions" or "legacy" => "legacy",
                "nce" or "nce-subscriptions" => "nce",
                _ => null,
            };
        }

        return null;
    }

    private const string ApiSecret = "api-secret";

    private Task<IReadOnlyDictionary<string, string>> ForeignIdsAsync() => IdsOfAsync(DemoIds.ContosoTenantId);

    private async Task<IReadOnlyDictionary<string, string>> IdsOfAsync(Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // One customer holding each kind where it can, so that nested routes (customer, then subscription) fit together.
        var customerIds = db.Customers.Where(c => c.PartnerTenantId == partnerTenantId).Select(c => c.TenantId);
        var customer = await db.NceSubscriptions.Where(s => customerIds.Contains(s.CustomerId))
            .Where(s => db.LegacySubscriptions.Any(l => l.CustomerId == s.CustomerId && l.ParentSubscriptionId == null))
            .OrderBy(s => s.CustomerId).Select(s => s.CustomerId).FirstAsync();
        var legacy = await db.LegacySubscriptions.Where(s => s.CustomerId == customer && s.ParentSubscriptionId == null).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var nce = await db.NceSubscriptions.Where(s => s.CustomerId == customer).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var migration = await db.Migrations.Where(m => customerIds.Contains(m.CustomerId)).OrderByDescending(m => m.CustomerId == customer).Select(m => m.Id).FirstAsync();
        var schedule = await db.Schedules.Where(s => customerIds.Contains(s.CustomerId)).OrderByDescending(s => s.CustomerId == customer).Select(s => s.Id).FirstAsync();
        var user = await db.Users.Where(u => u.PartnerTenantId == partnerTenantId).Select(u => u.Id).FirstAsync();
        var admin = await db.Users.Where(u => u.PartnerTenantId == partnerTenantId && u.Email!.StartsWith("globaladmin@")).Select(u => u.Id).FirstAsync();
        var drafts = scope.ServiceProvider.GetRequiredService<DraftStore>();
        var draft = await drafts.OpenWizardAsync(partnerTenantId, admin, customer, legacy, CancellationToken.None);
        var bulkDraft = await drafts.CreateBulkAsync(partnerTenantId, admin, customer, new BulkContent { SubscriptionIds = [legacy] }, CancellationToken.None);
        var batch = await db.Migrations.Where(m => customerIds.Contains(m.CustomerId) && m.ExternalReferenceId != null)
            .Select(m => m.ExternalReferenceId!).FirstAsync();
        var webhook = await db.Webhooks.Where(w => w.PartnerTenantId == partnerTenantId).Select(w => (Guid?)w.Id).FirstOrDefaultAsync()
            ?? (await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
                .RegisterAsync(partnerTenantId, "isolation walk", "https://hooks.example/portal", [WebhookEventTypes.Selectable[0].Type])).Id!.Value;
        var notification = await db.Notifications.Where(n => n.PartnerTenantId == partnerTenantId).Select(n => (Guid?)n.Id).FirstOrDefaultAsync();
        if (notification is null)
        {
            PortalNotifications.Add(db, partnerTenantId, PortalNotification.MigrationFailedKind, "Walk", "Made by the isolation walk.", null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            notification = await db.Notifications.Where(n => n.PartnerTenantId == partnerTenantId).Select(n => n.Id).FirstAsync();
        }

        // The signed-in partner calls the API with the documented Development demo key; the other partner gets a key
        // of its own, so that its id can be walked.
        string apiKeyId, apiSecret;
        if (partnerTenantId == DemoIds.NorthwindTenantId)
        {
            apiSecret = DemoApiKeySeeder.NorthwindDemoKey;
            apiKeyId = (await db.ApiKeys.Where(k => k.PartnerTenantId == partnerTenantId).Select(k => k.Id).FirstAsync()).ToString();
        }
        else
        {
            var existing = await db.ApiKeys.Where(k => k.PartnerTenantId == partnerTenantId).Select(k => (Guid?)k.Id).FirstOrDefaultAsync();
            if (existing is null)
            {
                var (outcome, issued) = await scope.ServiceProvider.GetRequiredService<ApiKeyDesk>()
                    .CreateAsync(partnerTenantId, "isolation walk", "walk", PortalRoles.GlobalAdmin);
                Assert.True(outcome.Succeeded);
                existing = issued!.Key.Id;
            }

            apiKeyId = existing.Value.ToString();
            apiSecret = "";
        }

        var publisher = await global::Portal.Publishing.PublishingStore.PublishersOf(db, partnerTenantId).Select(p => p.PublisherId).FirstAsync();
        return new Dictionary<string, string>
        {
            ["customer"] = customer.ToString(),
            ["legacy"] = legacy.ToString(),
            ["nce"] = nce.ToString(),
            ["migration"] = migration.ToString(),
            ["schedule"] = schedule.ToString(),
            ["user"] = user.ToString(),
            ["draft"] = draft.Id.ToString(),
            ["bulkdraft"] = bulkDraft.Id.ToString(),
            ["batch"] = batch,
            ["step"] = "bundle",
            ["webhook"] = webhook.ToString(),
            ["notification"] = notification.Value.ToString(),
            ["apikey"] = apiKeyId,
            [ApiSecret] = apiSecret,
            ["publisher"] = publisher,
        };
    }

    /// <summary>Plausible values for the fields the app's forms post, so that the answer is about the id, not a missing field.</summary>
    private static FormUrlEncodedContent Form(string token, IReadOnlyDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>
        {
            ["role"] = "Helpdesk agent",
            ["confirm"] = "yes",
        };
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        values["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(values);
    }

    /// <summary>The named forms of a page: their hidden and preset fields, including the <c>_handler</c> that names them.</summary>
    private static async Task<List<IReadOnlyDictionary<string, string>>> FormsOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return []; // e.g. an entry page that redirects to where its forms are
        }

        var html = await response.Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html).QuerySelectorAll("form[method='post' i]")
            .Where(f => f.QuerySelector("input[name='_handler']") is not null)
            .Select(f => (IReadOnlyDictionary<string, string>)f.QuerySelectorAll("input[name]")
                .Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
                .GroupBy(i => i.GetAttribute("name")!)
                .ToDictionary(g => g.Key, g => g.First().GetAttribute("value") ?? ""))
            .ToList();
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        // Antiforgery request tokens belong to the user, not to a form: any page's token is good for every post.
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var input = new HtmlParser().ParseDocument(html).QuerySelector("input[name='__RequestVerificationToken']");
        Assert.NotNull(input);
        return input.GetAttribute("value")!;
    }
}
