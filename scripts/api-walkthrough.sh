#!/usr/bin/env bash
# A walk through the Partner Center-compatible API with nothing but curl (and sed/grep to read the JSON):
# create a sandbox customer with a subscription and an add-on, validate, migrate and follow the events, schedule
# another subscription on renewal, move the sandbox clock past its renewal and see the schedule run.
#
#   PORTAL_URL      the portal (default http://localhost:5080, what ./run.sh serves)
#   PORTAL_API_KEY  a key of a Sandbox partner with a role that may migrate (default: Northwind's Development demo key)
#   WAIT_SECONDS    how long to wait for the engine at each step (default 120)
set -euo pipefail

URL="${PORTAL_URL:-http://localhost:5080}"
URL="${URL%/}"
KEY="${PORTAL_API_KEY:-pmp_northwind-sandbox-demo-key-development-only}"
WAIT="${WAIT_SECONDS:-120}"

# call METHOD PATH [JSON]: prints the body; fails (exit 1) on an HTTP error, printing the problem.
call() {
  local method="$1" path="$2" body="${3:-}" out status
  out="$(mktemp)"
  if [ -n "$body" ]; then
    status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$URL$path" -H "Authorization: Bearer $KEY" \
      -H 'Content-Type: application/json' -H "MS-RequestId: walkthrough-$RUN-$(date +%s%N)" --data "$body")" || status=000
  else
    status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$URL$path" -H "Authorization: Bearer $KEY")" || status=000
  fi
  if [ "$status" = 000 ] || [ "$status" -ge 400 ]; then
    echo "FAILED: $method $path answered $status: $(cat "$out")" >&2
    rm -f "$out"
    exit 1
  fi
  cat "$out"
  rm -f "$out"
}

# field NAME: the first string (or number/boolean) value of "NAME" in the JSON on stdin.
field() {
  grep -o "\"$1\":\(\"[^\"]*\"\|[^,}]*\)" | head -n 1 | sed "s/^\"$1\"://; s/^\"//; s/\"\$//"
}

# offer NAME: the id of the legacy offer with this exact name.
offer() {
  call GET /api/v1/offers | grep -o "{\"id\":\"[^\"]*\",\"name\":\"$1\"" | head -n 1 | sed 's/.*"id":"\([^"]*\)".*/\1/'
}

RUN="$(date +%s)-$$"
echo "== Sandbox clock"
CLOCK="$(call GET /api/v1/sandbox/clock)"
echo "now: $(echo "$CLOCK" | field now)"

echo "== Create a sandbox customer"
CUSTOMER="$(call POST /api/v1/sandbox/customers "{\"name\":\"Walkthrough $RUN\",\"domain\":\"walkthrough-$RUN.onmicrosoft.com\",\"segment\":\"Commercial\"}" | field id)"
echo "customer: $CUSTOMER"

echo "== Create legacy subscriptions"
E3="$(offer 'Office 365 E3')"
AUDIO="$(offer 'Microsoft 365 Audio Conferencing')"
BASIC="$(offer 'Microsoft 365 Business Basic')"
BASE="$(call POST "/api/v1/sandbox/customers/$CUSTOMER/subscriptions" "{\"offerId\":\"$E3\",\"quantity\":20,\"termDuration\":\"P1Y\",\"billingCycle\":\"Annual\"}" | field id)"
ADDON="$(call POST "/api/v1/sandbox/customers/$CUSTOMER/subscriptions" "{\"offerId\":\"$AUDIO\",\"quantity\":5,\"parentSubscriptionId\":\"$BASE\"}" | field id)"
RENEWING="$(call POST "/api/v1/sandbox/customers/$CUSTOMER/subscriptions" "{\"offerId\":\"$BASIC\",\"quantity\":12,\"termDuration\":\"P1Y\",\"billingCycle\":\"Monthly\"}")"
LATER="$(echo "$RENEWING" | field id)"
echo "base: $BASE (Office 365 E3), add-on: $ADDON, to schedule: $LATER ending $(echo "$RENEWING" | field commitmentEndDate)"

echo "== Validate"
BAD="$(call POST "/api/v1/customers/$CUSTOMER/migrations/newcommerce/validate" "{\"currentSubscriptionId\":\"$BASE\",\"termDuration\":\"P1M\",\"billingCycle\":\"Annual\"}")"
echo "monthly term billed annually: isEligible=$(echo "$BAD" | field isEligible), code $(echo "$BAD" | field code) $(echo "$BAD" | field name)"
YOUNG="$(call POST "/api/v1/customers/$CUSTOMER/migrations/newcommerce/validate" "{\"currentSubscriptionId\":\"$BASE\",\"quantity\":25}")"
echo "add-on bought today: isEligible=$(echo "$YOUNG" | field isEligible), $(echo "$YOUNG" | field name)"
echo "move the sandbox clock 31 days on: now $(call POST /api/v1/sandbox/clock '{"advanceBy":"P31D"}' | field now)"
GOOD="$(call POST "/api/v1/customers/$CUSTOMER/migrations/newcommerce/validate" "{\"currentSubscriptionId\":\"$BASE\",\"quantity\":25}")"
echo "carry over with 25 seats: isEligible=$(echo "$GOOD" | field isEligible), catalogItemId $(echo "$GOOD" | field catalogItemId)"
[ "$(echo "$GOOD" | field isEligible)" = "true" ] || { echo "FAILED: the bundle is not eligible: $GOOD" >&2; exit 1; }

echo "== Migrate (the base with its add-on)"
MIGRATION="$(call POST "/api/v1/customers/$CUSTOMER/migrations/newcommerce" "{\"currentSubscriptionId\":\"$BASE\",\"quantity\":25,\"externalReferenceId\":\"walkthrough-$RUN\"}" | field id)"
echo "migration: $MIGRATION"

echo "== Follow the events"
seen=""
for _ in $(seq 1 "$WAIT"); do
  EVENTS="$(call GET "/api/v1/customers/$CUSTOMER/migrations/newcommerce/events?migration_id=$MIGRATION")"
  names="$(echo "$EVENTS" | grep -o '"eventName":"[A-Za-z]*"' | sed 's/"eventName":"\(.*\)"/\1/' | tr '\n' ' ')"
  if [ "$names" != "$seen" ]; then echo "events: $names"; seen="$names"; fi
  case "$names" in *MigrationCompleted*|*MigrationFailed*) break ;; esac
  sleep 1
done
MIGRATED="$(call GET "/api/v1/customers/$CUSTOMER/migrations/newcommerce/$MIGRATION")"
STATUS="$(echo "$MIGRATED" | field status)"
echo "migration status: $STATUS"
[ "$STATUS" = "Completed" ] || { echo "FAILED: the migration did not complete" >&2; exit 1; }
echo "listed by reference: $(call GET "/api/v1/migrations/newcommerce?ExternalReferenceId=walkthrough-$RUN" | field totalCount) migration(s)"
NCE="$(call GET "/api/v1/customers/$CUSTOMER/subscriptions/$(echo "$MIGRATED" | field newCommerceSubscriptionId)")"
echo "new commerce subscription: $(echo "$NCE" | field id) ($(echo "$NCE" | field offerId), $(echo "$NCE" | field quantity) seats, cancellable until $(echo "$NCE" | field cancellationAllowedUntilDate))"

echo "== Schedule the other subscription on renewal"
SCHEDULE="$(call POST "/api/v1/customers/$CUSTOMER/migrations/newcommerce/schedules" "{\"currentSubscriptionId\":\"$LATER\",\"migrateOnRenewal\":true,\"termDuration\":\"P1Y\",\"billingCycle\":\"Annual\"}")"
SCHEDULE_ID="$(echo "$SCHEDULE" | field id)"
echo "schedule: $SCHEDULE_ID, status $(echo "$SCHEDULE" | field status), due $(echo "$SCHEDULE" | field dueTime)"

echo "== Move the sandbox clock past the renewal"
echo "now: $(call POST /api/v1/sandbox/clock '{"advanceBy":"P367D"}' | field now)"

echo "== See the schedule run"
for _ in $(seq 1 "$WAIT"); do
  SCHEDULED="$(call GET "/api/v1/customers/$CUSTOMER/migrations/newcommerce/schedules/$SCHEDULE_ID")"
  case "$(echo "$SCHEDULED" | field status)" in Completed|Failed) break ;; esac
  sleep 1
done
echo "schedule status: $(echo "$SCHEDULED" | field status), migration $(echo "$SCHEDULED" | field newCommerceMigrationId)"
[ "$(echo "$SCHEDULED" | field status)" = "Completed" ] || { echo "FAILED: the schedule did not run: $SCHEDULED" >&2; exit 1; }
SCHEDULED_MIGRATION="$(echo "$SCHEDULED" | field newCommerceMigrationId)"
for _ in $(seq 1 "$WAIT"); do
  STATUS="$(call GET "/api/v1/customers/$CUSTOMER/migrations/newcommerce/$SCHEDULED_MIGRATION" | field status)"
  [ "$STATUS" = "Processing" ] || break
  sleep 1
done
echo "scheduled migration status: $STATUS"
[ "$STATUS" = "Completed" ] || { echo "FAILED: the scheduled migration did not complete" >&2; exit 1; }
echo "== Done"
