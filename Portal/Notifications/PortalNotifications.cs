using Microsoft.EntityFrameworkCore;
using Portal.Persistence;

namespace Portal.Notifications;

/// <summary>A page of notifications, newest first.</summary>
public sealed record NotificationPage(IReadOnlyList<PortalNotification> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The partner's notifications: added by the engine events, read on the notifications page and the nav badge.</summary>
public sealed class PortalNotifications(PortalDbContext db, TimeProvider time)
{
    public const int PageSize = 25;

    /// <summary>
    /// Raised (and awaited) after this scope marked notifications read: in a circuit, the app bar's badge counts again
    /// when the notifications page marks some read.
    /// </summary>
    public event Func<Task>? Changed;

    /// <summary>Adds a notification to <paramref name="unitOfWork"/> without saving (it is saved with the change it reports).</summary>
    public static void Add(PortalDbContext unitOfWork, Guid partnerTenantId, string kind, string title, string message, string? link, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(unitOfWork);
        unitOfWork.Notifications.Add(new PortalNotification
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = partnerTenantId,
            Kind = kind,
            Title = Truncate(title, 200),
            Message = Truncate(message, 2000),
            Link = link,
            CreatedAt = at,
        });
    }

    public Task<int> UnreadCountAsync(Guid partnerTenantId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.PartnerTenantId == partnerTenantId && n.ReadAt == null, cancellationToken);

    public async Task<NotificationPage> ListAsync(Guid partnerTenantId, int page, bool unreadOnly, CancellationToken cancellationToken = default)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.PartnerTenantId == partnerTenantId);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new NotificationPage(items, total, page, PageSize);
    }

    /// <summary>Marks one notification read; false when the partner has no such notification.</summary>
    public async Task<bool> MarkReadAsync(Guid partnerTenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var found = await db.Notifications.Where(n => n.PartnerTenantId == partnerTenantId && n.Id == id).CountAsync(cancellationToken) == 1;
        if (found)
        {
            await db.Notifications.Where(n => n.PartnerTenantId == partnerTenantId && n.Id == id && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
            await RaiseChangedAsync();
        }

        return found;
    }

    public async Task<int> MarkAllReadAsync(Guid partnerTenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.PartnerTenantId == partnerTenantId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        await RaiseChangedAsync();
        return marked;
    }

    private async Task RaiseChangedAsync()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
