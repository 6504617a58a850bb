using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>Makes sure the four portal roles exist; runs at start-up right after the schema migration.</summary>
public sealed class RoleBootstrapper(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the roles that are missing; safe when several instances do it at once.</summary>
    public static async Task EnsureRolesAsync(RoleManager<PortalRole> roles)
    {
        foreach (var role in PortalRoles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            try
            {
                await roles.CreateAsync(new PortalRole(role));
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                // Another instance starting on the same database may have created it first; anything else is real.
                if (!await roles.RoleExistsAsync(role))
                {
                    throw;
                }
            }
        }
    }
}
