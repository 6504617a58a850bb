using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Portal.Persistence;

namespace Portal.Instances;

/// <summary>
/// An <see cref="IDistributedCache"/> in the portal's own database (table <c>TokenCache</c>), for Identity.Web's
/// distributed token cache: every instance on the same database sees the tokens any of them acquired (ADR-019).
/// No SQL Server or Redis is needed; expiry follows the injected clock.
/// </summary>
public sealed class DatabaseTokenCache(IServiceScopeFactory scopes, TimeProvider time) : IDistributedCache
{
    /// <summary>Used when the writer names no expiration: MSAL's refresh tokens live about this long.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Now();
        var entry = await db.TokenCache.AsNoTracking().SingleOrDefaultAsync(e => e.Key == key && e.ExpiresAt > now, token);
        if (entry is null)
        {
            return null;
        }

        await SlideAsync(db, entry, now, token);
        return entry.Value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (key.Length > TokenCacheEntry.MaxKeyLength)
        {
            throw new ArgumentException($"A token cache key is at most {TokenCacheEntry.MaxKeyLength} characters.", nameof(key));
        }

        var now = time.GetUtcNow();
        DateTimeOffset? absolute = options.AbsoluteExpiration
            ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        var sliding = options.SlidingExpiration;
        var expires = sliding is { } slide ? now + slide : absolute ?? now + DefaultLifetime;
        if (absolute is { } cap && cap < expires)
        {
            expires = cap;
        }

        var entry = new TokenCacheEntry
        {
            Key = key,
            Value = value,
            ExpiresAt = expires.ToUnixTimeMilliseconds(),
            SlidingMilliseconds = sliding is { } s ? (long)s.TotalMilliseconds : null,
            AbsoluteExpiresAt = absolute?.ToUnixTimeMilliseconds(),
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        // Update, else insert; two instances inserting the same key at once: the loser updates the winner's row.
        for (var attempt = 0; ; attempt++)
        {
            if (await UpdateAsync(db, entry, token) > 0)
            {
                return;
            }

            try
            {
                db.TokenCache.Add(entry);
                await db.SaveChangesAsync(token);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Now();
        var entry = await db.TokenCache.AsNoTracking().SingleOrDefaultAsync(e => e.Key == key && e.ExpiresAt > now, token);
        if (entry is not null)
        {
            await SlideAsync(db, entry, now, token);
        }
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.TokenCache.Where(e => e.Key == key).ExecuteDeleteAsync(token);
    }

    /// <summary>Deletes expired entries; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken token = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = Now();
        return await db.TokenCache.Where(e => e.ExpiresAt <= now).ExecuteDeleteAsync(token);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static Task<int> UpdateAsync(PortalDbContext db, TokenCacheEntry entry, CancellationToken token) =>
        db.TokenCache.Where(e => e.Key == entry.Key).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Value, entry.Value)
            .SetProperty(e => e.ExpiresAt, entry.ExpiresAt)
            .SetProperty(e => e.SlidingMilliseconds, entry.SlidingMilliseconds)
            .SetProperty(e => e.AbsoluteExpiresAt, entry.AbsoluteExpiresAt), token);

    private static async Task SlideAsync(PortalDbContext db, TokenCacheEntry entry, long now, CancellationToken token)
    {
        if (entry.SlidingMilliseconds is not { } sliding)
        {
            return;
        }

        var expires = Math.Min(now + sliding, entry.AbsoluteExpiresAt ?? long.MaxValue);
        await db.TokenCache.Where(e => e.Key == entry.Key).ExecuteUpdateAsync(set => set.SetProperty(e => e.ExpiresAt, expires), token);
    }
}
