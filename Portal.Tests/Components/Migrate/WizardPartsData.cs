using Portal.Domain.Eligibility;
using Portal.Domain.Subscriptions;
using Portal.Migrations;
using Portal.Migrations.Wizard;
using Portal.Tests.Domain;

namespace Portal.Tests.Components.Migrate;

/// <summary>A wizard workspace for an Office 365 E3 base with an archiving add-on, held in memory for component tests.</summary>
public sealed class WizardPartsData
{
    public WizardPartsData(Func<LegacySubscriptionBuilder, LegacySubscriptionBuilder>? addOn = null)
    {
        Base = A.Subscription().Of(A.Office365E3).Named("E3 HQ").WithSeats(20).Build();
        AddOn = (addOn ?? (b => b))(A.Subscription().Of(A.ExchangeArchiving).Named("Archiving").WithSeats(5).AddOnOf(Base)).Build();
        var context = A.Context().With(Base, AddOn).Build();
        Verdict = EligibilityEvaluator.Evaluate(new MigrationRequest(Base.Id), context);
        var picture = new CustomerPicture(context.Partner, context.Customer, [.. context.Offers], [Base, AddOn], [], [], context);
        var draft = new MigrationDraft { Id = Guid.NewGuid(), PartnerTenantId = A.PartnerTenantId, Kind = DraftKind.Wizard, CustomerId = A.CustomerTenantId, SubscriptionId = Base.Id };
        Workspace = new WizardWorkspace(draft, new DraftContent { Scope = BundleScope.Bundle, RequestedSubscriptionId = Base.Id }, picture, Base);
    }

    public LegacySubscription Base { get; }

    public LegacySubscription AddOn { get; }

    public BundleEligibility Verdict { get; }

    public WizardWorkspace Workspace { get; }

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
