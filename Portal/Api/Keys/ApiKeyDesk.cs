using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.ApiKeys;
using Portal.Audit;
using Portal.Customers;
using Portal.Domain.Common;
using Portal.Persistence;

namespace Portal.Api.Keys;

/// <summary>A key just made, with the secret that is shown this once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>The orders the API keys page's list can take (the address keeps the name, <c>?sort=NewestFirst</c>).</summary>
public enum ApiKeySort
{
    ActiveFirst,
    RevokedFirst,
    Name,
    NameDescending,
    NewestFirst,
    OldestFirst,
}

/// <summary>
/// Creates, lists and revokes a partner's API keys (Global admins, through the API keys page) and finds the key
/// behind a bearer secret. Every call is scoped to the partner; another partner's key answers "not found".
/// </summary>
public sealed class ApiKeyDesk(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    public const int NameMaxLength = 100;
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid partnerTenantId, CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AsNoTracking()
            .Where(k => k.PartnerTenantId == partnerTenantId)
            .OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Prefix)
            .ToListAsync(cancellationToken);

    /// <summary>What is wrong with a key's name (the message names the field), or null; the page checks it while typing.</summary>
    public static string? NameProblem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length == 0 ? "Name: give the key a name that says what uses it, e.g. 'billing sync'."
            : trimmed.Length > NameMaxLength ? $"Name: at most {NameMaxLength} characters."
            : null;
    }

    /// <summary>What is wrong with a key's role, or null.</summary>
    public static string? RoleProblem(string? role) =>
        role is null || !PortalRoles.All.Contains(role) ? $"Role: choose one of {string.Join(", ", PortalRoles.All)}." : null;

    /// <summary>One page of the partner's keys, sorted and paged by the database (two commands: count and page).</summary>
    public async Task<ListPage<ApiKey>> ListAsync(Guid partnerTenantId, ApiKeySort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.ApiKeys.AsNoTracking().Where(k => k.PartnerTenantId == partnerTenantId);
        var total = await query.CountAsync(cancellationToken);
        var sorted = sort switch
        {
            ApiKeySort.RevokedFirst => query.OrderBy(k => k.RevokedAt == null).ThenBy(k => k.Name).ThenBy(k => k.Prefix),
            ApiKeySort.Name => query.OrderBy(k => k.Name).ThenBy(k => k.Prefix),
            ApiKeySort.NameDescending => query.OrderByDescending(k => k.Name).ThenBy(k => k.Prefix),
            ApiKeySort.NewestFirst => query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Prefix),
            ApiKeySort.OldestFirst => query.OrderBy(k => k.CreatedAt).ThenBy(k => k.Prefix),
            _ => query.OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ThenBy(k => k.Prefix),
        };
        var items = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new ListPage<ApiKey>(items, total, page, pageSize);
    }

    /// <summary>Makes a key with <paramref name="role"/>; refused with a message naming the field for a bad name or role.</summary>
    public async Task<(Outcome Outcome, IssuedApiKey? Issued)> CreateAsync(Guid partnerTenantId, string actor, string? name, string? role, CancellationToken cancellationToken = default)
    {
        name = name?.Trim() ?? "";
        if (NameProblem(name) is { } nameProblem)
        {
            return (Outcome.Refused("name", nameProblem), null);
        }

        if (role is null || RoleProblem(role) is { } roleProblem)
        {
            return (Outcome.Refused("role", RoleProblem(role)!), null);
        }

        var secret = ApiKeySecret.New();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            PartnerTenantId = partnerTenantId,
            Name = name,
            Prefix = ApiKeySecret.PrefixOf(secret),
            SecretHash = ApiKeySecret.Hash(secret),
            Role = role,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);

        // The audit entry is saved with the key: both or neither.
        await audit.RecordAsync(partnerTenantId, actor, "ApiKeyCreated", $"api key {key.Prefix}", $"{name}, role {role}", cancellationToken);
        return (Outcome.Success, new IssuedApiKey(key, secret));
    }

    public async Task<Outcome> RevokeAsync(Guid partnerTenantId, string actor, Guid keyId, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.PartnerTenantId == partnerTenantId, cancellationToken);
        if (key is null)
        {
            return Outcome.Refused("NotFound", "No such API key.");
        }

        if (key.RevokedAt is not null)
        {
            return Outcome.Refused("AlreadyRevoked", $"The key '{key.Name}' was already revoked.");
        }

        key.RevokedAt = time.GetUtcNow();
        await audit.RecordAsync(partnerTenantId, actor, "ApiKeyRevoked", $"api key {key.Prefix}", key.Name, cancellationToken);
        return Outcome.Success;
    }

    /// <summary>The key whose secret this is (revoked ones included, so the caller can say so), or null.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(ApiKeySecret.Marker, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(secret);
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, cancellationToken);
    }
}
