using Portal.Domain.Catalog;
using Portal.Domain.Customers;
using Portal.Domain.Terms;

namespace Portal.Demo;

/// <summary>
/// The demo's legacy offer catalog with its New Commerce mapping. Offer ids and ProductId/SkuId from the seed's
/// manual-migration table are the real ones; the others are marked illustrative in Portal/Demo/README.md.
/// </summary>
public static class DemoCatalog
{
    private static readonly NceProductMapping BusinessBasicNce = new("CFQ7TTC0LH18", "0001");

    public static readonly LegacyOffer BusinessBasic = new()
    {
        Id = Guid.Parse("708e8e6e-2cfa-4a2d-bd4c-01d4a5f9b4a5"),
        Name = "Microsoft 365 Business Basic",
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = BusinessBasicNce,
    };

    public static readonly LegacyOffer BusinessStandard = new()
    {
        Id = Guid.Parse("bd938f12-058f-4927-bba3-ae36b1d2501c"),
        Name = "Microsoft 365 Business Standard",
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = new NceProductMapping("CFQ7TTC0LDPB", "0001"),
    };

    public static readonly LegacyOffer BusinessPremium = new()
    {
        Id = Guid.Parse("031c9e47-4802-4248-838e-778fb1d2cc05"),
        Name = "Microsoft 365 Business Premium",
        SeatCap = LegacyOffer.SmbSeatLimit,
        Mapping = new NceProductMapping("CFQ7TTC0LCHC", "0002"),
    };

    public static readonly LegacyOffer Office365E1 = new()
    {
        Id = Guid.Parse("91fd106f-4b2c-4938-95ac-f54f74e9a239"),
        Name = "Office 365 E1",
        Mapping = new NceProductMapping("CFQ7TTC0LF8Q", "0001"),
    };

    public static readonly LegacyOffer Office365E3 = new()
    {
        Id = Guid.Parse("796b6b5f-613c-4e24-a17c-eba730d49c02"),
        Name = "Office 365 E3",
        Mapping = new NceProductMapping("CFQ7TTC0LF8R", "0001"),
    };

    public static readonly LegacyOffer Office365E5 = new()
    {
        Id = Guid.Parse("a044b16a-1861-4308-8086-a3a3b506fac2"),
        Name = "Office 365 E5",
        Mapping = new NceProductMapping("CFQ7TTC0LF8S", "0001"),
    };

    public static readonly LegacyOffer ExchangeOnlinePlan1 = new()
    {
        Id = Guid.Parse("195416c1-3447-423a-b37b-ee59a99a19c4"),
        Name = "Exchange Online (Plan 1)",
        Mapping = new NceProductMapping("CFQ7TTC0LH16", "0001"),
    };

    public static readonly LegacyOffer ExchangeOnlinePlan2 = new()
    {
        Id = Guid.Parse("2c5a4d5c-7b5e-4b1a-9d34-8b4f1c7e2a61"),
        Name = "Exchange Online (Plan 2)",
        Mapping = new NceProductMapping("CFQ7TTC0LH1P", "0001"),
    };

    public static readonly LegacyOffer ProjectPlan3 = new()
    {
        Id = Guid.Parse("6e7f1c5b-2b1d-4f3a-8f44-0c5bb3e7d210"),
        Name = "Project Plan 3",
        Mapping = new NceProductMapping("CFQ7TTC0HDN1", "0002"),
    };

    /// <summary>Sells fewer term/billing pairs than New Commerce allows: no annual term billed monthly.</summary>
    public static readonly LegacyOffer BusinessCentralEssentials = new()
    {
        Id = Guid.Parse("9a1b8c3e-5d4f-4e2a-b6c7-3d8e9f0a1b2c"),
        Name = "Dynamics 365 Business Central Essentials",
        Mapping = new NceProductMapping("CFQ7TTC0LH8K", "0001"),
        AllowedTargets =
        [
            new TermBilling(TermDuration.P1M, BillingCycle.Monthly),
            new TermBilling(TermDuration.P1Y, BillingCycle.Annual),
        ],
    };

    /// <summary>A capacity SKU: New Commerce allows one subscription of it per customer.</summary>
    public static readonly LegacyOffer PowerBiPremiumP1 = new()
    {
        Id = Guid.Parse("4e3c2b1a-9f8e-4d7c-a6b5-0e1f2a3b4c5d"),
        Name = "Power BI Premium P1",
        Mapping = new NceProductMapping("CFQ7TTC0LHS4", "0001"),
        NceSubscriptionCountLimit = 1,
    };

    /// <summary>No New Commerce equivalent (the seed's example): reason 5.</summary>
    public static readonly LegacyOffer AzureInformationProtectionP1 = new()
    {
        Id = Guid.Parse("648bf77b-1f0a-4911-8066-caf37d67dc72"),
        Name = "Azure Information Protection Premium P1",
        MigrationEnabled = false,
    };

    // --- The seed's offers that are enabled for migration but must be migrated by hand (real ids and mappings) ---
    public static readonly LegacyOffer EntraIdP1 = Manual("16c9f982-a827-4003-a88e-e75df1927f27", "Microsoft Entra ID P1", "CFQ7TTC0LFLS", "0002");

    public static readonly LegacyOffer Intune = Manual("51e95709-dc35-4780-9040-22278cb7c0e1", "Intune", "CFQ7TTC0LCH4", "0009");

    public static readonly LegacyOffer MicrosoftIntune = Manual("73b45f83-fb4f-4cdc-a0d6-3d8792708f80", "Microsoft Intune", "CFQ7TTC0LCH4", "0009");

    public static readonly LegacyOffer IntunePerDevice = Manual("871e82d5-a046-4803-9825-69ba2f640c16", "Intune per-device for Enterprise", "CFQ7TTC0LCH4", "0004");

    public static readonly LegacyOffer IntuneExtraStorage = Manual("ced5f693-2d40-40ae-8848-9809ab1b0ee9", "Intune Extra Storage", "CFQ7TTC0LCH4", "0006") with
    {
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Intune.Id, MicrosoftIntune.Id },
    };

    public static readonly LegacyOffer TeamsDomesticCallingPlan = Manual("60d2919e-427a-46c9-bd03-89cbad27d53f", "Microsoft Teams Domestic Calling Plan for US and Canada", "CFQ7TTC0LHXJ", "0017") with
    {
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Office365E5.Id },
    };

    public static readonly LegacyOffer Dynamics365SalesDevice = Manual("9fb981e1-9531-402e-875c-c69957137939", "Dynamics 365 Sales Enterprise Edition Device", "CFQ7TTC0LFF1", "0001");

    public static readonly LegacyOffer Dynamics365CustomerServiceDevice = Manual("56433e2b-3378-4b35-867d-31ebb879deac", "Dynamics 365 Customer Service Enterprise Device", "CFQ7TTC0LFDZ", "0001");

    public static readonly LegacyOffer Dynamics365FieldServiceDevice = Manual("a7fc021e-0eb1-4fdb-ada1-3fe7ddf4e887", "Dynamics 365 Field Service Device", "CFQ7TTC0LFNL", "0001");

    public static readonly LegacyOffer Dynamics365MarketingAttach = Manual("9e5f9ff0-1a3c-4d4b-8269-1fdb1f300102", "Dynamics 365 Marketing Attach (Qualified Offer) (From CE Plan with 10 seats minimum)", "CFQ7TTC0LHWP", "0001") with
    {
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Dynamics365SalesDevice.Id, Dynamics365CustomerServiceDevice.Id },
    };

    // --- Add-ons ---
    public static readonly LegacyOffer ExchangeOnlineArchiving = new()
    {
        Id = Guid.Parse("c3fd4f9a-1f6b-4f52-b3f0-3a0b1b1d5c10"),
        Name = "Exchange Online Archiving",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Office365E1.Id, Office365E3.Id },
        Mapping = new NceProductMapping("CFQ7TTC0LH0Z", "0001"),
    };

    public static readonly LegacyOffer ExchangeOnlineArchivingForExchange = new()
    {
        Id = Guid.Parse("e3a4b5c6-d7e8-4f90-8a1b-2c3d4e5f6a7b"),
        Name = "Exchange Online Archiving for Exchange Online",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { ExchangeOnlinePlan1.Id, BusinessBasic.Id, BusinessStandard.Id },
        Mapping = new NceProductMapping("CFQ7TTC0LH0Z", "0002"),
    };

    public static readonly LegacyOffer DefenderForOffice365P1 = new()
    {
        Id = Guid.Parse("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"),
        Name = "Microsoft Defender for Office 365 (Plan 1)",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid>
        {
            Office365E1.Id, Office365E3.Id, BusinessBasic.Id, BusinessStandard.Id, ExchangeOnlinePlan1.Id, ExchangeOnlinePlan2.Id,
        },
        Mapping = new NceProductMapping("CFQ7TTC0LHXM", "0001"),
    };

    public static readonly LegacyOffer AudioConferencing = new()
    {
        Id = Guid.Parse("7d8e9f0a-1b2c-4d3e-9f5a-6b7c8d9e0f1a"),
        Name = "Microsoft 365 Audio Conferencing",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid> { Office365E1.Id, Office365E3.Id, BusinessStandard.Id, BusinessPremium.Id },
        Mapping = new NceProductMapping("CFQ7TTC0LHRN", "0001"),
    };

    public static readonly LegacyOffer ExtraFileStorage = new()
    {
        Id = Guid.Parse("5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"),
        Name = "Office 365 Extra File Storage",
        IsAddOn = true,
        AllowedBaseOfferIds = new HashSet<Guid>
        {
            Office365E1.Id, Office365E3.Id, Office365E5.Id, BusinessBasic.Id, BusinessStandard.Id, BusinessPremium.Id,
        },
        Mapping = new NceProductMapping("CFQ7TTC0LHLX", "0001"),
    };

    // --- Qualified (non-commercial) offers: not mapped to New Commerce yet ---
    public static readonly LegacyOffer Microsoft365A3Faculty = new()
    {
        Id = Guid.Parse("8c9d0e1f-2a3b-4c5d-ae6f-7a8b9c0d1e2f"),
        Name = "Microsoft 365 A3 for faculty",
        Audience = CustomerSegment.Education,
        MigrationEnabled = false,
    };

    public static readonly LegacyOffer Office365G3 = new()
    {
        Id = Guid.Parse("0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a"),
        Name = "Office 365 G3",
        Audience = CustomerSegment.Government,
        MigrationEnabled = false,
    };

    public static readonly LegacyOffer BusinessPremiumNonprofit = new()
    {
        Id = Guid.Parse("3a4b5c6d-7e8f-4a9b-8c1d-2e3f4a5b6c7d"),
        Name = "Microsoft 365 Business Premium (Nonprofit Staff Pricing)",
        Audience = CustomerSegment.Nonprofit,
        SeatCap = LegacyOffer.SmbSeatLimit,
        MigrationEnabled = false,
    };

    public static IReadOnlyList<LegacyOffer> All { get; } =
    [
        BusinessBasic, BusinessStandard, BusinessPremium, Office365E1, Office365E3, Office365E5, ExchangeOnlinePlan1,
        ExchangeOnlinePlan2, ProjectPlan3, BusinessCentralEssentials, PowerBiPremiumP1, AzureInformationProtectionP1,
        EntraIdP1, Intune, MicrosoftIntune, IntunePerDevice, IntuneExtraStorage, TeamsDomesticCallingPlan,
        Dynamics365SalesDevice, Dynamics365CustomerServiceDevice, Dynamics365FieldServiceDevice, Dynamics365MarketingAttach,
        ExchangeOnlineArchiving, ExchangeOnlineArchivingForExchange, DefenderForOffice365P1, AudioConferencing, ExtraFileStorage,
        Microsoft365A3Faculty, Office365G3, BusinessPremiumNonprofit,
    ];

    private static LegacyOffer Manual(string id, string name, string productId, string skuId) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        ManualMigrationOnly = true,
        Mapping = new NceProductMapping(productId, skuId),
    };
}
