namespace Portal.Components.Pages.Publishing;

/// <summary>
/// The offers section's database work, one piece at a time: both portals' tables read through the circuit's one
/// DbContext (which allows no two operations at once), and the offer actions change it, so they all take turns here.
/// </summary>
public sealed class OneAtATime : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(work);
        await work();
        return true;
    });

    public void Dispose() => _gate.Dispose();
}
