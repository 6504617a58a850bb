using System.Globalization;
using Portal.Domain.Migrations;
using Portal.History;

namespace Portal.Components.Pages.History;

/// <summary>
/// The history list's filters as the form edits them and the address keeps them (status, from, to, customer,
/// microsoftLed, batch): parsed leniently from the query, written back in the same names so a reload shows the same list.
/// </summary>
public sealed class HistoryQuery
{
    public string Status { get; set; } = "";

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public string? Customer { get; set; }

    /// <summary>"", "true" (Microsoft-led) or "false" (the partner).</summary>
    public string MicrosoftLed { get; set; } = "";

    public string? Batch { get; set; }

    public static HistoryQuery Parse(string? status, string? from, string? to, string? customer, string? microsoftLed, string? batch) => new()
    {
        Status = Enum.TryParse<MigrationStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed.ToString() : "",
        From = DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var start) ? start.ToDateTime(TimeOnly.MinValue) : null,
        To = DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var end) ? end.ToDateTime(TimeOnly.MinValue) : null,
        Customer = customer,
        MicrosoftLed = bool.TryParse(microsoftLed, out var led) ? (led ? "true" : "false") : "",
        Batch = batch,
    };

    public HistoryQuery Copy() => (HistoryQuery)MemberwiseClone();

    public HistoryFilter ToFilter() => new()
    {
        Status = Enum.TryParse<MigrationStatus>(Status, out var status) ? status : null,
        From = From is { } from ? DateOnly.FromDateTime(from) : null,
        To = To is { } to ? DateOnly.FromDateTime(to) : null,
        Customer = Customer,
        MicrosoftLed = bool.TryParse(MicrosoftLed, out var led) ? led : null,
        Batch = Batch,
    };

    /// <summary>The filters as query parameters (empty ones are dropped from the address).</summary>
    public Dictionary<string, object?> ToQuery() => new()
    {
        ["status"] = Status,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["customer"] = Customer?.Trim(),
        ["microsoftLed"] = MicrosoftLed,
        ["batch"] = Batch?.Trim(),
    };
}
