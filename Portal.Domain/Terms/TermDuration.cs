namespace Portal.Domain.Terms;

/// <summary>Term length, written in Partner Center as ISO 8601 (P1M, P1Y, P3Y).</summary>
public enum TermDuration
{
    P1M,
    P1Y,
    P3Y,
}

public enum BillingCycle
{
    Monthly,
    Annual,
    Triennial,
}

public static class TermDurationExtensions
{
    public static int Months(this TermDuration term) => term switch
    {
        TermDuration.P1M => 1,
        TermDuration.P1Y => 12,
        TermDuration.P3Y => 36,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown term duration."),
    };

    public static string ToIso8601(this TermDuration term) => term.ToString();

    public static bool TryParseTermDuration(string? text, out TermDuration term)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "P1M": term = TermDuration.P1M; return true;
            case "P1Y" or "P12M": term = TermDuration.P1Y; return true;
            case "P3Y" or "P36M": term = TermDuration.P3Y; return true;
            default: term = default; return false;
        }
    }

    public static string Describe(this TermDuration term) => term switch
    {
        TermDuration.P1M => "1 month",
        TermDuration.P1Y => "1 year",
        TermDuration.P3Y => "3 years",
        _ => term.ToString(),
    };
}
