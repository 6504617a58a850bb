CREATE TABLE "Publishers" (
    "PublisherId" TEXT NOT NULL CONSTRAINT "PK_Publishers" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Admin" TEXT NOT NULL,
    "CoAdmins" TEXT NOT NULL,
    "Owner" TEXT NULL,
    "Contributors" TEXT NOT NULL,
    "MigratedAt" INTEGER NULL,
    "PartnerTenantId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Publishers_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);

CREATE TABLE "PublisherMigrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PublisherMigrations" PRIMARY KEY,
    "PublisherId" TEXT NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "SlotStart" INTEGER NULL,
    "SlotArrangedBy" TEXT NULL,
    "BookedAt" INTEGER NULL,
    "ConfirmedBy" TEXT NULL,
    "ConfirmedAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "FailureReason" TEXT NULL,
    "Attempts" TEXT NOT NULL,
    CONSTRAINT "FK_PublisherMigrations_Publishers_PublisherId" FOREIGN KEY ("PublisherId") REFERENCES "Publishers" ("PublisherId") ON DELETE CASCADE
);

CREATE TABLE "PublisherOffers" (
    "OfferId" TEXT NOT NULL,
    "PublisherId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Activity" TEXT NOT NULL,
    "PriceAmount" TEXT NOT NULL,
    "PriceCurrency" TEXT NOT NULL,
    "CreatedOn" TEXT NOT NULL,
    "LivesOn" TEXT NOT NULL,
    "StateOnOldPortal" TEXT NULL,
    "MigratedAt" INTEGER NULL,
    CONSTRAINT "PK_PublisherOffers" PRIMARY KEY ("PublisherId", "OfferId"),
    CONSTRAINT "FK_PublisherOffers_Publishers_PublisherId" FOREIGN KEY ("PublisherId") REFERENCES "Publishers" ("PublisherId") ON DELETE CASCADE
);

CREATE TABLE "PublisherNotifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublisherNotifications" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "PublisherId" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "MigrationId" TEXT NOT NULL,
    CONSTRAINT "FK_PublisherNotifications_PublisherMigrations_MigrationId" FOREIGN KEY ("MigrationId") REFERENCES "PublisherMigrations" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PublisherMigrations_PublisherId" ON "PublisherMigrations" ("PublisherId");

CREATE INDEX "IX_PublisherMigrations_Status" ON "PublisherMigrations" ("Status");

CREATE INDEX "IX_PublisherNotifications_MigrationId" ON "PublisherNotifications" ("MigrationId");

CREATE INDEX "IX_Publishers_PartnerTenantId_Name" ON "Publishers" ("PartnerTenantId", "Name");
