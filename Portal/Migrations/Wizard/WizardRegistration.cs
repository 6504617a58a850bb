namespace Portal.Migrations.Wizard;

/// <summary>The migration wizard, its drafts (and their clean-up) and bulk migration.</summary>
public static class WizardRegistration
{
    public static IServiceCollection AddPortalWizard(this IServiceCollection services)
    {
        services.AddScoped<DraftStore>();
        services.AddScoped<MigrationWizard>();
        services.AddScoped<BulkMigration>();

        // Old drafts are deleted (ADR-017).
        services.AddOptions<DraftRetentionOptions>().BindConfiguration(DraftRetentionOptions.Section)
            .Validate(o => o.OpenDays > 0 && o.SubmittedDays > 0 && o.Interval > TimeSpan.Zero, "Drafts:Retention needs positive OpenDays, SubmittedDays and Interval.")
            .ValidateOnStart();
        services.AddScoped<DraftRetention>();
        services.AddHostedService<DraftRetentionWorker>();
        return services;
    }
}
