namespace Portal.Domain.Time;

/// <summary>
/// Turns the UTC instants the domain stores into what a person sees. Partner Center's UI shows a term's end as
/// the partner's local date while its API shows the UTC instant, so 2024-01-17T23:59:59Z is 17 January in
/// Seattle and 18 January in Sydney.
/// </summary>
public static class PartnerTime
{
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>Finds a zone by IANA or Windows id; null when the id is unknown.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
        catch (System.Security.SecurityException)
        {
            // On Linux an id naming a folder of the zone database ("America") is reported as unreadable, not unknown.
            return null;
        }
    }
}
