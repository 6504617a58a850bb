using Portal.Domain.Publishing;
using Portal.Persistence;
using Portal.Publishing;

namespace Portal.Demo;

/// <summary>
/// One marketplace publisher per demo partner, not yet submitted to migrate, so the whole journey can be walked:
/// Contoso's (Production) has every offer type and state at rest and migrates cleanly at its slot; Northwind's
/// (Sandbox) has offers being published and staged, so its rehearsal fails and is reverted until they finish.
/// The old portal's admin is the partner's Global admin, the co-admins its Admin and Sales agents (ADR-010).
/// </summary>
public static class DemoPublishing
{
    public const string ContosoPublisherId = "contoso-marketplace";
    public const string ContosoPublisherName = "Contoso Marketplace";
    public const string NorthwindPublisherId = "northwind-apps";
    public const string NorthwindPublisherName = "Northwind Apps";

    public static void AddTo(PortalDbContext db)
    {
        db.AddPublisher(Contoso(), DemoIds.ContosoTenantId);
        db.AddPublisher(Northwind(), DemoIds.NorthwindTenantId);
    }

    public static Publisher Contoso() => Publisher.Create(
        ContosoPublisherId,
        ContosoPublisherName,
        "globaladmin@contoso.example",
        ["adminagent@contoso.example", "salesagent@contoso.example"],
        [
            Offer.Existing("contoso-hardened-ubuntu", "Contoso Hardened Ubuntu 24.04", OfferType.VirtualMachine, OfferState.Draft, OfferPrice.Usd(0.08m)),
            Offer.Existing("contoso-sql-vm", "Contoso SQL Server 2022 VM", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(0.45m)),
            Offer.Existing("contoso-firewall-vm", "Contoso Next-Gen Firewall", OfferType.VirtualMachine, OfferState.Listed, OfferPrice.Usd(0.35m)),
            Offer.Existing("contoso-ha-cluster", "Contoso HA Cluster", OfferType.SolutionTemplate, OfferState.Listed, OfferPrice.Usd(120m)),
            Offer.Existing("contoso-firewall-testdrive", "Contoso Firewall Test Drive", OfferType.TestDrive, OfferState.Draft, OfferPrice.Usd(0m)),
            Offer.Existing("contoso-managed-backup", "Contoso Managed Backup", OfferType.ManagedApplication, OfferState.Staged, OfferPrice.Usd(15m)),
            Offer.Existing("contoso-insights", "Contoso Insights", OfferType.SaaS, OfferState.Listed, OfferPrice.Usd(49m)),
        ]);

    public static Publisher Northwind() => Publisher.Create(
        NorthwindPublisherId,
        NorthwindPublisherName,
        "globaladmin@northwind.example",
        ["adminagent@northwind.example"],
        [
            Offer.Existing("northwind-erp-vm", "Northwind ERP Appliance", OfferType.VirtualMachine, OfferState.Listed, OfferPrice.Usd(0.60m)),
            Offer.Existing("northwind-pos-vm", "Northwind Point of Sale VM", OfferType.VirtualMachine, OfferState.Staged, OfferPrice.Usd(0.20m), OfferActivity.Publishing),
            Offer.Existing("northwind-erp-testdrive", "Northwind ERP Test Drive", OfferType.TestDrive, OfferState.Draft, OfferPrice.Usd(0m), OfferActivity.Staging),
            Offer.Existing("northwind-inventory", "Northwind Inventory", OfferType.SaaS, OfferState.Listed, OfferPrice.Usd(29m)),
        ]);
}
