-- 0003_Webhooks (Sqlite): webhook delivery outbox, its attempts, and portal notifications (ADR-009).
CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "Link" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL,
    CONSTRAINT "FK_Notifications_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "WebhookId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AttemptCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "ClaimToken" TEXT NULL,
    "ClaimedUntil" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    CONSTRAINT "FK_WebhookDeliveries_Webhooks_WebhookId" FOREIGN KEY ("WebhookId") REFERENCES "Webhooks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveryAttempts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveryAttempts" PRIMARY KEY AUTOINCREMENT,
    "DeliveryId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    "Error" TEXT NULL,
    "DurationMilliseconds" INTEGER NOT NULL,
    CONSTRAINT "FK_WebhookDeliveryAttempts_WebhookDeliveries_DeliveryId" FOREIGN KEY ("DeliveryId") REFERENCES "WebhookDeliveries" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Notifications_PartnerTenantId_CreatedAt" ON "Notifications" ("PartnerTenantId", "CreatedAt");

CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");

CREATE INDEX "IX_WebhookDeliveries_WebhookId_CreatedAt" ON "WebhookDeliveries" ("WebhookId", "CreatedAt");

CREATE UNIQUE INDEX "IX_WebhookDeliveryAttempts_DeliveryId_Number" ON "WebhookDeliveryAttempts" ("DeliveryId", "Number");
