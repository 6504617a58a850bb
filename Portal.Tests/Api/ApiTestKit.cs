using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Api.Keys;
using Portal.Domain.Customers;
using Portal.Domain.Partners;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;

namespace Portal.Tests.Api;

/// <summary>A partner made for one API test, with a key per role (and users only when asked for).</summary>
public sealed record ApiPartner(TestPartner Partner, IReadOnlyDictionary<string, string> KeyByRole)
{
    public Guid TenantId => Partner.TenantId;

    public Guid CustomerId => Partner.Customers[0].TenantId;

    public IReadOnlyList<Customer> Customers => Partner.Customers;

    public string Key(string role = PortalRoles.AdminAgent) => KeyByRole[role];
}

public static class ApiTestKit
{
    /// <summary>A fresh partner (Production unless <paramref name="sandbox"/>) with users, customers and one API key per role.</summary>
    public static async Task<ApiPartner> CreateApiPartnerAsync(this PortalFactory factory, bool sandbox = false, int customers = 2, bool withUsers = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        TestPartner partner;
        if (withUsers)
        {
            partner = await factory.CreatePartnerAsync(customers);
        }
        else
        {
            // Users are slow to make (password hashing) and API tests need only keys.
            var tag = Guid.NewGuid().ToString("N")[..10];
            var organization = new PartnerOrganization { TenantId = Guid.NewGuid(), Name = $"Api partner {tag}", MpnId = tag };
            var made = Enumerable.Range(1, customers).Select(i => new Customer
            {
                TenantId = Guid.NewGuid(),
                PartnerTenantId = organization.TenantId,
                Name = $"Api customer {i} of {tag}",
                Domain = $"api{i}-{tag}.onmicrosoft.com",
            }).ToList();
            db.Partners.Add(organization);
            db.Customers.AddRange(made);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            partner = new TestPartner(organization.TenantId, organization.Name, new Dictionary<string, string>(), made);
        }

        if (sandbox)
        {
            await db.Partners.Where(p => p.TenantId == partner.TenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Environment, PartnerEnvironment.Sandbox));
        }

        var desk = scope.ServiceProvider.GetRequiredService<ApiKeyDesk>();
        var keys = new Dictionary<string, string>();
        foreach (var role in PortalRoles.All)
        {
            var (outcome, issued) = await desk.CreateAsync(partner.TenantId, "test", $"{role} key", role);
            Assert.True(outcome.Succeeded);
            keys[role] = issued!.Secret;
        }

        return new ApiPartner(partner, keys);
    }

    /// <summary>A client of the real server that sends <paramref name="key"/> as a bearer token (none when null).</summary>
    public static HttpClient ApiClient(this PortalFactory factory, string? key)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true)
        {
            BaseAddress = factory.ServerAddress,
        };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>Posts <paramref name="json"/> as it is written (so tests can send broken JSON).</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.SendJsonAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages a validation problem gives for <paramref name="field"/>.</summary>
    public static IReadOnlyList<string> ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToList()
            : [];

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
}
