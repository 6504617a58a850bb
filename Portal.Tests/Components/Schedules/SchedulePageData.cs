using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Domain.Schedules;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Components.Schedules;

/// <summary>A test partner (<see cref="WizardData"/>) with more base subscriptions of its own, each scheduled on a date.</summary>
public static class SchedulePageData
{
    /// <summary>The partner's E3 bundle scheduled in 10 days, and <paramref name="more"/> further bases scheduled too.</summary>
    public static async Task<(WizardCustomer Data, MigrationSchedule First)> WithSchedulesAsync(this PortalFactory factory, int more = 0)
    {
        var data = await WizardData.CreateAsync(factory);
        var first = await factory.ScheduleAsync(data, ScheduleTiming.OnDate(factory.Today().AddDays(10)));
        for (var i = 0; i < more; i++)
        {
            var extra = WizardData.Legacy(data.CustomerId, DemoCatalog.Office365E3, 10 + i);
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                db.LegacySubscriptions.Add(extra);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            await factory.ScheduleAsync(data with { E3 = extra.Id }, ScheduleTiming.OnDate(factory.Today().AddDays(20)));
        }

        return (data, Assert.Single(await factory.SchedulesOfAsync(data.E3)));
    }
}
