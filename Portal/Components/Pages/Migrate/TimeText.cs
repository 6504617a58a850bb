using System.Globalization;
using Portal.Domain.Time;

namespace Portal.Components.Pages.Migrate;

/// <summary>Instants as the wizard shows them: in the user's time zone, with UTC beside.</summary>
public static class TimeText
{
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = PartnerTime.ToLocal(instant, zone);
        var utc = instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return zone == TimeZoneInfo.Utc
            ? $"{utc} UTC"
            : $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id} ({utc} UTC)";
    }
}
