using System.Net;
using Microsoft.Playwright;
using Portal.Accounts;
using Portal.Tests.Api;
using Portal.Tests.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Web.Admin;

/// <summary>The administration pages in Chromium: a key made, copied from the page once and revoked through the dialog; a user disabled after a confirmation.</summary>
public class AdminBrowserTests(PortalFactory factory, BrowserFixture browser)
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_global_admin_creates_a_key_uses_it_revokes_it_and_disables_a_user()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);
        await using var context = await browser.NewContextAsync(factory.ServerAddress);
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, partner.Email(PortalRoles.GlobalAdmin), TestPartner.Password);

        await BrowserPages.GotoInteractiveAsync(page, "/admin/api-keys");
        await Expect(page.Locator("#no-keys")).ToBeVisibleAsync();
        await page.Locator("#key-name").FillAsync("billing sync");
        await page.Locator("#create-key").ClickAsync();

        var secret = page.Locator("#issued-secret");
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^pmp_"));
        var key = await secret.InputValueAsync();
        await Expect(page.Locator("#api-keys td.key-name")).ToHaveTextAsync(["billing sync"]);
        await BrowserPages.CheckAsync(page, "admin-api-keys");
        using (var works = await factory.ApiClient(key).GetAsync("/api/v1/customers", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke the key billing sync" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("will be refused with 401");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke the key" }).ClickAsync();

        await Expect(page.Locator("#keys-message")).ToHaveTextAsync("The key was revoked; calls with it now answer 401.");
        await Expect(page.Locator("#api-keys td.key-status")).ToContainTextAsync(["Revoked"]);
        await Expect(page.Locator("#issued-secret")).ToHaveCountAsync(0);
        using (var refused = await factory.ApiClient(key).GetAsync("/api/v1/customers", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var sales = partner.Email(PortalRoles.SalesAgent);
        await BrowserPages.GotoInteractiveAsync(page, "/admin/users");
        await Expect(page.Locator("#users td[data-email]")).ToHaveCountAsync(PortalRoles.All.Count);
        await BrowserPages.CheckAsync(page, "admin-users");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Disable {sales}" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("can no longer sign in");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

        await Expect(page.Locator("#users-message")).ToHaveTextAsync($"{sales} is disabled.");
        await Expect(page.Locator($"#users td[data-email='{sales}'] ~ td.user-status")).ToHaveTextAsync("Disabled");
    }
}
