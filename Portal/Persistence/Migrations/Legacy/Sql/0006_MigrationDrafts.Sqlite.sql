CREATE TABLE "MigrationDrafts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MigrationDrafts" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "OwnerUserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "CustomerId" TEXT NULL,
    "SubscriptionId" TEXT NULL,
    "Content" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "SubmittingSince" INTEGER NULL,
    "SubmittedAt" INTEGER NULL,
    "MigrationId" TEXT NULL,
    "ScheduleId" TEXT NULL,
    "BatchId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_MigrationDrafts_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE INDEX "IX_MigrationDrafts_PartnerTenantId_OwnerUserId" ON "MigrationDrafts" ("PartnerTenantId", "OwnerUserId");
CREATE UNIQUE INDEX "UX_MigrationDrafts_Batch" ON "MigrationDrafts" ("PartnerTenantId", "BatchId") WHERE "BatchId" IS NOT NULL;
CREATE UNIQUE INDEX "UX_MigrationDrafts_OpenWizard" ON "MigrationDrafts" ("OwnerUserId", "SubscriptionId") WHERE "Kind" = 'Wizard' AND "SubmittedAt" IS NULL;
