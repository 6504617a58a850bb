namespace Portal.Components.Lists;

/// <summary>
/// A page's database work, one piece at a time: a circuit has one DbContext, which allows no two operations at once,
/// so the tables of one page (their reads) and the page's actions (their changes) take turns here.
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
