using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Subscriptions;
using Portal.Migrations;
using Portal.Persistence;

namespace Portal.Api.Migrations;

/// <summary>
/// The partner's actions after a failed migration (ADR-015): retry it, or cancel the legacy subscription it left
/// Active. Both go through <see cref="FailedMigrationDesk"/>; a refusal is a 400 ProblemDetails with the reason.
/// </summary>
public static class FailedMigrationRoutes
{
    public static RouteGroupBuilder MapFailedMigrationRoutes(this RouteGroupBuilder api)
    {
        api.MapPost("/customers/{customerId:guid}/migrations/newcommerce/{migrationId:guid}/retry", RetryAsync)
            .WithTags("Migrations")
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .RequireApiLimit(ApiRateLimits.Create)
            .WithName("RetryMigration")
            .WithSummary("Starts a new migration with the same members and targets as a migration that failed while the legacy subscription stayed Active (or was reverted); eligibility is checked again. Retrying the same migration twice answers the first retry.")
            .Produces<MigrationResource>(201)
            .ProducesProblem(400)
            .ProducesProblem(404);
        api.MapPost("/customers/{customerId:guid}/subscriptions/{subscriptionId:guid}/cancel", CancelLegacyAsync)
            .WithTags("Migrations")
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("CancelLegacySubscriptionAfterFailedMigration")
            .WithSummary("Cancels a legacy subscription (and its active add-ons) whose latest migration failed while it stayed Active; refused while a migration is in flight, when Suspended, or when already cancelled.")
            .Produces<SubscriptionResource>()
            .ProducesProblem(400)
            .ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> RetryAsync(Guid customerId, Guid migrationId, PortalDbContext db, CurrentPartner partner, FailedMigrationDesk desk, CancellationToken ct)
    {
        var owned = await db.Migrations.AsNoTracking().AnyAsync(m => m.Id == migrationId && m.CustomerId == customerId, ct);
        var answer = owned
            ? await desk.RetryAsync(partner.TenantId, migrationId, ApiAuthentication.Actor(partner.User), ct)
            : DeskAnswer<Domain.Migrations.Migration>.NotFound();
        if (answer.IsNotFound)
        {
            return ApiProblems.NotFound("migration");
        }

        if (answer.IsRefused)
        {
            return DeskProblems.Refused(answer, "The migration was not retried");
        }

        var migration = answer.Value!;
        return Results.Created($"{ApiRegistration.Prefix}/customers/{customerId}/migrations/newcommerce/{migration.Id}", (await MigrationRoutes.ResourcesAsync(db, [migration], ct))[0]);
    }

    private static async Task<IResult> CancelLegacyAsync(Guid customerId, Guid subscriptionId, PortalDbContext db, CurrentPartner partner, FailedMigrationDesk desk, CancellationToken ct)
    {
        var answer = await desk.CancelLegacyAsync(partner.TenantId, customerId, subscriptionId, ApiAuthentication.Actor(partner.User), ct);
        if (answer.IsNotFound)
        {
            return ApiProblems.NotFound("legacy subscription");
        }

        if (answer.IsRefused)
        {
            return DeskProblems.Refused(answer, "The legacy subscription was not cancelled");
        }

        return Results.Ok(await SubscriptionRoutes.FindAsync(db, partner.TenantId, customerId, subscriptionId, ct));
    }
}
