CREATE TABLE "MigrationDrafts" (
    "Id" uuid NOT NULL,
    "PartnerTenantId" uuid NOT NULL,
    "OwnerUserId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "CustomerId" uuid,
    "SubscriptionId" uuid,
    "Content" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SubmittingSince" timestamp with time zone,
    "SubmittedAt" timestamp with time zone,
    "MigrationId" uuid,
    "ScheduleId" uuid,
    "BatchId" character varying(100),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_MigrationDrafts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_MigrationDrafts_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE INDEX "IX_MigrationDrafts_PartnerTenantId_OwnerUserId" ON "MigrationDrafts" ("PartnerTenantId", "OwnerUserId");
CREATE UNIQUE INDEX "UX_MigrationDrafts_Batch" ON "MigrationDrafts" ("PartnerTenantId", "BatchId") WHERE "BatchId" IS NOT NULL;
CREATE UNIQUE INDEX "UX_MigrationDrafts_OpenWizard" ON "MigrationDrafts" ("OwnerUserId", "SubscriptionId") WHERE "Kind" = 'Wizard' AND "SubmittedAt" IS NULL;
