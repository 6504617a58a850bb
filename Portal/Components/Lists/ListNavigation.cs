using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Components.Lists;

/// <summary>Keeps a list's state (page, sort, filters) in the address, so that a link or a reload shows the same page.</summary>
public static class ListNavigation
{
    /// <summary>
    /// Replaces the current history entry with the address carrying <paramref name="query"/> (null or empty values, and
    /// values equal to their entry in <paramref name="defaults"/>, are dropped), unless it is already there. With the
    /// defaults, a list's first load at the state its address implies writes nothing: a navigation written then could
    /// land after a link the user clicked meanwhile and take them back.
    /// </summary>
    public static void ReplaceQuery(this NavigationManager navigation, IReadOnlyDictionary<string, object?> query, IReadOnlyDictionary<string, object?>? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        ArgumentNullException.ThrowIfNull(query);
        var cleaned = query.ToDictionary(
            p => p.Key,
            p => (p.Value is string text && text.Length == 0)
                || (defaults is not null && defaults.TryGetValue(p.Key, out var fallback) && Equals(Convert.ToString(fallback, CultureInfo.InvariantCulture), Convert.ToString(p.Value, CultureInfo.InvariantCulture)))
                ? null
                : p.Value);
        var uri = navigation.GetUriWithQueryParameters(cleaned);
        if (!string.Equals(uri, navigation.Uri, StringComparison.Ordinal))
        {
            navigation.NavigateTo(uri, replace: true);
        }
    }

    /// <summary>
    /// The state an address without a list's keys names, for <see cref="ReplaceQuery"/> to leave out: page 1, and
    /// <paramref name="pageSize"/> and <paramref name="sort"/> when the list keeps them; under the keys page, size and
    /// sort after <paramref name="prefix"/> (a page with two lists keeps each under its own, nce-page...).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> DefaultState(int? pageSize = null, object? sort = null, string prefix = "")
    {
        var defaults = new Dictionary<string, object?> { [prefix + "page"] = 1 };
        if (pageSize is { } size)
        {
            defaults[prefix + "size"] = size;
        }

        if (sort is not null)
        {
            defaults[prefix + "sort"] = sort;
        }

        return defaults;
    }

    /// <summary>The 1-based page of a table's state.</summary>
    public static int PageNumber(this TableState state) => (state?.Page ?? 0) + 1;

    /// <summary>Maps a sort label and direction to a named sort, or <paramref name="fallback"/> when none matches.</summary>
    public static TSort SortOf<TSort>(this TableState state, IReadOnlyDictionary<(string Label, SortDirection Direction), TSort> sorts, TSort fallback)
    {
        ArgumentNullException.ThrowIfNull(sorts);
        return state?.SortLabel is { } label && sorts.TryGetValue((label, state.SortDirection), out var sort) ? sort : fallback;
    }

    /// <summary>The direction a column's sort label starts with for <paramref name="current"/> (None when another column sorts).</summary>
    public static SortDirection DirectionFor<TSort>(IReadOnlyDictionary<(string Label, SortDirection Direction), TSort> sorts, string label, TSort current)
    {
        ArgumentNullException.ThrowIfNull(sorts);
        return sorts.FirstOrDefault(s => s.Key.Label == label && EqualityComparer<TSort>.Default.Equals(s.Value, current)).Key.Direction;
    }

    /// <summary>Parses an enum from the query, or <paramref name="fallback"/> for a missing or unknown value.</summary>
    public static TEnum ParseOr<TEnum>(string? text, TEnum fallback)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : fallback;
}
