CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "LegacyOffers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LegacyOffers" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "IsAddOn" INTEGER NOT NULL,
    "AllowedBaseOfferIds" TEXT NOT NULL,
    "Audience" TEXT NOT NULL,
    "SeatCap" INTEGER NULL,
    "MigrationEnabled" INTEGER NOT NULL,
    "ManualMigrationOnly" INTEGER NOT NULL,
    "NceProductId" TEXT NULL,
    "NceSkuId" TEXT NULL,
    "NceAvailabilityId" TEXT NULL,
    "AllowedTargets" TEXT NOT NULL,
    "NceSubscriptionCountLimit" INTEGER NULL
);


CREATE TABLE "Partners" (
    "TenantId" TEXT NOT NULL CONSTRAINT "PK_Partners" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "MpnId" TEXT NOT NULL,
    "ProfileComplete" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "Environment" TEXT NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_ApiKeys_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "TimeZoneId" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "EntraObjectId" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "AuditLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditLog" PRIMARY KEY AUTOINCREMENT,
    "PartnerTenantId" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_AuditLog_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "Customers" (
    "TenantId" TEXT NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "Segment" TEXT NOT NULL,
    "RelationshipActive" INTEGER NOT NULL,
    CONSTRAINT "FK_Customers_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "Webhooks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Webhooks" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Events" TEXT NOT NULL,
    "ProtectedSecret" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Webhooks_Partners_PartnerTenantId" FOREIGN KEY ("PartnerTenantId") REFERENCES "Partners" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserPasskeys" (
    "CredentialId" BLOB NOT NULL CONSTRAINT "PK_AspNetUserPasskeys" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_AspNetUserPasskeys_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "LegacySubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LegacySubscriptions" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "OfferId" TEXT NOT NULL,
    "FriendlyName" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Term" TEXT NOT NULL,
    "Billing" TEXT NOT NULL,
    "TermStart" INTEGER NOT NULL,
    "TermEnd" INTEGER NOT NULL,
    "PurchaseDate" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "IsTrial" INTEGER NOT NULL,
    "HasActivePromotion" INTEGER NOT NULL,
    "HadPromotionAtPurchase" INTEGER NOT NULL,
    "AutoRenewEnabled" INTEGER NOT NULL,
    "ParentSubscriptionId" TEXT NULL,
    "PartnerOfRecordId" TEXT NOT NULL,
    "InFlightMigrationId" TEXT NULL,
    "HasPendingOrder" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_LegacySubscriptions_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE RESTRICT,
    CONSTRAINT "FK_LegacySubscriptions_LegacyOffers_OfferId" FOREIGN KEY ("OfferId") REFERENCES "LegacyOffers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LegacySubscriptions_LegacySubscriptions_ParentSubscriptionId" FOREIGN KEY ("ParentSubscriptionId") REFERENCES "LegacySubscriptions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "Migrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Migrations" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "CurrentSubscriptionId" TEXT NOT NULL,
    "ExternalReferenceId" TEXT NULL,
    "IsMicrosoftLed" INTEGER NOT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "Phase" TEXT NOT NULL,
    "ErrorCode" TEXT NULL,
    "ErrorDescription" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Migrations_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE RESTRICT
);


CREATE TABLE "MigrationSchedules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MigrationSchedules" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "SubscriptionId" TEXT NOT NULL,
    "SubscriptionTermEnd" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "IsMicrosoftLed" INTEGER NOT NULL,
    "ExternalReferenceId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastModifiedAt" INTEGER NOT NULL,
    "NewCommerceMigrationId" TEXT NULL,
    "ErrorCode" TEXT NULL,
    "ErrorDescription" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "Lines" TEXT NOT NULL,
    "TargetDate" TEXT NULL,
    CONSTRAINT "FK_MigrationSchedules_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE RESTRICT,
    CONSTRAINT "FK_MigrationSchedules_LegacySubscriptions_SubscriptionId" FOREIGN KEY ("SubscriptionId") REFERENCES "LegacySubscriptions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "NceSubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_NceSubscriptions" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "CatalogItemId" TEXT NOT NULL,
    "FriendlyName" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Term" TEXT NOT NULL,
    "Billing" TEXT NOT NULL,
    "TermStart" INTEGER NOT NULL,
    "TermEnd" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "IsTrial" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "MigratedFromSubscriptionId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_NceSubscriptions_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE RESTRICT,
    CONSTRAINT "FK_NceSubscriptions_LegacySubscriptions_MigratedFromSubscriptionId" FOREIGN KEY ("MigratedFromSubscriptionId") REFERENCES "LegacySubscriptions" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "MigrationEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MigrationEvents" PRIMARY KEY,
    "MigrationId" TEXT NOT NULL,
    "CurrentSubscriptionId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Detail" TEXT NULL,
    "Sequence" INTEGER NOT NULL,
    CONSTRAINT "FK_MigrationEvents_Migrations_MigrationId" FOREIGN KEY ("MigrationId") REFERENCES "Migrations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "MigrationMembers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MigrationMembers" PRIMARY KEY AUTOINCREMENT,
    "LegacySubscriptionId" TEXT NOT NULL,
    "ParentSubscriptionId" TEXT NULL,
    "CatalogItemId" TEXT NOT NULL,
    "TargetTerm" TEXT NOT NULL,
    "TargetBilling" TEXT NOT NULL,
    "TargetQuantity" INTEGER NOT NULL,
    "TargetPurchaseFullTerm" INTEGER NOT NULL,
    "TargetCustomTermEndDate" TEXT NULL,
    "NceSubscriptionId" TEXT NULL,
    "ProvisionedAt" INTEGER NULL,
    "HoldsSubscription" INTEGER NOT NULL,
    "MigrationId" TEXT NOT NULL,
    CONSTRAINT "FK_MigrationMembers_LegacySubscriptions_LegacySubscriptionId" FOREIGN KEY ("LegacySubscriptionId") REFERENCES "LegacySubscriptions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_MigrationMembers_Migrations_MigrationId" FOREIGN KEY ("MigrationId") REFERENCES "Migrations" ("Id") ON DELETE CASCADE
);


CREATE TABLE "NceSeatAdditions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_NceSeatAdditions" PRIMARY KEY AUTOINCREMENT,
    "Quantity" INTEGER NOT NULL,
    "AddedAt" INTEGER NOT NULL,
    "NceSubscriptionId" TEXT NOT NULL,
    CONSTRAINT "FK_NceSeatAdditions_NceSubscriptions_NceSubscriptionId" FOREIGN KEY ("NceSubscriptionId") REFERENCES "NceSubscriptions" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_ApiKeys_PartnerTenantId" ON "ApiKeys" ("PartnerTenantId");


CREATE UNIQUE INDEX "IX_ApiKeys_SecretHash" ON "ApiKeys" ("SecretHash");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserPasskeys_UserId" ON "AspNetUserPasskeys" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_PartnerTenantId" ON "AspNetUsers" ("PartnerTenantId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditLog_PartnerTenantId_At" ON "AuditLog" ("PartnerTenantId", "At");


CREATE INDEX "IX_Customers_PartnerTenantId_Domain" ON "Customers" ("PartnerTenantId", "Domain");


CREATE INDEX "IX_Customers_PartnerTenantId_Name" ON "Customers" ("PartnerTenantId", "Name");


CREATE INDEX "IX_LegacySubscriptions_CustomerId_Status" ON "LegacySubscriptions" ("CustomerId", "Status");


CREATE INDEX "IX_LegacySubscriptions_OfferId" ON "LegacySubscriptions" ("OfferId");


CREATE INDEX "IX_LegacySubscriptions_ParentSubscriptionId" ON "LegacySubscriptions" ("ParentSubscriptionId");


CREATE INDEX "IX_LegacySubscriptions_TermEnd" ON "LegacySubscriptions" ("TermEnd");


CREATE INDEX "IX_MigrationEvents_CurrentSubscriptionId_CreatedAt" ON "MigrationEvents" ("CurrentSubscriptionId", "CreatedAt");


CREATE INDEX "IX_MigrationEvents_MigrationId_Sequence" ON "MigrationEvents" ("MigrationId", "Sequence");


CREATE INDEX "IX_MigrationMembers_MigrationId" ON "MigrationMembers" ("MigrationId");


CREATE INDEX "IX_MigrationMembers_NceSubscriptionId" ON "MigrationMembers" ("NceSubscriptionId");


CREATE UNIQUE INDEX "UX_MigrationMembers_InFlightSubscription" ON "MigrationMembers" ("LegacySubscriptionId") WHERE "HoldsSubscription" = TRUE;


CREATE INDEX "IX_Migrations_CustomerId_RequestedAt" ON "Migrations" ("CustomerId", "RequestedAt");


CREATE INDEX "IX_Migrations_ExternalReferenceId" ON "Migrations" ("ExternalReferenceId");


CREATE INDEX "IX_Migrations_Phase" ON "Migrations" ("Phase");


CREATE INDEX "IX_MigrationSchedules_CustomerId_SubscriptionId" ON "MigrationSchedules" ("CustomerId", "SubscriptionId");


CREATE INDEX "IX_MigrationSchedules_ExternalReferenceId" ON "MigrationSchedules" ("ExternalReferenceId");


CREATE INDEX "IX_MigrationSchedules_Status_SubscriptionTermEnd" ON "MigrationSchedules" ("Status", "SubscriptionTermEnd");


CREATE UNIQUE INDEX "UX_MigrationSchedules_WaitingSubscription" ON "MigrationSchedules" ("SubscriptionId") WHERE "Status" = 'Created';


CREATE INDEX "IX_NceSeatAdditions_NceSubscriptionId" ON "NceSeatAdditions" ("NceSubscriptionId");


CREATE INDEX "IX_NceSubscriptions_CustomerId_CatalogItemId" ON "NceSubscriptions" ("CustomerId", "CatalogItemId");


CREATE INDEX "IX_NceSubscriptions_MigratedFromSubscriptionId" ON "NceSubscriptions" ("MigratedFromSubscriptionId");


CREATE UNIQUE INDEX "IX_Partners_MpnId" ON "Partners" ("MpnId");


CREATE INDEX "IX_Webhooks_PartnerTenantId" ON "Webhooks" ("PartnerTenantId");


