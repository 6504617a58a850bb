using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Publishing;
using Portal.Domain.Publishing;
using Portal.Notifications;
using Portal.Persistence;
using Portal.Publishing;
using Portal.Tests.Web;
using Portal.Tests.Web.Accounts;
using Portal.Tests.Web.Publishing;

namespace Portal.Tests.Components.Publishing;

/// <summary>
/// The publisher's status page in the circuit: its states (not found, not submitted, submitted, booked, confirmed,
/// completed) and every form on it, each checked on the page and in the database, by role.
/// </summary>
public class PublisherStatusTests(PortalFactory factory) : PublishingPageContext(factory)
{
    private IRenderedComponent<PublisherStatus> RenderPage(string publisherId)
    {
        RenderPopovers();
        var cut = Render<PublisherStatus>(p => p.Add(x => x.PublisherId, publisherId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("h1")));
        return cut;
    }

    private static string Text(IRenderedComponent<PublisherStatus> cut, string selector) => cut.Find(selector).TextContent.Trim();

    /// <summary>An offer's row in a portal's table: the row of the cell that carries <c>data-offer</c>.</summary>
    private static AngleSharp.Dom.IElement OfferRow(IRenderedComponent<PublisherStatus> cut, string table, string offerId) =>
        cut.Find($"#{table} td[data-offer='{offerId}']").ParentElement!;

    [Fact]
    public async Task Another_partners_publisher_shows_the_not_found_page_exactly_like_a_missing_one()
    {
        var (_, _) = await PartnerAsync(PortalRoles.GlobalAdmin);
        var other = await Factory.CreatePartnerAsync(customers: 0);
        var theirs = await TestPublishers.AddPublisherAsync(App, other);

        var foreign = RenderPage(theirs);
        var missingMarkup = RenderPage("no-such-publisher").Markup;

        Assert.Equal("Page not found", Text(foreign, "h1"));
        Assert.DoesNotContain(TestPublishers.PublisherNameOf(other), foreign.Markup, StringComparison.Ordinal);
        Assert.Equal(missingMarkup, foreign.Markup);
    }

    [Fact]
    public async Task A_publisher_not_yet_submitted_points_to_the_Learn_page_and_offers_no_booking()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.SalesAgent);

        var cut = RenderPage(publisherId);

        Assert.Equal(TestPublishers.PublisherNameOf(partner), Text(cut, "h1"));
        Assert.Equal("Not submitted", Text(cut, "#migration-status"));
        Assert.Contains("has not submitted to migrate", Text(cut, "#not-submitted"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#book-form"));
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#old-portal-offers tbody tr").Count));
        Assert.NotNull(cut.Find("#new-portal-empty"));
        Assert.Equal("not migrated yet", cut.Find($"#publisher-roles tr[data-user='{partner.Email(PortalRoles.AdminAgent)}'] .new-role").TextContent);
        Assert.Contains("(you)", cut.Find($"#publisher-roles tr[data-user='{partner.Email(PortalRoles.SalesAgent)}']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_a_listed_Tuesday_slot_then_confirming_it_as_the_owner_confirms_the_migration()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.GlobalAdmin, submitted: true);
        var cut = RenderPage(publisherId);
        Assert.Equal("Submitted", Text(cut, "#migration-status"));
        var slots = cut.FindAll("#book-form [data-slot]").Select(e => DateTimeOffset.Parse(e.GetAttribute("data-slot")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(9, slots.Count);
        Assert.All(slots, s => Assert.True(MigrationSlots.IsRegularSlotStart(s)));
        Assert.All(slots, s => Assert.True(s - DateTimeOffset.UtcNow >= TimeSpan.FromHours(23.9)));
        Assert.Equal("Pick a slot", cut.Find("#book-form legend").TextContent.Trim());

        await cut.InvokeAsync(() => cut.FindComponent<MudRadioGroup<DateTimeOffset>>().Instance.ValueChanged.InvokeAsync(slots[1]));
        Click(cut, "Book this slot");

        cut.WaitForAssertion(() => Assert.Equal("SlotBooked", Text(cut, "#migration-status")));
        Assert.Contains("Slot booked.", Text(cut, "#publishing-message"), StringComparison.Ordinal);
        Assert.Equal(slots[1], (await StoredAsync(publisherId)).Migration!.Slot!.Start);
        Assert.Contains("That is you.", Text(cut, "#confirm-form"), StringComparison.Ordinal);

        Click(cut, "Confirm this slot as the account owner");

        cut.WaitForAssertion(() => Assert.Equal("Confirmed", Text(cut, "#migration-status")));
        Assert.Contains(partner.Email(PortalRoles.GlobalAdmin), Text(cut, "#confirmed-by"), StringComparison.Ordinal);
        var stored = (await StoredAsync(publisherId)).Migration!;
        Assert.Equal(PublisherMigrationStatus.Confirmed, stored.Status);
        Assert.Equal(partner.Email(PortalRoles.GlobalAdmin), stored.ConfirmedBy);
        Assert.Empty(cut.FindAll("#rehearse-form")); // a Production partner waits for its slot
    }

    [Fact]
    public async Task A_co_admin_may_book_but_only_the_account_owner_may_confirm()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.AdminAgent, submitted: true);
        var cut = RenderPage(publisherId);
        Click(cut, "Book this slot");
        cut.WaitForAssertion(() => Assert.Equal("SlotBooked", Text(cut, "#migration-status")));
        Assert.Contains("You are not the owner", Text(cut, "#confirm-form"), StringComparison.Ordinal);

        Click(cut, "Confirm this slot as the account owner");

        cut.WaitForAssertion(() => Assert.Contains($"Only the owner of the publishing account ({partner.Email(PortalRoles.GlobalAdmin)}", Text(cut, "#publishing-message"), StringComparison.Ordinal));
        Assert.Equal("alert", cut.Find("#publishing-message").GetAttribute("role"));
        Assert.Equal(PublisherMigrationStatus.SlotBooked, (await StoredAsync(publisherId)).Migration!.Status);
    }

    [Fact]
    public async Task An_Operator_records_an_arranged_time_and_must_name_the_operator_and_nothing_is_stored_until_then()
    {
        var (_, publisherId) = await PartnerAsync(PortalRoles.Operator, submitted: true);
        var cut = RenderPage(publisherId);
        Assert.Empty(cut.FindAll("#book-form")); // the Operator arranges; agents book
        var thursday = DateTimeOffset.UtcNow.Date.AddDays(4).AddHours(16).AddMinutes(15);
        var before = await AuditEntriesAsync(publisherId);
        cut.Find("#arrange-slot").Change(thursday.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("#operatorName").Change(" ");

        Click(cut, "Record the arranged time");

        cut.WaitForAssertion(() => Assert.Contains("Operator: enter the name", Text(cut, "#publishing-message"), StringComparison.Ordinal));
        Assert.Contains("Operator: enter the name", cut.Find("#arrange-form").TextContent, StringComparison.Ordinal); // beside the field too
        Assert.Null((await StoredAsync(publisherId)).Migration!.Slot);
        Assert.Equal(before, await AuditEntriesAsync(publisherId));

        cut.Find("#operatorName").Change("Olga Operator");
        Click(cut, "Record the arranged time");

        cut.WaitForAssertion(() => Assert.Contains("arranged by Olga Operator", Text(cut, "#booked-slot"), StringComparison.Ordinal));
        Assert.Contains("Arranged time recorded", Text(cut, "#publishing-message"), StringComparison.Ordinal);
        var slot = (await StoredAsync(publisherId)).Migration!.Slot!;
        Assert.Equal(new DateTimeOffset(thursday, TimeSpan.Zero), slot.Start);
        Assert.Equal("Olga Operator", slot.ArrangedBy);
        Assert.Equal(before + 1, await AuditEntriesAsync(publisherId));
    }

    [Theory]
    [InlineData(PortalRoles.SalesAgent)]
    [InlineData(PortalRoles.AdminAgent)]
    public async Task An_agent_sees_no_arrange_form_and_the_form_itself_refuses_an_agent_and_changes_nothing(string role)
    {
        var (partner, publisherId) = await PartnerAsync(role, submitted: true);
        Assert.Empty(RenderPage(publisherId).FindAll("#arrange-form"));
        var before = await AuditEntriesAsync(publisherId);

        // Rendered on its own (no AuthorizeView around it), the form still checks the policy before the desk runs.
        var publisher = await App.CreateAsyncScope().ServiceProvider.GetRequiredService<PublisherDesk>().GetAsync(partner.TenantId, publisherId);
        PublishingResult? result = null;
        var form = Render<ArrangeSlotForm>(p => p.Add(x => x.Publisher, publisher!).Add(x => x.Done, r => result = r));
        form.Find("#arrange-slot").Change("2030-01-02T10:00");
        form.Find("#operatorName").Change("Sam Sales");
        Click(form, "Record the arranged time");

        form.WaitForAssertion(() => Assert.NotNull(result));
        Assert.Equal(PublishingGuard.Forbidden, result!.Outcome!.Refusal!.Code);
        Assert.Null((await StoredAsync(publisherId)).Migration!.Slot);
        Assert.Equal(before, await AuditEntriesAsync(publisherId));
    }

    [Fact]
    public async Task A_Global_admin_both_books_and_records_arranged_times()
    {
        var (_, publisherId) = await PartnerAsync(PortalRoles.GlobalAdmin, submitted: true);

        var cut = RenderPage(publisherId);

        Assert.NotNull(cut.Find("#book-form"));
        Assert.NotNull(cut.Find("#arrange-form"));
    }

    [Fact]
    public async Task A_Helpdesk_agent_only_reads_no_booking_no_offer_form_no_finishing()
    {
        var busy = Offer.Existing("vm-busy", "VM Busy", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(1m), OfferActivity.Publishing);
        var (_, publisherId) = await PartnerAsync(PortalRoles.HelpdeskAgent, submitted: true, extra: busy);

        var cut = RenderPage(publisherId);

        Assert.Equal("Submitted", Text(cut, "#migration-status"));
        Assert.Empty(cut.FindAll("#book-form"));
        Assert.Empty(cut.FindAll("#arrange-form"));
        Assert.Empty(cut.FindAll("#create-offer-form"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Finish", StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("being published", OfferRow(cut, "old-portal-offers", "vm-busy").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finishing_an_offer_in_flight_shows_it_finished_and_stores_it()
    {
        var busy = Offer.Existing("vm-busy", "VM Busy", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(1m), OfferActivity.Publishing);
        var (_, publisherId) = await PartnerAsync(PortalRoles.SalesAgent, extra: busy);
        var cut = RenderPage(publisherId);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#old-portal-offers .in-flight")));

        Click(cut, "Finish publishing");

        cut.WaitForAssertion(() => Assert.Contains("'vm-busy' finished staging or publishing.", Text(cut, "#publishing-message"), StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("Listed", OfferRow(cut, "old-portal-offers", "vm-busy").TextContent, StringComparison.Ordinal)); // the table read its page again
        Assert.Empty(cut.FindAll(".in-flight"));
        Assert.False((await StoredAsync(publisherId)).FindOffer("vm-busy")!.IsInFlight);
    }

    [Theory]
    [InlineData("Old", "new-testdrive", "New Test Drive", "5", null, null)]
    [InlineData("New", "new-vm", "New VM", "1", "has not migrated to the new portal yet", "offer-portal")]
    [InlineData("Old", "", "Nameless", "5", "Offer id: enter an id", "offer-id")]
    [InlineData("Old", "priced", "Priced", "-1", "Price: enter a price of 0 or more", "offer-price")]
    [InlineData("Old", "priced", "Priced", "cheap", "Price: enter a price of 0 or more", "offer-price")]
    [InlineData("Old", "vm-draft", "Taken", "1", "You already have an offer with the id 'vm-draft'", "offer-id")]
    public async Task Creating_an_offer_before_migration_works_on_the_old_portal_only_and_bad_input_names_the_field_and_stores_nothing(
        string portal, string offerId, string name, string price, string? refusal, string? field)
    {
        var (_, publisherId) = await PartnerAsync(PortalRoles.SalesAgent);
        var offersBefore = (await StoredAsync(publisherId)).Offers.Count;
        var cut = RenderPage(publisherId);
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<PublishingPortal>>().Instance.ValueChanged.InvokeAsync(Enum.Parse<PublishingPortal>(portal)));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OfferType>>().Instance.ValueChanged.InvokeAsync(portal == "New" ? OfferType.VirtualMachine : OfferType.TestDrive));
        cut.Find("#offer-id").Change(offerId);
        cut.Find("#offer-name").Change(name);
        cut.Find("#offer-price").Change(price);

        Click(cut, "Create draft");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#publishing-message")));
        var stored = await StoredAsync(publisherId);
        if (refusal is null)
        {
            Assert.Contains($"Draft offer '{offerId}' created on the old portal", Text(cut, "#publishing-message"), StringComparison.Ordinal);
            Assert.Equal(OfferState.Draft, stored.FindOffer(offerId)!.State);
            Assert.Equal(offersBefore + 1, stored.Offers.Count);
            cut.WaitForAssertion(() => Assert.NotNull(OfferRow(cut, "old-portal-offers", offerId)));
        }
        else
        {
            Assert.Contains(refusal, Text(cut, "#publishing-message"), StringComparison.Ordinal);
            Assert.Equal(offersBefore, stored.Offers.Count);
            // The message is beside the field it is about, and the field is marked invalid.
            var input = cut.Find($"#{field}");
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains(refusal, cut.Find("#create-offer-form").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Sandbox_rehearsal_asks_first_then_runs_the_migration_and_the_portal_notification_list_has_it()
    {
        var (partner, publisherId) = await PartnerAsync(PortalRoles.GlobalAdmin, submitted: true, sandbox: true);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage(publisherId);
        Click(cut, "Book this slot");
        cut.WaitForAssertion(() => Assert.Equal("SlotBooked", Text(cut, "#migration-status")));
        Click(cut, "Confirm this slot as the account owner");
        cut.WaitForAssertion(() => Assert.Equal("Confirmed", Text(cut, "#migration-status")));

        Click(cut, "Run the migration now (rehearsal)");
        dialogs.WaitForAssertion(() => Assert.Contains("Your Sandbox clock moves forward", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(PublisherMigrationStatus.Confirmed, (await StoredAsync(publisherId)).Migration!.Status); // nothing ran yet
        Click(dialogs, "Run it now");

        cut.WaitForAssertion(() => Assert.Equal("Completed", Text(cut, "#migration-status")));
        Assert.Contains("has moved to the new Cloud Partner Portal", cut.Find(".notification[data-kind=Completed]").TextContent, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#new-portal-offers tbody tr").Count));
        Assert.NotNull(cut.Find("#old-portal-creates-blocked"));
        await using var scope = App.CreateAsyncScope();
        var list = await scope.ServiceProvider.GetRequiredService<PortalNotifications>().ListAsync(partner.TenantId, 1, unreadOnly: true, Xunit.TestContext.Current.CancellationToken);
        var notification = Assert.Single(list.Items);
        Assert.Equal(PublishingNotifications.CompletedKind, notification.Kind);
        Assert.Contains("has moved to the new Cloud Partner Portal", notification.Title, StringComparison.Ordinal);
        Assert.Equal($"publishing/{publisherId}", notification.Link);
    }

    [Fact]
    public async Task Cancelling_the_rehearsal_dialog_runs_nothing()
    {
        var (_, publisherId) = await PartnerAsync(PortalRoles.GlobalAdmin, submitted: true, sandbox: true);
        await using (var scope = App.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<PublisherDesk>();
            var tenant = CurrentPartner.TryGetTenantId(User)!.Value;
            var actor = User.Identity!.Name!;
            Assert.True((await desk.BookAsync(tenant, publisherId, MigrationSlots.Bookable(await desk.NowAsync(tenant), 1)[0], actor))!.Succeeded);
            Assert.True((await desk.ConfirmAsync(tenant, publisherId, actor))!.Succeeded);
        }

        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage(publisherId);
        Click(cut, "Run the migration now (rehearsal)");
        dialogs.WaitForAssertion(() => Assert.Contains("Keep waiting", dialogs.Markup, StringComparison.Ordinal));

        Click(dialogs, "Keep waiting");

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Keep waiting", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(PublisherMigrationStatus.Confirmed, (await StoredAsync(publisherId)).Migration!.Status);
        Assert.Equal("Confirmed", Text(cut, "#migration-status"));
    }
}
