#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine of this project's kind and runs every test in Portal.sln.
#   - installs Debian's chromium (for the Playwright browser tests) when /usr/bin/chromium is missing;
#   - builds and tests the solution (the build itself runs `npm ci` for Bootstrap);
#   - writes TRX results to artifacts/test-results and screenshots to artifacts/screenshots;
#   - ends with a line "N passed, N failed[, N skipped]" and exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CONFIGURATION=Debug
RESULTS_DIR=artifacts/test-results
SCREENSHOTS_DIR=artifacts/screenshots
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Chromium, for the browser tests (never `playwright install`: its download is not reachable) ---
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing chromium with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 chromium
fi

# --- PostgreSQL ---------------------------------------------------------------------------------
# Reserved: a later issue installs and starts PostgreSQL here (Debian package `postgresql`) and
# exports the connection string the database tests read. Nothing is installed yet.
# -------------------------------------------------------------------------------------------------

# --- Every test -----------------------------------------------------------------------------------
rm -rf "$RESULTS_DIR" "$SCREENSHOTS_DIR"
mkdir -p "$RESULTS_DIR" "$SCREENSHOTS_DIR"

echo "==> dotnet test Portal.sln -c $CONFIGURATION"
status=0
dotnet test Portal.sln -c "$CONFIGURATION" \
  --logger "console;verbosity=normal" \
  --logger "trx" \
  --results-directory "$RESULTS_DIR" || status=$?

# --- Summary from the TRX counters ----------------------------------------------------------------
read -r files passed failed skipped < <(python3 - "$RESULTS_DIR" <<'PY'
import glob, sys
import xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
passed = failed = skipped = 0
for path in files:
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    n = lambda name: int(counters.get(name, "0"))
    passed += n("passed")
    failed += n("failed") + n("error") + n("timeout") + n("aborted")
    skipped += n("total") - n("executed")  # VSTest counts skipped tests as not executed
print(len(files), passed, failed, skipped)
PY
) || true
: "${files:=0}" "${passed:=0}" "${failed:=0}" "${skipped:=0}"

if [ "$files" -eq 0 ]; then
  echo "No TRX results in $RESULTS_DIR: the build or the test run failed before any test ran." >&2
  [ "$status" -ne 0 ] || status=1
fi
if [ "$failed" -gt 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi

echo "Results: $RESULTS_DIR  Screenshots: $SCREENSHOTS_DIR"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
