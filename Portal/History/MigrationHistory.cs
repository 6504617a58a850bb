using Microsoft.EntityFrameworkCore;
using Portal.Customers;
using Portal.Domain.Migrations;
using Portal.Persistence;

namespace Portal.History;

public sealed record HistoryFilter
{
    public MigrationStatus? Status { get; init; }

    /// <summary>Requested on or after this UTC date.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Requested on or before this UTC date.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Part of the customer's name or domain.</summary>
    public string? Customer { get; init; }

    public bool? MicrosoftLed { get; init; }

    /// <summary>The batch (external reference id), whole.</summary>
    public string? Batch { get; init; }
}

/// <summary>The orders the history list offers; newest first unless the user picks another.</summary>
public enum HistorySort
{
    Newest,
    Oldest,
    Customer,
    CustomerDescending,
}

public sealed record HistoryRow(Guid Id, Guid CustomerId, string CustomerName, string SubscriptionName, MigrationPhase Phase, bool MicrosoftLed, string? Batch, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, string? ErrorCode)
{
    public MigrationStatus Status => Phase switch
    {
        MigrationPhase.Requested or MigrationPhase.LegacySuspended => MigrationStatus.Processing,
        MigrationPhase.Completed => MigrationStatus.Completed,
        _ => MigrationStatus.Failed,
    };
}

public sealed record HistoryDetail(Migration Migration, string CustomerName, IReadOnlyDictionary<Guid, string> SubscriptionNames);

/// <summary>Every migration of the partner, filtered, sorted (newest first) and paged in the database: two commands a page.</summary>
public sealed class MigrationHistory(PortalDbContext db)
{
    public const int PageSize = 25;
    public const int MaxPageSize = 200;

    public Task<ListPage<HistoryRow>> ListAsync(Guid partnerTenantId, HistoryFilter filter, int page, CancellationToken cancellationToken = default) =>
        ListAsync(partnerTenantId, filter, HistorySort.Newest, page, PageSize, cancellationToken);

    public async Task<ListPage<HistoryRow>> ListAsync(Guid partnerTenantId, HistoryFilter filter, HistorySort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query =
            from migration in db.Migrations.AsNoTracking()
            join customer in db.Customers on migration.CustomerId equals customer.TenantId
            join subscription in db.LegacySubscriptions on migration.CurrentSubscriptionId equals subscription.Id
            where customer.PartnerTenantId == partnerTenantId
            select new { migration, customer.Name, customer.Domain, Subscription = subscription.FriendlyName };
        query = filter.Status switch
        {
            MigrationStatus.Processing => query.Where(x => x.migration.Phase == MigrationPhase.Requested || x.migration.Phase == MigrationPhase.LegacySuspended),
            MigrationStatus.Completed => query.Where(x => x.migration.Phase == MigrationPhase.Completed),
            MigrationStatus.Failed => query.Where(x => x.migration.Phase == MigrationPhase.FailedLegacyActive || x.migration.Phase == MigrationPhase.FailedLegacySuspended || x.migration.Phase == MigrationPhase.Reverted),
            _ => query,
        };
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(x => x.migration.RequestedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(x => x.migration.RequestedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Customer))
        {
            var term = filter.Customer.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(...) LIKE on both providers
            query = query.Where(x => x.Name.ToLower().Contains(term) || x.Domain.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (filter.MicrosoftLed is { } microsoftLed)
        {
            query = query.Where(x => x.migration.IsMicrosoftLed == microsoftLed);
        }

        if (!string.IsNullOrWhiteSpace(filter.Batch))
        {
            var batch = filter.Batch.Trim();
            query = query.Where(x => x.migration.ExternalReferenceId == batch);
        }

        var total = await query.CountAsync(cancellationToken);
        var sorted = sort switch
        {
            HistorySort.Oldest => query.OrderBy(x => x.migration.RequestedAt).ThenBy(x => x.migration.Id),
            HistorySort.Customer => query.OrderBy(x => x.Name).ThenByDescending(x => x.migration.RequestedAt).ThenBy(x => x.migration.Id),
            HistorySort.CustomerDescending => query.OrderByDescending(x => x.Name).ThenByDescending(x => x.migration.RequestedAt).ThenBy(x => x.migration.Id),
            _ => query.OrderByDescending(x => x.migration.RequestedAt).ThenBy(x => x.migration.Id),
        };
        var rows = await sorted
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new HistoryRow(x.migration.Id, x.migration.CustomerId, x.Name, x.Subscription, x.migration.Phase, x.migration.IsMicrosoftLed, x.migration.ExternalReferenceId, x.migration.RequestedAt, x.migration.CompletedAt, x.migration.ErrorCode))
            .ToListAsync(cancellationToken);
        return new ListPage<HistoryRow>(rows, total, page, pageSize);
    }

    /// <summary>One migration with its events; null for a missing id or another partner's.</summary>
    public async Task<HistoryDetail?> DetailAsync(Guid partnerTenantId, Guid migrationId, CancellationToken cancellationToken = default)
    {
        var found = await (
            from migration in db.MigrationsWithEvents.AsNoTracking()
            join customer in db.Customers on migration.CustomerId equals customer.TenantId
            where migration.Id == migrationId && customer.PartnerTenantId == partnerTenantId
            select new { migration, customer.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var ids = found.migration.Members.Select(m => m.LegacySubscriptionId).ToList();
        var names = await db.LegacySubscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FriendlyName, cancellationToken);
        return new HistoryDetail(found.migration, found.Name, names);
    }
}
