using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Partners;
using Portal.Persistence;

namespace Portal.Tests.Web.Accounts;

/// <summary>
/// Each role against each page of the app: the pages come from the endpoint table, each must name a policy (or be one of
/// the few public pages), and a role reaches a page exactly when the page's policy admits it.
/// </summary>
public class RoleWalkTests(PortalFactory factory)
{
    /// <summary>Pages anyone may open, signed in or not.</summary>
    private static readonly HashSet<string> PublicPages =
        ["/", "/rules", "/not-found", "/error", "/account/sign-in", "/account/access-denied", "/account/entra/sign-in", "/account/entra/complete", "/account/entra/error",
         // Probed by load balancers and orchestrators, who never sign in (ADR-021); they answer only Healthy/Unhealthy.
         "/health/live", "/health/ready"];

    /// <summary>Who each policy admits, as the issue states it (the walk checks the app's policies say the same).</summary>
    private static readonly Dictionary<string, string[]> Admits = new()
    {
        [PortalPolicies.Read] = [.. PortalRoles.All],
        [PortalPolicies.Migrate] = [PortalRoles.GlobalAdmin, PortalRoles.AdminAgent, PortalRoles.SalesAgent],
        [PortalPolicies.ViewAudit] = [PortalRoles.GlobalAdmin, PortalRoles.AdminAgent],
        [PortalPolicies.Administer] = [PortalRoles.GlobalAdmin],
        [PortalPolicies.OperatePublishing] = [PortalRoles.GlobalAdmin, PortalRoles.Operator],
    };

    [Fact]
    public async Task The_named_policies_admit_the_roles_the_issue_gives_them()
    {
        var provider = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var (name, roles) in Admits)
        {
            var policy = await provider.GetPolicyAsync(name);
            Assert.NotNull(policy);
            var allowed = policy.Requirements.OfType<RolesAuthorizationRequirement>().Single().AllowedRoles;
            Assert.Equal(roles.Order(), allowed.Order());
        }
    }

    [Fact]
    public async Task Every_page_names_a_policy_and_each_role_reaches_exactly_the_pages_it_admits()
    {
        // A Sandbox partner: it has every page a Production partner has, plus the sandbox ones.
        var partner = await factory.CreatePartnerAsync(customers: 0);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Partners.Where(p => p.TenantId == partner.TenantId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Environment, PartnerEnvironment.Sandbox));
        }

        var pages = Pages();
        var failures = new List<string>();
        foreach (var (path, policies) in pages.Where(p => p.Policies.Count == 0 && !PublicPages.Contains(p.Path)))
        {
            failures.Add($"{path} names no authorization policy and is not a public page");
        }

        foreach (var role in PortalRoles.All)
        {
            using var client = factory.Browserless();
            using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);
            foreach (var (path, policies) in pages.Where(p => p.Policies.Count > 0))
            {
                var expected = policies.All(p => Admits.TryGetValue(p, out var roles) && roles.Contains(role));
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                var denied = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal);
                if (expected && (denied || (int)response.StatusCode >= 400))
                {
                    failures.Add($"{role} should reach {path} ({string.Join(", ", policies)}) but got {(int)response.StatusCode} {response.Headers.Location}");
                }
                else if (!expected && !denied)
                {
                    failures.Add($"{role} should be refused {path} ({string.Join(", ", policies)}) but got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Contains(pages, p => p.Path == "/admin/users");
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_from_every_protected_page()
    {
        using var client = factory.Browserless();
        foreach (var (path, _) in Pages().Where(p => p.Policies.Count > 0))
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
            Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    /// <summary>Every GET page or endpoint without route parameters, outside the API, with the policies it names.</summary>
    private List<(string Path, IReadOnlyList<string> Policies)> Pages()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count == 0)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true)
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Endpoint: e))
            .Where(x => !x.Path.StartsWith("/api/", StringComparison.Ordinal) && !x.Path.StartsWith("/_", StringComparison.Ordinal)
                && !x.Path.StartsWith("/openapi", StringComparison.Ordinal) && !x.Path.EndsWith(".csv", StringComparison.Ordinal))
            .Select(x => (x.Path, (IReadOnlyList<string>)x.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Where(a => a.Policy is not null).Select(a => a.Policy!).Distinct().ToList()))
            .DistinctBy(x => x.Path)
            .ToList();
    }
}
