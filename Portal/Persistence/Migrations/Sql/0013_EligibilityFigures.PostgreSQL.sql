CREATE TABLE "EligibilityFigures" (
    "CustomerId" uuid NOT NULL,
    "PartnerTenantId" uuid NOT NULL,
    "Eligible" integer NOT NULL,
    "Ineligible" integer NOT NULL,
    "RecountDue" timestamp with time zone NOT NULL,
    "ComputedAt" timestamp with time zone,
    "Stamp" bigint NOT NULL,
    CONSTRAINT "PK_EligibilityFigures" PRIMARY KEY ("CustomerId"),
    CONSTRAINT "FK_EligibilityFigures_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("TenantId") ON DELETE CASCADE
);

CREATE INDEX "IX_EligibilityFigures_Partner_RecountDue" ON "EligibilityFigures" ("PartnerTenantId", "RecountDue", "Eligible", "Ineligible");

-- Every existing customer starts stale (RecountDue in the past), to be counted on its partner's next dashboard load.
INSERT INTO "EligibilityFigures" ("CustomerId", "PartnerTenantId", "Eligible", "Ineligible", "RecountDue", "ComputedAt", "Stamp")
SELECT "TenantId", "PartnerTenantId", 0, 0, TIMESTAMPTZ '1970-01-01 00:00:00+00', NULL, 0 FROM "Customers";
