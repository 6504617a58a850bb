using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Domain.Terms;
using Portal.Engine;

namespace Portal.PartnerCenter;

/// <summary>
/// The worker's <see cref="ICommerceBackend"/> on the real Partner Center (<c>Commerce:Backend = PartnerCenter</c>):
/// a requested migration is created there (the base subscription with its add-ons, with the migration's external
/// reference, or its id when it has none); then each pass reads it back and records what Partner Center reports:
/// Processing begins the migration (legacy side suspended), Completed records the New Commerce subscriptions it
/// names and completes, Failed fails it. The remote migration is found again by subscription and external
/// reference, so nothing beyond the portal's own migration needs storing.
/// </summary>
public sealed class PartnerCenterCommerceBackend(PartnerCenterClient client) : ICommerceBackend
{
    /// <summary>How soon to look again at a migration Partner Center is still processing.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    public const string FailureCode = "PartnerCenterFailed";

    public async Task<DateTimeOffset?> AdvanceAsync(CommerceStep work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        var migration = work.Migration;
        if (migration.Phase is not (MigrationPhase.Requested or MigrationPhase.LegacySuspended))
        {
            return migration.Phase == MigrationPhase.FailedLegacySuspended ? migration.ResolutionDeadline : null;
        }

        var remote = await FindAsync(migration, ct);
        if (remote is null)
        {
            if (migration.Phase == MigrationPhase.Requested)
            {
                await client.CreateMigrationAsync(migration.CustomerId, RequestOf(migration), ct);
            }

            return work.Now + PollInterval;
        }

        switch (remote.Status)
        {
            case "Failed":
                migration.Fail(work.LegacyMembers, remote.ErrorCode ?? FailureCode, remote.ErrorDescription ?? "Partner Center reported the migration as failed.", work.Now);
                return migration.Phase == MigrationPhase.FailedLegacySuspended ? migration.ResolutionDeadline : null;
            case "Completed":
                Begin(migration, work);
                RecordCompletion(migration, remote, work);
                return null;
            default:
                Begin(migration, work);
                return work.Now + PollInterval;
        }
    }

    /// <summary>Partner Center reverts a failed migration on its side; the portal records that the legacy subscriptions are Active again.</summary>
    public Task RevertAsync(CommerceStep work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.Migration.Revert(work.LegacyMembers, work.Now);
        return Task.CompletedTask;
    }

    /// <summary>The external reference the portal gives the migration in Partner Center.</summary>
    public static string ReferenceOf(Migration migration) => migration.ExternalReferenceId ?? migration.Id.ToString();

    private async Task<NewCommerceMigration?> FindAsync(Migration migration, CancellationToken ct)
    {
        NewCommerceMigration? found = null;
        var query = new NewCommerceMigrationQuery(CurrentSubscriptionId: migration.CurrentSubscriptionId.ToString());
        await foreach (var candidate in client.ListMigrationsAsync(query, ct))
        {
            if (candidate.ExternalReferenceId == ReferenceOf(migration) && (found is null || candidate.StartedTime > found.StartedTime))
            {
                found = candidate;
            }
        }

        return found;
    }

    private static void Begin(Migration migration, CommerceStep work)
    {
        if (migration.Phase == MigrationPhase.Requested)
        {
            migration.Begin(work.LegacyMembers);
        }
    }

    private static void RecordCompletion(Migration migration, NewCommerceMigration remote, CommerceStep work)
    {
        var at = remote.CompletedTime ?? work.Now;
        foreach (var member in migration.Members.Where(m => m.NceSubscriptionId is null))
        {
            var reported = member.LegacySubscriptionId == migration.CurrentSubscriptionId
                ? remote
                : remote.AddOnMigrations.FirstOrDefault(a => a.CurrentSubscriptionId == member.LegacySubscriptionId.ToString());
            if (reported?.NewCommerceSubscriptionId is not { } remoteId || !Guid.TryParse(remoteId, out var nceId))
            {
                throw new PartnerCenterException($"Partner Center completed migration {remote.Id} without a New Commerce subscription for {member.LegacySubscriptionId}.");
            }

            var legacy = work.LegacyMembers.Single(l => l.Id == member.LegacySubscriptionId);
            var end = reported.SubscriptionEndDate ?? TermDates.EndInstant(EligibilityEvaluator.NceEndDate(legacy, member.Target, at));
            work.Db.NceSubscriptions.Add(NceSubscription.Create(
                nceId, migration.CustomerId, reported.CatalogItemId ?? member.CatalogItemId, legacy.FriendlyName,
                member.Target.Quantity, member.Target.Term, member.Target.Billing, at, end, at, legacy.Id));
            migration.RecordNceSubscriptionCreated(legacy.Id, nceId, at);
        }

        foreach (var member in migration.Members.Where(m => m.ProvisionedAt is null))
        {
            migration.RecordProvisioned(member.LegacySubscriptionId, at);
        }

        migration.Complete(work.LegacyMembers, at);
    }

    private static NewCommerceMigrationRequest RequestOf(Migration migration)
    {
        var main = migration.Members.Single(m => m.LegacySubscriptionId == migration.CurrentSubscriptionId);
        return Line(main, ReferenceOf(migration)) with
        {
            AddOnMigrations = [.. migration.Members.Where(m => m != main).Select(m => Line(m, null))],
        };
    }

    private static NewCommerceMigrationRequest Line(MigrationMember member, string? reference) => new()
    {
        CurrentSubscriptionId = member.LegacySubscriptionId.ToString(),
        TermDuration = member.Target.Term.ToString(),
        BillingCycle = member.Target.Billing.ToString(),
        Quantity = member.Target.Quantity,
        PurchaseFullTerm = member.Target.PurchaseFullTerm,
        CustomTermEndDate = member.Target.CustomTermEndDate is { } date
            ? TermDates.EndInstant(date)
            : null,
        ExternalReferenceId = reference,
    };
}
