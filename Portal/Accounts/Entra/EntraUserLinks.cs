using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Persistence;

namespace Portal.Accounts.Entra;

/// <summary>A user of the partner with the Microsoft Entra account linked to them, as the Entra links page lists them.</summary>
public sealed record EntraLinkRow(Guid UserId, string Email, string DisplayName, string Role, bool IsDisabled, string? EntraObjectId);

/// <summary>
/// How a Global admin maps the people of their Entra tenant to portal users (and so to roles): by linking an Entra
/// object id to a user of their own partner (<see cref="PortalUser.EntraObjectId"/>). Sign-in with Microsoft finds
/// the user by that link; the user's portal role applies.
/// </summary>
public sealed class EntraUserLinks(PortalDbContext db, UserAdministration users, AuditLog audit)
{
    /// <summary>The stored form of an object id: lower-case, with hyphens, as Entra writes it in tokens.</summary>
    public static string Normalize(Guid objectId) => objectId.ToString("D", CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<EntraLinkRow>> ListAsync(Guid partnerTenantId, CancellationToken cancellationToken = default)
    {
        var links = await db.Users.AsNoTracking()
            .Where(u => u.PartnerTenantId == partnerTenantId)
            .Select(u => new { u.Id, u.EntraObjectId })
            .ToDictionaryAsync(u => u.Id, u => u.EntraObjectId, cancellationToken);
        var rows = await users.ListAsync(partnerTenantId, cancellationToken);
        return [.. rows.Select(r => new EntraLinkRow(r.Id, r.Email, r.DisplayName, r.Role, r.IsDisabled, links.GetValueOrDefault(r.Id)))];
    }

    public async Task<Outcome> LinkAsync(PortalUser actor, Guid userId, string? objectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Guid.TryParse(objectId?.Trim(), out var parsed) || parsed == Guid.Empty)
        {
            return Outcome.Refused("InvalidObjectId", "Enter the user's Microsoft Entra object id: a GUID like 8f0e2c1a-4b7d-4e3a-9c52-1d2e3f4a5b6c (Entra admin center, Users, the user's Overview).");
        }

        var user = await FindInPartnerAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var normalized = Normalize(parsed);
        var holder = await db.Users.AsNoTracking()
            .Where(u => u.PartnerTenantId == actor.PartnerTenantId && u.EntraObjectId == normalized && u.Id != user.Id)
            .Select(u => u.Email)
            .FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            return Outcome.Refused("AlreadyLinked", $"That Microsoft Entra account is already linked to {holder}. Unlink it there first.");
        }

        var previous = user.EntraObjectId;
        user.EntraObjectId = normalized;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor.PartnerTenantId, actor.Email ?? "", "EntraAccountLinked", $"user {user.Email}", previous is null ? $"object id {normalized}" : $"object id {previous} -> {normalized}", cancellationToken);
        return Outcome.Success;
    }

    public async Task<Outcome> UnlinkAsync(PortalUser actor, Guid userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await FindInPartnerAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (user.EntraObjectId is not { } previous)
        {
            return Outcome.Success;
        }

        user.EntraObjectId = null;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor.PartnerTenantId, actor.Email ?? "", "EntraAccountUnlinked", $"user {user.Email}", $"object id {previous}", cancellationToken);
        return Outcome.Success;
    }

    private async Task<PortalUser?> FindInPartnerAsync(PortalUser actor, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.PartnerTenantId == actor.PartnerTenantId, cancellationToken);

    private static Outcome NotFound() => Outcome.Refused("NotFound", "There is no such user in your organization.");
}
