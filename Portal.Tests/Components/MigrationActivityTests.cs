using AngleSharp.Dom;
using Bunit;
using Portal.Accounts;
using Portal.Components.Migrations;
using Portal.Domain.Migrations;
using Portal.Tests.Domain;
using Portal.Tests.Domain.Lifecycle;

namespace Portal.Tests.Components;

/// <summary>Migration Activity: every event in the order recorded, in the user's zone with UTC beside, named subscriptions.</summary>
public class MigrationActivityTests : PortalPageContext
{
    private IDocument RenderActivity(Migration migration, IReadOnlyDictionary<Guid, string>? names = null, string timeZoneId = "UTC")
    {
        SignInAs(Guid.NewGuid(), PortalRoles.HelpdeskAgent, timeZoneId: timeZoneId);
        var activity = Render<MigrationActivity>(p =>
        {
            p.Add(x => x.Migration, migration);
            if (names is not null)
            {
                p.Add(x => x.SubscriptionNames, names);
            }
        });
        return new AngleSharp.Html.Parser.HtmlParser().ParseDocument(activity.Markup);
    }

    private static readonly DateTimeOffset T0 = new(2025, 9, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>All five events of Partner Center's log: started, created, failed while suspended, provisioned, completed.</summary>
    private static (Bundle Bundle, Migration Migration) AllFiveEvents()
    {
        var bundle = Bundle.Alone();
        var migration = bundle.Request(at: T0);
        migration.Begin(bundle.Members);
        migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), T0.AddMinutes(5));
        migration.Fail(bundle.Members, "800002", "Provisioning timed out", T0.AddMinutes(20));
        migration.RecordProvisioned(bundle.Base.Id, T0.AddHours(2));
        migration.Complete(bundle.Members, T0.AddHours(2).AddMinutes(1));
        return (bundle, migration);
    }

    [Fact]
    public void The_five_events_are_listed_in_order_in_the_users_zone_with_utc_beside()
    {
        var (bundle, migration) = AllFiveEvents();

        var html = RenderActivity(migration, new Dictionary<Guid, string> { [bundle.Base.Id] = "Office 365 E3 (HQ)" }, "America/Los_Angeles");

        var rows = html.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(
            ["MigrationStarted", "NewCommerceSubscriptionCreated", "MigrationFailed", "NewCommerceSubscriptionProvisioned", "MigrationCompleted"],
            rows.Select(r => r.GetAttribute("data-event")));
        Assert.Equal(
            ["2025-09-10 05:00 UTC-7", "2025-09-10 05:05 UTC-7", "2025-09-10 05:20 UTC-7", "2025-09-10 07:00 UTC-7", "2025-09-10 07:01 UTC-7"],
            rows.Select(r => r.QuerySelector(".time-local")!.TextContent));
        Assert.Equal(
            ["(2025-09-10 12:00 UTC)", "(2025-09-10 12:05 UTC)", "(2025-09-10 12:20 UTC)", "(2025-09-10 14:00 UTC)", "(2025-09-10 14:01 UTC)"],
            rows.Select(r => r.QuerySelector(".time-utc")!.TextContent));
        Assert.All(rows, r => Assert.Equal("Office 365 E3 (HQ)", r.Children[2].TextContent));
    }

    [Fact]
    public void A_failure_is_marked_with_its_detail_and_the_completion_as_success()
    {
        var (_, migration) = AllFiveEvents();

        var html = RenderActivity(migration);

        var failed = html.QuerySelector("tr[data-event=MigrationFailed]")!;
        Assert.Contains("activity-failed", failed.ClassList);
        Assert.Equal("Provisioning timed out", failed.Children[3].TextContent);
        Assert.Contains("activity-completed", html.QuerySelector("tr[data-event=MigrationCompleted]")!.ClassList);
        Assert.Empty(html.QuerySelector("tr[data-event=MigrationStarted]")!.ClassList);
    }

    [Fact]
    public void An_unnamed_subscription_shows_its_id_and_each_member_of_a_bundle_has_its_own_rows()
    {
        var bundle = Bundle.WithAddOns(1);
        var migration = bundle.Request(at: T0);

        var html = RenderActivity(migration);

        Assert.Equal(
            [bundle.Base.Id.ToString(), bundle.AddOns[0].Id.ToString()],
            html.QuerySelectorAll("tr[data-event=MigrationStarted]").Select(r => r.Children[2].TextContent));
        Assert.Equal($"Migration Activity of migration {migration.Id}", html.QuerySelector("caption")!.TextContent);
    }
}
