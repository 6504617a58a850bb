using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Api.Migrations;
using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Migrations;
using Portal.Persistence;
using Portal.Schedules;

namespace Portal.Api.Schedules;

/// <summary>One add-on of a schedule, as frozen when the schedule was made.</summary>
public sealed record AddOnScheduleResource(Guid CurrentSubscriptionId, string CatalogItemId, string TermDuration, string BillingCycle, int Quantity, bool PurchaseFullTerm, DateOnly? CustomTermEndDate);

/// <summary>
/// Partner Center's migration schedule resource. <c>errorCode</c> is Partner Center's integer (the eligibility reason's
/// number when a due schedule was refused); <c>errorName</c> is the code as the portal recorded it.
/// </summary>
public sealed record ScheduleResource(
    Guid Id,
    Guid CurrentSubscriptionId,
    Guid CustomerTenantId,
    string Status,
    string CatalogItemId,
    string TermDuration,
    string BillingCycle,
    int Quantity,
    bool PurchaseFullTerm,
    DateOnly? CustomTermEndDate,
    DateOnly? TargetDate,
    bool MigrateOnRenewal,
    DateTime SubscriptionEndDate,
    DateTime DueTime,
    DateTime CreatedTime,
    DateTime LastModifiedTime,
    Guid? NewCommerceMigrationId,
    int? ErrorCode,
    string? ErrorName,
    string? ErrorDescription,
    string? ExternalReferenceId,
    bool MicrosoftLed,
    IReadOnlyList<AddOnScheduleResource> AddOnMigrationSchedules)
{
    public static ScheduleResource From(MigrationSchedule s)
    {
        var main = s.Lines.FirstOrDefault(l => l.LegacySubscriptionId == s.SubscriptionId) ?? s.Lines[0];
        return new ScheduleResource(
            s.Id,
            s.SubscriptionId,
            s.CustomerId,
            s.Status.ToString(),
            main.CatalogItemId,
            ApiText.Term(main.Target.Term),
            ApiText.Billing(main.Target.Billing),
            main.Target.Quantity,
            main.Target.PurchaseFullTerm,
            main.Target.CustomTermEndDate,
            s.Timing.TargetDate,
            s.Timing.MigrateOnRenewal,
            ApiText.Utc(s.SubscriptionTermEnd),
            ApiText.Utc(s.DueAt),
            ApiText.Utc(s.CreatedAt),
            ApiText.Utc(s.LastModifiedAt),
            s.NewCommerceMigrationId,
            EligibilityCodes.NumberOf(s.ErrorCode),
            s.ErrorCode,
            s.ErrorDescription,
            s.ExternalReferenceId,
            s.IsMicrosoftLed,
            s.Lines.Where(l => l != main).Select(l => new AddOnScheduleResource(
                l.LegacySubscriptionId, l.CatalogItemId, ApiText.Term(l.Target.Term), ApiText.Billing(l.Target.Billing), l.Target.Quantity, l.Target.PurchaseFullTerm, l.Target.CustomTermEndDate)).ToList());
    }
}

/// <summary>Partner Center's migration schedule routes: create, list, get, update and cancel.</summary>
public static class ScheduleRoutes
{
    public static RouteGroupBuilder MapScheduleRoutes(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/customers/{customerId:guid}/migrations/newcommerce/schedules").WithTags("Schedules");
        schedules.MapPost("", CreateAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .RequireApiLimit(ApiRateLimits.Create)
            .WithName("CreateMigrationSchedule")
            .WithSummary("Schedules a migration on targetDate or on renewal (migrateOnRenewal: true); 400 with the eligibility errors when ineligible.")
            .Accepts<MigrationBody>("application/json")
            .Produces<ScheduleResource>(201)
            .ProducesValidationProblem()
            .ProducesProblem(404);
        schedules.MapGet("", (Guid customerId, HttpContext http, PortalDbContext db, CurrentPartner partner, CancellationToken ct) =>
                ListAsync(http, db, partner, customerId, ct))
            .WithName("ListCustomerMigrationSchedules")
            .WithSummary("The customer's schedules as a collection (totalCount, items); PageSize up to 300, continuation in MS-ContinuationToken.")
            .Produces<ApiItems<ScheduleResource>>()
            .ProducesProblem(404);
        schedules.MapGet("/{scheduleId:guid}", GetAsync)
            .WithName("GetMigrationSchedule")
            .Produces<ScheduleResource>()
            .ProducesProblem(404);
        schedules.MapPut("/{scheduleId:guid}", UpdateAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("UpdateMigrationSchedule")
            .WithSummary("Replaces the targets and timing of a waiting schedule; its subscription cannot change.")
            .Accepts<MigrationBody>("application/json")
            .Produces<ScheduleResource>()
            .ProducesValidationProblem()
            .ProducesProblem(404);
        schedules.MapPost("/{scheduleId:guid}/cancel", CancelAsync)
            .RequireAuthorization(ApiAuthentication.Policy(PortalPolicies.Migrate))
            .WithName("CancelMigrationSchedule")
            .Produces<ScheduleResource>()
            .ProducesProblem(404);
        api.MapGet("/migrations/newcommerce/schedules", (HttpContext http, PortalDbContext db, CurrentPartner partner, CancellationToken ct) =>
                ListAsync(http, db, partner, null, ct))
            .WithTags("Schedules")
            .WithName("ListMigrationSchedules")
            .WithSummary("Schedules by CustomerTenantId, CurrentSubscriptionId or ExternalReferenceId (one is required), as a JSON array like Partner Center's; PageSize up to 300, continuation in MS-ContinuationToken.")
            .Produces<IReadOnlyList<ScheduleResource>>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> CreateAsync(Guid customerId, HttpRequest http, PortalDbContext db, CurrentPartner partner, ScheduleDesk desk, CancellationToken ct)
    {
        var (body, request, problem) = await MigrationRoutes.ReadRequestAsync(http, db, partner.TenantId, customerId);
        if (problem is not null)
        {
            return problem;
        }

        if (TimingOf(body!) is not { } timing)
        {
            return TimingProblem(body!);
        }

        var answer = await desk.CreateAsync(partner.TenantId, customerId, request!, timing, ApiAuthentication.Actor(partner.User), body!.GivenExternalReferenceId, ct);
        return answer.Outcome switch
        {
            DeskOutcome.NotFound => ApiProblems.NotFound("legacy subscription"),
            DeskOutcome.Refused => DeskProblems.Refused(answer, "The schedule was not created"),
            _ => Results.Created($"{ApiRegistration.Prefix}/customers/{customerId}/migrations/newcommerce/schedules/{answer.Value!.Id}", ScheduleResource.From(answer.Value!)),
        };
    }

    private static async Task<IResult> UpdateAsync(Guid customerId, Guid scheduleId, HttpRequest http, PortalDbContext db, CurrentPartner partner, ScheduleDesk desk, CancellationToken ct)
    {
        if (await FindAsync(db, partner.TenantId, customerId, scheduleId, ct) is null)
        {
            return ApiProblems.NotFound("schedule");
        }

        var (body, request, problem) = await MigrationRoutes.ReadRequestAsync(http, db, partner.TenantId, customerId);
        if (problem is not null)
        {
            return problem;
        }

        if (TimingOf(body!) is not { } timing)
        {
            return TimingProblem(body!);
        }

        var answer = await desk.UpdateAsync(partner.TenantId, scheduleId, request!, timing, ApiAuthentication.Actor(partner.User), body!.GivenExternalReferenceId, ct);
        return Answer(answer, "The schedule was not updated");
    }

    private static async Task<IResult> CancelAsync(Guid customerId, Guid scheduleId, PortalDbContext db, CurrentPartner partner, ScheduleDesk desk, CancellationToken ct)
    {
        if (await FindAsync(db, partner.TenantId, customerId, scheduleId, ct) is null)
        {
            return ApiProblems.NotFound("schedule");
        }

        return Answer(await desk.CancelAsync(partner.TenantId, scheduleId, ApiAuthentication.Actor(partner.User), ct), "The schedule was not cancelled");
    }

    private static async Task<IResult> GetAsync(Guid customerId, Guid scheduleId, PortalDbContext db, CurrentPartner partner, CancellationToken ct)
    {
        var schedule = await FindAsync(db, partner.TenantId, customerId, scheduleId, ct);
        return schedule is null ? ApiProblems.NotFound("schedule") : Results.Ok(ScheduleResource.From(schedule));
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, CurrentPartner partner, Guid? routeCustomerId, CancellationToken ct)
    {
        var query = http.Request.Query;
        var (page, problem) = ApiPage.From(http.Request, "PageSize", 100, 300);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var customerId = routeCustomerId ?? MigrationRoutes.GuidParameter(query, "CustomerTenantId", errors);
        var subscriptionId = MigrationRoutes.GuidParameter(query, "CurrentSubscriptionId", errors);
        string? reference = query["ExternalReferenceId"];
        if (customerId is null && subscriptionId is null && string.IsNullOrEmpty(reference) && errors.Count == 0)
        {
            errors["CustomerTenantId"] = ["Give CustomerTenantId, CurrentSubscriptionId or ExternalReferenceId."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        if (routeCustomerId is { } owned && !await Customers.CustomerRoutes.OwnsAsync(db, partner.TenantId, owned, ct))
        {
            return ApiProblems.NotFound("customer");
        }

        var schedules = Owned(db, partner.TenantId);
        if (customerId is { } c)
        {
            schedules = schedules.Where(s => s.CustomerId == c);
        }

        if (subscriptionId is { } sub)
        {
            schedules = schedules.Where(s => s.SubscriptionId == sub);
        }

        if (!string.IsNullOrEmpty(reference))
        {
            schedules = schedules.Where(s => s.ExternalReferenceId == reference);
        }

        var rows = await schedules.OrderBy(s => s.Id).Skip(page.Offset).Take(page.Size + 1).ToListAsync(ct);
        var items = page.Take(rows, http.Response).Select(ScheduleResource.From).ToList();

        // Partner Center answers its schedule query with a bare array; the customer's list is the portal's own collection.
        return routeCustomerId is null ? Results.Ok(items) : Results.Ok(new ApiItems<ScheduleResource>(items));
    }

    private static IResult Answer(DeskAnswer<MigrationSchedule> answer, string title) => answer.Outcome switch
    {
        DeskOutcome.NotFound => ApiProblems.NotFound("schedule"),
        DeskOutcome.Refused => DeskProblems.Refused(answer, title),
        _ => Results.Ok(ScheduleResource.From(answer.Value!)),
    };

    private static ScheduleTiming? TimingOf(MigrationBody body)
    {
        var onRenewal = body.MigrateOnRenewal == true;
        var errors = new Dictionary<string, string[]>();
        if (onRenewal == (body.GivenTargetDate is not null))
        {
            return null;
        }

        return onRenewal ? ScheduleTiming.OnRenewal : ApiText.TryDate(body.GivenTargetDate, "targetDate", errors, out var date) ? ScheduleTiming.OnDate(date) : null;
    }

    private static IResult TimingProblem(MigrationBody body) =>
        body.GivenTargetDate is not null && body.MigrateOnRenewal != true
            ? ApiProblems.Invalid("targetDate", $"'{body.TargetDate}' is not a date; write it as 2024-01-31.")
            : ApiProblems.Invalid("targetDate", "Give either targetDate or \"migrateOnRenewal\": true, not both and not neither.");

    private static IQueryable<MigrationSchedule> Owned(PortalDbContext db, Guid partnerTenantId) =>
        db.Schedules.AsNoTracking().Where(s => db.Customers.Any(c => c.TenantId == s.CustomerId && c.PartnerTenantId == partnerTenantId));

    private static Task<MigrationSchedule?> FindAsync(PortalDbContext db, Guid partnerTenantId, Guid customerId, Guid scheduleId, CancellationToken ct) =>
        Owned(db, partnerTenantId).SingleOrDefaultAsync(s => s.Id == scheduleId && s.CustomerId == customerId, ct);
}
