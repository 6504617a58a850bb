CREATE INDEX "IX_MigrationDrafts_UpdatedAt" ON "MigrationDrafts" ("UpdatedAt");
