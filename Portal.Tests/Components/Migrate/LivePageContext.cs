using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Migrations.Live;
using Portal.Tests.Web;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// A page context for the live migration pages: the running app's services, an interactive (Server) renderer, and
/// MudBlazor's dialog and snackbar providers rendered beside the page, as the layout does.
/// </summary>
public abstract class LivePageContext : PortalPageContext
{
    protected LivePageContext(PortalFactory factory)
    {
        Factory = factory;
        UseApp(factory.Services);
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected PortalFactory Factory { get; }

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected MigrationUpdates Hub => Factory.Services.GetRequiredService<MigrationUpdates>();

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    /// <summary>Renders the providers (call after signing in, before the page).</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
    }

    /// <summary>Answers the open dialog with the button named <paramref name="button"/>.</summary>
    protected void Answer(string button) =>
        Dialogs.WaitForAssertion(() => Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click(), Patience);

    protected string DialogText => Dialogs.Markup;

    protected string CurrentUri => Services.GetRequiredService<NavigationManager>().Uri;
}
