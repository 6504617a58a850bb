namespace Portal.Csv;

/// <summary>The "now" an export or import is judged at, for one partner.</summary>
public sealed class ExportClock(TimeProvider time)
{
    public Task<DateTimeOffset> NowAsync(Guid partnerTenantId, CancellationToken cancellationToken) => Task.FromResult(time.GetUtcNow());
}
