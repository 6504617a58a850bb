using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Customers;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Migrations;
using Portal.Persistence;

namespace Portal.Api.Migrations;

/// <summary>Partner Center's New Commerce migration routes: validate, create, get, list and events.</summary>
public static class MigrationRoutes
{
    /// <summary>Partner Center's request id header; a retried create with the same id answers the first migration.</summary>
    public const string RequestIdHeader = "MS-RequestId";

    public static RouteGroupBuilder MapMigrationRoutes(this RouteGroupBuilder api)
    {
        var customer = api.MapGroup("/customers/{customerId:guid}/migrations/newcommerce").WithTags("Migrations");
        customer.MapPost("/validate", ValidateAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .RequireApiLimit(ApiRateLimits.Validate)
            .WithName("ValidateMigration")
            .WithSummary("Checks eligibility of a subscription (with its add-ons) for the given targets; 200 with isEligible and errors.")
            .Accepts<MigrationBody>("application/json")
            .Produces<ValidationResource>()
            .ProducesValidationProblem()
            .ProducesProblem(404);
        customer.MapPost("", CreateAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .RequireApiLimit(ApiRateLimits.Create)
            .WithName("CreateMigration")
            .WithSummary("Starts a migration now; 400 with the eligibility errors when ineligible. A repeated MS-RequestId answers the first migration.")
            .Accepts<MigrationBody>("application/json")
            .Produces<MigrationResource>(201)
            .ProducesValidationProblem()
            .ProducesProblem(404);
        customer.MapGet("/events", EventsAsync)
            .WithName("ListMigrationEvents")
            .WithSummary("Migration Activity events of the customer, oldest first; filter by migration_id and current_subscription_id.")
            .Produces<ApiItems<MigrationEventResource>>()
            .ProducesProblem(404);
        customer.MapGet("/{migrationId:guid}", GetAsync)
            .WithName("GetMigration")
            .Produces<MigrationResource>()
            .ProducesProblem(404);
        api.MapGet("/migrations/newcommerce", ListAsync)
            .WithTags("Migrations")
            .WithName("ListMigrations")
            .WithSummary("Migrations by CustomerTenantId, CurrentSubscriptionId or ExternalReferenceId (one is required), IsMicrosoftLed; PageSize up to 300, continuation in MS-ContinuationToken.")
            .Produces<ApiItems<MigrationResource>>()
            .ProducesValidationProblem();
        return api;
    }

    /// <summary>Reads the body and turns it into the domain's request; a problem when the body or a field is wrong.</summary>
    public static async Task<(MigrationBody? Body, MigrationRequest? Request, IResult? Problem)> ReadRequestAsync(
        HttpRequest http, PortalDbContext db, Guid partnerTenantId, Guid customerId)
    {
        var (body, problem) = await ApiJson.ReadAsync<MigrationBody>(http);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        if (!await db.OwnsAsync(partnerTenantId, customerId, http.HttpContext.RequestAborted))
        {
            return (null, null, ApiProblems.NotFound("customer"));
        }

        var legacy = await db.LegacySubscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).ToDictionaryAsync(s => s.Id, http.HttpContext.RequestAborted);
        var errors = new Dictionary<string, string[]>();
        var request = body!.ToRequest(legacy, errors);
        if (body.ExternalReferenceId is { Length: > 100 })
        {
            errors["externalReferenceId"] = ["At most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return (null, null, ApiProblems.Invalid(errors));
        }

        return request!.SubscriptionId is var id && !legacy.ContainsKey(id)
            ? (null, null, ApiProblems.NotFound("legacy subscription"))
            : (body, request, null);
    }

    private static async Task<IResult> ValidateAsync(Guid customerId, HttpRequest http, PortalDbContext db, CurrentPartner partner, MigrationDesk desk, CancellationToken ct)
    {
        var (_, request, problem) = await ReadRequestAsync(http, db, partner.TenantId, customerId);
        if (problem is not null)
        {
            return problem;
        }

        var answer = await desk.ValidateAsync(partner.TenantId, customerId, request!, ct);
        return answer.Outcome switch
        {
            DeskOutcome.NotFound => ApiProblems.NotFound("legacy subscription"),
            DeskOutcome.Refused => DeskProblems.Refused(answer, "The request cannot be validated"),
            _ => Results.Ok(ValidationResource.From(answer.Value!)),
        };
    }

    private static async Task<IResult> CreateAsync(Guid customerId, HttpRequest http, PortalDbContext db, CurrentPartner partner, MigrationDesk desk, CancellationToken ct)
    {
        var (body, request, problem) = await ReadRequestAsync(http, db, partner.TenantId, customerId);
        if (problem is not null)
        {
            return problem;
        }

        string? requestId = http.Headers[RequestIdHeader];
        var origin = new MigrationOrigin(ApiAuthentication.Actor(partner.User), body!.GivenExternalReferenceId, string.IsNullOrWhiteSpace(requestId) ? null : requestId.Trim());
        var answer = await desk.CreateAsync(partner.TenantId, customerId, request!, origin, ct);
        if (answer.IsNotFound)
        {
            return ApiProblems.NotFound("legacy subscription");
        }

        if (answer.IsRefused)
        {
            return DeskProblems.Refused(answer, "The migration was not created");
        }

        var migration = answer.Value!;
        return Results.Created($"{ApiRegistration.Prefix}/customers/{customerId}/migrations/newcommerce/{migration.Id}", await ResourcesAsync(db, [migration], ct) is [var one] ? one : null);
    }

    private static async Task<IResult> GetAsync(Guid customerId, Guid migrationId, PortalDbContext db, CurrentPartner partner, CancellationToken ct)
    {
        var migration = await Owned(db, partner.TenantId).SingleOrDefaultAsync(m => m.Id == migrationId && m.CustomerId == customerId, ct);
        return migration is null ? ApiProblems.NotFound("migration") : Results.Ok((await ResourcesAsync(db, [migration], ct))[0]);
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, CurrentPartner partner, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (page, problem) = ApiPage.From(http.Request, "PageSize", 100, 300);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var customerId = GuidParameter(query, "CustomerTenantId", errors);
        var subscriptionId = GuidParameter(query, "CurrentSubscriptionId", errors);
        string? reference = query["ExternalReferenceId"];
        bool? microsoftLed = null;
        if (query["IsMicrosoftLed"] is { Count: > 0 } ledText)
        {
            microsoftLed = bool.TryParse(ledText, out var led) ? led : null;
            if (microsoftLed is null)
            {
                errors["IsMicrosoftLed"] = ["IsMicrosoftLed is true or false."];
            }
        }

        if (customerId is null && subscriptionId is null && string.IsNullOrEmpty(reference) && errors.Count == 0)
        {
            errors["CustomerTenantId"] = ["Give CustomerTenantId, CurrentSubscriptionId or ExternalReferenceId."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var migrations = Owned(db, partner.TenantId);
        if (customerId is { } c)
        {
            migrations = migrations.Where(m => m.CustomerId == c);
        }

        if (subscriptionId is { } s)
        {
            migrations = migrations.Where(m => m.CurrentSubscriptionId == s || m.Members.Any(member => member.LegacySubscriptionId == s));
        }

        if (!string.IsNullOrEmpty(reference))
        {
            migrations = migrations.Where(m => m.ExternalReferenceId == reference);
        }

        if (microsoftLed is { } l)
        {
            migrations = migrations.Where(m => m.IsMicrosoftLed == l);
        }

        var rows = await migrations.OrderBy(m => m.Id).Skip(page.Offset).Take(page.Size + 1).ToListAsync(ct);
        return Results.Ok(new ApiItems<MigrationResource>(await ResourcesAsync(db, page.Take(rows, http.Response), ct)));
    }

    private static async Task<IResult> EventsAsync(Guid customerId, HttpContext http, PortalDbContext db, CurrentPartner partner, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var migrationId = GuidParameter(http.Request.Query, "migration_id", errors);
        var subscriptionId = GuidParameter(http.Request.Query, "current_subscription_id", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        if (!await db.OwnsAsync(partner.TenantId, customerId, ct))
        {
            return ApiProblems.NotFound("customer");
        }

        var events = db.MigrationEvents.AsNoTracking()
            .Join(db.Migrations.Where(m => m.CustomerId == customerId), e => e.MigrationId, m => m.Id, (e, m) => e);
        if (migrationId is { } mId)
        {
            events = events.Where(e => e.MigrationId == mId);
        }

        if (subscriptionId is { } sId)
        {
            events = events.Where(e => e.CurrentSubscriptionId == sId);
        }

        var rows = await events.OrderBy(e => e.CreatedAt).ThenBy(e => e.MigrationId).ThenBy(e => EF.Property<int>(e, Persistence.Configurations.MigrationEventConfiguration.SequenceProperty)).Take(1000).ToListAsync(ct);
        return Results.Ok(new ApiItems<MigrationEventResource>(rows
            .Select(e => new MigrationEventResource(e.Id, e.MigrationId, e.CurrentSubscriptionId, customerId, ApiText.Utc(e.CreatedAt), e.Name.ToString(), e.Detail))
            .ToList()));
    }

    /// <summary>The partner's migrations (with members), through its customers.</summary>
    private static IQueryable<Migration> Owned(PortalDbContext db, Guid partnerTenantId) =>
        db.Migrations.AsNoTracking().Where(m => db.Customers.Any(c => c.TenantId == m.CustomerId && c.PartnerTenantId == partnerTenantId));

    /// <summary>The API shape of <paramref name="migrations"/>, with their New Commerce subscriptions in one query.</summary>
    internal static async Task<IReadOnlyList<MigrationResource>> ResourcesAsync(PortalDbContext db, IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        var nceIds = migrations.SelectMany(m => m.Members).Select(m => m.NceSubscriptionId).OfType<Guid>().ToList();
        var nce = nceIds.Count == 0
            ? new Dictionary<Guid, NceSubscription>()
            : await db.NceSubscriptions.AsNoTracking().Where(s => nceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return migrations.Select(m => MigrationResource.From(m, nce)).ToList();
    }

    public static Guid? GuidParameter(IQueryCollection query, string name, IDictionary<string, string[]> errors)
    {
        if (query[name] is not { Count: > 0 } text || string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        errors[name] = [$"{name} is an id like 3f2c7a10-0000-0000-0000-000000000000."];
        return null;
    }
}
