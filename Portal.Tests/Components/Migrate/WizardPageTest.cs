using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Accounts;
using Portal.Components.Pages.Migrate;
using Portal.Migrations.Wizard;
using Portal.Persistence;
using Portal.Tests.Web;
using Portal.Tests.Web.Migrate;

namespace Portal.Tests.Components.Migrate;

/// <summary>
/// The wizard page in bUnit over the running app's services: a signed-in admin agent of a partner of its own with an
/// E3 and two add-ons (<see cref="WizardData"/>), the page rendered at a step as the router would, and the step the
/// page navigates to after a save rendered in turn.
/// </summary>
public abstract class WizardPageTest(PortalFactory factory) : PortalPageContext
{
    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected PortalFactory Factory => factory;

    protected WizardCustomer Data { get; private set; } = default!;

    protected Guid UserId { get; private set; }

    protected Guid DraftId { get; private set; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Makes the partner, signs in as its admin agent and opens a draft for <paramref name="subscription"/> (the E3 when null).</summary>
    protected async Task<IRenderedComponent<WizardStep>> OpenAsync(Func<WizardCustomer, Guid>? subscription = null, string role = PortalRoles.AdminAgent)
    {
        Data = await WizardData.CreateAsync(factory);
        UseApp(factory.Services);
        UserId = Guid.Parse(SignInAs(Data.Partner.TenantId, role).FindFirstValue(ClaimTypes.NameIdentifier)!);
        Render<MudPopoverProvider>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var draft = await scope.ServiceProvider.GetRequiredService<DraftStore>()
                .OpenWizardAsync(Data.Partner.TenantId, UserId, Data.CustomerId, (subscription ?? (d => d.E3))(Data), Ct);
            DraftId = draft.Id;
        }

        return RenderStep("bundle");
    }

    protected IRenderedComponent<WizardStep> RenderStep(string step)
    {
        Navigation.NavigateTo(MigrationWizard.StepUrl(Data.CustomerId, DraftId, step));
        return Render<WizardStep>(p => p.Add(x => x.CustomerId, Data.CustomerId).Add(x => x.DraftId, DraftId).Add(x => x.Step, step));
    }

    /// <summary>Clicks <paramref name="buttonId"/> and, once the page has navigated to <paramref name="next"/>, shows that step as the router would.</summary>
    protected async Task<IRenderedComponent<WizardStep>> ContinueAsync(IRenderedComponent<WizardStep> page, string buttonId, string next)
    {
        await page.Find($"#{buttonId}").ClickAsync(new());
        page.WaitForAssertion(() => Assert.EndsWith($"/{next}", Navigation.Uri, StringComparison.Ordinal));
        page.Render(p => p.Add(x => x.Step, next));
        page.WaitForAssertion(() => Assert.Equal(WizardHeadings[next], page.Find("[role=tabpanel] h2").TextContent.Trim()));
        return page;
    }

    protected static readonly Dictionary<string, string> WizardHeadings = new()
    {
        ["bundle"] = "1. What migrates",
        ["eligibility"] = "2. Eligibility of each member",
        ["targets"] = "3. Each member's target",
        ["when"] = "4. When",
        ["review"] = "5. Review",
    };

    /// <summary>The draft as stored now, read through a context of its own.</summary>
    protected async Task<(MigrationDraft Draft, DraftContent Content)> StoredAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var draft = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().MigrationDrafts.AsNoTracking().SingleAsync(d => d.Id == DraftId, Ct);
        return (draft, DraftJson.Read<DraftContent>(draft.Content));
    }

    protected async Task<int> MigrationsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Migrations.CountAsync(m => m.CustomerId == Data.CustomerId, Ct);
    }

    /// <summary>The title of the step the stepper shows as selected.</summary>
    protected static string SelectedStep(IRenderedComponent<WizardStep> page) => page.Find("[role=tab][aria-selected=true] .mud-step-label-content-title").TextContent.Trim();

    protected static string Field(string field, Guid member) => WizardPlan.FieldId(field, member);
}
