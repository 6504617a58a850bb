using Microsoft.EntityFrameworkCore;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Tests.Domain;
using static Portal.Tests.Persistence.StoredData;

namespace Portal.Tests.Persistence;

/// <summary>
/// Queries the app's pages and jobs need, translated to SQL on both providers (SQLite cannot compare
/// DateTimeOffset text, so instants are stored in a sortable binary form there): filters and order on instants,
/// on enum statuses, on dates, and paging. Each is checked against the same query run in memory.
/// </summary>
public class QueryTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset FirstEnd = new(2025, 9, 30, 23, 59, 59, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, OnBothProviders]
    public async Task Subscriptions_filter_and_sort_by_term_end_and_status_and_page(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscriptions = Subscriptions();
        await SeedAsync(store, [.. subscriptions]);

        await using var db = store.NewContext();
        var cutoff = FirstEnd.AddMonths(4);

        // Ending before a date, soonest first.
        Assert.Equal(
            subscriptions.Where(s => s.TermEnd < cutoff).OrderBy(s => s.TermEnd).Select(s => s.FriendlyName),
            await db.LegacySubscriptions.Where(s => s.TermEnd < cutoff).OrderBy(s => s.TermEnd).Select(s => s.FriendlyName).ToListAsync(Ct));

        // Active ones ending in a window, latest first; an instant one second before a term end excludes it.
        var from = FirstEnd.AddMonths(2);
        var to = FirstEnd.AddMonths(8).AddSeconds(-1);
        Assert.Equal(
            subscriptions.Where(s => s.Status == LegacySubscriptionStatus.Active && s.TermEnd >= from && s.TermEnd <= to)
                .OrderByDescending(s => s.TermEnd).Select(s => s.FriendlyName),
            await db.LegacySubscriptions.Where(s => s.Status == LegacySubscriptionStatus.Active && s.TermEnd >= from && s.TermEnd <= to)
                .OrderByDescending(s => s.TermEnd).Select(s => s.FriendlyName).ToListAsync(Ct));

        // Several statuses, by name.
        var statuses = new[] { LegacySubscriptionStatus.Suspended, LegacySubscriptionStatus.Expired };
        Assert.Equal(
            subscriptions.Where(s => statuses.Contains(s.Status)).OrderBy(s => s.FriendlyName).Select(s => s.FriendlyName),
            await db.LegacySubscriptions.Where(s => statuses.Contains(s.Status)).OrderBy(s => s.FriendlyName).Select(s => s.FriendlyName).ToListAsync(Ct));
        Assert.Equal(
            subscriptions.Count(s => s.Status > LegacySubscriptionStatus.Active && s.CustomerId == A.CustomerTenantId),
            await db.LegacySubscriptions.CountAsync(s => s.Status != LegacySubscriptionStatus.Active && s.CustomerId == A.CustomerTenantId, Ct));

        // Counted per status, the way a dashboard shows them.
        Assert.Equal(
            subscriptions.GroupBy(s => s.Status).OrderBy(g => g.Key.ToString()).Select(g => (g.Key, g.Count())),
            (await db.LegacySubscriptions.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct))
                .OrderBy(g => g.Key.ToString()).Select(g => (g.Key, g.Count)));

        // Paged: every page as in memory, and the pages together are the whole ordered list.
        var all = subscriptions.OrderBy(s => s.TermEnd).ThenBy(s => s.FriendlyName).Select(s => s.Id).ToList();
        var pages = new List<Guid>();
        const int pageSize = 4;
        for (var page = 0; page * pageSize < all.Count; page++)
        {
            var ids = await db.LegacySubscriptions.OrderBy(s => s.TermEnd).ThenBy(s => s.FriendlyName)
                .Skip(page * pageSize).Take(pageSize).Select(s => s.Id).ToListAsync(Ct);
            Assert.Equal(all.Skip(page * pageSize).Take(pageSize), ids);
            pages.AddRange(ids);
        }

        Assert.Equal(all, pages);
        Assert.Equal(subscriptions.Count, await db.LegacySubscriptions.CountAsync(Ct));

        // The soonest renewal of one customer, as an instant in UTC.
        var soonest = await db.LegacySubscriptions.Where(s => s.CustomerId == OtherCustomer.TenantId)
            .OrderBy(s => s.TermEnd).Select(s => s.TermEnd).FirstAsync(Ct);
        Assert.Equal(subscriptions.Where(s => s.CustomerId == OtherCustomer.TenantId).Min(s => s.TermEnd), soonest);
        Assert.Equal(TimeSpan.Zero, soonest.Offset);
    }

    [Theory, OnBothProviders]
    public async Task Migrations_filter_by_phase_and_sort_by_request_and_completion_instants(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscriptions = Enumerable.Range(0, 6).Select(i => A.Subscription().Named($"S{i}").Build()).ToList();
        await SeedAsync(store, [.. subscriptions]);
        var migrations = new List<Migration>();
        await using (var db = store.NewContext())
        {
            var legacy = await db.LegacySubscriptions.OrderBy(s => s.FriendlyName).ToListAsync(Ct);
            for (var i = 0; i < legacy.Count; i++)
            {
                var members = new[] { legacy[i] };
                var migration = Migration.Request(Guid.NewGuid(), A.CustomerTenantId, Lines(members), members, A.Now.AddHours(-i));
                if (i % 3 == 1)
                {
                    migration.Fail(members, "E", "Refused.", A.Now.AddHours(-i).AddMinutes(i));
                }
                else if (i % 3 == 2)
                {
                    migration.Begin(members);
                }

                migrations.Add(migration);
                db.Migrations.Add(migration);
            }

            await db.SaveChangesAsync(Ct);
        }

        await using var read = store.NewContext();
        var inFlight = new[] { MigrationPhase.Requested, MigrationPhase.LegacySuspended, MigrationPhase.FailedLegacySuspended };
        Assert.Equal(
            migrations.Where(m => inFlight.Contains(m.Phase)).OrderByDescending(m => m.RequestedAt).Select(m => m.Id),
            await read.Migrations.Where(m => inFlight.Contains(m.Phase)).OrderByDescending(m => m.RequestedAt).Select(m => m.Id).ToListAsync(Ct));
        var since = A.Now.AddHours(-3);
        Assert.Equal(
            migrations.Where(m => m.CompletedAt != null && m.CompletedAt >= since).OrderBy(m => m.CompletedAt).Select(m => m.Id),
            await read.Migrations.Where(m => m.CompletedAt != null && m.CompletedAt >= since).OrderBy(m => m.CompletedAt).Select(m => m.Id).ToListAsync(Ct));

        // A subscription's history: its events, newest first, across migrations.
        var subscription = subscriptions[4].Id;
        Assert.Equal(
            migrations.SelectMany(m => m.Events).Where(e => e.CurrentSubscriptionId == subscription).OrderByDescending(e => e.CreatedAt).Select(e => e.Name),
            await read.MigrationEvents.Where(e => e.CurrentSubscriptionId == subscription).OrderByDescending(e => e.CreatedAt).Select(e => e.Name).ToListAsync(Ct));

        // Members that still hold their subscription, and the migration that holds a given one.
        Assert.Equal(
            migrations.Count(m => m.IsInFlight),
            await read.Migrations.CountAsync(m => m.Members.Any(member => member.HoldsSubscription), Ct));
        Assert.Equal(
            migrations[2].Id,
            await read.Migrations.Where(m => m.Members.Any(member => member.LegacySubscriptionId == subscriptions[2].Id && member.HoldsSubscription))
                .Select(m => m.Id).SingleAsync(Ct));
    }

    [Theory, OnBothProviders]
    public async Task Due_schedules_and_recent_New_Commerce_purchases_are_found_by_date_and_instant(DatabaseProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var subscriptions = Enumerable.Range(0, 6)
            .Select(i => A.Subscription().Named($"S{i}").EndingAt(FirstEnd.AddMonths(i)).Build())
            .ToList();
        await SeedAsync(store, [.. subscriptions]);
        var schedules = subscriptions.Select((s, i) => MigrationSchedule.Create(
                Guid.NewGuid(),
                A.CustomerTenantId,
                s.Id,
                s.TermEnd,
                i % 2 == 0 ? ScheduleTiming.OnRenewal : ScheduleTiming.OnDate(new DateOnly(2025, 9, 15).AddDays(7 * i)),
                Lines(s),
                A.Now))
            .ToList();
        schedules[5].Cancel(A.Now);
        var nce = Enumerable.Range(0, 5).Select(i => A.NceSubscription().CreatedAt(A.Now.AddDays(-2 * i)).Build()).ToList();
        await store.SaveAsync(db =>
        {
            db.Schedules.AddRange(schedules);
            db.NceSubscriptions.AddRange(nce);
        });

        await using var read = store.NewContext();

        // Due at a moment: on a target date that has come, or on renewal after the term end's day.
        var now = new DateTimeOffset(2025, 10, 2, 0, 0, 0, TimeSpan.Zero);
        var today = TermDates.UtcDate(now);
        var renewedBefore = TermDates.StartInstant(today);
        Assert.Equal(
            schedules.Where(s => s.IsDue(now)).Select(s => s.Id).Order(),
            (await read.Schedules
                .Where(s => s.Status == ScheduleStatus.Created)
                .Where(s => s.Timing.TargetDate != null ? s.Timing.TargetDate <= today : s.SubscriptionTermEnd < renewedBefore)
                .Select(s => s.Id).ToListAsync(Ct)).Order());
        Assert.Contains(schedules, s => s.IsDue(now));
        Assert.Equal(
            schedules.Where(s => s.Status == ScheduleStatus.Created).OrderBy(s => s.SubscriptionTermEnd).Select(s => s.Id),
            await read.Schedules.Where(s => s.Status == ScheduleStatus.Created).OrderBy(s => s.SubscriptionTermEnd).Select(s => s.Id).ToListAsync(Ct));

        // New Commerce subscriptions still inside their 7-day cancellation window.
        var windowOpenedAfter = A.Now - NceSubscription.CancellationWindow;
        Assert.Equal(
            nce.Where(s => s.IsInCancellationWindow(A.Now)).OrderByDescending(s => s.CreatedAt).Select(s => s.Id),
            await read.NceSubscriptions.Where(s => s.CreatedAt > windowOpenedAfter).OrderByDescending(s => s.CreatedAt).Select(s => s.Id).ToListAsync(Ct));
    }

    /// <summary>Twelve subscriptions over two customers, each ending a month after the last, in every status.</summary>
    private static List<LegacySubscription> Subscriptions()
    {
        var statuses = Enum.GetValues<LegacySubscriptionStatus>();
        return [.. Enumerable.Range(0, 12).Select(i => A.Subscription()
            .Named($"Subscription {i:00}")
            .OfCustomer(i % 3 == 0 ? OtherCustomer.TenantId : A.CustomerTenantId)
            .EndingAt(FirstEnd.AddMonths((i * 5) % 12))
            .WithStatus(statuses[i % statuses.Length])
            .Build())];
    }
}
