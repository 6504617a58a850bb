using Portal.Domain.Terms;

namespace Portal.Api;

/// <summary>How the API writes and reads Partner Center's values: UTC instants with a Z, ISO 8601 terms, enum names.</summary>
public static class ApiText
{
    public static DateTime Utc(DateTimeOffset instant) => instant.UtcDateTime;

    public static DateTime? Utc(DateTimeOffset? instant) => instant?.UtcDateTime;

    public static string Term(TermDuration term) => term.ToIso8601();

    public static string Billing(BillingCycle billing) => billing.ToString();

    /// <summary>Reads an enum by name (case-insensitive, never by number); the error names the field and every allowed value.</summary>
    public static bool TryEnum<TEnum>(string? text, string field, IDictionary<string, string[]> errors, out TEnum value)
        where TEnum : struct, Enum
    {
        if (text is not null && !text.Any(char.IsDigit) && Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value))
        {
            return true;
        }

        value = default;
        errors[field] = [$"'{text}' is not a {field}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}."];
        return false;
    }

    public static bool TryTerm(string? text, string field, IDictionary<string, string[]> errors, out TermDuration term)
    {
        if (TermDurationExtensions.TryParseTermDuration(text, out term))
        {
            return true;
        }

        errors[field] = [$"'{text}' is not a term duration; use P1M, P1Y or P3Y."];
        return false;
    }

    /// <summary>A date written as <c>2024-01-31</c> or as an instant <c>2024-01-31T23:59:59Z</c> (its UTC date).</summary>
    public static bool TryDate(string? text, string field, IDictionary<string, string[]> errors, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date))
        {
            return true;
        }

        if (TryInstant(text, out var instant))
        {
            date = TermDates.UtcDate(instant);
            return true;
        }

        errors[field] = [$"'{text}' is not a date; write it as 2024-01-31 or 2024-01-31T23:59:59Z."];
        return false;
    }

    /// <summary>An ISO 8601 instant with an offset or Z; converted to UTC.</summary>
    public static bool TryInstant(string? text, out DateTimeOffset instant)
    {
        if (text is { Length: > 10 }
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            instant = parsed.ToUniversalTime();
            return true;
        }

        instant = default;
        return false;
    }
}
