using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Accounts;
using Portal.Notifications;

namespace Portal.Webhooks;

/// <summary>Webhooks (registration, outbox, dispatcher) and portal notifications.</summary>
public static class WebhooksRegistration
{
    public static IServiceCollection AddPortalWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan); // each attempt has its own timeout
        services.AddDataProtection();
        services.AddSingleton<WebhookSecrets>();
        services.TryAddSingleton<Operations.WorkerHeartbeats>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookEngineEvents>();
        services.AddSingleton<Engine.IEngineEvents>(sp => sp.GetRequiredService<WebhookEngineEvents>());
        services.AddScoped<WebhookAdministration>();
        services.AddScoped<PortalNotifications>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }

    /// <summary>The row actions of the webhook pages: plain form posts that redirect back.</summary>
    public static IEndpointRouteBuilder MapPortalWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup("/webhooks/{webhookId:guid}")
            .RequireAuthorization(PortalPolicies.Administer)
            .AddEndpointFilter(RequireAntiforgeryToken);
        webhooks.MapPost("/off", async (Guid webhookId, WebhookAdministration admin, CurrentPartner partner) =>
            Back(await admin.SetActiveAsync(partner.TenantId, partner.DisplayName, webhookId, false), webhookId, "The webhook is off: nothing more is sent to it."));
        webhooks.MapPost("/on", async (Guid webhookId, WebhookAdministration admin, CurrentPartner partner) =>
            Back(await admin.SetActiveAsync(partner.TenantId, partner.DisplayName, webhookId, true), webhookId, "The webhook is on."));
        webhooks.MapPost("/test", async (Guid webhookId, WebhookAdministration admin, CurrentPartner partner) =>
            Back(await admin.SendTestAsync(partner.TenantId, webhookId), webhookId, "A test delivery is queued; it shows below once sent."));
        webhooks.MapPost("/delete", async (Guid webhookId, WebhookAdministration admin, CurrentPartner partner) =>
            await admin.DeleteAsync(partner.TenantId, partner.DisplayName, webhookId)
                ? Results.LocalRedirect($"/webhooks?saved={Uri.EscapeDataString("The webhook and its delivery log were removed.")}")
                : Results.NotFound());

        return endpoints;
    }

    /// <summary>
    /// These posts bind no form fields, so the antiforgery middleware's result is checked by nobody unless checked
    /// here: a post without a valid token is refused with 400 before it changes anything.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context.HttpContext)
            ? await next(context)
            : Results.BadRequest("A valid antiforgery token was not provided with the request.");
    }

    private static IResult Back(bool found, Guid webhookId, string message) =>
        found ? Results.LocalRedirect($"/webhooks/{webhookId}?saved={Uri.EscapeDataString(message)}") : Results.NotFound();
}
