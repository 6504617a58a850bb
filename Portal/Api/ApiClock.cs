namespace Portal.Api;

/// <summary>The partner's "now" for the API's routes.</summary>
public sealed class ApiClock(TimeProvider time)
{
    public Task<DateTimeOffset> NowAsync(Guid partnerTenantId, CancellationToken cancellationToken)
    {
        _ = partnerTenantId;
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(time.GetUtcNow());
    }
}
