namespace Portal.Domain.Customers;

/// <summary>
/// A customer's domain as a DNS name (RFC 1035 with RFC 1123's leading digits): dot-separated labels of ASCII letters,
/// digits and hyphens, 1 to 63 characters each and no hyphen at either end, at least two labels, a top-level label that
/// is not all digits (so not an IP address), 253 characters at most.
/// </summary>
public static class DomainName
{
    public const int MaxLength = 253;
    public const int MaxLabelLength = 63;

    /// <summary>Trimmed and in lower case, as it is stored.</summary>
    public static string Normalize(string? domain) => domain?.Trim().ToLowerInvariant() ?? "";

    /// <summary>Why <paramref name="domain"/> (normalized) is not a domain name; null when it is one.</summary>
    public static string? Problem(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        const string Example = "like contoso.onmicrosoft.com";
        if (domain.Length == 0)
        {
            return $"Give the customer's domain name, {Example}.";
        }

        if (domain.Length > MaxLength)
        {
            return $"A domain name has at most {MaxLength} characters; this one has {domain.Length}.";
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return $"'{domain}' is not a domain name: it needs at least two parts separated by a dot, {Example}.";
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return $"'{domain}' is not a domain name: it has an empty part (two dots together, or a dot at either end).";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"'{domain}' is not a domain name: each part between dots has at most {MaxLabelLength} characters.";
            }

            if (label.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                return $"'{domain}' is not a domain name: use only letters a-z, digits, hyphens and dots, {Example}.";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"'{domain}' is not a domain name: a part cannot begin or end with a hyphen ('{label}').";
            }
        }

        return labels[^1].All(char.IsAsciiDigit)
            ? $"'{domain}' is not a domain name: the last part cannot be all digits (an IP address is not a domain)."
            : null;
    }
}
