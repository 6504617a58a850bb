#!/usr/bin/env bash
# Adds a schema migration for every database provider (ADR-020): dotnet ef scaffolds one migration per provider's
# context from the change in the model, beside that provider's model snapshot.
#
#   scripts/add-migration.sh Name              # e.g. scripts/add-migration.sh RateLimitCounters
#   scripts/add-migration.sh Name --id ID      # ID = yyyyMMddHHmmss: the migration id is ID_Name, not now_Name
#
# --id keeps the id of a hand-written migration that some database may already have applied (README, "Schema
# changes"): a database whose history has the id skips the generated migration, the others run it.
# Review both generated migrations, then run the schema tests:
#   dotnet test Portal.Tests --filter "FullyQualifiedName~Portal.Tests.Persistence"
# To take the last one back: (cd Portal && dotnet ef migrations remove --context SqlitePortalDbContext)
# and the same with --context PostgresPortalDbContext.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { echo "usage: scripts/add-migration.sh Name [--id yyyyMMddHHmmss]" >&2; exit 2; }
[ $# -eq 1 ] || [ $# -eq 3 ] || usage
NAME="$1"
ID=""
if [ $# -eq 3 ]; then
  [ "$2" = "--id" ] || usage
  ID="$3"
fi
if ! [[ "$NAME" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "The name must be a C# class name in PascalCase (letters and digits), e.g. RateLimitCounters; got '$NAME'." >&2
  exit 2
fi
if [ -n "$ID" ] && ! [[ "$ID" =~ ^[0-9]{14}$ ]]; then
  echo "--id takes the 14 digits of a migration id (yyyyMMddHHmmss), e.g. 20261204001100; got '$ID'." >&2
  exit 2
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool restore >/dev/null
dotnet build Portal/Portal.csproj -nologo -v quiet

# provider context folder
PROVIDERS="Sqlite SqlitePortalDbContext Sqlite
PostgreSQL PostgresPortalDbContext PostgreSQL"

while read -r provider context folder; do
  dir="Portal/Persistence/Migrations/$folder"
  if compgen -G "$dir/*_$NAME.cs" >/dev/null; then
    echo "A $provider migration named $NAME exists already in $dir." >&2
    exit 1
  fi
  echo "==> $provider: dotnet ef migrations add $NAME --context $context"
  # Run from Portal/: with --project from the repository root, dotnet ef writes the snapshot under Portal/Portal/.
  (cd Portal && dotnet ef migrations add "$NAME" --no-build --context "$context" \
    --output-dir "Persistence/Migrations/$folder" --namespace "Portal.Persistence.Migrations.$folder")
  if [ -n "$ID" ]; then
    for file in "$dir"/[0-9]*_"$NAME".cs "$dir"/[0-9]*_"$NAME".Designer.cs; do
      generated="$(basename "$file")"
      mv "$file" "$dir/${ID}_${generated#*_}"
    done
    sed -i -E "s/\[Migration\(\"[0-9]{14}_$NAME\"\)\]/[Migration(\"${ID}_$NAME\")]/" "$dir/${ID}_$NAME.Designer.cs"
  fi
done <<< "$PROVIDERS"

echo "Added $NAME for SQLite and PostgreSQL:"
git status --short -- Portal/Persistence/Migrations
