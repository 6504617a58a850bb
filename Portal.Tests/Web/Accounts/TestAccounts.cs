using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Persistence;

namespace Portal.Tests.Web.Accounts;

/// <summary>A partner organization made for one test, with a user per role and some customers.</summary>
public sealed record TestPartner(Guid TenantId, string Name, IReadOnlyDictionary<string, string> EmailByRole, IReadOnlyList<Customer> Customers)
{
    public const string Password = "Test-Password-2026";

    public string Email(string role) => EmailByRole[role];
}

public static class TestAccounts
{
    /// <summary>Creates a partner with one user per role (same password) and <paramref name="customers"/> customers.</summary>
    public static Task<TestPartner> CreatePartnerAsync(this PortalFactory factory, int customers = 3) =>
        CreatePartnerAsync(factory.Services, customers);

    /// <summary>The same, in the app behind <paramref name="services"/> (any test host).</summary>
    public static async Task<TestPartner> CreatePartnerAsync(IServiceProvider services, int customers = 3)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var partner = new PartnerOrganization
        {
            TenantId = Guid.NewGuid(),
            Name = $"Partner {tag}",
            MpnId = tag,
        };
        db.Partners.Add(partner);
        var made = Enumerable.Range(1, customers).Select(i => new Customer
        {
            TenantId = Guid.NewGuid(),
            PartnerTenantId = partner.TenantId,
            Name = $"Customer {i} of {tag}",
            Domain = $"c{i}-{tag}.onmicrosoft.com",
        }).ToList();
        db.Customers.AddRange(made);
        await db.SaveChangesAsync();

        var emails = new Dictionary<string, string>();
        foreach (var role in PortalRoles.All)
        {
            var email = $"{role.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}-{tag}@test.example";
            var user = new PortalUser
            {
                Id = Guid.NewGuid(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = $"{role} {tag}",
                PartnerTenantId = partner.TenantId,
            };
            var result = await users.CreateAsync(user, TestPartner.Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            emails[role] = email;
        }

        return new TestPartner(partner.TenantId, partner.Name, emails, made);
    }

    public static async Task<IReadOnlyList<PartnerUserRow>> UsersOfAsync(this PortalFactory factory, Guid partnerTenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(partnerTenantId);
    }

    /// <summary>A client with its own cookie jar that follows no redirects, so tests see them.</summary>
    public static HttpClient Browserless(this PortalFactory factory) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }, disposeHandler: true)
        {
            BaseAddress = factory.ServerAddress,
        };

    /// <summary>Posts the sign-in form the way a browser would (antiforgery token and form name included).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string returnUrl = "")
    {
        var page = "/account/sign-in" + (returnUrl.Length > 0 ? $"?ReturnUrl={Uri.EscapeDataString(returnUrl)}" : "");
        return await client.SubmitFormAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>GETs a page, takes the hidden fields of the form matching <paramref name="formSelector"/>, adds <paramref name="fields"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string page, string formSelector, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        using var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on {page}.");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page : "/" + action.TrimStart('/');
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    public static async Task<string> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return await client.GetStringAsync(new Uri(client.BaseAddress!, redirect.Headers.Location!));
    }
}
