using Portal.Csv.Exports;
using Portal.Demo;
using Portal.Domain.MicrosoftLed;
using Portal.Time;

namespace Portal.Benchmarks;

/// <summary>
/// The three exports, through their public entry point (the export's rows written by <see cref="CsvStreaming"/>, as the
/// endpoints do), against a raw CSV dump of the same rows (a <see cref="System.Data.Common.DbDataReader"/> loop), with
/// the export's largest managed heap seen and the live heap after it.
/// </summary>
internal static class ExportReads
{
    private static readonly Guid Partner = DemoIds.ScaleTenantId;

    public static async Task<IReadOnlyList<BenchRow>> MeasureAsync(Bench bench, TextWriter output)
    {
        DateTimeOffset now;
        await using (var scope = bench.Services.CreateAsyncScope())
        {
            now = await scope.ServiceProvider.GetRequiredService<PartnerClock>().NowAsync(Partner, CancellationToken.None);
        }

        var rows = new List<BenchRow>
        {
            await CompareAsync(bench, "export: subscriptions with eligibility", services => services.GetRequiredService<SubscriptionsExport>(), now, raw => (
                """SELECT c."Name", c."TenantId", s.* FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId" WHERE c."PartnerTenantId" = @p0 ORDER BY c."TenantId", s."FriendlyName" """,
                [raw.Id(Partner)])),
            await CompareAsync(bench, "export: Microsoft-led migration data", services => services.GetRequiredService<MicrosoftLedExport>(), now, raw => (
                """SELECT c."Name", c."TenantId", s.* FROM "LegacySubscriptions" s JOIN "Customers" c ON c."TenantId" = s."CustomerId" WHERE c."PartnerTenantId" = @p0 AND s."Status" IN ('Active', 'Suspended') AND s."TermEnd" > @p1 AND s."TermEnd" <= @p2 ORDER BY c."TenantId", s."TermEnd" """,
                [raw.Id(Partner), raw.Instant(now), raw.Instant(now.AddMonths(MigrationExport.WindowMonths))])),
            await CompareAsync(bench, "export: migration results", services => services.GetRequiredService<MigrationResultsExport>(), now, raw => (
                """
                SELECT c."Name", m."CustomerId", mm."LegacySubscriptionId", s."FriendlyName", mm."ParentSubscriptionId", m."IsMicrosoftLed", m."RequestedAt", m."CompletedAt", m."Phase",
                  mm."TargetTerm", mm."TargetBilling", mm."TargetQuantity", m."ErrorCode", m."ErrorDescription", mm."NceSubscriptionId", m."ExternalReferenceId", m."Id"
                FROM "Migrations" m JOIN "Customers" c ON c."TenantId" = m."CustomerId" JOIN "MigrationMembers" mm ON mm."MigrationId" = m."Id" JOIN "LegacySubscriptions" s ON s."Id" = mm."LegacySubscriptionId"
                WHERE c."PartnerTenantId" = @p0 ORDER BY m."RequestedAt", m."Id", mm."ParentSubscriptionId" IS NOT NULL, s."FriendlyName"
                """,
                [raw.Id(Partner)])),
        };
        output.WriteLine("measured: exports");
        return rows;
    }

    private static async Task<BenchRow> CompareAsync(Bench bench, string name, Func<IServiceProvider, ICsvExport> export, DateTimeOffset now, Func<RawReads, (string Sql, object[] Args)> dump)
    {
        long peak = 0;
        var result = await bench.CompareAsync(name, "<= 2x", 2,
            async services =>
            {
                var csv = export(services);
                await using var sink = Stream.Null;
                return await csv.WriteAsync(sink, Partner, now, ExportFilter.None, CancellationToken.None,
                    progress: _ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false)));
            },
            raw =>
            {
                var (sql, args) = dump(raw);
                return raw.DumpCsvAsync(Stream.Null, sql, args, CancellationToken.None);
            });
        var live = GC.GetTotalMemory(forceFullCollection: true);
        return result with { Memory = BenchCommand.Invariant($"peak heap {peak / 1024.0 / 1024.0:F0} MB, live after {live / 1024.0 / 1024.0:F0} MB") };
    }
}
