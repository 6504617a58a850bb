-- 0002_Engine: sandbox clocks, idempotency keys, work claims (ADR-007), the simulated billing ledger, closed cancellation windows.

CREATE TABLE "BilledPeriods" (
    "Id" uuid NOT NULL,
    "SubscriptionId" uuid NOT NULL,
    "Side" character varying(16) NOT NULL,
    "From" date NOT NULL,
    "Until" date,
    "MigratedFromSubscriptionId" uuid,
    CONSTRAINT "PK_BilledPeriods" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkClaims" (
    "Key" character varying(100) NOT NULL,
    "Holder" character varying(100) NOT NULL,
    "ExpiresAt" bigint NOT NULL,
    CONSTRAINT "PK_WorkClaims" PRIMARY KEY ("Key")
);

CREATE TABLE "PartnerClocks" (
    "PartnerTenantId" uuid NOT NULL,
    "Offset" bigint NOT NULL,
    "ChangedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PartnerClocks" PRIMARY KEY ("PartnerTenantId"),
    CONSTRAINT "FK_PartnerClocks_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE CASCADE
);

CREATE TABLE "MigrationRequestKeys" (
    "PartnerTenantId" uuid NOT NULL,
    "IdempotencyKey" character varying(100) NOT NULL,
    "MigrationId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_MigrationRequestKeys" PRIMARY KEY ("PartnerTenantId", "IdempotencyKey"),
    CONSTRAINT "FK_MigrationRequestKeys_Migrations_MigrationId" FOREIGN KEY ("MigrationId") REFERENCES "Migrations" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MigrationRequestKeys_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE TABLE "ClosedCancellationWindows" (
    "NceSubscriptionId" uuid NOT NULL,
    "ClosedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ClosedCancellationWindows" PRIMARY KEY ("NceSubscriptionId"),
    CONSTRAINT "FK_ClosedCancellationWindows_NceSubscriptions_NceSubscriptionId" FOREIGN KEY ("NceSubscriptionId") REFERENCES "NceSubscriptions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BilledPeriods_MigratedFromSubscriptionId" ON "BilledPeriods" ("MigratedFromSubscriptionId");

CREATE INDEX "IX_BilledPeriods_SubscriptionId" ON "BilledPeriods" ("SubscriptionId");

CREATE INDEX "IX_MigrationRequestKeys_MigrationId" ON "MigrationRequestKeys" ("MigrationId");
