using Portal.Accounts;
using Portal.Components;
using Portal.Demo;
using Portal.Engine;
using Portal.PartnerCenter;
using Portal.Persistence;
using Portal.Webhooks;
using Serilog;

namespace Portal.Hosting;

/// <summary>Wiring shared by <c>Program</c> and the test hosts, so both run the same app.</summary>
public static class PortalHostingExtensions
{
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(
            new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger(),
            dispose: true);
        return builder;
    }

    public static IServiceCollection AddPortalServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddPortalPersistence(configuration, environment.ContentRootPath);
        services.AddPortalAccounts();
        services.AddPortalEngine(configuration);
        services.AddPortalDemo(configuration); // after persistence and accounts: its seeder needs the schema and the roles
        services.AddPortalWebhooks(configuration);
        services.AddPortalPartnerCenter(configuration); // after the engine: replaces its backend when Commerce:Backend is PartnerCenter
        services.AddRazorComponents();
        services.AddAntiforgery();
        return services;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        // A fresh scope: the page that set the status has already used this request's component renderer.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorComponents<App>();
        app.MapAccountEndpoints();
        app.MapUserEndpoints();
        app.MapPortalWebhooks();
        return app;
    }
}
