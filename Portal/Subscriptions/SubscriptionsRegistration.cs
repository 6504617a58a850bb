using Portal.Accounts;

namespace Portal.Subscriptions;

public static class SubscriptionsRegistration
{
    /// <summary>The services behind the partner pages: New Commerce changes, each user's time zone, and the pages' queries.</summary>
    public static IServiceCollection AddPortalSubscriptionPages(this IServiceCollection services)
    {
        services.AddScoped<NceSubscriptionDesk>();
        services.AddScoped<UserTimeZone>();
        services.AddScoped<Customers.CustomerDirectory>();
        services.AddScoped<History.MigrationHistory>();
        services.AddScoped<Dashboard.DashboardFigures>();
        return services;
    }
}
