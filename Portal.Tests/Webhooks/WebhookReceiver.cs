using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.Tests.Web;

namespace Portal.Tests.Webhooks;

/// <summary>One request the receiver got, and the status it answered with.</summary>
public sealed record ReceivedWebhook(string Body, string? Signature, string? Timestamp, string? EventType, string? DeliveryId, string? ContentType, int AnsweredWith);

/// <summary>
/// A partner's webhook endpoint, in the test: records every POST to <c>/hooks/portal</c> and answers with the status
/// codes queued by <see cref="AnswerNext"/>, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> _answers = new();
    private LocalHttpServer _server = null!;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url => new(_server.Address, "hooks/portal");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LocalHttpServer.StartAsync(app => app.MapPost("/hooks/portal", receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order; after them, 200.</summary>
    public void AnswerNext(params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            _answers.Enqueue(status);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var status = _answers.TryDequeue(out var queued) ? queued : StatusCodes.Status200OK;
        Received.Enqueue(new ReceivedWebhook(
            body,
            request.Headers["X-Portal-Signature"].FirstOrDefault(),
            request.Headers["X-Portal-Timestamp"].FirstOrDefault(),
            request.Headers["X-Portal-Event"].FirstOrDefault(),
            request.Headers["X-Portal-Delivery"].FirstOrDefault(),
            request.ContentType,
            status));
        return Results.StatusCode(status);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
