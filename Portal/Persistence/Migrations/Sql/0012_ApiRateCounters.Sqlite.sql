-- 0012_ApiRateCounters: the API's fixed-window rate limit counters, shared by every instance (ADR-021).

CREATE TABLE "ApiRateCounters" (
    "Partition" TEXT NOT NULL,
    "WindowStart" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ApiRateCounters" PRIMARY KEY ("Partition")
);
