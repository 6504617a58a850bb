CREATE TABLE "EligibilityFigures" (
    "CustomerId" TEXT NOT NULL CONSTRAINT "PK_EligibilityFigures" PRIMARY KEY,
    "PartnerTenantId" TEXT NOT NULL,
    "Eligible" INTEGER NOT NULL,
    "Ineligible" INTEGER NOT NULL,
    "RecountDue" INTEGER NOT NULL,
    "ComputedAt" INTEGER NULL,
    "Stamp" INTEGER NOT NULL,
    CONSTRAINT "FK_EligibilityFigures_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE CASCADE
);

CREATE INDEX "IX_EligibilityFigures_Partner_RecountDue" ON "EligibilityFigures" ("PartnerTenantId", "RecountDue", "Eligible", "Ineligible");

-- Every existing customer starts stale: RecountDue is 1970-01-01T00:00:00Z in EF Core's binary DateTimeOffset form.
INSERT INTO "EligibilityFigures" ("CustomerId", "PartnerTenantId", "Eligible", "Ineligible", "RecountDue", "ComputedAt", "Stamp")
SELECT "TenantId", "PartnerTenantId", 0, 0, 1272537022464000000, NULL, 0 FROM "Customers";
