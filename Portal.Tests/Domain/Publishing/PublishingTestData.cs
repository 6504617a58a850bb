using System.Globalization;
using Portal.Domain.Publishing;

namespace Portal.Tests.Domain.Publishing;

/// <summary>
/// Test data for publisher migrations: the publisher Contoso (id "contoso") with admin Ada and co-admins Cory and
/// Cleo, its offers, and migrations of it. Slots fall on Tuesdays around the 2026 daylight-saving changes
/// (Pacific time springs forward on Sunday 8 March and falls back on Sunday 1 November).
/// </summary>
public static class PublishingTestData
{
    public const string PublisherName = "Contoso";
    public const string PublisherId = "contoso";
    public const string Admin = "ada@contoso.com";
    public const string CoAdmin = "cory@contoso.com";
    public const string OtherCoAdmin = "cleo@contoso.com";
    public const string Operator = "oscar@marketplace.example";

    public static readonly Guid MigrationId = Guid.Parse("c9a00000-0000-4000-8000-000000000007");

    /// <summary>Tuesday 3 March 2026, the last Tuesday on standard time (PST, UTC-8).</summary>
    public static readonly DateOnly TuesdayBeforeSpringForward = new(2026, 3, 3);

    /// <summary>Tuesday 10 March 2026, the first Tuesday on daylight time (PDT, UTC-7).</summary>
    public static readonly DateOnly TuesdayAfterSpringForward = new(2026, 3, 10);

    /// <summary>Tuesday 27 October 2026, the last Tuesday on daylight time (PDT, UTC-7).</summary>
    public static readonly DateOnly TuesdayBeforeFallBack = new(2026, 10, 27);

    /// <summary>Tuesday 3 November 2026, the first Tuesday back on standard time (PST, UTC-8).</summary>
    public static readonly DateOnly TuesdayAfterFallBack = new(2026, 11, 3);

    /// <summary>Tuesday 3 March 2026 10:00 PST: the slot most tests book.</summary>
    public static readonly DateTimeOffset Slot = Utc(2026, 3, 3, 18);

    /// <summary>When most tests submit, book and confirm: well over 24 hours before <see cref="Slot"/>.</summary>
    public static readonly DateTimeOffset Earlier = Utc(2026, 2, 20, 12);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static PublisherBuilder APublisher() => new();

    public static Offer Vm(string offerId, OfferState state = OfferState.Listed, OfferActivity activity = OfferActivity.None, decimal price = 0.25m) =>
        OfferOf(OfferType.VirtualMachine, offerId, state, activity, price);

    public static Offer OfferOf(OfferType type, string offerId, OfferState state = OfferState.Listed, OfferActivity activity = OfferActivity.None, decimal price = 99m) =>
        Offer.Existing(offerId, NameOf(offerId), type, state, OfferPrice.Usd(price), activity);

    /// <summary>"vm-listed" is called "Vm Listed".</summary>
    public static string NameOf(string offerId) =>
        string.Join(' ', offerId.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    /// <summary>One offer of each kind that matters: the three Virtual Machine states, and a listed Solution Template and Test Drive.</summary>
    public static Offer[] TypicalOffers() =>
    [
        Vm("vm-draft", OfferState.Draft),
        Vm("vm-staged", OfferState.Staged),
        Vm("vm-listed", OfferState.Listed, price: 0.40m),
        OfferOf(OfferType.SolutionTemplate, "template-listed"),
        OfferOf(OfferType.TestDrive, "testdrive-listed"),
    ];

    public static Publisher TypicalPublisher() => APublisher().WithOffers(TypicalOffers()).Build();

    public static PublisherMigration Submitted(Publisher publisher, DateTimeOffset? now = null)
    {
        var outcome = publisher.SubmitMigration(MigrationId, PublisherName, PublisherId, now ?? Earlier);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
        return publisher.Migration!;
    }

    public static PublisherMigration Booked(Publisher publisher, DateTimeOffset? slot = null, DateTimeOffset? now = null)
    {
        var migration = Submitted(publisher, now);
        var outcome = migration.BookSlot(slot ?? Slot, now ?? Earlier);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
        return migration;
    }

    public static PublisherMigration Confirmed(Publisher publisher, DateTimeOffset? slot = null, DateTimeOffset? now = null)
    {
        var migration = Booked(publisher, slot, now);
        var outcome = migration.ConfirmSlot(Admin, now ?? Earlier);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
        return migration;
    }

    /// <summary>The typical publisher after its migration ran at <see cref="Slot"/>.</summary>
    public static Publisher MigratedPublisher()
    {
        var publisher = TypicalPublisher();
        var outcome = Confirmed(publisher).Run(Slot);
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
        return publisher;
    }

    public static Offer OfferNamed(this Publisher publisher, string offerId) =>
        publisher.FindOffer(offerId) ?? throw new InvalidOperationException($"No offer {offerId} in the test publisher.");
}

/// <summary>Builds a <see cref="Publisher"/>; by default Contoso with admin Ada, co-admins Cory and Cleo, and no offers.</summary>
public sealed class PublisherBuilder
{
    private readonly List<Offer> _offers = [];
    private string _name = PublishingTestData.PublisherName;
    private string _id = PublishingTestData.PublisherId;
    private string _admin = PublishingTestData.Admin;
    private string[] _coAdmins = [PublishingTestData.CoAdmin, PublishingTestData.OtherCoAdmin];

    public PublisherBuilder Named(string name, string publisherId)
    {
        _name = name;
        _id = publisherId;
        return this;
    }

    public PublisherBuilder WithAdmin(string admin)
    {
        _admin = admin;
        return this;
    }

    public PublisherBuilder WithCoAdmins(params string[] coAdmins)
    {
        _coAdmins = coAdmins;
        return this;
    }

    public PublisherBuilder WithOffers(params Offer[] offers)
    {
        _offers.AddRange(offers);
        return this;
    }

    public Publisher Build() => Publisher.Create(_id, _name, _admin, _coAdmins, _offers);
}
