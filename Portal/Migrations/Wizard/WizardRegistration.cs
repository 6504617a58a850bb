namespace Portal.Migrations.Wizard;

/// <summary>The migration wizard, its drafts and bulk migration.</summary>
public static class WizardRegistration
{
    public static IServiceCollection AddPortalWizard(this IServiceCollection services)
    {
        services.AddScoped<DraftStore>();
        services.AddScoped<MigrationWizard>();
        services.AddScoped<BulkMigration>();
        return services;
    }
}
