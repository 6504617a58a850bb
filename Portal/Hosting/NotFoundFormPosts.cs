using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.Hosting;

/// <summary>
/// Keeps a page's form post at an id the partner cannot see (another partner's, or a missing one) the 404 a GET gets.
/// Such a page answers 404 and renders its not-found branch, which holds no form, so the framework would then answer
/// 400 "no form on the page has that name". When a page has already answered 404 and the framework turns that into
/// a 400, this keeps the 404 and drops the framework's text, so the status code pages show the same not-found page.
/// A refused antiforgery token is still a 400: the framework checks it before the page runs.
/// </summary>
public static class NotFoundFormPosts
{
    public static IApplicationBuilder UseNotFoundFormPosts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            || context.Features.Get<IHttpResponseFeature>() is not { } response)
        {
            await next(context);
            return;
        }

        var body = context.Features.Get<IHttpResponseBodyFeature>();
        var keeper = new NotFoundKeeper(response, context.Features);
        context.Features.Set<IHttpResponseFeature>(keeper);
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(response);
            context.Features.Set(body);
        }

        if (keeper.Kept && !context.Response.HasStarted)
        {
            context.Response.Headers.ContentType = default;
            context.Response.ContentLength = null;
        }
    });

    /// <summary>The response feature, except that a 404 is not turned into a 400.</summary>
    private sealed class NotFoundKeeper(IHttpResponseFeature inner, IFeatureCollection features) : IHttpResponseFeature
    {
        public bool Kept { get; private set; }

        public int StatusCode
        {
            get => inner.StatusCode;
            set
            {
                if (value == StatusCodes.Status400BadRequest && inner.StatusCode == StatusCodes.Status404NotFound && !inner.HasStarted)
                {
                    // What the framework writes next explains the 400; it goes nowhere.
                    Kept = true;
                    features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
                    return;
                }

                inner.StatusCode = value;
            }
        }

        public string? ReasonPhrase { get => inner.ReasonPhrase; set => inner.ReasonPhrase = value; }

        public IHeaderDictionary Headers { get => inner.Headers; set => inner.Headers = value; }

#pragma warning disable CS0618 // the interface still declares Body; it is passed through untouched
        public Stream Body { get => inner.Body; set => inner.Body = value; }
#pragma warning restore CS0618

        public bool HasStarted => inner.HasStarted;

        public void OnStarting(Func<object, Task> callback, object state) => inner.OnStarting(callback, state);

        public void OnCompleted(Func<object, Task> callback, object state) => inner.OnCompleted(callback, state);
    }
}
