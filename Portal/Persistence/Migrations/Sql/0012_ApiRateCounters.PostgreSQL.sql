-- 0012_ApiRateCounters: the API's fixed-window rate limit counters, shared by every instance (ADR-021).

CREATE TABLE "ApiRateCounters" (
    "Partition" character varying(200) NOT NULL,
    "WindowStart" bigint NOT NULL,
    "Count" integer NOT NULL,
    "ExpiresAt" bigint NOT NULL,
    CONSTRAINT "PK_ApiRateCounters" PRIMARY KEY ("Partition")
);
