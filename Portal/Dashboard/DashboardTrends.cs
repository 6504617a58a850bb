using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;

namespace Portal.Dashboard;

/// <summary>A week of a trend: its first day (UTC) and the counts of that week.</summary>
public sealed record WeekCount(DateOnly Start, int Count);

/// <summary>Everything the dashboard shows, kept together so the prerendered page can hand it to the circuit.</summary>
public sealed record DashboardView(Dashboard Figures, MigrationWeeks Migrations, IReadOnlyList<WeekCount> Renewals);

/// <summary>The partner's migrations requested per week over the last weeks, by status: Processing, Completed, Failed.</summary>
public sealed record MigrationWeeks(IReadOnlyList<DateOnly> Weeks, IReadOnlyDictionary<MigrationStatus, IReadOnlyList<int>> ByStatus)
{
    public int Total => ByStatus.Values.Sum(counts => counts.Sum());
}

/// <summary>
/// The dashboard's trends, counted in the database: each row falls in one week (a CASE over the week boundaries,
/// which SQLite and PostgreSQL both run) and only the counts per week come back, never the rows.
/// </summary>
public sealed class DashboardTrends(PortalDbContext db)
{
    /// <summary>Weeks of migrations shown, the current one last.</summary>
    public const int MigrationWeekCount = 12;

    /// <summary>Active base subscriptions renewing (their term ends) in each week of the next <see cref="DashboardFigures.RenewalWindowDays"/> days, from the partner's today.</summary>
    public async Task<IReadOnlyList<WeekCount>> RenewalsPerWeekAsync(Guid partnerTenantId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var starts = WeekStarts(TermDates.UtcDate(now), (DashboardFigures.RenewalWindowDays + 6) / 7);
        var until = now.AddDays(DashboardFigures.RenewalWindowDays);
        var customers = db.Customers.Where(c => c.PartnerTenantId == partnerTenantId).Select(c => c.TenantId);
        var counts = await db.LegacySubscriptions.AsNoTracking()
            .Where(s => customers.Contains(s.CustomerId) && s.Status == LegacySubscriptionStatus.Active && s.ParentSubscriptionId == null)
            .Where(s => s.TermEnd >= now && s.TermEnd <= until)
            .GroupBy(WeekOf<LegacySubscription>(s => s.TermEnd, starts))
            .Select(g => new { Week = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Week, g => g.Count, cancellationToken);
        return [.. starts.Select((start, i) => new WeekCount(start, counts.GetValueOrDefault(i)))];
    }

    /// <summary>The partner's migrations requested in each of the last <see cref="MigrationWeekCount"/> weeks (the current one last), by status.</summary>
    public async Task<MigrationWeeks> MigrationsPerWeekAsync(Guid partnerTenantId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var starts = WeekStarts(TermDates.UtcDate(now).AddDays(-7 * (MigrationWeekCount - 1)), MigrationWeekCount);
        var from = TermDates.StartInstant(starts[0]);
        var customers = db.Customers.Where(c => c.PartnerTenantId == partnerTenantId).Select(c => c.TenantId);
        var rows = await db.Migrations.AsNoTracking()
            .Where(m => customers.Contains(m.CustomerId) && m.RequestedAt >= from && m.RequestedAt <= now)
            .Select(PhaseWeekOf(starts))
            .GroupBy(m => new { m.Phase, m.Week })
            .Select(g => new { g.Key.Phase, g.Key.Week, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<MigrationStatus>().ToDictionary(
            status => status,
            status => (IReadOnlyList<int>)[.. starts.Select((_, week) => rows.Where(r => r.Week == week && StatusOf(r.Phase) == status).Sum(r => r.Count))]);
        return new MigrationWeeks(starts, byStatus);
    }

    /// <summary>A week's label on a chart axis: its first day.</summary>
    public static string Label(DateOnly weekStart) => weekStart.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>The status a phase reports (<see cref="Migration.Status"/>), for counts grouped by the stored phase.</summary>
    public static MigrationStatus StatusOf(MigrationPhase phase) => phase switch
    {
        MigrationPhase.Requested or MigrationPhase.LegacySuspended => MigrationStatus.Processing,
        MigrationPhase.Completed => MigrationStatus.Completed,
        _ => MigrationStatus.Failed,
    };

    private static List<DateOnly> WeekStarts(DateOnly first, int count) => [.. Enumerable.Range(0, count).Select(i => first.AddDays(7 * i))];

    /// <summary>The index of the week an instant falls in: <c>at &lt; start1 ? 0 : at &lt; start2 ? 1 : …</c> (the last week takes the rest).</summary>
    private static Expression<Func<T, int>> WeekOf<T>(Expression<Func<T, DateTimeOffset>> at, IReadOnlyList<DateOnly> starts)
    {
        Expression index = Expression.Constant(starts.Count - 1);
        for (var week = starts.Count - 2; week >= 0; week--)
        {
            var nextStart = Expression.Constant(TermDates.StartInstant(starts[week + 1]));
            index = Expression.Condition(Expression.LessThan(at.Body, nextStart), Expression.Constant(week), index);
        }

        return Expression.Lambda<Func<T, int>>(index, at.Parameters);
    }

    private static Expression<Func<Migration, PhaseWeek>> PhaseWeekOf(IReadOnlyList<DateOnly> starts)
    {
        var week = WeekOf<Migration>(m => m.RequestedAt, starts);
        var migration = week.Parameters[0];
        return Expression.Lambda<Func<Migration, PhaseWeek>>(
            Expression.MemberInit(
                Expression.New(typeof(PhaseWeek)),
                Expression.Bind(typeof(PhaseWeek).GetProperty(nameof(PhaseWeek.Phase))!, Expression.Property(migration, nameof(Migration.Phase))),
                Expression.Bind(typeof(PhaseWeek).GetProperty(nameof(PhaseWeek.Week))!, week.Body)),
            migration);
    }

    private sealed class PhaseWeek
    {
        public MigrationPhase Phase { get; init; }

        public int Week { get; init; }
    }
}
