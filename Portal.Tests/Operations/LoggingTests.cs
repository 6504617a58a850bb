using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Demo;
using Portal.Domain.Migrations;
using Portal.Domain.Partners;
using Portal.Operations;
using Portal.Persistence;
using Portal.Tests.Api;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Webhooks;
using Portal.Webhooks;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Portal.Tests.Operations;

/// <summary>
/// The log of a whole run (sign-in, an API key made and used, a webhook with its secret, a migration run by the engine
/// and reported to the webhook) names who did what on every request line and the migration on every engine and
/// webhook line, and never holds a password, key, secret, cookie or token (ADR-021).
/// </summary>
public class LoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_run_logs_partner_user_trace_and_migration_ids_and_no_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // One more sink beside the configured ones, as the app's logger picks them from its services (ReadFrom.Services).
        var captured = new CapturedLog();
        var portal = new ConfiguredPortal(new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Information",
            ["Engine:Worker:Enabled"] = "true",
            ["Engine:Worker:PollInterval"] = "00:00:00.200",
            ["Engine:Simulation:BeginAfter"] = "00:00:01",
            ["Engine:Simulation:CreateAfter"] = "00:00:01",
            ["Engine:Simulation:ProvisionAfter"] = "00:00:01",
            ["Engine:Simulation:CompleteAfter"] = "00:00:01",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Webhooks:AllowHttpLoopback"] = "true",
        }, services => services.AddSingleton<ILogEventSink>(captured));
        var secrets = new List<string> { TestPartner.Password };
        string keySecret;
        string webhookSecret;
        Guid migrationId;
        TestPartner partner;
        Guid keyId;
        string adminId;
        try
        {
            partner = await TestAccounts.CreatePartnerAsync(portal.Services, customers: 1);
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.Partners.Where(p => p.TenantId == partner.TenantId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Environment, PartnerEnvironment.Sandbox), Ct);
                adminId = (await db.Users.SingleAsync(u => u.Email == partner.Email(PortalRoles.GlobalAdmin), Ct)).Id.ToString();
            }

            // Sign in through the form, and use the portal with the cookie.
            var cookies = new CookieContainer();
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }, disposeHandler: true) { BaseAddress = portal.ServerAddress };
            using (var signedIn = await browser.SignInAsync(partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password))
            {
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }

            Assert.Contains(partner.Customers[0].Name, await browser.GetStringAsync(new Uri("/customers", UriKind.Relative), Ct), StringComparison.Ordinal);
            secrets.AddRange(cookies.GetAllCookies().Select(c => c.Value).Where(v => v.Length >= 16));

            // A key and a webhook, made as their pages make them; both secrets are shown once.
            await using (var scope = portal.Services.CreateAsyncScope())
            {
                var (outcome, issued) = await scope.ServiceProvider.GetRequiredService<ApiKeyDesk>().CreateAsync(partner.TenantId, "admin", "log test", PortalRoles.GlobalAdmin, Ct);
                Assert.True(outcome.Succeeded);
                keySecret = issued!.Secret;
                keyId = issued.Key.Id;
                var webhook = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
                    .RegisterAsync(partner.TenantId, "admin", receiver.Url.ToString(), [WebhookEventTypes.MigrationCreated, WebhookEventTypes.MigrationCompleted], Ct);
                Assert.True(webhook.Succeeded, string.Join(" ", webhook.Errors.Values));
                webhookSecret = webhook.Secret!;
            }

            using var api = new HttpClient { BaseAddress = portal.ServerAddress };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keySecret);
            var customerId = partner.Customers[0].TenantId;
            using var subscription = await api.PostJsonAsync($"/api/v1/sandbox/customers/{customerId}/subscriptions", new
            {
                offerId = DemoCatalog.Office365E3.Id,
                quantity = 10,
                purchaseDate = DateTimeOffset.UtcNow.AddDays(-60).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            });
            var subscriptionId = (await subscription.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
            using var created = await api.PostJsonAsync($"/api/v1/customers/{customerId}/migrations/newcommerce", new { currentSubscriptionId = subscriptionId, quantity = 10 });
            migrationId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

            await WaitUntilAsync(async () =>
            {
                await using var scope = portal.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                return await db.Migrations.AnyAsync(m => m.Id == migrationId && m.Phase == MigrationPhase.Completed, Ct) && receiver.Received.Count >= 2;
            });
            Assert.All(receiver.Received, r => Assert.Equal(200, r.AnsweredWith));
        }
        finally
        {
            portal.Dispose(); // stops the workers: nothing more is logged
        }

        var text = captured.Text;
        Assert.True(secrets.Count >= 3, "the sign-in set the authentication and antiforgery cookies");
        Assert.All(secrets.Concat([keySecret, webhookSecret]), secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        // Not even a part of the key or the webhook secret (their random part, past what the pages show).
        Assert.All(new[] { keySecret, webhookSecret }, secret => Assert.DoesNotContain(secret[^20..], text, StringComparison.Ordinal));
        Assert.DoesNotContain("Bearer ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cookie: ", text, StringComparison.OrdinalIgnoreCase);

        var events = captured.Json.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        var requests = events.Where(e => Text(e, "@mt") == PortalLogging.RequestTemplate).ToList();
        var apiLines = requests.Where(e => Text(e, "RequestPath")!.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, apiLines.Count);
        Assert.All(apiLines, e => Assert.Equal((partner.TenantId.ToString(), keyId.ToString()), (Text(e, "PartnerTenantId"), Text(e, "UserId"))));
        var page = Assert.Single(requests, e => Text(e, "RequestPath") == "/customers" && Text(e, "UserId") == adminId);
        Assert.Equal(partner.TenantId.ToString(), Text(page, "PartnerTenantId"));
        Assert.All(requests, e => Assert.Matches("^[0-9a-f]{32}$", Text(e, "TraceId")));
        Assert.Contains(requests, e => Text(e, "RequestPath") == "/account/sign-in" && Text(e, "UserId") == "-");

        var aboutMigration = events.Where(e => Text(e, "MigrationId") == migrationId.ToString()).ToList();
        Assert.Equal(
            ["LegacySuspended", "Completed"],
            aboutMigration.Where(e => Text(e, "@mt") == "Migration {MigrationId} moved from {From} to {To}").Select(e => Text(e, "To")));
        var deliveries = aboutMigration.Where(e => Text(e, "@mt")!.StartsWith("Webhook delivery {DeliveryId} ({EventType}) attempt", StringComparison.Ordinal)).ToList();
        Assert.Equal([WebhookEventTypes.MigrationCompleted, WebhookEventTypes.MigrationCreated], deliveries.Select(e => Text(e, "EventType")).Order());
        Assert.All(aboutMigration, e => Assert.Equal(partner.TenantId.ToString(), Text(e, "PartnerTenantId")));
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;

    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The migration did not complete, or its webhooks did not arrive, within 90 seconds.");
            await Task.Delay(200, Ct);
        }
    }
}

/// <summary>Every event the app's logger writes, as CLEF JSON lines (the file sink's JSON format) and as rendered text.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<(string Json, string Text)> _events = new();

    public IReadOnlyList<string> Json => _events.Select(e => e.Json).ToList();

    public string Text => string.Join('\n', _events.Select(e => e.Json + "\n" + e.Text));

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        using var json = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        new CompactJsonFormatter().Format(logEvent, json);
        _events.Enqueue((json.ToString().TrimEnd(), logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + logEvent.Exception));
    }
}
