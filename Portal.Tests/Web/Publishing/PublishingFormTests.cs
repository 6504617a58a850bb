using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Portal.Accounts;
using Portal.Domain.Publishing;
using Portal.Tests.Web.Accounts;
using static Portal.Tests.Web.Publishing.TestPublishers;

namespace Portal.Tests.Web.Publishing;

/// <summary>Every form of the publisher migration pages over HTTP: valid, invalid, without antiforgery, for another partner's publisher, and by role.</summary>
public class PublishingFormTests(PortalFactory factory)
{
    private IServiceProvider Services => factory.Services;

    [Fact]
    public async Task Submitting_with_the_publishers_name_and_id_starts_its_migration_and_leads_to_its_status_page()
    {
        var (partner, publisherId, client) = await SignedInAsync(PortalRoles.SalesAgent);

        using var response = await Submit(client, PublisherNameOf(partner).ToUpperInvariant(), $"  {publisherId} ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/publishing/{publisherId}?saved=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.FollowAsync(response);
        Assert.Contains("Submitted to migrate", page, StringComparison.Ordinal);
        Assert.Equal("Submitted", Text(page, "#migration-status"));
        Assert.NotNull(Parse(page).QuerySelector("#book-form"));
        var stored = await StoredPublisherAsync(Services, publisherId);
        Assert.Equal(PublisherMigrationStatus.Submitted, stored.Migration?.Status);
        Assert.Equal(1, await AuditEntriesAboutAsync(Services, publisherId));
    }

    [Theory]
    [InlineData("Wrong name", null, "publisherName", "the publisher name 'Wrong name' is not")]
    [InlineData("", null, "publisherName", "Publisher name: enter your publisher name")]
    [InlineData(null, "", "publisherId", "Publisher id: enter your publisher id")]
    [InlineData(null, "no-such-publisher", "publisherId", "Publisher id: your organization has no publisher with the id 'no-such-publisher'")]
    public async Task A_refused_submission_returns_to_the_Learn_page_naming_the_field_keeping_what_was_typed_and_storing_nothing(
        string? name, string? id, string field, string message)
    {
        var (partner, publisherId, client) = await SignedInAsync(PortalRoles.AdminAgent);
        name ??= PublisherNameOf(partner);
        id ??= publisherId;

        using var response = await Submit(client, name, id);

        Assert.StartsWith("/publishing/learn?error=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = Parse(await client.FollowAsync(response));
        Assert.Contains(message, page.QuerySelector("#publishing-message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("is-invalid", page.QuerySelector($"#{field}")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector("#publisherName")!.GetAttribute("value"));
        Assert.Equal(id, page.QuerySelector("#publisherId")!.GetAttribute("value"));
        Assert.Null((await StoredPublisherAsync(Services, publisherId)).Migration);
        Assert.Equal(0, await AuditEntriesAboutAsync(Services, publisherId));
    }

    [Fact]
    public async Task Submitting_another_partners_publisher_id_is_answered_like_an_unknown_id_and_changes_nothing()
    {
        var (_, _, client) = await SignedInAsync(PortalRoles.GlobalAdmin);
        var other = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await AddPublisherAsync(Services, other);

        using var response = await Submit(client, PublisherNameOf(other), theirs);

        Assert.Contains(Uri.EscapeDataString($"no publisher with the id '{theirs}'"), response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null((await StoredPublisherAsync(Services, theirs)).Migration);
    }

    [Fact]
    public async Task Booking_a_listed_Tuesday_slot_then_confirming_it_as_the_owner_confirms_the_migration()
    {
        var (_, publisherId, client) = await SubmittedAsync(PortalRoles.GlobalAdmin);
        var slots = await SlotsOfferedAsync(client, publisherId);
        Assert.Equal(9, slots.Count);
        Assert.All(slots, s => Assert.True(MigrationSlots.IsRegularSlotStart(s)));
        Assert.All(slots, s => Assert.True(s - DateTimeOffset.UtcNow >= TimeSpan.FromHours(23.9)));

        using var booked = await client.SubmitFormAsync(StatusPage(publisherId), "#book-form", new Dictionary<string, string> { ["slot"] = Iso(slots[1]) });
        Assert.Contains("saved=", booked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, (await StoredPublisherAsync(Services, publisherId)).Migration!.Status);
        Assert.Equal(slots[1], (await StoredPublisherAsync(Services, publisherId)).Migration!.Slot!.Start);

        using var confirmed = await client.SubmitFormAsync(StatusPage(publisherId), "#confirm-form", new Dictionary<string, string>());
        var page = await client.FollowAsync(confirmed);
        Assert.Equal("Confirmed", Text(page, "#migration-status"));
        var stored = (await StoredPublisherAsync(Services, publisherId)).Migration!;
        Assert.Equal(PublisherMigrationStatus.Confirmed, stored.Status);
        Assert.Contains("globaladmin-", stored.ConfirmedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Slot: choose one of the Tuesday slots listed.")]
    [InlineData("not a time", "Slot: choose one of the Tuesday slots listed.")]
    [InlineData("wednesday", "is not one of them")]
    [InlineData("tuesday-10:30", "is not one of them")]
    public async Task Booking_anything_but_a_listed_slot_is_refused_with_the_rule_and_leaves_the_migration_as_it_was(string slot, string message)
    {
        var (_, publisherId, client) = await SubmittedAsync(PortalRoles.SalesAgent);
        var first = (await SlotsOfferedAsync(client, publisherId))[0];
        var value = slot switch
        {
            "wednesday" => Iso(first.AddDays(1)),
            "tuesday-10:30" => Iso(first.AddMinutes(30)),
            _ => slot,
        };

        using var response = await client.SubmitFormAsync(StatusPage(publisherId), "#book-form", new Dictionary<string, string> { ["slot"] = value });

        var page = await client.FollowAsync(response);
        Assert.Contains(message, Text(page, "#publishing-message"), StringComparison.Ordinal);
        var stored = (await StoredPublisherAsync(Services, publisherId)).Migration!;
        Assert.Equal(PublisherMigrationStatus.Submitted, stored.Status);
        Assert.Null(stored.Slot);
    }

    [Fact]
    public async Task A_co_admin_may_book_but_only_the_account_owner_may_confirm()
    {
        var (partner, publisherId, client) = await SubmittedAsync(PortalRoles.AdminAgent);
        var slot = (await SlotsOfferedAsync(client, publisherId))[0];
        using var booked = await client.SubmitFormAsync(StatusPage(publisherId), "#book-form", new Dictionary<string, string> { ["slot"] = Iso(slot) });
        Assert.Contains("saved=", booked.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("You are not the owner", await client.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative)), StringComparison.Ordinal);

        using var refused = await client.SubmitFormAsync(StatusPage(publisherId), "#confirm-form", new Dictionary<string, string>());

        var page = await client.FollowAsync(refused);
        Assert.Contains($"Only the owner of the publishing account ({partner.Email(PortalRoles.GlobalAdmin)}", Text(page, "#publishing-message"), StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.SlotBooked, (await StoredPublisherAsync(Services, publisherId)).Migration!.Status);
    }

    [Fact]
    public async Task A_Global_admin_records_a_time_the_migration_team_arranged_and_must_name_the_operator()
    {
        var (_, publisherId, client) = await SubmittedAsync(PortalRoles.GlobalAdmin);
        var wednesday = DateTimeOffset.UtcNow.Date.AddDays(3).AddHours(7).AddMinutes(30);
        var value = wednesday.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

        using var missing = await client.SubmitFormAsync(StatusPage(publisherId), "#arrange-form", new Dictionary<string, string> { ["slot"] = value, ["operatorName"] = " " });
        Assert.Contains("Operator: enter the name", Text(await client.FollowAsync(missing), "#publishing-message"), StringComparison.Ordinal);
        Assert.Null((await StoredPublisherAsync(Services, publisherId)).Migration!.Slot);

        using var arranged = await client.SubmitFormAsync(StatusPage(publisherId), "#arrange-form", new Dictionary<string, string> { ["slot"] = value, ["operatorName"] = "Oscar Ops" });

        var page = await client.FollowAsync(arranged);
        Assert.Contains("arranged by Oscar Ops", Text(page, "#booked-slot"), StringComparison.Ordinal);
        var slot = (await StoredPublisherAsync(Services, publisherId)).Migration!.Slot!;
        Assert.Equal(new DateTimeOffset(wednesday, TimeSpan.Zero), slot.Start);
        Assert.Equal("Oscar Ops", slot.ArrangedBy);
    }

    [Fact]
    public async Task An_Operator_records_a_time_the_migration_team_arranged_and_a_Sales_agent_posting_the_same_form_is_refused_and_changes_nothing()
    {
        var (partner, publisherId, sales) = await SubmittedAsync(PortalRoles.SalesAgent);
        var thursday = DateTimeOffset.UtcNow.Date.AddDays(4).AddHours(16).AddMinutes(15);
        var value = thursday.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var before = await AuditEntriesAboutAsync(Services, publisherId);

        // The Sales agent migrates but is not of the migration team: the form is not shown, and a post of it is refused.
        Assert.Null(Parse(await sales.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative))).QuerySelector("#arrange-form"));
        using var refused = await PostAsync(sales, $"{StatusPage(publisherId)}/arrange", await TokenAsync(sales, StatusPage(publisherId)), new() { ["slot"] = value, ["operatorName"] = "Sam Sales" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await StoredPublisherAsync(Services, publisherId)).Migration!.Slot);
        Assert.Equal(before, await AuditEntriesAboutAsync(Services, publisherId));

        using var operatorClient = factory.Browserless();
        using var signIn = await operatorClient.SignInAsync(partner.Email(PortalRoles.Operator), TestPartner.Password);

        using var arranged = await operatorClient.SubmitFormAsync(StatusPage(publisherId), "#arrange-form", new Dictionary<string, string> { ["slot"] = value, ["operatorName"] = "Olga Operator" });

        Assert.Equal(HttpStatusCode.Redirect, arranged.StatusCode);
        var page = await operatorClient.FollowAsync(arranged);
        Assert.Contains("Arranged time recorded", page, StringComparison.Ordinal);
        Assert.Contains("arranged by Olga Operator", Text(page, "#booked-slot"), StringComparison.Ordinal);
        var stored = (await StoredPublisherAsync(Services, publisherId)).Migration!;
        Assert.Equal(new DateTimeOffset(thursday, TimeSpan.Zero), stored.Slot!.Start);
        Assert.Equal("Olga Operator", stored.Slot.ArrangedBy);
        Assert.True(stored.Slot.IsArrangedByOperator);
        Assert.Equal(before + 1, await AuditEntriesAboutAsync(Services, publisherId));
    }

    [Fact]
    public async Task Agents_may_not_record_an_arranged_time_and_a_Helpdesk_agent_may_only_read()
    {
        var (partner, publisherId, admin) = await SubmittedAsync(PortalRoles.AdminAgent);
        var slot = (await SlotsOfferedAsync(admin, publisherId))[0];
        var arrangeToken = await TokenAsync(admin, StatusPage(publisherId));

        using var arranged = await PostAsync(admin, $"{StatusPage(publisherId)}/arrange", arrangeToken, new() { ["slot"] = Iso(slot), ["operatorName"] = "Oscar" });
        Assert.Contains("/account/access-denied", arranged.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("arrange-form", await admin.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative)), StringComparison.Ordinal);

        using var helpdesk = factory.Browserless();
        using var _ = await helpdesk.SignInAsync(partner.Email(PortalRoles.HelpdeskAgent), TestPartner.Password);
        var page = await helpdesk.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative));
        Assert.Null(Parse(page).QuerySelector("#book-form"));
        Assert.Contains("submit-not-allowed", await helpdesk.GetStringAsync(new Uri("/publishing/learn", UriKind.Relative)), StringComparison.Ordinal);
        using var booked = await PostAsync(helpdesk, $"{StatusPage(publisherId)}/book", await TokenAsync(helpdesk, StatusPage(publisherId)), new() { ["slot"] = Iso(slot) });
        Assert.Contains("/account/access-denied", booked.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        Assert.Null((await StoredPublisherAsync(Services, publisherId)).Migration!.Slot);
    }

    [Theory]
    [InlineData("book")]
    [InlineData("confirm")]
    [InlineData("arrange")]
    [InlineData("rehearse")]
    [InlineData("offers")]
    [InlineData("offers/finish")]
    public async Task Each_form_without_its_antiforgery_token_is_rejected_and_changes_nothing(string action)
    {
        var (_, publisherId, client) = await SubmittedAsync(PortalRoles.GlobalAdmin);
        var slot = (await SlotsOfferedAsync(client, publisherId))[0];
        var before = await AuditEntriesAboutAsync(Services, publisherId);

        using var response = await PostAsync(client, $"{StatusPage(publisherId)}/{action}", token: null, new()
        {
            ["slot"] = Iso(slot), ["operatorName"] = "Oscar", ["portal"] = "Old", ["offerId"] = "new-offer", ["name"] = "New", ["type"] = "TestDrive", ["price"] = "1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await AuditEntriesAboutAsync(Services, publisherId));
        var stored = await StoredPublisherAsync(Services, publisherId);
        Assert.Null(stored.Migration!.Slot);
        Assert.Null(stored.FindOffer("new-offer"));
    }

    [Fact]
    public async Task Submitting_without_the_antiforgery_token_is_rejected()
    {
        var (partner, publisherId, client) = await SignedInAsync(PortalRoles.GlobalAdmin);

        using var response = await PostAsync(client, "/publishing/submit", token: null, new() { ["publisherName"] = PublisherNameOf(partner), ["publisherId"] = publisherId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await StoredPublisherAsync(Services, publisherId)).Migration);
    }

    [Theory]
    [InlineData("book")]
    [InlineData("confirm")]
    [InlineData("arrange")]
    [InlineData("rehearse")]
    [InlineData("offers")]
    [InlineData("offers/finish")]
    public async Task Each_form_posted_for_another_partners_publisher_answers_404_like_a_missing_one_and_changes_nothing(string action)
    {
        var (_, _, client) = await SubmittedAsync(PortalRoles.GlobalAdmin);
        var other = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await AddPublisherAsync(Services, other);
        var token = await TokenAsync(client, "/publishing");
        var fields = new Dictionary<string, string> { ["slot"] = "2030-01-01T18:00:00Z", ["operatorName"] = "Oscar", ["portal"] = "Old", ["offerId"] = "vm-draft", ["name"] = "X", ["type"] = "TestDrive", ["price"] = "1" };

        using var foreign = await PostAsync(client, $"{StatusPage(theirs)}/{action}", token, fields);
        using var missing = await PostAsync(client, $"{StatusPage("no-such-publisher")}/{action}", token, fields);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(MainOf(await missing.Content.ReadAsStringAsync()), MainOf(await foreign.Content.ReadAsStringAsync()));
        Assert.Equal(0, await AuditEntriesAboutAsync(Services, theirs));
    }

    [Fact]
    public async Task Another_partners_publisher_page_answers_404_exactly_like_a_missing_one()
    {
        var (_, mine, client) = await SignedInAsync(PortalRoles.HelpdeskAgent);
        var other = await factory.CreatePartnerAsync(customers: 0);
        var theirs = await AddPublisherAsync(Services, other);

        using var own = await client.GetAsync(new Uri(StatusPage(mine), UriKind.Relative));
        using var foreign = await client.GetAsync(new Uri(StatusPage(theirs), UriKind.Relative));
        using var missing = await client.GetAsync(new Uri(StatusPage("no-such-publisher"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var foreignHtml = await foreign.Content.ReadAsStringAsync();
        Assert.DoesNotContain(PublisherNameOf(other), foreignHtml, StringComparison.Ordinal);
        Assert.Equal(MainOf(await missing.Content.ReadAsStringAsync()), MainOf(foreignHtml));
        Assert.DoesNotContain(PublisherNameOf(other), await client.GetStringAsync(new Uri("/publishing", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Production_partner_cannot_rehearse_and_waits_for_its_slot()
    {
        var (_, publisherId, client) = await SubmittedAsync(PortalRoles.GlobalAdmin);
        var slot = (await SlotsOfferedAsync(client, publisherId))[0];
        using var booked = await client.SubmitFormAsync(StatusPage(publisherId), "#book-form", new Dictionary<string, string> { ["slot"] = Iso(slot) });
        using var confirmed = await client.SubmitFormAsync(StatusPage(publisherId), "#confirm-form", new Dictionary<string, string>());
        var page = await client.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative));
        Assert.Null(Parse(page).QuerySelector("#rehearse-form"));

        using var response = await PostAsync(client, $"{StatusPage(publisherId)}/rehearse", await TokenAsync(client, StatusPage(publisherId)), new());

        Assert.Contains("Only Sandbox partners can rehearse", Text(await client.FollowAsync(response), "#publishing-message"), StringComparison.Ordinal);
        Assert.Equal(PublisherMigrationStatus.Confirmed, (await StoredPublisherAsync(Services, publisherId)).Migration!.Status);
    }

    [Theory]
    [InlineData("Old", "new-testdrive", "New Test Drive", "TestDrive", "5", null)]
    [InlineData("New", "new-vm", "New VM", "VirtualMachine", "1", "has not migrated to the new portal yet")]
    [InlineData("Old", "", "Nameless", "TestDrive", "5", "Offer id: enter an id")]
    [InlineData("Old", "priced", "Priced", "TestDrive", "-1", "Price: enter a price of 0 or more")]
    [InlineData("Old", "priced", "Priced", "TestDrive", "cheap", "Price: enter a price of 0 or more")]
    [InlineData("Old", "vm-draft", "Taken", "TestDrive", "1", "You already have an offer with the id 'vm-draft'")]
    public async Task Creating_an_offer_before_migration_works_on_the_old_portal_only_and_bad_input_names_the_field(
        string portal, string offerId, string name, string type, string price, string? refusal)
    {
        var (_, publisherId, client) = await SignedInAsync(PortalRoles.SalesAgent);
        var offersBefore = (await StoredPublisherAsync(Services, publisherId)).Offers.Count;

        using var response = await client.SubmitFormAsync(StatusPage(publisherId), "#create-offer-form", new Dictionary<string, string>
        {
            ["portal"] = portal, ["offerId"] = offerId, ["name"] = name, ["type"] = type, ["price"] = price,
        });

        var page = await client.FollowAsync(response);
        var stored = await StoredPublisherAsync(Services, publisherId);
        if (refusal is null)
        {
            Assert.Contains($"Draft offer '{offerId}' created on the old portal", Text(page, "#publishing-message"), StringComparison.Ordinal);
            Assert.Equal(OfferState.Draft, stored.FindOffer(offerId)!.State);
            Assert.Equal(offersBefore + 1, stored.Offers.Count);
        }
        else
        {
            Assert.Contains(refusal, Text(page, "#publishing-message"), StringComparison.Ordinal);
            Assert.Equal(offersBefore, stored.Offers.Count);
            Assert.NotNull(Parse(page).QuerySelector("details[open] #create-offer-form"));
        }
    }

    private async Task<(TestPartner Partner, string PublisherId, HttpClient Client)> SignedInAsync(string role)
    {
        var partner = await factory.CreatePartnerAsync(customers: 0);
        var publisherId = await AddPublisherAsync(Services, partner);
        var client = factory.Browserless();
        using var _ = await client.SignInAsync(partner.Email(role), TestPartner.Password);
        return (partner, publisherId, client);
    }

    private async Task<(TestPartner Partner, string PublisherId, HttpClient Client)> SubmittedAsync(string role)
    {
        var signedIn = await SignedInAsync(role);
        using var response = await Submit(signedIn.Client, PublisherNameOf(signedIn.Partner), signedIn.PublisherId);
        Assert.Contains("saved=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return signedIn;
    }

    private static Task<HttpResponseMessage> Submit(HttpClient client, string name, string id) =>
        client.SubmitFormAsync("/publishing/learn", "#submit-form", new Dictionary<string, string> { ["publisherName"] = name, ["publisherId"] = id });

    private static async Task<IReadOnlyList<DateTimeOffset>> SlotsOfferedAsync(HttpClient client, string publisherId)
    {
        var page = Parse(await client.GetStringAsync(new Uri(StatusPage(publisherId), UriKind.Relative)));
        return page.QuerySelectorAll("#book-form input[name=slot]")
            .Select(i => DateTimeOffset.Parse(i.GetAttribute("value")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            .ToList();
    }

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        Parse(await client.GetStringAsync(new Uri(page, UriKind.Relative))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token, Dictionary<string, string> fields)
    {
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static string StatusPage(string publisherId) => $"/publishing/{publisherId}";

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The page's main content (the layout around it carries a per-response antiforgery token).</summary>
    private static string MainOf(string html) => Parse(html).QuerySelector("main")?.TextContent ?? html;

    private static string Text(string html, string selector) => Parse(html).QuerySelector(selector)?.TextContent.Trim() ?? $"(no {selector})";
}
