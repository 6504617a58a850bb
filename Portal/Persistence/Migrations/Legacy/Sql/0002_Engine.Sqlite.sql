-- 0002_Engine: sandbox clocks, idempotency keys, work claims (ADR-007), the simulated billing ledger, closed cancellation windows.

CREATE TABLE "BilledPeriods" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BilledPeriods" PRIMARY KEY,
    "SubscriptionId" TEXT NOT NULL,
    "Side" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "Until" TEXT NULL,
    "MigratedFromSubscriptionId" TEXT NULL
);

CREATE TABLE "WorkClaims" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_WorkClaims" PRIMARY KEY,
    "Holder" TEXT NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);

CREATE TABLE "PartnerClocks" (
    "PartnerTenantId" TEXT NOT NULL CONSTRAINT "PK_PartnerClocks" PRIMARY KEY,
    "Offset" INTEGER NOT NULL,
    "ChangedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PartnerClocks_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE CASCADE
);

CREATE TABLE "MigrationRequestKeys" (
    "PartnerTenantId" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "MigrationId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_MigrationRequestKeys" PRIMARY KEY ("PartnerTenantId", "IdempotencyKey"),
    CONSTRAINT "FK_MigrationRequestKeys_Migrations_MigrationId" FOREIGN KEY ("MigrationId") REFERENCES "Migrations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MigrationRequestKeys_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE TABLE "ClosedCancellationWindows" (
    "NceSubscriptionId" TEXT NOT NULL CONSTRAINT "PK_ClosedCancellationWindows" PRIMARY KEY,
    "ClosedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_ClosedCancellationWindows_NceSubscriptions_NceSubscriptionId" FOREIGN KEY ("NceSubscriptionId") REFERENCES "NceSubscriptions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BilledPeriods_MigratedFromSubscriptionId" ON "BilledPeriods" ("MigratedFromSubscriptionId");

CREATE INDEX "IX_BilledPeriods_SubscriptionId" ON "BilledPeriods" ("SubscriptionId");

CREATE INDEX "IX_MigrationRequestKeys_MigrationId" ON "MigrationRequestKeys" ("MigrationId");
