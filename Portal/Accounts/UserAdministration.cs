using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Customers;
using Portal.Domain.Common;
using Portal.Persistence;

namespace Portal.Accounts;

/// <summary>A user of the partner as the Users page lists them.</summary>
public sealed record PartnerUserRow(Guid Id, string Email, string DisplayName, string Role, bool IsDisabled, bool IsLockedOut);

/// <summary>The orders the Users page's list can take (the address keeps the name, <c>?sort=EmailDescending</c>).</summary>
public enum UserSort
{
    Email,
    EmailDescending,
    Name,
    NameDescending,
    ActiveFirst,
    DisabledFirst,
}

/// <summary>
/// What a Global admin may do to the users of their own partner: add users, change roles, disable and enable.
/// A user never raises their own role, and a partner always keeps at least one active Global admin.
/// </summary>
public sealed class UserAdministration(PortalDbContext db, UserManager<PortalUser> users, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<PartnerUserRow>> ListAsync(Guid partnerTenantId, CancellationToken cancellationToken = default)
    {
        var members = await db.Users.Where(u => u.PartnerTenantId == partnerTenantId).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var rows = new List<PartnerUserRow>();
        foreach (var user in members)
        {
            rows.Add(new PartnerUserRow(
                user.Id,
                user.Email ?? "",
                user.DisplayName,
                await RoleOfAsync(user),
                user.IsDisabled,
                user.LockoutEnd is { } end && end > time.GetUtcNow()));
        }

        return rows;
    }

    public const int DisplayNameMaxLength = 200;
    public const int PasswordMinLength = 12;

    /// <summary>What is wrong with a new user's email, or null; the Users page checks it while typing, <see cref="AddAsync"/> again.</summary>
    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "Enter the user's email address."
        : !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email.Trim()) ? "Enter a valid email address, like name@example.com."
        : null;

    /// <summary>What is wrong with a new user's name, or null.</summary>
    public static string? DisplayNameProblem(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? "Enter the user's name."
        : displayName.Trim().Length > DisplayNameMaxLength ? $"The name has at most {DisplayNameMaxLength} characters."
        : null;

    /// <summary>What is wrong with a temporary password before Identity's own rules, or null.</summary>
    public static string? PasswordProblem(string? password) =>
        string.IsNullOrEmpty(password) ? "Enter a temporary password."
        : password.Length < PasswordMinLength ? $"The password needs at least {PasswordMinLength} characters."
        : null;

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>One page of the partner's users, sorted and paged by the database (three commands: count, page, the page's roles).</summary>
    public async Task<ListPage<PartnerUserRow>> ListAsync(Guid partnerTenantId, UserSort sort, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Users.AsNoTracking().Where(u => u.PartnerTenantId == partnerTenantId);
        var total = await query.CountAsync(cancellationToken);
        var sorted = sort switch
        {
            UserSort.EmailDescending => query.OrderByDescending(u => u.Email).ThenBy(u => u.Id),
            UserSort.Name => query.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ThenBy(u => u.Id),
            UserSort.NameDescending => query.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Email).ThenBy(u => u.Id),
            UserSort.ActiveFirst => query.OrderBy(u => u.IsDisabled).ThenBy(u => u.Email).ThenBy(u => u.Id),
            UserSort.DisabledFirst => query.OrderByDescending(u => u.IsDisabled).ThenBy(u => u.Email).ThenBy(u => u.Id),
            _ => query.OrderBy(u => u.Email).ThenBy(u => u.Id),
        };
        var members = await sorted.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = members.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => ids.Contains(r.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = members.Select(user => new PartnerUserRow(
            user.Id,
            user.Email ?? "",
            user.DisplayName,
            roles.Where(r => r.UserId == user.Id && r.Name is not null).Select(r => r.Name!).OrderBy(PortalRoles.Rank).FirstOrDefault() ?? "",
            user.IsDisabled,
            user.LockoutEnd is { } end && end > now)).ToList();
        return new ListPage<PartnerUserRow>(rows, total, page, pageSize);
    }

    public async Task<Outcome> AddAsync(PortalUser actor, string email, string displayName, string role, string password, CancellationToken cancellationToken = default)
    {
        if ((EmailProblem(email) ?? DisplayNameProblem(displayName) ?? PasswordProblem(password)) is { } problem)
        {
            return Outcome.Refused("InvalidUser", problem);
        }

        if (!PortalRoles.All.Contains(role))
        {
            return Outcome.Refused("UnknownRole", $"'{role}' is not a role. Choose one of: {string.Join(", ", PortalRoles.All)}.");
        }

        if (PortalRoles.Rank(role) < PortalRoles.Rank(await RoleOfAsync(actor)))
        {
            return Outcome.Refused("RoleAboveYours", "You cannot give a role above your own.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return Outcome.Refused("EmailTaken", $"A user with the email {email} already exists.");
        }

        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            PartnerTenantId = actor.PartnerTenantId,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return Outcome.Refused("InvalidUser", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(actor.PartnerTenantId, actor.Email ?? "", "UserAdded", $"user {email}", $"role {role}", cancellationToken);
        return Outcome.Success;
    }

    public async Task<Outcome> ChangeRoleAsync(PortalUser actor, Guid userId, string role, CancellationToken cancellationToken = default)
    {
        var user = await FindInPartnerAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (!PortalRoles.All.Contains(role))
        {
            return Outcome.Refused("UnknownRole", $"'{role}' is not a role. Choose one of: {string.Join(", ", PortalRoles.All)}.");
        }

        var current = await RoleOfAsync(user);
        if (user.Id == actor.Id && PortalRoles.Rank(role) < PortalRoles.Rank(current))
        {
            return Outcome.Refused("CannotRaiseOwnRole", "You cannot raise your own role; another Global admin must do it.");
        }

        if (PortalRoles.Rank(role) < PortalRoles.Rank(await RoleOfAsync(actor)))
        {
            return Outcome.Refused("RoleAboveYours", "You cannot give a role above your own.");
        }

        if (current == PortalRoles.GlobalAdmin && role != PortalRoles.GlobalAdmin && await IsLastActiveGlobalAdminAsync(user, cancellationToken))
        {
            return LastGlobalAdmin();
        }

        if (current == role)
        {
            return Outcome.Success;
        }

        if (!string.IsNullOrEmpty(current))
        {
            await users.RemoveFromRoleAsync(user, current);
        }

        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor.PartnerTenantId, actor.Email ?? "", "RoleChanged", $"user {user.Email}", $"{current} -> {role}", cancellationToken);
        return Outcome.Success;
    }

    public async Task<Outcome> SetDisabledAsync(PortalUser actor, Guid userId, bool disabled, CancellationToken cancellationToken = default)
    {
        var user = await FindInPartnerAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (disabled && await RoleOfAsync(user) == PortalRoles.GlobalAdmin && await IsLastActiveGlobalAdminAsync(user, cancellationToken))
        {
            return LastGlobalAdmin();
        }

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);

        // A new security stamp ends the user's existing sessions at their next request.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor.PartnerTenantId, actor.Email ?? "", disabled ? "UserDisabled" : "UserEnabled", $"user {user.Email}", null, cancellationToken);
        return Outcome.Success;
    }

    private async Task<PortalUser?> FindInPartnerAsync(PortalUser actor, Guid userId, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.PartnerTenantId == actor.PartnerTenantId, cancellationToken);

    private async Task<bool> IsLastActiveGlobalAdminAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var admins = await users.GetUsersInRoleAsync(PortalRoles.GlobalAdmin);
        cancellationToken.ThrowIfCancellationRequested();
        return !admins.Any(a => a.Id != user.Id && a.PartnerTenantId == user.PartnerTenantId && !a.IsDisabled);
    }

    private async Task<string> RoleOfAsync(PortalUser user) =>
        (await users.GetRolesAsync(user)).OrderBy(PortalRoles.Rank).FirstOrDefault() ?? "";

    private static Outcome NotFound() => Outcome.Refused("NotFound", "There is no such user in your organization.");

    private static Outcome LastGlobalAdmin() =>
        Outcome.Refused("LastGlobalAdmin", "This is the organization's last active Global admin. Make another user Global admin first.");
}
