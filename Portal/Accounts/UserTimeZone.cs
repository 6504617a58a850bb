using Microsoft.AspNetCore.Identity;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Time;

namespace Portal.Accounts;

/// <summary>One time zone a user may pick, labelled with its standard offset from UTC.</summary>
public sealed record TimeZoneChoice(string Id, string Label);

/// <summary>
/// Each user's time zone. Instants are stored in UTC everywhere; a user's zone (an IANA id on <see cref="PortalUser"/>,
/// carried in the sign-in cookie) only decides how they are shown (ADR-011). Picking a zone refreshes the cookie so
/// the next page already shows it.
/// </summary>
public sealed class UserTimeZone(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, AuditLog audit)
{
    public const int MaxIdLength = 64;

    private static readonly Lazy<IReadOnlyList<TimeZoneChoice>> LazyChoices = new(BuildChoices);

    /// <summary>The zones offered, west to east then by name; every id is an IANA id this machine knows.</summary>
    public static IReadOnlyList<TimeZoneChoice> Choices => LazyChoices.Value;

    /// <summary>The zone to show times in for <paramref name="id"/>; UTC when unset or unknown.</summary>
    public static TimeZoneInfo Resolve(string? id) => PartnerTime.FindZone(id) ?? TimeZoneInfo.Utc;

    /// <summary>True when <paramref name="id"/> is one of <see cref="Choices"/>, the same list the settings page offers.</summary>
    public static bool IsOffered(string? id) => id is not null && Choices.Any(c => c.Id == id);

    /// <summary>Stores <paramref name="zoneId"/> as the user's zone and refreshes their sign-in cookie.</summary>
    public async Task<Outcome> SetAsync(PortalUser user, string? zoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!IsOffered(zoneId))
        {
            return Outcome.Refused("UnknownTimeZone", "Time zone: pick one of the zones in the list.");
        }

        var previous = user.TimeZoneId;
        user.TimeZoneId = zoneId!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return Outcome.Refused("NotSaved", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await audit.RecordAsync(user.PartnerTenantId, user.Email ?? user.UserName ?? "", "TimeZoneChanged", $"user {user.Email}", $"{previous} -> {zoneId}", cancellationToken);
        await signIn.RefreshSignInAsync(user);
        return Outcome.Success;
    }

    private static List<TimeZoneChoice> BuildChoices()
    {
        var zones = TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.Id.Contains('/', StringComparison.Ordinal) && z.Id.Length <= MaxIdLength && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .OrderBy(z => z.BaseUtcOffset)
            .ThenBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => new TimeZoneChoice(z.Id, $"(UTC{Offset(z.BaseUtcOffset)}) {z.Id.Replace('_', ' ')}"))
            .ToList();
        zones.Insert(0, new TimeZoneChoice("UTC", "(UTC) Coordinated Universal Time"));
        return zones;
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);
}
