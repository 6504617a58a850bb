using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Webhooks;

/// <summary>
/// Queues deliveries: one outbox row per active webhook of the partner that picked the event. Rows are only added to
/// the caller's unit of work, so they are saved (or not) together with the change they report (ADR-009).
/// </summary>
public sealed class WebhookOutbox(TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the deliveries of one event to <paramref name="db"/> without saving; returns how many.</summary>
    public int Enqueue(PortalDbContext db, Guid partnerTenantId, string eventType, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        var webhooks = db.Webhooks.AsNoTracking()
            .Where(w => w.PartnerTenantId == partnerTenantId && w.IsActive)
            .Select(w => new { w.Id, w.Events })
            .ToList()
            .Where(w => eventType == WebhookEventTypes.Ping || WebhookEventTypes.Parse(w.Events).Contains(eventType))
            .Select(w => w.Id)
            .ToList();
        return Enqueue(db, partnerTenantId, webhooks, eventType, data);
    }

    /// <summary>Adds a delivery of one event to each of <paramref name="webhookIds"/>, without saving.</summary>
    public int Enqueue(PortalDbContext db, Guid partnerTenantId, IReadOnlyCollection<Guid> webhookIds, string eventType, object data)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(webhookIds);
        if (webhookIds.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var eventId = Guid.NewGuid();
        var payload = JsonSerializer.Serialize(new WebhookEnvelope(eventId, eventType, now, partnerTenantId, data), Json);
        foreach (var webhookId in webhookIds)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.NewGuid(),
                PartnerTenantId = partnerTenantId,
                WebhookId = webhookId,
                EventType = eventType,
                EventId = eventId,
                Payload = payload,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return webhookIds.Count;
    }
}

/// <summary>The JSON body of every delivery; <c>data</c> depends on the event type.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset CreatedAt, Guid PartnerTenantId, object Data);
