using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Lists;
using Portal.Customers;
using Portal.Domain.Publishing;
using Portal.Publishing;

namespace Portal.Components.Pages.Publishing;

/// <summary>
/// What the two portals' offer tables share: one page read by the database (<see cref="PublisherDesk.OffersAsync"/>),
/// prerendered as the address names it, then loaded by the table in the circuit; the state (page, size, sort,
/// search) kept in the address under the table's own keys (<c>old-page</c>, <c>new-sort</c>...), so both tables can
/// be paged apart; and every read taking its turn in <see cref="Reads"/>.
/// </summary>
public abstract class OfferTableBase : ComponentBase
{
    /// <summary>The header a sort belongs to and its direction.</summary>
    private static readonly Dictionary<(string Label, SortDirection Direction), OfferSort> Sorts = new()
    {
        [("name", SortDirection.Ascending)] = OfferSort.Name,
        [("name", SortDirection.Descending)] = OfferSort.NameDescending,
        [("state", SortDirection.Ascending)] = OfferSort.State,
        [("state", SortDirection.Descending)] = OfferSort.StateDescending,
        [("type", SortDirection.Ascending)] = OfferSort.Type,
        [("type", SortDirection.Descending)] = OfferSort.TypeDescending,
    };

    private OfferSort _sort;
    private string? _applied;

    [Inject]
    private PublisherDesk Desk { get; set; } = default!;

    [Inject]
    private CurrentPartner Partner { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired]
    public Publisher Publisher { get; set; } = default!;

    /// <summary>The offers section's turn-taking, shared by both tables and the actions.</summary>
    [Parameter, EditorRequired]
    public OneAtATime Reads { get; set; } = default!;

    /// <summary>The portal whose offers the table lists.</summary>
    protected abstract PublishingPortal Portal { get; }

    /// <summary>The start of the table's keys in the address: "old" for old-page, old-sort...</summary>
    protected string Key => Portal == PublishingPortal.Old ? "old" : "new";

    protected ServerTable<Offer>? Table { get; set; }

    protected ListPage<Offer>? Prerendered { get; private set; }

    protected int PageNumber { get; private set; } = 1;

    protected int PageSize { get; private set; } = OfferQuery.DefaultPageSize;

    /// <summary>What the search field holds (searched once the person asks).</summary>
    protected string? Search { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        string? Value(string name) => query.TryGetValue($"{Key}-{name}", out var value) ? value.ToString() : null;
        _sort = ListNavigation.ParseOr(Value("sort"), OfferSort.Name);
        PageNumber = int.TryParse(Value("page"), out var page) ? Math.Max(1, page) : 1;
        PageSize = int.TryParse(Value("size"), out var size) ? Math.Clamp(size, 1, OfferQuery.MaxPageSize) : OfferQuery.DefaultPageSize;
        Search = _applied = Value("q");
        if (!RendererInfo.IsInteractive)
        {
            Prerendered = await Reads.RunAsync(() => Desk.OffersAsync(Partner.TenantId, Publisher.PublisherId, Portal, _sort, _applied, PageNumber, PageSize));
        }
    }

    protected async Task<TableData<Offer>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        _sort = state.SortOf(Sorts, _sort);
        PageSize = state.PageSize;
        var page = await Reads.RunAsync(
            () => Desk.OffersAsync(Partner.TenantId, Publisher.PublisherId, Portal, _sort, _applied, state.PageNumber(), PageSize, cancellationToken),
            cancellationToken);
        PageNumber = page.Page;
        Navigation.ReplaceQuery(new Dictionary<string, object?>
        {
            [$"{Key}-q"] = _applied,
            [$"{Key}-sort"] = _sort.ToString(),
            [$"{Key}-page"] = page.Page,
            [$"{Key}-size"] = PageSize,
        }, ListNavigation.DefaultState(OfferQuery.DefaultPageSize, OfferSort.Name, $"{Key}-"));
        return new TableData<Offer> { Items = page.Items, TotalItems = page.Total };
    }

    protected SortDirection Direction(string label) => ListNavigation.DirectionFor(Sorts, label, _sort);

    protected Task SearchAsync()
    {
        _applied = Search?.Trim();
        return Table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask;
    }

    protected Task SearchOnEnter(KeyboardEventArgs e) => e?.Key == "Enter" ? SearchAsync() : Task.CompletedTask;
}
