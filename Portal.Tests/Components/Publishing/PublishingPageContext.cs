using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Domain.Partners;
using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;

namespace Portal.Tests.Components.Publishing;

/// <summary>
/// A bUnit context for the publisher pages on the running app: a new partner with the test publisher
/// (<see cref="TestPublishers"/>), signed in by email as the publisher's roles know its users.
/// </summary>
public abstract class PublishingPageContext : PortalPageContext
{
    private bool _popovers;

    protected PublishingPageContext(PortalFactory factory)
    {
        Factory = factory;
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected PortalFactory Factory { get; }

    /// <summary>MudBlazor's popover provider, once per context (selects and menus need it).</summary>
    protected void RenderPopovers()
    {
        if (!_popovers)
        {
            Render<MudBlazor.MudPopoverProvider>();
            _popovers = true;
        }
    }

    protected IServiceProvider App => Factory.Services;

    /// <summary>A new partner with a publisher (optionally submitted to migrate), this context on the app, signed in as <paramref name="role"/>.</summary>
    protected async Task<(TestPartner Partner, string PublisherId)> PartnerAsync(string role, bool submitted = false, bool sandbox = false, params Offer[] extra)
    {
        var partner = await Factory.CreatePartnerAsync(customers: 0);
        var publisherId = await TestPublishers.AddPublisherAsync(App, partner, extra);
        await using (var scope = App.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (sandbox)
            {
                await db.Partners.Where(p => p.TenantId == partner.TenantId)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.Environment, PartnerEnvironment.Sandbox), Xunit.TestContext.Current.CancellationToken);
            }

            if (submitted)
            {
                var desk = scope.ServiceProvider.GetRequiredService<PublisherDesk>();
                (Portal.Domain.Common.Outcome outcome, string? _) = await desk.SubmitAsync(partner.TenantId, TestPublishers.PublisherNameOf(partner), publisherId, partner.Email(PortalRoles.GlobalAdmin), Xunit.TestContext.Current.CancellationToken);
                Assert.True(outcome.Succeeded);
            }
        }

        UseApp(App);
        SignInAs(partner, role);
        return (partner, publisherId);
    }

    /// <summary>Signs in as the partner's user of <paramref name="role"/>, named by email as the portal's sign-in names them.</summary>
    protected void SignInAs(TestPartner partner, string role) => SignInAs(partner.TenantId, role, partner.Email(role));

    protected Task<Publisher> StoredAsync(string publisherId) => TestPublishers.StoredPublisherAsync(App, publisherId);

    protected Task<int> AuditEntriesAsync(string publisherId) => TestPublishers.AuditEntriesAboutAsync(App, publisherId);

    protected static IElement Button<T>(IRenderedComponent<T> cut, string text)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("button").Single(b => b.TextContent.Trim().StartsWith(text, StringComparison.Ordinal));

    /// <summary>Clicks the button whose text starts with <paramref name="text"/>, finding it again if a render replaced it meanwhile.</summary>
    protected static void Click<T>(IRenderedComponent<T> cut, string text)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Button(cut, text).Click();
                return;
            }
            catch (Bunit.Rendering.UnknownEventHandlerIdException) when (attempt < 5)
            {
                Thread.Sleep(50);
            }
        }
    }
}
