using Portal.Persistence;

namespace Portal.Hosting;

/// <summary>
/// The host of the one-shot commands (<c>seed-scale</c>, <c>bench-export</c>, <c>bench</c>): the app's configuration
/// (appsettings, environment, command line) and its store, without the web pipeline. Every registration it makes can
/// be built, so the Development environment's service-provider validation passes: Identity's sign-in manager (which
/// the store registers with the Identity stores) and its <c>SecurityStampValidator</c> need the authentication
/// services, which a command otherwise never adds.
/// </summary>
public static class CommandHost
{
    public static WebApplicationBuilder CreateBuilder(string[] configurationArgs)
    {
        var builder = WebApplication.CreateBuilder(configurationArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAuthentication();
        builder.Services.AddPortalPersistence(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }
}
