using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Schedules;
using Portal.Domain.Schedules;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Schedules;

namespace Portal.Tests.Components.Schedules;

/// <summary>The schedules list: a MudTable whose page, sort and filters are read from and written to the address, and done by the database.</summary>
public class ScheduleListTests(PortalFactory factory) : PortalPageContext
{
    private IRenderedComponent<ScheduleList> Open(Guid partner, string address = "schedules", string role = PortalRoles.HelpdeskAgent)
    {
        UseApp(factory.Services);
        SignInAs(partner, role);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        Render<MudPopoverProvider>();
        return Render<ScheduleList>();
    }

    private static List<string> Rows(IRenderedComponent<ScheduleList> list) =>
        [.. list.FindAll("#schedules tbody tr td[data-schedule]").Select(td => td.GetAttribute("data-schedule")!)];

    [Fact]
    public async Task A_partner_without_schedules_is_told_none_match()
    {
        var partner = await factory.CreatePartnerAsync(customers: 1);

        var list = Open(partner.TenantId);

        list.WaitForAssertion(() => Assert.Equal("No schedules match.", list.Find("#no-schedules").TextContent));
    }

    [Fact]
    public async Task One_schedule_shows_its_customer_subscription_date_status_and_a_link()
    {
        var (data, schedule) = await factory.WithSchedulesAsync();

        var list = Open(data.Partner.TenantId);

        list.WaitForAssertion(() => Assert.Equal([schedule.Id.ToString()], Rows(list)));
        var row = list.Find("#schedules tbody tr");
        Assert.Contains($"On {factory.Today().AddDays(10).Iso()}", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(nameof(ScheduleStatus.Created), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Partner", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(row.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"schedules/{schedule.Id}");
    }

    [Fact]
    public async Task Many_schedules_are_paged_by_the_database_and_the_page_is_kept_in_the_address()
    {
        var (data, _) = await factory.WithSchedulesAsync(more: ScheduleQuery.PageSize);

        var second = Open(data.Partner.TenantId, "schedules?page=2"); // as a link or a reload of the second page

        second.WaitForAssertion(() => Assert.Single(Rows(second)));
        Assert.Contains("26-26 of 26", second.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("schedules?page=2", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_list_writes_nothing_to_the_address_and_another_sort_is_written()
    {
        var (data, _) = await factory.WithSchedulesAsync(more: 1);

        var list = Open(data.Partner.TenantId);

        list.WaitForAssertion(() => Assert.Equal(2, Rows(list).Count));
        AssertAddressUntouched("schedules");
        list.FindAll("#schedules th .mud-table-sort-label")[0].Click(); // by customer
        list.WaitForAssertion(() => Assert.EndsWith("/schedules?sort=Customer", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_status_filter_comes_from_the_address_and_a_new_choice_goes_back_into_it()
    {
        var (data, schedule) = await factory.WithSchedulesAsync(more: 1);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var cancelled = await scope.ServiceProvider.GetRequiredService<Portal.Schedules.ScheduleDesk>()
                .CancelAsync(data.Partner.TenantId, schedule.Id, "test", Xunit.TestContext.Current.CancellationToken);
            Assert.True(cancelled.IsDone);
        }

        var list = Open(data.Partner.TenantId, "schedules?status=Cancelled");
        list.WaitForAssertion(() => Assert.Equal([schedule.Id.ToString()], Rows(list)));

        var status = list.FindComponents<MudSelect<ScheduleStatus?>>().Single();
        await list.InvokeAsync(() => status.Instance.ValueChanged.InvokeAsync(ScheduleStatus.Created));

        list.WaitForAssertion(() => Assert.DoesNotContain(schedule.Id.ToString(), Rows(list)));
        Assert.Single(Rows(list));
        Assert.EndsWith("schedules?status=Created", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_schedules_never_show()
    {
        var (theirs, _) = await factory.WithSchedulesAsync();
        var mine = await factory.CreatePartnerAsync(customers: 1);

        var list = Open(mine.TenantId, "schedules?status=Created");

        list.WaitForAssertion(() => list.Find("#no-schedules"));
        Assert.NotEqual(theirs.Partner.TenantId, mine.TenantId);
    }
}
