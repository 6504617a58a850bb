using MudBlazor.Services;
using Portal.Accounts;
using Portal.Api;
using Portal.Components;
using Portal.Csv;
using Portal.Dashboard;
using Portal.Demo;
using Portal.Migrations.Wizard;
using Portal.Operations;
using Portal.Engine;
using Portal.Instances;
using Portal.PartnerCenter;
using Portal.Persistence;
using Portal.Webhooks;
using Portal.Subscriptions;
using Portal.Publishing;

namespace Portal.Hosting;

/// <summary>Wiring shared by <c>Program</c> and the test hosts, so both run the same app.</summary>
public static class PortalHostingExtensions
{
    public static IServiceCollection AddPortalServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPortalLogging(configuration);
        services.AddPortalHealth(configuration);
        services.AddPortalTelemetry(configuration);
        services.AddPortalPersistence(configuration, environment.ContentRootPath);
        services.AddPortalAccounts(configuration);
        services.AddPortalInstances(); // the key ring and the token cache in the database, shared by every instance
        services.AddPortalEngine(configuration);
        services.AddPortalDashboard(configuration); // after the engine: its background pass claims work like the engine
        services.AddPortalSubscriptionPages();
        services.AddPortalWizard();
        services.AddPortalDemo(configuration); // after persistence and accounts: its seeder needs the schema and the roles
        services.AddPortalPublishing();
        services.AddPortalWebhooks(configuration);
        services.AddPortalPartnerCenter(configuration); // after the engine: replaces its backend when Commerce:Backend is PartnerCenter
        services.AddPortalApi(configuration); // after demo: the demo API key needs the demo partner
        services.AddPortalCsv();
        services.AddRazorComponents().AddInteractiveServerComponents(); // ADR-018
        // Snackbars appear at full strength at once: a fading one is text at partial contrast (axe color-contrast).
        services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.ShowTransitionDuration = 0;
            mud.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        services.AddAntiforgery();
        return services;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UsePartnerCenterBasePath(); // first: /v1/... becomes /api/v1/... before routing (which it places)
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        // A fresh scope: the page that set the status has already used this request's component renderer.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UsePortalRequestLogging(); // after the static files: one line per page or API call, with who made it
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseNotFoundFormPosts(); // a form post at an id the partner cannot see stays 404
        app.UsePortalApi(); // after authorization: its rate limiter partitions by the API key's partner
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapPortalCsv();
        app.MapPortalHealth();
        app.MapPortalTelemetry();
        return app;
    }
}
