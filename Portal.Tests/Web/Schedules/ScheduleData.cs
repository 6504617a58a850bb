using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Eligibility;
using Portal.Domain.Schedules;
using Portal.Domain.Terms;
using Portal.Persistence;
using Portal.Schedules;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Web.Schedules;

/// <summary>A test partner's eligible Office 365 E3 bundle (term ends in 100 days), its schedules, and today's UTC date.</summary>
public static class ScheduleData
{
    public static DateOnly Today(this PortalFactory factory) =>
        TermDates.UtcDate(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>The last day of the E3's term (<see cref="WizardData"/> makes it 100 days from today).</summary>
    public static DateOnly TermEnd(this PortalFactory factory) => factory.Today().AddDays(100);

    public static async Task<MigrationSchedule> ScheduleAsync(this PortalFactory factory, WizardCustomer data, ScheduleTiming timing)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<ScheduleDesk>()
            .CreateAsync(data.Partner.TenantId, data.CustomerId, new MigrationRequest(data.E3), timing, "test", null, TestContext.Current.CancellationToken);
        Assert.True(answer.IsDone, string.Join(" ", answer.Errors.Select(e => e.Description)));
        return answer.Value!;
    }

    public static async Task<IReadOnlyList<MigrationSchedule>> SchedulesOfAsync(this PortalFactory factory, Guid subscriptionId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Schedules.AsNoTracking()
            .Where(s => s.SubscriptionId == subscriptionId).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The page's main heading (the not-found page's "Page not found"), which carries no per-request token.</summary>
    public static async Task<string> HeadingAsync(this HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent ?? "";

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
