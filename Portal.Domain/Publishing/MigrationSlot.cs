using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Publishing;

/// <summary>
/// An hour in which a publisher's offers move to the new portal. Regular slots are on Tuesdays starting at 10:00,
/// 11:00 or 12:00 Pacific time, so each ends by 13:00; an operator may arrange any other hour.
/// </summary>
public sealed record MigrationSlot
{
    private MigrationSlot(DateTimeOffset start, string? arrangedBy)
    {
        Start = start.ToUniversalTime();
        ArrangedBy = arrangedBy;
    }

    /// <summary>The UTC instant the slot starts.</summary>
    public DateTimeOffset Start { get; }

    public DateTimeOffset End => Start + MigrationSlots.Length;

    /// <summary>The operator who arranged this time with the publisher; null for a regular Tuesday slot.</summary>
    public string? ArrangedBy { get; }

    public bool IsArrangedByOperator => ArrangedBy is not null;

    /// <summary>The start in Pacific time, as the publisher sees it.</summary>
    public DateTimeOffset PacificStart => TimeZoneInfo.ConvertTime(Start, MigrationSlots.Pacific);

    /// <summary>A regular Tuesday slot; the start must satisfy <see cref="MigrationSlots.IsRegularSlotStart"/>.</summary>
    public static MigrationSlot Regular(DateTimeOffset start) =>
        MigrationSlots.IsRegularSlotStart(start)
            ? new MigrationSlot(start, null)
            : throw new DomainException($"{MigrationSlots.Describe(start)} is not a regular migration slot (Tuesday, starting 10:00, 11:00 or 12:00 Pacific time).");

    /// <summary>Any hour an operator arranged with the publisher.</summary>
    public static MigrationSlot ArrangedByOperator(DateTimeOffset start, string operatorName) =>
        string.IsNullOrWhiteSpace(operatorName)
            ? throw new DomainException("An operator-arranged slot must name the operator.")
            : new MigrationSlot(start, operatorName.Trim());

    public override string ToString() => MigrationSlots.Describe(Start) + (IsArrangedByOperator ? $", arranged by {ArrangedBy}" : "");
}

/// <summary>
/// The migration calendar: every Tuesday 10:00-13:00 Pacific time (America/Los_Angeles, so PST in winter and PDT in
/// summer), in one-hour slots, each confirmed by the publishing account's owner at least 24 hours ahead.
/// </summary>
public static class MigrationSlots
{
    /// <summary>One hour: three slots fit in the Tuesday window 10:00-13:00 Pacific time.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(1);

    /// <summary>A slot must be booked and confirmed at least this long before it starts (elapsed time, not wall-clock).</summary>
    public static readonly TimeSpan ConfirmationLeadTime = TimeSpan.FromHours(24);

    /// <summary>The Pacific hours a regular slot may start at; the last one ends at 13:00.</summary>
    public static readonly IReadOnlyList<int> StartHours = [10, 11, 12];

    public static TimeZoneInfo Pacific { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>True when <paramref name="start"/> is a Tuesday at exactly 10:00, 11:00 or 12:00 Pacific time.</summary>
    public static bool IsRegularSlotStart(DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, Pacific);
        return local.DayOfWeek == DayOfWeek.Tuesday
            && StartHours.Contains(local.Hour)
            && local.TimeOfDay.Ticks % TimeSpan.TicksPerHour == 0;
    }

    /// <summary>The UTC start of the regular slot on a Tuesday at a Pacific hour (10, 11 or 12).</summary>
    public static DateTimeOffset TuesdaySlot(DateOnly tuesday, int pacificHour)
    {
        if (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            throw new DomainException($"{tuesday:yyyy-MM-dd} is a {tuesday.DayOfWeek}; migration slots are on Tuesdays.");
        }

        if (!StartHours.Contains(pacificHour))
        {
            throw new DomainException($"Migration slots start at 10:00, 11:00 or 12:00 Pacific time, not {pacificHour}:00.");
        }

        var local = tuesday.ToDateTime(new TimeOnly(pacificHour, 0));
        return new DateTimeOffset(local, Pacific.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The next <paramref name="count"/> regular slots that can still be booked and confirmed at <paramref name="now"/>, earliest first.</summary>
    public static IReadOnlyList<DateTimeOffset> Bookable(DateTimeOffset now, int count)
    {
        if (count < 1)
        {
            throw new DomainException($"Ask for at least one slot, not {count}.");
        }

        var earliest = now + ConfirmationLeadTime;
        var tuesday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(earliest, Pacific).DateTime);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }

        var slots = new List<DateTimeOffset>(count);
        for (; slots.Count < count; tuesday = tuesday.AddDays(7))
        {
            slots.AddRange(StartHours.Select(hour => TuesdaySlot(tuesday, hour)).Where(start => start >= earliest).Take(count - slots.Count));
        }

        return slots;
    }

    /// <summary>The earliest regular slot that can still be booked and confirmed at <paramref name="now"/>.</summary>
    public static DateTimeOffset NextBookable(DateTimeOffset now) => Bookable(now, 1)[0];

    /// <summary>"Tuesday 2026-03-10 10:00 Pacific time (17:00 UTC)".</summary>
    public static string Describe(DateTimeOffset start)
    {
        var local = TimeZoneInfo.ConvertTime(start, Pacific);
        var utc = start.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{local:dddd yyyy-MM-dd HH:mm} Pacific time ({utc:HH:mm} UTC)");
    }
}
