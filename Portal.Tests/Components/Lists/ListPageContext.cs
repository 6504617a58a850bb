using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Tests.Web;

namespace Portal.Tests.Components.Lists;

/// <summary>
/// A bUnit context for the list pages as they run in a circuit: interactive (so MudTable loads through ServerData),
/// MudBlazor's popover and dialog providers rendered, the running app's services, and a route renderer that applies the
/// page's own <c>[Authorize]</c> policy the way the router does.
/// </summary>
public abstract class ListPageContext : PortalPageContext
{
    protected ListPageContext(PortalFactory factory, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        UseApp(factory.Services);
    }

    protected PortalFactory Factory { get; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Goes to <paramref name="address"/> (with its query) before a page is rendered, as a link would.</summary>
    protected void GoTo(string address) => Navigation.NavigateTo(address);

    /// <summary>Renders the popover and dialog providers MudBlazor's selects, menus and dialogs need.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
    }

    /// <summary>Renders <typeparamref name="TPage"/> through <see cref="AuthorizeRouteView"/>, as the router does: a role its policy refuses sees "Not authorized".</summary>
    protected IRenderedComponent<AuthorizeRouteView> RenderRoute<TPage>(IReadOnlyDictionary<string, object?>? parameters = null)
        where TPage : IComponent =>
        Render<AuthorizeRouteView>(p => p
            .Add(v => v.RouteData, new RouteData(typeof(TPage), parameters ?? new Dictionary<string, object?>()))
            .Add(v => v.NotAuthorized, (RenderFragment<AuthenticationState>)(_ => builder => builder.AddMarkupContent(0, "<p id=\"not-authorized\">Not authorized</p>"))));
}
