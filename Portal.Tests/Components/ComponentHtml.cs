using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Accounts;

namespace Portal.Tests.Components;

/// <summary>
/// Renders one component to HTML with the framework's <see cref="HtmlRenderer"/> (STACK.md: bUnit does not restore)
/// and parses it with AngleSharp. The signed-in user is a partner user in <paramref name="timeZoneId"/>.
/// </summary>
public static class ComponentHtml
{
    public static async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, string timeZoneId = "UTC")
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(PortalClaims.PartnerTenantId, Guid.NewGuid().ToString()), new Claim(PortalClaims.TimeZone, timeZoneId)],
                "Test")),
        };
        services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor { HttpContext = context });
        services.AddScoped<CircuitUser>();
        services.AddScoped<CurrentPartner>();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return new HtmlParser().ParseDocument(html);
    }
}
