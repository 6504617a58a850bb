using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Accounts;
using Portal.Persistence;
using Portal.Tests.Web.Accounts;
using static Portal.Tests.Web.Migrate.WizardData;

namespace Portal.Tests.Web.Migrate;

/// <summary>
/// Each step of the migration wizard over plain HTTP, as a browser without script posts it: valid input moves on,
/// invalid input is refused naming the member and field, a post without the antiforgery token is rejected, another
/// partner's customer or draft answers 404, and a double submit creates one migration.
/// </summary>
public class WizardFormTests(PortalFactory factory)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_the_wizard_twice_continues_one_draft_at_its_first_open_step()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));

        var first = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var second = (await client.GetAsync(StartUrl(data), Ct)).Location();

        Assert.EndsWith("/bundle", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_helpdesk_agent_cannot_open_the_wizard()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.HelpdeskAgent));

        var response = await client.GetAsync(StartUrl(data), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/bundle", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_customer_subscription_or_draft_answers_not_found()
    {
        var data = await CreateAsync(factory);
        var other = await factory.CreatePartnerAsync(customers: 1);
        using var owner = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        using var stranger = await factory.SignedInAsync(other.Email(PortalRoles.AdminAgent));
        var draftUrl = (await owner.GetAsync(StartUrl(data), Ct)).Location();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(StartUrl(data), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/customers/{other.Customers[0].TenantId}/migrate?subscription={data.E3}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(draftUrl, Ct)).StatusCode);

        // Another user of the same partner does not see the draft either: it is the owner's.
        using var colleague = await factory.SignedInAsync(data.Partner.Email(PortalRoles.GlobalAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(draftUrl, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_step_posted_without_the_antiforgery_token_is_rejected_and_saves_nothing()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var page = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var (action, values) = await client.ReadFormAsync(page, "#bundle-form");
        values.Remove("__RequestVerificationToken");
        values["scope"] = "Bundle";

        var response = await client.PostAsync(action, values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("/bundle", (await client.GetAsync(StartUrl(data), Ct)).Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_step_accepts_valid_input_and_a_double_submit_creates_one_migration()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var bundle = (await client.GetAsync(StartUrl(data), Ct)).Location();

        var eligibility = await StepAsync(client, bundle, "#bundle-form", new() { ["scope"] = "Bundle" });
        Assert.EndsWith("/eligibility", eligibility, StringComparison.Ordinal);
        var targets = await StepAsync(client, eligibility, "#eligibility-form", []);
        Assert.EndsWith("/targets", targets, StringComparison.Ordinal);
        var when = await StepAsync(client, targets, "#targets-form", Targets(data, archivingSeats: "35"));
        Assert.EndsWith("/when", when, StringComparison.Ordinal);
        var review = await StepAsync(client, when, "#when-form", new() { ["when"] = "Now" });
        Assert.EndsWith("/review", review, StringComparison.Ordinal);

        var reviewPage = await client.GetStringAsync(review, Ct);
        Assert.Contains("35", reviewPage, StringComparison.Ordinal);
        var (action, values) = await client.ReadFormAsync(review, "#submit-form");
        var first = await client.PostAsync(action, values);
        var second = await client.PostAsync(action, values);
        Assert.True(second.StatusCode == HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync(Ct));

        var status = first.Location();
        Assert.StartsWith("/migrations/", status, StringComparison.Ordinal);
        Assert.Equal(status, second.Location());
        Assert.Equal(1, await MigrationsOfAsync(data));
        var statusPage = await client.GetStringAsync(status, Ct);
        Assert.Contains("MigrationStarted", statusPage, StringComparison.Ordinal);
        Assert.Contains("Exchange Online Archiving", statusPage, StringComparison.Ordinal);

        // Back to a step of the submitted draft: it leads to the migration, never to a second one.
        Assert.Equal(status, (await client.GetAsync(review, Ct)).Location());
    }

    [Fact]
    public async Task Two_submits_at_the_same_moment_create_one_migration()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var review = await WalkToReviewAsync(client, data);
        var (action, values) = await client.ReadFormAsync(review, "#submit-form");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostAsync(action, values)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.Redirect).Select(r => r.Location()).Distinct());
        Assert.Equal(1, await MigrationsOfAsync(data));
    }

    [Theory]
    [InlineData("0", "At least 1 seat")]
    [InlineData("many", "is not a whole number")]
    public async Task Bad_seats_are_refused_naming_the_member_and_the_field_and_keep_what_was_entered(string seats, string message)
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var bundle = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var targets = await StepAsync(client, await StepAsync(client, bundle, "#bundle-form", new() { ["scope"] = "Bundle" }), "#eligibility-form", []);
        var (action, values) = await client.ReadFormAsync(targets, "#targets-form");
        foreach (var (k, v) in Targets(data, archivingSeats: seats))
        {
            values[k] = v;
        }

        var response = await client.PostAsync(action, values);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Exchange Online Archiving – Seats", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{Field("seats", data.Archiving)}\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{seats}\"", html, StringComparison.Ordinal);
        Assert.EndsWith("/targets", (await client.GetAsync(StartUrl(data), Ct)).Location(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_date_after_the_term_is_refused_on_its_field()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var review = await WalkToReviewAsync(client, data);
        var when = review.Replace("/review", "/when", StringComparison.Ordinal);
        var (action, values) = await client.ReadFormAsync(when, "#when-form");
        values["when"] = "OnDate";
        values["targetDate"] = DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var html = await (await client.PostAsync(action, values)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("Target date", html, StringComparison.Ordinal);
        Assert.Contains("inside the current term", html, StringComparison.Ordinal);
        Assert.Contains("max=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ineligible_subscription_shows_each_reason_with_its_guidance_and_cannot_go_on()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var bundle = (await client.GetAsync($"/customers/{data.CustomerId}/migrate?subscription={data.Trial}", Ct)).Location();
        var eligibility = await StepAsync(client, bundle, "#bundle-form", new() { ["scope"] = "Bundle" });

        var html = await client.GetStringAsync(eligibility, Ct);

        Assert.Contains("8 TradeStatusNotAllowed</strong>: Trial subscriptions cannot migrate", html, StringComparison.Ordinal);
        Assert.Contains("What to do:", html, StringComparison.Ordinal);
        Assert.Contains("id=\"blocked\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("eligibility-form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_saved_from_an_older_tab_is_a_conflict_that_keeps_both_sides()
    {
        var data = await CreateAsync(factory);
        using var client = await factory.SignedInAsync(data.Partner.Email(PortalRoles.AdminAgent));
        var bundle = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var targets = await StepAsync(client, await StepAsync(client, bundle, "#bundle-form", new() { ["scope"] = "Bundle" }), "#eligibility-form", []);
        var tabA = await client.ReadFormAsync(targets, "#targets-form");
        var tabB = await client.ReadFormAsync(targets, "#targets-form");
        foreach (var (k, v) in Targets(data, archivingSeats: "11"))
        {
            tabA.Values[k] = v;
        }

        foreach (var (k, v) in Targets(data, archivingSeats: "22"))
        {
            tabB.Values[k] = v;
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(tabA.Action, tabA.Values)).StatusCode);
        var conflict = await client.PostAsync(tabB.Action, tabB.Values);
        var html = WebUtility.HtmlDecode(await conflict.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("Changed in another tab", html, StringComparison.Ordinal);
        Assert.Contains("Exchange Online Archiving: 1 year term, billed annual, 11 seats", html, StringComparison.Ordinal); // what tab A saved
        Assert.Contains($"value=\"22\"", html, StringComparison.Ordinal); // what tab B entered, still there
        var saved = await client.GetStringAsync(targets, Ct);
        Assert.Contains("value=\"11\"", saved, StringComparison.Ordinal);
    }

    private static string StartUrl(WizardCustomer data) => $"/customers/{data.CustomerId}/migrate?subscription={data.E3}";

    private static Dictionary<string, string> Targets(WizardCustomer data, string archivingSeats) => new()
    {
        [Field("pair", data.E3)] = "P1Y:Annual",
        [Field("seats", data.E3)] = "40",
        [Field("end", data.E3)] = "KeepEndDate",
        [Field("pair", data.Archiving)] = "P1Y:Annual",
        [Field("seats", data.Archiving)] = archivingSeats,
        [Field("end", data.Archiving)] = "KeepEndDate",
        [Field("pair", data.Defender)] = "P1Y:Annual",
        [Field("seats", data.Defender)] = "40",
        [Field("end", data.Defender)] = "NewFullTerm",
    };

    private static async Task<string> StepAsync(HttpClient client, string page, string form, Dictionary<string, string> fields)
    {
        var (action, values) = await client.ReadFormAsync(page, form);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        var response = await client.PostAsync(action, values);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"{page} {form} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }

        return response.Location();
    }

    private static async Task<string> WalkToReviewAsync(HttpClient client, WizardCustomer data)
    {
        var bundle = (await client.GetAsync(StartUrl(data), Ct)).Location();
        var eligibility = await StepAsync(client, bundle, "#bundle-form", new() { ["scope"] = "Bundle" });
        var targets = await StepAsync(client, eligibility, "#eligibility-form", []);
        var when = await StepAsync(client, targets, "#targets-form", Targets(data, "40"));
        return await StepAsync(client, when, "#when-form", new() { ["when"] = "Now" });
    }

    private async Task<int> MigrationsOfAsync(WizardCustomer data)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Migrations.CountAsync(m => m.CustomerId == data.CustomerId, Ct);
    }
}
