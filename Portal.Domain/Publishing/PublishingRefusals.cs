namespace Portal.Domain.Publishing;

/// <summary>The codes of the <see cref="Common.Refusal"/>s this folder returns, for pages and tests to match on.</summary>
public static class PublishingRefusals
{
    /// <summary>The publisher name or id given when submitting does not match the publisher.</summary>
    public const string PublisherDoesNotMatch = "PublisherDoesNotMatch";

    public const string AlreadySubmitted = "AlreadySubmitted";

    public const string AlreadyMigrated = "AlreadyMigrated";

    /// <summary>Not a Tuesday, or not starting at 10:00, 11:00 or 12:00 Pacific time.</summary>
    public const string NotAMigrationSlot = "NotAMigrationSlot";

    /// <summary>The slot starts less than 24 hours from now.</summary>
    public const string SlotTooSoon = "SlotTooSoon";

    /// <summary>Someone other than the publishing account's owner tried to confirm.</summary>
    public const string NotAccountOwner = "NotAccountOwner";

    /// <summary>Confirmation came less than 24 hours before the slot.</summary>
    public const string ConfirmationTooLate = "ConfirmationTooLate";

    /// <summary>The migration ran while offers were being published or staged; it was reverted.</summary>
    public const string OffersInFlight = "OffersInFlight";

    /// <summary>A live offer's price cannot change while its migration is booked.</summary>
    public const string LivePriceLocked = "LivePriceLocked";

    /// <summary>A migrated offer is read-only on the old portal.</summary>
    public const string ReadOnlyOnOldPortal = "ReadOnlyOnOldPortal";

    /// <summary>After migration, offers are created on the new portal only.</summary>
    public const string CreatesBlockedOnOldPortal = "CreatesBlockedOnOldPortal";

    /// <summary>The publisher has not migrated, so it has nothing on the new portal yet.</summary>
    public const string NotOnNewPortalYet = "NotOnNewPortalYet";

    /// <summary>The offer did not migrate and is edited on the old portal.</summary>
    public const string OfferStaysOnOldPortal = "OfferStaysOnOldPortal";

    /// <summary>The new portal takes only the offer types that migrate (Virtual Machine offers).</summary>
    public const string OfferTypeNotOnNewPortal = "OfferTypeNotOnNewPortal";

    public const string OfferIdTaken = "OfferIdTaken";

    public const string AlreadyAUser = "AlreadyAUser";
}
