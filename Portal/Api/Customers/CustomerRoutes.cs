using Microsoft.EntityFrameworkCore;
using Portal.Accounts;
using Portal.Domain.Customers;
using Portal.Persistence;

namespace Portal.Api.Customers;

public sealed record CompanyProfile(Guid TenantId, string Domain, string CompanyName);

/// <summary>Partner Center's customer resource.</summary>
public sealed record CustomerResource(Guid Id, CompanyProfile CompanyProfile, string Segment, string RelationshipToPartner)
{
    public static CustomerResource From(Customer customer) => new(
        customer.TenantId,
        new CompanyProfile(customer.TenantId, customer.Domain, customer.Name),
        customer.Segment.ToString(),
        customer.RelationshipActive ? "reseller" : "none");
}

/// <summary><c>GET /api/v1/customers</c> and <c>GET /api/v1/customers/{customerId}</c>, scoped to the key's partner.</summary>
public static class CustomerRoutes
{
    public static RouteGroupBuilder MapCustomerRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/customers", ListAsync)
            .WithName("ListCustomers")
            .WithSummary("The partner's customers, by name; size up to 500, continuation token in MS-ContinuationToken.")
            .Produces<ApiItems<CustomerResource>>();
        api.MapGet("/customers/{customerId:guid}", GetAsync)
            .WithName("GetCustomer")
            .Produces<CustomerResource>()
            .ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, PortalDbContext db, CurrentPartner partner, CancellationToken cancellationToken)
    {
        var (page, problem) = ApiPage.From(http.Request, "size", 100, 500);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.PartnerTenantId == partner.TenantId)
            .OrderBy(c => c.Name).ThenBy(c => c.TenantId)
            .Skip(page.Offset).Take(page.Size + 1)
            .ToListAsync(cancellationToken);
        return Results.Ok(new ApiItems<CustomerResource>(page.Take(rows, http.Response).Select(CustomerResource.From).ToList()));
    }

    private static async Task<IResult> GetAsync(Guid customerId, PortalDbContext db, CurrentPartner partner, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.TenantId == customerId && c.PartnerTenantId == partner.TenantId, cancellationToken);
        return customer is null ? ApiProblems.NotFound("customer") : Results.Ok(CustomerResource.From(customer));
    }

    /// <summary>True when the customer exists and belongs to the partner.</summary>
    public static Task<bool> OwnsAsync(this PortalDbContext db, Guid partnerTenantId, Guid customerId, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(c => c.TenantId == customerId && c.PartnerTenantId == partnerTenantId, cancellationToken);
}
