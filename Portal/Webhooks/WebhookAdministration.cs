using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Audit;
using Portal.Customers;
using Portal.Persistence;

namespace Portal.Webhooks;

/// <summary>A webhook as the list shows it, with how its deliveries stand.</summary>
public sealed record WebhookRow(Guid Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTimeOffset CreatedAt, int Pending, int Delivered, int Failed);

/// <summary>The answer to a registration: errors by field (<c>Url</c>, <c>Events</c>), or the new webhook and its secret, shown once.</summary>
public sealed record WebhookRegistrationResult(IReadOnlyDictionary<string, string> Errors, Guid? Id = null, string? Secret = null)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>A delivery with its attempts, for the delivery log.</summary>
public sealed record DeliveryLogEntry(WebhookDelivery Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts);

/// <summary>The orders the webhook list offers; the database sorts.</summary>
public enum WebhookSort
{
    OldestFirst,
    NewestFirst,
    Url,
    UrlDescending,
}

public sealed record DeliveryLogPage(IReadOnlyList<DeliveryLogEntry> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A Global admin's webhooks: register (the secret is returned once and stored protected), turn off and on, remove,
/// send a test event, read the delivery log. Every call is scoped to the partner; another partner's webhook is
/// answered as missing. Changes are audited.
/// </summary>
public sealed class WebhookAdministration(
    PortalDbContext db,
    WebhookSecrets secrets,
    WebhookOutbox outbox,
    AuditLog audit,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    IHostEnvironment environment)
{
    public const int LogPageSize = 20;
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    private bool AllowHttpLoopback => options.Value.AllowHttpLoopback ?? environment.IsDevelopment();

    public async Task<IReadOnlyList<WebhookRow>> ListAsync(Guid partnerTenantId, CancellationToken cancellationToken = default)
    {
        var webhooks = await db.Webhooks.AsNoTracking().Where(w => w.PartnerTenantId == partnerTenantId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return await RowsAsync(partnerTenantId, webhooks, cancellationToken);
    }

    /// <summary>One page of the partner's webhooks in <paramref name="sort"/> order, counted, sorted and paged by the database (the page is clamped to the last one).</summary>
    public async Task<ListPage<WebhookRow>> PageAsync(Guid partnerTenantId, WebhookSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Webhooks.AsNoTracking().Where(w => w.PartnerTenantId == partnerTenantId);
        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var sorted = sort switch
        {
            WebhookSort.NewestFirst => query.OrderByDescending(w => w.CreatedAt).ThenBy(w => w.Id),
            WebhookSort.Url => query.OrderBy(w => w.Url).ThenBy(w => w.Id),
            WebhookSort.UrlDescending => query.OrderByDescending(w => w.Url).ThenBy(w => w.Id),
            _ => query.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id),
        };
        var webhooks = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<WebhookRow>(await RowsAsync(partnerTenantId, webhooks, cancellationToken), total, page, pageSize);
    }

    /// <summary>The webhooks as rows, with their deliveries counted by status in one query over just these webhooks.</summary>
    private async Task<IReadOnlyList<WebhookRow>> RowsAsync(Guid partnerTenantId, IReadOnlyList<WebhookSubscription> webhooks, CancellationToken cancellationToken)
    {
        var ids = webhooks.Select(w => w.Id).ToList();
        var counts = await db.WebhookDeliveries.AsNoTracking().Where(d => d.PartnerTenantId == partnerTenantId && ids.Contains(d.WebhookId))
            .GroupBy(d => new { d.WebhookId, d.Status })
            .Select(g => new { g.Key.WebhookId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Guid id, WebhookDeliveryStatus status) => counts.FirstOrDefault(c => c.WebhookId == id && c.Status == status)?.Count ?? 0;
        return webhooks.Select(w => new WebhookRow(
            w.Id, w.Url, WebhookEventTypes.Parse(w.Events), w.IsActive, w.CreatedAt,
            Count(w.Id, WebhookDeliveryStatus.Pending), Count(w.Id, WebhookDeliveryStatus.Delivered), Count(w.Id, WebhookDeliveryStatus.Failed))).ToList();
    }

    public Task<WebhookSubscription?> GetAsync(Guid partnerTenantId, Guid webhookId, CancellationToken cancellationToken = default) =>
        db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.PartnerTenantId == partnerTenantId && w.Id == webhookId, cancellationToken);

    /// <summary>Checks the address and the events; registers the webhook with a new secret, which only this answer carries.</summary>
    public async Task<WebhookRegistrationResult> RegisterAsync(Guid partnerTenantId, string actor, string? url, IReadOnlyCollection<string> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (CheckUrl(url) is { } urlError)
        {
            errors["Url"] = urlError;
        }

        var picked = WebhookEventTypes.Selectable.Select(s => s.Type).Where(events.Contains).ToList();
        if (picked.Count == 0)
        {
            errors["Events"] = "Pick at least one event to send to this endpoint.";
        }
        else if (events.Except(picked).FirstOrDefault() is { } unknown)
        {
            errors["Events"] = $"'{unknown}' is not an event the portal sends.";
        }

        if (errors.Count > 0)
        {
            return new WebhookRegistrationResult(errors);
        }

        var secret = WebhookSignature.NewSecret();
        var webhook = new WebhookSubscription
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = partnerTenantId,
            Url = url!.Trim(),
            Events = string.Join(',', picked),
            ProtectedSecret = secrets.Protect(secret),
            IsActive = true,
            CreatedAt = time.GetUtcNow(),
        };
        db.Webhooks.Add(webhook);
        await audit.RecordAsync(partnerTenantId, actor, "Webhook registered", $"webhook {webhook.Url}", $"Events: {webhook.Events}", cancellationToken);
        return new WebhookRegistrationResult(new Dictionary<string, string>(), webhook.Id, secret);
    }

    /// <summary>Turns a webhook off (nothing more is queued or sent to it) or on again; false when the partner has no such webhook.</summary>
    public async Task<bool> SetActiveAsync(Guid partnerTenantId, string actor, Guid webhookId, bool active, CancellationToken cancellationToken = default)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.PartnerTenantId == partnerTenantId && w.Id == webhookId, cancellationToken);
        if (webhook is null)
        {
            return false;
        }

        webhook.IsActive = active;
        await audit.RecordAsync(partnerTenantId, actor, active ? "Webhook turned on" : "Webhook turned off", $"webhook {webhook.Url}", cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Removes a webhook with its delivery log; false when the partner has no such webhook.</summary>
    public async Task<bool> DeleteAsync(Guid partnerTenantId, string actor, Guid webhookId, CancellationToken cancellationToken = default)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.PartnerTenantId == partnerTenantId && w.Id == webhookId, cancellationToken);
        if (webhook is null)
        {
            return false;
        }

        db.Webhooks.Remove(webhook);
        await audit.RecordAsync(partnerTenantId, actor, "Webhook removed", $"webhook {webhook.Url}", cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Queues a <see cref="WebhookEventTypes.Ping"/> to one webhook, so an admin can check the endpoint and its signature check.</summary>
    public async Task<bool> SendTestAsync(Guid partnerTenantId, Guid webhookId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(partnerTenantId, webhookId, cancellationToken) is null)
        {
            return false;
        }

        outbox.Enqueue(db, partnerTenantId, [webhookId], WebhookEventTypes.Ping, new { message = "A test delivery from the Partner Migration Portal." });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The webhook's deliveries, newest first, each with its attempts (two queries per page).</summary>
    public Task<DeliveryLogPage> DeliveriesAsync(Guid partnerTenantId, Guid webhookId, int page, CancellationToken cancellationToken = default) =>
        DeliveriesAsync(partnerTenantId, webhookId, newestFirst: true, page, LogPageSize, cancellationToken);

    /// <summary>A page of the webhook's deliveries sorted by when they were queued, each with its attempts; sorted and paged by the database (the page is clamped to the last one).</summary>
    public async Task<DeliveryLogPage> DeliveriesAsync(Guid partnerTenantId, Guid webhookId, bool newestFirst, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.PartnerTenantId == partnerTenantId && d.WebhookId == webhookId);
        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var sorted = newestFirst ? query.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id) : query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id);
        var deliveries = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId))
            .OrderBy(a => a.DeliveryId).ThenBy(a => a.Number).ToListAsync(cancellationToken);
        var byDelivery = attempts.ToLookup(a => a.DeliveryId);
        return new DeliveryLogPage(deliveries.Select(d => new DeliveryLogEntry(d, byDelivery[d.Id].ToList())).ToList(), total, page, pageSize);
    }

    /// <summary>Why <paramref name="url"/> cannot be this portal's endpoint (the rule <see cref="RegisterAsync"/> applies), or null when it can; forms check it as the user types.</summary>
    public string? CheckUrl(string? url) => UrlError(url?.Trim(), AllowHttpLoopback);

    /// <summary>Why <paramref name="url"/> cannot be an endpoint, or null when it can.</summary>
    public static string? UrlError(string? url, bool allowHttpLoopback)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the endpoint URL.";
        }

        if (url.Length > 2000)
        {
            return "The endpoint URL is too long (2000 characters at most).";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return "The endpoint URL must be a full address such as https://hooks.example.com/portal.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The endpoint URL must not contain a user name or password.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "The endpoint URL must not contain a fragment (#…).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(allowHttpLoopback && uri.IsLoopback))
        {
            return allowHttpLoopback
                ? "The endpoint URL must use https:// (http:// is only accepted for localhost here)."
                : "The endpoint URL must use https://.";
        }

        return null;
    }
}
