using Portal.Accounts;
using Portal.Components;
using Portal.Demo;
using Portal.Persistence;
using Portal.Publishing;
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
        services.AddPortalDemo(configuration); // after persistence and accounts: its seeder needs the schema and the roles
        services.AddPortalPublishing();
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
        app.MapPortalPublishing();
        return app;
    }
}
