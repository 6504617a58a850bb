CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "TokenCache" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_TokenCache" PRIMARY KEY,
    "Value" BLOB NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "SlidingMilliseconds" INTEGER NULL,
    "AbsoluteExpiresAt" INTEGER NULL
);

CREATE INDEX "IX_TokenCache_ExpiresAt" ON "TokenCache" ("ExpiresAt");
