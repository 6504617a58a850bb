using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Portal.Persistence;

namespace Portal.Instances;

/// <summary>
/// What several portal instances on one database share besides the data (ADR-019): the ASP.NET Core Data Protection
/// key ring (cookies, antiforgery tokens, webhook secrets, the token cache's encryption) and the distributed token
/// cache, both in the database.
/// </summary>
public static class InstancesRegistration
{
    /// <summary>
    /// The one application name every instance protects with. Data Protection isolates apps by name, and by default
    /// the name is the content root path: two instances installed in different folders would not read each other's
    /// cookies without this.
    /// </summary>
    public const string ApplicationName = "Partner Migration Portal";

    public static IServiceCollection AddPortalInstances(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        services.AddSingleton<DatabaseTokenCache>();
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<DatabaseTokenCache>());
        return services;
    }
}
