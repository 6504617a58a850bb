using System.Globalization;
using System.Text;

namespace Portal.Api;

/// <summary>
/// Pages of a list: the page size from the query, the position in an opaque continuation token that the caller
/// sends back in the <c>MS-ContinuationToken</c> header (or the <c>continuationToken</c> query), as Partner Center does.
/// </summary>
public readonly record struct ApiPage(int Size, int Offset)
{
    public const string Header = "MS-ContinuationToken";

    /// <summary>Reads the page; null with a problem when the size or token is not valid.</summary>
    public static (ApiPage Page, IResult? Problem) From(HttpRequest request, string sizeName, int defaultSize, int maxSize)
    {
        var size = defaultSize;
        if (request.Query[sizeName] is { Count: > 0 } sizeText
            && (!int.TryParse(sizeText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxSize))
        {
            return (default, ApiProblems.Invalid(sizeName, $"{sizeName} must be a whole number from 1 to {maxSize}."));
        }

        string? token = request.Headers[Header];
        token ??= request.Query["continuationToken"];
        if (string.IsNullOrEmpty(token))
        {
            return (new ApiPage(size, 0), null);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal)
                && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return (new ApiPage(size, offset), null);
            }
        }
        catch (FormatException)
        {
        }

        return (default, ApiProblems.Invalid(Header, "The continuation token is not one this API gave out; start again without it."));
    }

    /// <summary>Sets the continuation header when more rows follow; <paramref name="fetched"/> holds up to Size + 1 rows.</summary>
    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> fetched, HttpResponse response)
    {
        if (fetched.Count <= Size)
        {
            return fetched;
        }

        response.Headers[Header] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{Offset + Size}"));
        return fetched.Take(Size).ToList();
    }
}

/// <summary>Partner Center's collection shape.</summary>
public sealed record ApiItems<T>(int TotalCount, IReadOnlyList<T> Items)
{
    public ApiItems(IReadOnlyList<T> items)
        : this(items.Count, items)
    {
    }
}
