using System.Net;

namespace Portal.PartnerCenter;

/// <summary>
/// A Partner Center call that did not succeed and will not be retried: a 4xx answer (with Partner Center's error
/// code and description), retries used up on 429/5xx, or no token from Entra ID.
/// </summary>
public sealed class PartnerCenterException : Exception
{
    public PartnerCenterException()
    {
    }

    public PartnerCenterException(string message)
        : base(message)
    {
    }

    public PartnerCenterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartnerCenterException(string message, HttpStatusCode? statusCode, string? errorCode, string? description, Guid requestId, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Description = description;
        RequestId = requestId;
        Attempts = attempts;
    }

    /// <summary>The last HTTP status; null when no answer came (or no token).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Partner Center's error code from the body (e.g. <c>600040</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    public string? Description { get; }

    /// <summary>The MS-RequestId sent on every attempt of the call (Partner Center uses it for idempotency).</summary>
    public Guid RequestId { get; }

    public int Attempts { get; }

    /// <summary>
    /// Whether Partner Center may have applied the call although it failed: a 5xx, a timeout or a lost connection
    /// (not a 4xx, a 429 or a call the open circuit never sent).
    /// </summary>
    public bool OutcomeUnknown => StatusCode is { } status
        ? (int)status >= 500
        : InnerException is not (Polly.CircuitBreaker.BrokenCircuitException or Polly.RateLimiting.RateLimiterRejectedException or null);
}
