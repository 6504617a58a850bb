using Microsoft.AspNetCore.Components;
using Portal.Accounts;
using Portal.Migrations.Live;

namespace Portal.Components.Pages.Migrate;

/// <summary>
/// A page that follows the engine live (ADR-026): in its circuit (never while prerendering) it subscribes to its
/// partner's updates, reloads when one is about what it shows, and unsubscribes when it goes. Every database
/// operation of the page, reloads and actions alike, runs through <see cref="ExclusiveAsync"/>: the circuit's
/// DbContext takes one operation at a time, and a burst of updates coalesces into one reload.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IDisposable? _subscription;
    private bool _reloadQueued;
    private bool _disposed;

    [Inject]
    private MigrationUpdates Updates { get; set; } = default!;

    [Inject]
    protected CurrentPartner Partner { get; set; } = default!;

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>The request's token while prerendering; none in the circuit.</summary>
    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>True when an update is about what this page shows.</summary>
    protected abstract bool IsFor(MigrationUpdate update);

    /// <summary>Reads the page's data again (called inside <see cref="ExclusiveAsync"/>).</summary>
    protected abstract Task ReloadAsync();

    /// <summary>Starts following the partner's updates; only in an interactive circuit.</summary>
    protected void Follow()
    {
        if (RendererInfo.IsInteractive && _subscription is null && !_disposed)
        {
            _subscription = Updates.Subscribe(Partner.TenantId, OnUpdateAsync);
        }
    }

    /// <summary>Runs <paramref name="work"/> alone: no other database operation of this page runs meanwhile.</summary>
    protected async Task ExclusiveAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task OnUpdateAsync(MigrationUpdate update) =>
        _disposed || !IsFor(update) ? Task.CompletedTask : InvokeAsync(async () =>
        {
            if (_reloadQueued || _disposed)
            {
                return; // a reload is already waiting; it reads this change too
            }

            _reloadQueued = true;
            await ExclusiveAsync(async () =>
            {
                _reloadQueued = false;
                if (!_disposed)
                {
                    await ReloadAsync();
                    StateHasChanged();
                }
            });
        });

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
