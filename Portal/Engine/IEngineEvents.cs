using Portal.Domain.Migrations;
using Portal.Domain.Schedules;
using Portal.Persistence;

namespace Portal.Engine;

/// <summary>
/// What the engine tells others (webhooks, portal notifications). The engine resolves every registered
/// implementation; none is fine.
/// </summary>
public interface IEngineEvents
{
    // Called inside the unit of work, before SaveChanges, so that what the implementation adds is saved atomically with the change.
    void MigrationCreated(PortalDbContext db, Migration migration);

    void MigrationCompleted(PortalDbContext db, Migration migration);

    void MigrationFailed(PortalDbContext db, Migration migration);

    void ScheduleFailed(PortalDbContext db, MigrationSchedule schedule, string code, string description);
}
