using Microsoft.AspNetCore.Components;

namespace Portal.Components.Pages;

/// <summary>
/// What a page's 404 says instead of the generic words. A page that answers 404 has no body of its own: the status code
/// pages middleware re-executes the request as <c>/not-found</c> (with the same <see cref="HttpContext"/>), which
/// renders the component a page named here, if any. The page must say the same for a missing id and another partner's.
/// </summary>
public sealed record NotFoundExplanation(Type Component, IDictionary<string, object?> Parameters)
{
    private static readonly object Key = new();

    /// <summary>Answers 404, to be explained by <typeparamref name="TComponent"/> with <paramref name="parameters"/>.</summary>
    public static void Set<TComponent>(HttpContext context, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = new NotFoundExplanation(typeof(TComponent), parameters);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    public static NotFoundExplanation? Of(HttpContext? context) => context?.Items[Key] as NotFoundExplanation;
}
