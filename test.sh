#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine of this project's kind and runs every test in Portal.sln.
#   - installs Debian's chromium (for the Playwright browser tests) when /usr/bin/chromium is missing;
#   - installs Debian's postgresql when no server is installed, starts a throw-away PostgreSQL cluster on
#     127.0.0.1 for the database tests (PORTAL_TEST_POSTGRES) and removes it on exit;
#   - builds and tests the solution;
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

# --- PostgreSQL, for the database tests (Portal.Tests/Persistence) -------------------------------
# A throw-away cluster of our own, not Debian's service (which may not start in a sandbox): initdb in a temp
# dir, trust auth, loopback only, its socket in that dir; stopped and removed on exit, also when tests fail.
# The tests read PORTAL_TEST_POSTGRES; set it yourself to use another server instead.
if [ -z "${PORTAL_TEST_POSTGRES:-}" ]; then
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "==> Installing postgresql with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 postgresql
  fi
  # The newest installed server, by full path: never whatever `pg_ctl` comes first on PATH.
  PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

  # initdb and postgres refuse to run as root: as root, run them as the `postgres` user.
  as_pg() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
  }

  # A server left by an earlier run that died before its trap ran (its owner process is gone) is removed;
  # one that belongs to a run still going on is left alone.
  for stale in /tmp/portal-test-pg.*; do
    [ -d "$stale" ] || continue
    owner=$(cat "$stale/owner.pid" 2>/dev/null || true)
    if [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null; then
      continue
    fi
    echo "==> Removing a stale test PostgreSQL in $stale"
    if [ -f "$stale/data/postmaster.pid" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$stale/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$stale" 2>/dev/null || true
  done

  # Port 55432, or any free loopback port when something else (a concurrent run, say) holds it.
  PG_PORT=$(python3 -c '
import socket
def bind(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return None
        return s.getsockname()[1]
print(bind(55432) or bind(0))
')

  PG_DIR=$(mktemp -d /tmp/portal-test-pg.XXXXXX)
  echo "$$" >"$PG_DIR/owner.pid"
  stop_postgres() {
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  }
  trap stop_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_DIR"; fi

  echo "==> Starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (cluster in $PG_DIR)"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
      >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    exit 1
  fi
  # Durability is worthless for throw-away test databases; without fsync, CREATE DATABASE takes milliseconds.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    cat "$PG_DIR/server.log" >&2
    exit 1
  fi
  for _ in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then break; fi
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -U postgres
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
fi

# --- Every test -----------------------------------------------------------------------------------
rm -rf "$RESULTS_DIR" "$SCREENSHOTS_DIR"
mkdir -p "$RESULTS_DIR" "$SCREENSHOTS_DIR"

echo "==> dotnet test Portal.sln -c $CONFIGURATION"
status=0
# Benchmarks (Portal.Tests/Benchmarks, explicit tests run by scripts/bench-circuits) measure and assert nothing:
# they are not part of the suite, so the filter leaves them out rather than listing them as skipped.
dotnet test Portal.sln -c "$CONFIGURATION" \
  --filter "FullyQualifiedName!~Portal.Tests.Benchmarks." \
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
