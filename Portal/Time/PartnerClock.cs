using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Partners;
using Portal.Persistence;

namespace Portal.Time;

/// <summary>Why a partner's clock cannot move as asked.</summary>
public sealed class PartnerClockException(string message) : InvalidOperationException(message);

/// <summary>
/// The time a partner lives in: real time (<see cref="TimeProvider"/>) for Production partners; for Sandbox
/// partners real time plus the offset they moved their clock forward by, so they can rehearse a renewal-date or
/// Microsoft-led migration. The clock only moves forward, and at most <see cref="HorizonYears"/> years ahead of real time.
/// </summary>
public sealed class PartnerClock(PortalDbContext db, TimeProvider time)
{
    /// <summary>How far ahead of real time a sandbox clock may go: enough to rehearse any term (36 months at most) and its renewal.</summary>
    public const int HorizonYears = 5;

    /// <summary>The partner's now; real time for a Production partner or an unknown id.</summary>
    public async Task<DateTimeOffset> NowAsync(Guid partnerTenantId, CancellationToken ct)
    {
        var offset = await db.Set<PartnerClockSetting>().AsNoTracking()
            .Where(c => c.PartnerTenantId == partnerTenantId)
            .Select(c => (TimeSpan?)c.Offset)
            .SingleOrDefaultAsync(ct);
        return time.GetUtcNow() + (offset ?? TimeSpan.Zero);
    }

    /// <summary>Every Sandbox partner's offset (the worker reads them once per pass); absent partners run on real time.</summary>
    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> OffsetsAsync(CancellationToken ct) =>
        await db.Set<PartnerClockSetting>().AsNoTracking().ToDictionaryAsync(c => c.PartnerTenantId, c => c.Offset, ct);

    /// <summary>Moves a Sandbox partner's clock forward by <paramref name="by"/>; answers the new now.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(Guid partnerTenantId, TimeSpan by, string actor, CancellationToken ct)
    {
        if (by <= TimeSpan.Zero)
        {
            throw new PartnerClockException("The sandbox clock only moves forward: give a positive amount of time.");
        }

        var current = await NowAsync(partnerTenantId, ct);
        var latest = LatestAllowed();
        if (by > latest - current)
        {
            throw new PartnerClockException(current >= latest
                ? $"The sandbox clock goes at most {HorizonYears} years ahead of real time, and it is already there ({current:yyyy-MM-dd HH:mm:ss} UTC): it cannot move further until real time catches up."
                : $"The sandbox clock goes at most {HorizonYears} years ahead of real time: it is {current:yyyy-MM-dd HH:mm:ss} UTC, so it can move forward by at most {Amount(latest - current)} (to {latest:yyyy-MM-dd HH:mm:ss} UTC).");
        }

        return await SetAsync(partnerTenantId, current + by, actor, ct);
    }

    private DateTimeOffset LatestAllowed() => time.GetUtcNow().AddYears(HorizonYears);

    private static string Amount(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{Math.Floor(span.TotalDays):0} days" : $"{span:hh\\:mm\\:ss} (hours, minutes, seconds)";

    /// <summary>Sets a Sandbox partner's clock to <paramref name="now"/>, which must not be earlier than its current time.</summary>
    public async Task<DateTimeOffset> SetAsync(Guid partnerTenantId, DateTimeOffset now, string actor, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == partnerTenantId, ct)
            ?? throw new PartnerClockException("Unknown partner organization.");
        if (partner.Environment != PartnerEnvironment.Sandbox)
        {
            throw new PartnerClockException($"{partner.Name} is a Production partner: its clock is always real time and cannot be moved.");
        }

        var real = time.GetUtcNow();
        var setting = await db.Set<PartnerClockSetting>().SingleOrDefaultAsync(c => c.PartnerTenantId == partnerTenantId, ct);
        var current = real + (setting?.Offset ?? TimeSpan.Zero);
        var target = now.ToUniversalTime();
        if (target < current)
        {
            throw new PartnerClockException(
                $"The sandbox clock only moves forward: it is {current:yyyy-MM-dd HH:mm:ss} UTC, so {target:yyyy-MM-dd HH:mm:ss} UTC is in its past.");
        }

        var latest = real.AddYears(HorizonYears);
        if (target > latest)
        {
            throw new PartnerClockException(
                $"The sandbox clock goes at most {HorizonYears} years ahead of real time: the latest it can be set to is {latest:yyyy-MM-dd HH:mm:ss} UTC, so {target:yyyy-MM-dd HH:mm:ss} UTC is too far.");
        }

        if (setting is null)
        {
            setting = new PartnerClockSetting { PartnerTenantId = partnerTenantId };
            db.Add(setting);
        }

        setting.Offset = target - real;
        setting.ChangedAt = real;
        db.AuditLog.Add(new AuditEntry
        {
            PartnerTenantId = partnerTenantId,
            Actor = actor,
            Action = "Sandbox clock moved",
            Target = "sandbox clock",
            Detail = $"From {current:yyyy-MM-dd HH:mm:ss} UTC to {target:yyyy-MM-dd HH:mm:ss} UTC (offset {setting.Offset:c} from real time).",
            At = real,
        });
        await db.SaveChangesAsync(ct);
        return target;
    }
}
