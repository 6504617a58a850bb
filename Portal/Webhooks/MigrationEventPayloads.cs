using Portal.Domain.Migrations;
using Portal.Domain.Schedules;

namespace Portal.Webhooks;

/// <summary>The <c>data</c> of migration and schedule events, in Partner Center's field names (camelCase JSON).</summary>
public static class MigrationEventPayloads
{
    public static object Of(Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return new
        {
            migrationId = migration.Id,
            customerTenantId = migration.CustomerId,
            currentSubscriptionId = migration.CurrentSubscriptionId,
            status = migration.Status.ToString(),
            phase = migration.Phase.ToString(),
            isMicrosoftLed = migration.IsMicrosoftLed,
            externalReferenceId = migration.ExternalReferenceId,
            startedTime = migration.RequestedAt,
            completedTime = migration.CompletedAt,
            errorCode = migration.ErrorCode,
            errorDescription = migration.ErrorDescription,
            members = migration.Members.Select(m => new
            {
                currentSubscriptionId = m.LegacySubscriptionId,
                parentSubscriptionId = m.ParentSubscriptionId,
                catalogItemId = m.CatalogItemId,
                termDuration = m.Target.Term.ToString(),
                billingCycle = m.Target.Billing.ToString(),
                quantity = m.Target.Quantity,
                purchaseFullTerm = m.Target.PurchaseFullTerm,
                customTermEndDate = m.Target.CustomTermEndDate,
                newCommerceSubscriptionId = m.NceSubscriptionId,
            }).ToList(),
        };
    }

    public static object Of(MigrationSchedule schedule, string code, string description)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new
        {
            scheduleId = schedule.Id,
            customerTenantId = schedule.CustomerId,
            currentSubscriptionId = schedule.SubscriptionId,
            status = schedule.Status.ToString(),
            targetDate = schedule.Timing.TargetDate,
            migrateOnRenewal = schedule.Timing.MigrateOnRenewal,
            subscriptionEndDate = schedule.SubscriptionTermEnd,
            microsoftLed = schedule.IsMicrosoftLed,
            externalReferenceId = schedule.ExternalReferenceId,
            errorCode = code,
            errorDescription = description,
        };
    }
}
