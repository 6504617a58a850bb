using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Webhooks;

namespace Portal.Tests.Components.Webhooks;

/// <summary>Webhooks and deliveries for the webhook page tests, made and read through the running app's desk and database.</summary>
public static class WebhookPageData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Registers a webhook through the desk, as the page would; the answer carries its id and its secret.</summary>
    public static async Task<WebhookRegistrationResult> RegisterWebhookAsync(this PortalFactory factory, Guid partnerTenantId, string url = "https://hooks.example.com/portal", params string[] events)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>()
            .RegisterAsync(partnerTenantId, "test", url, events.Length == 0 ? [WebhookEventTypes.MigrationFailed] : events, Ct);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return result;
    }

    public static async Task<List<WebhookSubscription>> WebhooksOfAsync(this PortalFactory factory, Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Webhooks.AsNoTracking()
            .Where(w => w.PartnerTenantId == partnerTenantId).ToListAsync(Ct);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesOfAsync(this PortalFactory factory, Guid webhookId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == webhookId).ToListAsync(Ct);
    }

    /// <summary>
    /// Stores <paramref name="count"/> finished deliveries, one minute apart, the first the oldest; finished, so the
    /// app's dispatcher leaves them as they are while a test reads them.
    /// </summary>
    public static async Task<List<Guid>> AddDeliveredAsync(this PortalFactory factory, Guid partnerTenantId, Guid webhookId, int count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var deliveries = Enumerable.Range(0, count).Select(i => new WebhookDelivery
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = partnerTenantId,
            WebhookId = webhookId,
            EventType = WebhookEventTypes.MigrationFailed,
            EventId = Guid.NewGuid(),
            Payload = "{}",
            Status = WebhookDeliveryStatus.Delivered,
            AttemptCount = 1,
            CreatedAt = start.AddMinutes(i),
            NextAttemptAt = start.AddMinutes(i),
            CompletedAt = start.AddMinutes(i),
            LastStatusCode = 200,
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(Ct);
        return [.. deliveries.Select(d => d.Id)];
    }
}
