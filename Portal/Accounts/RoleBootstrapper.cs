using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>Makes sure the four portal roles exist; runs at start-up right after the schema migration.</summary>
public sealed class RoleBootstrapper(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new PortalRole(role));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
