#!/usr/bin/env bash
# Starts the portal on http://localhost:5080 (Development, from Portal/Properties/launchSettings.json).
# Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
exec dotnet run --project Portal --launch-profile Portal "$@"
