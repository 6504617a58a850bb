using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Portal.Accounts;
using Portal.Domain.Common;
using Portal.Domain.Publishing;

namespace Portal.Publishing;

/// <summary>
/// The publisher migration pages' forms: plain HTML posts (antiforgery checked by the framework) that redirect back
/// to the page with what happened, or with the refusal and the field it is about. Another partner's publisher
/// answers 404 exactly like a missing one.
/// </summary>
public static class PublishingEndpoints
{
    public static IEndpointRouteBuilder MapPortalPublishing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/publishing/submit", async ([FromForm] string? publisherName, [FromForm] string? publisherId, PublisherDesk desk, CurrentPartner partner) =>
        {
            var (outcome, id) = await desk.SubmitAsync(partner.TenantId, publisherName, publisherId, Actor(partner.User));
            return outcome.Succeeded
                ? Results.LocalRedirect($"{StatusPage(id!)}?saved={Escape("Submitted to migrate. Now pick a Tuesday slot and have the account's owner confirm it.")}#migration")
                : Results.LocalRedirect($"/publishing/learn?error={Escape(outcome.Refusal!.Message)}&field={Escape(outcome.Refusal.Code)}" +
                    $"&publisherName={Escape(publisherName ?? "")}&publisherId={Escape(publisherId ?? "")}#submit");
        }).RequireAuthorization(PortalPolicies.Migrate);

        var publisher = endpoints.MapGroup("/publishing/{publisherId}");
        publisher.MapPost("/book", async (string publisherId, [FromForm] string? slot, PublisherDesk desk, CurrentPartner partner) =>
            Back(publisherId, await desk.BookAsync(partner.TenantId, publisherId, ParseInstant(slot), Actor(partner.User)),
                "Slot booked. The publishing account's owner must now confirm it, at least 24 hours before it starts."))
            .RequireAuthorization(PortalPolicies.Migrate);
        publisher.MapPost("/confirm", async (string publisherId, [FromForm] string? confirm, PublisherDesk desk, CurrentPartner partner) =>
            Back(publisherId, await desk.ConfirmAsync(partner.TenantId, publisherId, Actor(partner.User)),
                "Slot confirmed. The migration runs at the slot; you will be notified here when it is done."))
            .RequireAuthorization(PortalPolicies.Migrate);
        publisher.MapPost("/arrange", async (string publisherId, [FromForm] string? slot, [FromForm] string? operatorName, PublisherDesk desk, CurrentPartner partner) =>
            Back(publisherId, await desk.ArrangeAsync(partner.TenantId, publisherId, ParseInstant(slot), operatorName, Actor(partner.User)),
                "Arranged time recorded. The publishing account's owner must still confirm it, at least 24 hours before it starts."))
            .RequireAuthorization(PortalPolicies.OperatePublishing);
        publisher.MapPost("/rehearse", async (string publisherId, [FromForm] string? confirm, PublisherDesk desk, CurrentPartner partner) =>
            Back(publisherId, await desk.RehearseNowAsync(partner.TenantId, publisherId, Actor(partner.User)), "Rehearsal finished: the migration completed."))
            .RequireAuthorization(PortalPolicies.Migrate);
        publisher.MapPost("/offers/finish", async (string publisherId, [FromForm] string? offerId, PublisherDesk desk, CurrentPartner partner) =>
            Back(publisherId, await desk.FinishInFlightAsync(partner.TenantId, publisherId, offerId, Actor(partner.User)), $"'{offerId}' finished staging or publishing.", "#offers"))
            .RequireAuthorization(PortalPolicies.Migrate);
        publisher.MapPost("/offers", async (string publisherId, [FromForm] string? portal, [FromForm] string? offerId, [FromForm] string? name, [FromForm] string? type, [FromForm] string? price, PublisherDesk desk, CurrentPartner partner) =>
        {
            var where = Enum.TryParse<PublishingPortal>(portal, ignoreCase: true, out var p) ? p : PublishingPortal.Old;
            var outcome = await desk.CreateOfferAsync(
                partner.TenantId,
                publisherId,
                where,
                offerId,
                name,
                Enum.TryParse<OfferType>(type, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null,
                decimal.TryParse(price, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
                Actor(partner.User));
            return Back(publisherId, outcome, $"Draft offer '{offerId?.Trim()}' created on the {where.ToString().ToLowerInvariant()} portal.", "#offers");
        }).RequireAuthorization(PortalPolicies.Migrate);
        return endpoints;
    }

    public static string StatusPage(string publisherId) => $"/publishing/{Uri.EscapeDataString(publisherId)}";

    /// <summary>The user name the publisher's roles know the signed-in user by: their email (ADR-010).</summary>
    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "";

    /// <summary>An instant as the forms post it: ISO 8601 with an offset, or a <c>datetime-local</c> value read as UTC.</summary>
    public static DateTimeOffset? ParseInstant(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static IResult Back(string publisherId, Outcome? outcome, string success, string anchor = "#migration") =>
        outcome is null
            ? Results.NotFound()
            : Results.LocalRedirect(outcome.Succeeded
                ? $"{StatusPage(publisherId)}?saved={Escape(success)}{anchor}"
                : $"{StatusPage(publisherId)}?error={Escape(outcome.Refusal!.Message)}&field={Escape(outcome.Refusal.Code)}{anchor}");
}
