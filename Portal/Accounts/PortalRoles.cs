namespace Portal.Accounts;

/// <summary>The roles of a partner's users, as Partner Center names them.</summary>
public static class PortalRoles
{
    public const string GlobalAdmin = "Global admin";
    public const string AdminAgent = "Admin agent";
    public const string SalesAgent = "Sales agent";
    public const string HelpdeskAgent = "Helpdesk agent";

    /// <summary>
    /// A member of the publisher migration team: reads everything, arranges publisher migration times with the
    /// publishers (ADR-010), and changes nothing else. Listed last; only a Global admin manages users, so only a Global
    /// admin grants it.
    /// </summary>
    public const string Operator = "Operator";

    /// <summary>The partner roles most powerful first, then the Operator; a user may only grant roles at or below their own.</summary>
    public static IReadOnlyList<string> All { get; } = [GlobalAdmin, AdminAgent, SalesAgent, HelpdeskAgent, Operator];

    /// <summary>Lower is more powerful; unknown roles rank last.</summary>
    public static int Rank(string role)
    {
        var index = All.ToList().IndexOf(role);
        return index < 0 ? int.MaxValue : index;
    }
}

/// <summary>
/// Named authorization policies; pages and endpoints name a policy, never a role, so who may do what lives here.
/// </summary>
public static class PortalPolicies
{
    /// <summary>See customers, subscriptions, eligibility, migrations, schedules and history (every role).</summary>
    public const string Read = "Read";

    /// <summary>Validate, migrate and schedule (the roles the seed allows to migrate).</summary>
    public const string Migrate = "Migrate";

    /// <summary>Read the audit log and the migration history of the whole partner.</summary>
    public const string ViewAudit = "ViewAudit";

    /// <summary>Users, API keys, webhooks, catalog imports and settings.</summary>
    public const string Administer = "Administer";

    /// <summary>Record a publisher migration time arranged by the migration team (the Operator; a Global admin too).</summary>
    public const string OperatePublishing = "OperatePublishing";

    public static void Register(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.PartnerTenantId).RequireRole(PortalRoles.All));
        options.AddPolicy(Migrate, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.PartnerTenantId)
            .RequireRole(PortalRoles.GlobalAdmin, PortalRoles.AdminAgent, PortalRoles.SalesAgent));
        options.AddPolicy(ViewAudit, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.PartnerTenantId)
            .RequireRole(PortalRoles.GlobalAdmin, PortalRoles.AdminAgent));
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.PartnerTenantId)
            .RequireRole(PortalRoles.GlobalAdmin));
        options.AddPolicy(OperatePublishing, p => p.RequireAuthenticatedUser().RequireClaim(PortalClaims.PartnerTenantId)
            .RequireRole(PortalRoles.GlobalAdmin, PortalRoles.Operator));
        options.FallbackPolicy = null;
    }
}

public static class PortalClaims
{
    /// <summary>The partner organization the signed-in user (or API key) acts for.</summary>
    public const string PartnerTenantId = "portal:partner";

    public const string DisplayName = "portal:name";

    public const string TimeZone = "portal:tz";
}
