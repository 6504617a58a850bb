using Portal.Accounts;

namespace Portal.Demo;

/// <summary>One demo user: which partner, which role, and how to sign in.</summary>
public sealed record DemoAccount(Guid PartnerTenantId, string Role, string Email, string DisplayName, string TimeZoneId);

/// <summary>One account per role per demo partner, all with the one documented password (see Portal/Demo/README.md).</summary>
public static class DemoAccounts
{
    /// <summary>Meets the Identity rules in PersistenceRegistration: 12+ characters, upper, lower and digit.</summary>
    public const string Password = "Demo-Password-2026";

    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new(DemoIds.ContosoTenantId, PortalRoles.GlobalAdmin, "globaladmin@contoso.example", "Adele Vance", "America/Los_Angeles"),
        new(DemoIds.ContosoTenantId, PortalRoles.AdminAgent, "adminagent@contoso.example", "Alex Wilber", "America/Los_Angeles"),
        new(DemoIds.ContosoTenantId, PortalRoles.SalesAgent, "salesagent@contoso.example", "Megan Bowen", "America/New_York"),
        new(DemoIds.ContosoTenantId, PortalRoles.HelpdeskAgent, "helpdesk@contoso.example", "Lynne Robbins", "America/Chicago"),
        new(DemoIds.ContosoTenantId, PortalRoles.Operator, "operator@contoso.example", "Diego Siciliani", "America/Los_Angeles"),
        new(DemoIds.NorthwindTenantId, PortalRoles.GlobalAdmin, "globaladmin@northwind.example", "Isaiah Langer", "Europe/London"),
        new(DemoIds.NorthwindTenantId, PortalRoles.AdminAgent, "adminagent@northwind.example", "Johanna Lorenz", "Europe/Berlin"),
        new(DemoIds.NorthwindTenantId, PortalRoles.SalesAgent, "salesagent@northwind.example", "Lee Gu", "Europe/London"),
        new(DemoIds.NorthwindTenantId, PortalRoles.HelpdeskAgent, "helpdesk@northwind.example", "Nestor Wilke", "Europe/Dublin"),
        new(DemoIds.NorthwindTenantId, PortalRoles.Operator, "operator@northwind.example", "Pradeep Gupta", "Europe/London"),
    ];
}
