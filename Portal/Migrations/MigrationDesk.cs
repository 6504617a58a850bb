using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Common;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Engine;
using Portal.Persistence;
using Portal.Time;

namespace Portal.Migrations;

/// <summary>
/// The one place migrations are validated and created, whoever asks: pages, the API, CSV imports, the worker.
/// Every call names the signed-in partner; a customer or subscription of another partner answers
/// <see cref="DeskOutcome.NotFound"/> exactly as a missing one. Creation is serialised per customer
/// (<see cref="CustomerSerialisation"/>) and backed by the database's one-in-flight-per-subscription index.
/// </summary>
public sealed class MigrationDesk(
    PortalDbContext db,
    PartnerClock clock,
    IEnumerable<IEngineEvents> events,
    EngineMetrics metrics,
    ILogger<MigrationDesk> logger)
{
    /// <summary>The customer with everything eligibility needs, at the partner's now; null when not this partner's.</summary>
    public Task<CustomerPicture?> LoadAsync(Guid partnerTenantId, Guid customerId, CancellationToken ct) =>
        LoadAsync(partnerTenantId, customerId, tracked: false, ct);

    /// <summary>
    /// The verdict on migrating <paramref name="request"/>'s subscription (with its bundle) at the partner's now, or at
    /// the request's time or renewal. Done with the verdict, eligible or not; Refused only for a malformed request.
    /// </summary>
    public async Task<DeskAnswer<BundleEligibility>> ValidateAsync(Guid partnerTenantId, Guid customerId, MigrationRequest request, CancellationToken ct)
    {
        var picture = await LoadAsync(partnerTenantId, customerId, tracked: false, ct);
        if (picture?.Legacy(request.SubscriptionId) is null)
        {
            return DeskAnswer<BundleEligibility>.NotFound();
        }

        return Evaluate(picture, request, out var eligibility) is { } error
            ? DeskAnswer<BundleEligibility>.Refused(error)
            : DeskAnswer<BundleEligibility>.Done(eligibility!);
    }

    /// <summary>Validates and, when every member is eligible, starts the migration now.</summary>
    public Task<DeskAnswer<Migration>> CreateAsync(Guid partnerTenantId, Guid customerId, MigrationRequest request, MigrationOrigin origin, CancellationToken ct) =>
        CreateAsync(partnerTenantId, customerId, request, origin, alongside: null, ct);

    /// <summary>
    /// As <see cref="CreateAsync(Guid, Guid, MigrationRequest, MigrationOrigin, CancellationToken)"/>, and lets the
    /// caller change more tracked entities of this scope's context (a schedule it ran, say) in the same save.
    /// </summary>
    public async Task<DeskAnswer<Migration>> CreateAsync(
        Guid partnerTenantId,
        Guid customerId,
        MigrationRequest request,
        MigrationOrigin origin,
        Action<Migration>? alongside,
        CancellationToken ct)
    {
        if (origin.IdempotencyKey is { Length: > MigrationRequestKey.MaxKeyLength })
        {
            return DeskAnswer<Migration>.Refused(new DeskError("InvalidIdempotencyKey", $"An idempotency key has at most {MigrationRequestKey.MaxKeyLength} characters.", "IdempotencyKey"));
        }

        if (origin.ExternalReferenceId is { Length: > 100 })
        {
            return DeskAnswer<Migration>.Refused(new DeskError("InvalidExternalReferenceId", "An external reference id has at most 100 characters.", "ExternalReferenceId"));
        }

        if (await FirstForKeyAsync(partnerTenantId, origin.IdempotencyKey, ct) is { } earlier)
        {
            return earlier;
        }

        try
        {
            await using var transaction = await CustomerSerialisation.BeginAsync(db, customerId, ct);
            // Another request with the same key may have finished while this one waited for the customer.
            if (await FirstForKeyAsync(partnerTenantId, origin.IdempotencyKey, ct) is { } raced)
            {
                return raced;
            }

            var picture = await LoadAsync(partnerTenantId, customerId, tracked: true, ct);
            if (picture?.Legacy(request.SubscriptionId) is null)
            {
                return DeskAnswer<Migration>.NotFound();
            }

            if (request.At is { } at && at > picture.Now)
            {
                return DeskAnswer<Migration>.Refused(new DeskError("NotNow", "A migration starts now; to migrate later, create a schedule.", "At"));
            }

            if (Evaluate(picture, request, out var eligibility) is { } error)
            {
                return DeskAnswer<Migration>.Refused(error);
            }

            if (!eligibility!.IsEligible)
            {
                return DeskAnswer<Migration>.Refused(eligibility);
            }

            if (request.OnRenewal && eligibility.EvaluatedFor > picture.Now)
            {
                return DeskAnswer<Migration>.Refused(new DeskError(
                    "NotNow",
                    $"A migration on renewal starts on {eligibility.EvaluatedFor:yyyy-MM-dd HH:mm} UTC; schedule it to run then.",
                    "OnRenewal"));
            }

            var lines = eligibility.ToLines();
            var memberIds = lines.Select(l => l.LegacySubscriptionId).ToHashSet();
            var members = picture.LegacySubscriptions.Where(s => memberIds.Contains(s.Id)).ToList();
            var migration = Migration.Request(
                Guid.CreateVersion7(picture.Now),
                customerId,
                lines,
                members,
                picture.Now,
                origin.ExternalReferenceId,
                origin.IsMicrosoftLed);
            db.Migrations.Add(migration);
            if (!string.IsNullOrEmpty(origin.IdempotencyKey))
            {
                db.Add(new MigrationRequestKey
                {
                    PartnerTenantId = partnerTenantId,
                    IdempotencyKey = origin.IdempotencyKey,
                    MigrationId = migration.Id,
                    CreatedAt = picture.Now,
                });
            }

            db.AuditLog.Add(new AuditEntry
            {
                PartnerTenantId = partnerTenantId,
                Actor = origin.Actor,
                Action = origin.IsMicrosoftLed ? "Microsoft-led migration created" : "Migration created",
                Target = $"migration {migration.Id}",
                Detail = $"{picture.Customer.Name}: {string.Join(", ", eligibility.Members.Select(m => $"{m.FriendlyName} -> {m.CatalogItemId} {m.Target.TermBilling} x{m.Target.Quantity}"))}"
                    + (origin.ExternalReferenceId is { } reference ? $" (reference {reference})" : ""),
                At = picture.Now,
            });
            alongside?.Invoke(migration);
            foreach (var handler in events)
            {
                handler.MigrationCreated(db, migration);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            metrics.MigrationStarted();
            return DeskAnswer<Migration>.Done(migration);
        }
        catch (DomainException e)
        {
            return DeskAnswer<Migration>.Refused(new DeskError("Refused", e.Message));
        }
        catch (DbUpdateException e)
        {
            // The key was used, or the subscription claimed, by a request the customer lock did not cover (another
            // store writer, or an idempotency key used for another customer at the same moment).
            EngineLog.CreateLostRace(logger, e, request.SubscriptionId);
            db.ChangeTracker.Clear();
            if (await FirstForKeyAsync(partnerTenantId, origin.IdempotencyKey, ct) is { } first)
            {
                return first;
            }

            return DeskAnswer<Migration>.Refused(new DeskError(
                EligibilityReasons.SubscriptionBeingProcessingInOms.Name,
                "Another migration of this subscription (or of a member of its bundle) started at the same moment; it is being processed."));
        }
    }

    internal async Task<CustomerPicture?> LoadAsync(Guid partnerTenantId, Guid customerId, bool tracked, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, ct);
        if (customer is null)
        {
            return null;
        }

        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.TenantId == partnerTenantId, ct);
        var now = await clock.NowAsync(partnerTenantId, ct);
        var legacyQuery = db.LegacySubscriptions.Where(s => s.CustomerId == customerId);
        var legacy = await (tracked ? legacyQuery : legacyQuery.AsNoTracking()).OrderBy(s => s.FriendlyName).ToListAsync(ct);
        var offerIds = legacy.Select(s => s.OfferId).Distinct().ToList();
        var offers = await db.LegacyOffers.AsNoTracking().Where(o => offerIds.Contains(o.Id)).ToListAsync(ct);
        var nce = await db.NceSubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).ToListAsync(ct);
        var inFlight = await db.Migrations.AsNoTracking()
            .Where(m => m.CustomerId == customerId && m.Members.Any(member => member.HoldsSubscription))
            .ToListAsync(ct);
        var activePartnerIds = (await db.Partners.AsNoTracking().Where(p => p.IsActive).Select(p => p.MpnId).ToListAsync(ct)).ToHashSet();

        var context = new EligibilityContext
        {
            Partner = partner,
            Customer = customer,
            Offers = offers,
            LegacySubscriptions = legacy,
            NceSubscriptions = nce,
            InFlight = inFlight.SelectMany(CustomerPicture.InFlightSeatsOf).ToList(),
            ActivePartnerIds = activePartnerIds,
            Now = now,
        };
        return new CustomerPicture(partner, customer, offers, legacy, nce, inFlight, context);
    }

    /// <summary>Evaluates, turning a malformed request (an add-on target that is not an add-on of the bundle) into an error.</summary>
    private static DeskError? Evaluate(CustomerPicture picture, MigrationRequest request, out BundleEligibility? eligibility)
    {
        try
        {
            eligibility = EligibilityEvaluator.Evaluate(request, picture.Context);
            return null;
        }
        catch (DomainException e)
        {
            eligibility = null;
            return new DeskError("InvalidRequest", e.Message, nameof(MigrationRequest.AddOnTargets));
        }
    }

    /// <summary>The migration already created under <paramref name="key"/> for this partner, or null.</summary>
    public async Task<DeskAnswer<Migration>?> FirstForKeyAsync(Guid partnerTenantId, string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var migrationId = await db.Set<MigrationRequestKey>().AsNoTracking()
            .Where(k => k.PartnerTenantId == partnerTenantId && k.IdempotencyKey == key)
            .Select(k => (Guid?)k.MigrationId)
            .SingleOrDefaultAsync(ct);
        if (migrationId is null)
        {
            return null;
        }

        var migration = await db.MigrationsWithEvents.AsNoTracking().SingleAsync(m => m.Id == migrationId, ct);
        return DeskAnswer<Migration>.Done(migration);
    }
}
