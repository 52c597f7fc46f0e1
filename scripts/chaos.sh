#!/usr/bin/env bash
# Fault drills against the real service: a Release build started as its own process on SQLite, with
# the test suite's SMTP server (Debian's python3-aiosmtpd) on loopback. Not part of scripts/test.sh.
#
#   bash scripts/chaos.sh                     all three drills (two to three minutes on two cores)
#   bash scripts/chaos.sh smtp-down db-locked only the named ones
#
# Each drill prints "drill <name> pass" or "drill <name> fail" and its counts on the lines below;
# the script exits 1 if any drill fails. Every drill gets a fresh database, SMTP folder and port.
#
# allocation-crash  A test SKU gets a receipt of 1,200; 2,000 published activities (registered, their
#                   manage tokens read from the verification e-mails, verified) each order one unit.
#                   The service is killed with SIGKILL once at least 1,000 orders are in and some are
#                   still `received` (their allocation jobs queued or running), and restarted on the
#                   same database at once; the ordering client retries what broke off (a 409
#                   kitOrderExists on a retry means the first attempt had committed). Then the
#                   `kit-allocation` sweep is run until no order is `received`. Pass: 2,000 orders,
#                   one per activity; each allocated or backordered; history `received` once and one
#                   final entry; every reference the client got exists; on hand 1,200 = the receipts;
#                   reserved = the allocated quantities <= on hand; allocated = min(1,200, 2,000);
#                   one "received" e-mail per order and one "backordered" e-mail per backorder; and
#                   first in, first out: no allocated order arrived after a backordered one
#                   (fifo-inversions=0), also for the orders whose jobs died in the crash.
# smtp-down         Five published activities get 5,000 sign-ups (5,000 confirmation e-mails). When
#                   500 of them have arrived, the SMTP server is killed (SIGKILL) and stays down for
#                   60 s while the sign-ups go on; then it is started again on the same port and the
#                   `outbox` job is run until nothing is pending. Pass: 5,000 sign-ups; every outbox
#                   row `sent`; 5,000 messages arrived, one per row by Message-Id, none twice.
# db-locked         For 16 s, 16 clients register activities, sign up, search and read; from second
#                   3 to 13 another process holds SQLite's write lock (BEGIN EXCLUSIVE plus an UPDATE,
#                   then ROLLBACK). Pass: every answer is 200/201 or a 503 problem+json with code
#                   databaseBusy (no 500, no broken connection); each 201 left exactly its row and
#                   one outbox e-mail, each 503 nothing; PRAGMA integrity_check is ok; seats agree;
#                   and within a minute every e-mail of the drill has arrived, once.
#
# Installs what it needs if missing: python3-aiosmtpd and sqlite3 (apt-get). Needs the .NET 10 SDK.
# Only loopback addresses; every wait has a deadline; processes and the temp folder go on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed (dotnet on PATH)." >&2
  exit 1
fi

DRILLS=("$@")
[ ${#DRILLS[@]} -gt 0 ] || DRILLS=(allocation-crash smtp-down db-locked)
for drill in "${DRILLS[@]}"; do
  case "$drill" in allocation-crash | smtp-down | db-locked) ;; *) echo "unknown drill: $drill" >&2; exit 2 ;; esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wte-chaos.XXXXXX")
DRILL_PID=""

cleanup() {
  if [ -n "$DRILL_PID" ]; then
    kill -TERM "$DRILL_PID" 2>/dev/null || true
    wait "$DRILL_PID" 2>/dev/null || true
  fi
  if [ -n "${KEEP_CHAOS_WORK:-}" ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building the service (Release)..."
dotnet build -c Release src/WeekTegenEenzaamheid.Api -nologo -v q -clp:ErrorsOnly >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
BIN=$ROOT/src/WeekTegenEenzaamheid.Api/bin/Release/net10.0
SMTP_SERVER=$ROOT/tests/WeekTegenEenzaamheid.Tests/Smtp/smtp_server.py

# Run in the background as "${PY[@]}" (not through the function), so that $! is python's own id.
PY=(/usr/bin/python3 "$ROOT/scripts/chaos/chaos.py")
py() { "${PY[@]}" "$@"; }

# --- one drill's world: folder, database, SMTP server, service -----------------------------------
# Each drill runs in a subshell of its own (run_drill); these are its globals, and its EXIT trap
# ends the processes it started.

DIR="" DB="" MAIL="" SMTP_PORT="" PORT="" BASE="" KEY="" YEAR=""
SERVICE_PID="" SMTP_PID=""
HELPER_PIDS=()

stop_pid() { # pid: SIGKILL one process this script started, and reap it
  [ -n "$1" ] || return 0
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

new_world() { # name
  DIR=$WORK/$1
  DB=$DIR/wte.db
  MAIL=$DIR/mail
  mkdir -p "$MAIL"
  SMTP_PORT=$(py port)
  PORT=$(py port)
  while [ "$PORT" = "$SMTP_PORT" ]; do PORT=$(py port); done
  BASE=http://127.0.0.1:$PORT
}

start_smtp() {
  /usr/bin/python3 "$SMTP_SERVER" --port "$SMTP_PORT" --dir "$MAIL" >>"$DIR/smtp.log" 2>&1 &
  SMTP_PID=$!
  local deadline=$((SECONDS + 20))
  until [ "$(grep -c READY "$DIR/smtp.log" 2>/dev/null)" -ge "${1:-1}" ]; do
    [ $SECONDS -lt $deadline ] || { echo "the SMTP server did not start" >&2; return 1; }
    sleep 0.1
  done
}

kill_smtp() { stop_pid "$SMTP_PID"; SMTP_PID=""; }

# The service runs from its build folder (its appsettings.json) with the drill's settings. The
# subshell execs env, which execs dotnet: $! is the service's own process id, which kill -9 ends.
service_env() {
  SERVICE_ENV=(
    ConnectionStrings__Default="Data Source=$DB"
    Email__SmtpHost=127.0.0.1 Email__SmtpPort="$SMTP_PORT" Email__Security=None
    RateLimiting__PublicWritesPerMinute=1000000 App__PublicBaseUrl="$BASE"
    Privacy__RequestHashKey=chaos-only-privacy-request-hash-key-0123456789)
}

start_service() {
  service_env
  (cd "$BIN" && exec env "${SERVICE_ENV[@]}" dotnet WeekTegenEenzaamheid.Api.dll --urls "$BASE") >>"$DIR/service.log" 2>&1 &
  SERVICE_PID=$!
  py wait-ready "$BASE" 60
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service exited (port taken?)" >&2; return 1; }
}

kill_service() { stop_pid "$SERVICE_PID"; SERVICE_PID=""; }

end_world() {
  local pid
  for pid in "${HELPER_PIDS[@]}"; do stop_pid "$pid"; done
  HELPER_PIDS=()
  kill_service
  kill_smtp
}

setup_world() { # name: SMTP, an admin key, the service, next year's edition
  new_world "$1"
  start_smtp
  service_env
  KEY=$(cd "$BIN" && env "${SERVICE_ENV[@]}" dotnet WeekTegenEenzaamheid.Api.dll staff create --name chaos --role admin 2>>"$DIR/service.log" | tail -n 1)
  start_service
  YEAR=$(py edition "$BASE" "$KEY")
}

# Reads beside the running service (WAL lets them); a short wait covers a checkpoint's moment.
q() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$DB" "$1"; }
q_stdin() { sqlite3 -batch -noheader -cmd ".timeout 5000" "$DB"; }

mail_count() { find "$MAIL" -maxdepth 1 -name '[!.]*.eml' | wc -l; }

run_job() { py call "$BASE" POST "/api/admin/jobs/$1/run" --key "$KEY" --expect 202 >/dev/null; }

# --- verdicts ---------------------------------------------------------------------------------------

FAILURES=()

expect() { # label actual expected
  [ "$2" = "$3" ] || FAILURES+=("$1 is $2, expected $3")
}

verdict() { # name, then count lines
  local name=$1 line
  shift
  if [ ${#FAILURES[@]} -eq 0 ]; then echo "drill $name pass"; else echo "drill $name fail"; fi
  for line in "$@"; do printf '%s\n' "$line" | sed 's/^/  /'; done
  for line in "${FAILURES[@]}"; do echo "  FAILED: $line"; done
  echo "$name $([ ${#FAILURES[@]} -eq 0 ] && echo pass || echo fail)" >>"$WORK/verdicts"
  FAILURES=()
}

# --- allocation-crash -------------------------------------------------------------------------------

drill_allocation_crash() {
  local orders=2000 stock=1200 sku=CHAOS-KIT
  setup_world allocation-crash
  py call "$BASE" PUT "/api/logistics/items/$sku" --key "$KEY" --expect 200,201 \
    --json '{"name":"Chaos-pakket","description":"Artikel voor de foutoefening","maxPerOrder":1}' >/dev/null
  py call "$BASE" POST "/api/logistics/stock/$sku/receipts" --key "$KEY" --json "{\"quantity\":$stock,\"note\":\"chaos\"}" >/dev/null
  py publish "$BASE" "$YEAR" "$MAIL" "$orders" crash "$DIR/activities.tsv" | sed 's/^/  /'

  "${PY[@]}" order "$BASE" "$DIR/activities.tsv" "$sku" "$DIR/orders.tsv" 180 >"$DIR/order.out" &
  local client=$!
  HELPER_PIDS+=("$client")

  # Kill -9 once half the orders are in and some still wait for their allocation job.
  local placed=0 waiting=0 allocated=0 backordered=0 deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ] && kill -0 "$client" 2>/dev/null; do
    IFS='|' read -r placed waiting allocated backordered < <(q \
      "SELECT COUNT(1), TOTAL(status = 'received'), TOTAL(status = 'allocated'), TOTAL(status = 'backordered') FROM kit_orders")
    placed=${placed:-0} waiting=${waiting%.0} allocated=${allocated%.0} backordered=${backordered%.0}
    if [ "$placed" -ge $((orders / 2)) ] && [ "$waiting" -ge 1 ]; then break; fi
    sleep 0.1
  done
  kill_service
  local at_kill="at the kill: orders=$placed received=$waiting allocated=$allocated backordered=$backordered"
  [ "$waiting" -ge 1 ] || FAILURES+=("the kill found no order waiting for allocation")
  start_service

  # The client retries what broke off; then the sweep picks up the orders whose jobs died.
  wait "$client" || FAILURES+=("the ordering client failed")
  local received deadline=$((SECONDS + 120)) next_run=0
  while :; do
    received=$(q "SELECT COUNT(1) FROM kit_orders WHERE status = 'received'")
    [ "$received" -gt 0 ] && [ $SECONDS -lt $deadline ] || break
    if [ $SECONDS -ge $next_run ]; then run_job kit-allocation; next_run=$((SECONDS + 15)); fi
    sleep 0.5
  done

  local total per_activity allocated backordered other history_bad lost on_hand reserved reserved_expected receipts mails_received mails_backordered inversions
  total=$(q "SELECT COUNT(1) FROM kit_orders")
  per_activity=$(q "SELECT COUNT(1) FROM (SELECT activity_id FROM kit_orders GROUP BY activity_id HAVING COUNT(1) > 1)")
  allocated=$(q "SELECT COUNT(1) FROM kit_orders WHERE status = 'allocated'")
  backordered=$(q "SELECT COUNT(1) FROM kit_orders WHERE status = 'backordered'")
  other=$(q "SELECT COUNT(1) FROM kit_orders WHERE status NOT IN ('allocated', 'backordered')")
  history_bad=$(q "
    SELECT COUNT(1) FROM kit_orders o
    WHERE (SELECT COUNT(1) FROM kit_order_history h WHERE h.order_id = o.id AND h.status = 'received') <> 1
       OR (SELECT COUNT(1) FROM kit_order_history h WHERE h.order_id = o.id AND h.status <> 'received') <> 1
       OR (SELECT h.status FROM kit_order_history h WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1) <> o.status")
  local answered
  answered=$(awk -F'\t' '$2 == "placed" {print "'\''" $3 "'\''"}' "$DIR/orders.tsv" | paste -sd, -)
  lost=$(awk -F'\t' '$2 == "placed"' "$DIR/orders.tsv" | wc -l)
  [ -z "$answered" ] || lost=$((lost - $(echo "SELECT COUNT(1) FROM kit_orders WHERE reference IN ($answered);" | q_stdin)))
  on_hand=$(q "SELECT on_hand FROM kit_items WHERE sku = '$sku'")
  reserved=$(q "SELECT reserved FROM kit_items WHERE sku = '$sku'")
  receipts=$(q "SELECT TOTAL(quantity) FROM kit_stock_receipts WHERE sku = '$sku'")
  reserved_expected=$(q "SELECT TOTAL(l.quantity) FROM kit_order_lines l JOIN kit_orders o ON o.id = l.order_id WHERE o.status = 'allocated' AND l.sku = '$sku'")
  mails_received=$(q "SELECT COUNT(1) FROM outbox_messages WHERE idempotency_key LIKE 'kit-order-received:%'")
  mails_backordered=$(q "SELECT COUNT(1) FROM outbox_messages WHERE idempotency_key LIKE 'kit-order-backordered:%'")
  inversions=$(q "
    SELECT COUNT(1) FROM kit_orders a
    WHERE a.status = 'allocated'
      AND (a.received_at, a.reference) > (SELECT received_at, reference FROM kit_orders
                                           WHERE status = 'backordered' ORDER BY received_at, reference LIMIT 1)")

  expect "orders" "$total" "$orders"
  expect "activities with more than one order" "$per_activity" 0
  expect "orders neither allocated nor backordered" "$other" 0
  expect "orders whose history is not received + one final state" "$history_bad" 0
  expect "references answered 201 but not in the database" "$lost" 0
  expect "on hand" "$on_hand" "${receipts%.0}"
  expect "reserved" "$reserved" "${reserved_expected%.0}"
  [ "$reserved" -le "$on_hand" ] || FAILURES+=("reserved $reserved exceeds on hand $on_hand")
  expect "allocated" "$allocated" $((stock < orders ? stock : orders))
  expect "backordered" "$backordered" $((orders - (stock < orders ? stock : orders)))
  expect "order-received e-mails" "$mails_received" "$total"
  expect "backordered e-mails" "$mails_backordered" "$backordered"
  expect "allocated orders that arrived after a backordered one (first in, first out)" "$inversions" 0
  verdict allocation-crash \
    "$at_kill" \
    "client: $(cat "$DIR/order.out")" \
    "after restart: orders=$total allocated=$allocated backordered=$backordered other=$other history-bad=$history_bad lost=$lost" \
    "stock: receipts=${receipts%.0} on-hand=$on_hand reserved=$reserved allocated-quantity=${reserved_expected%.0}" \
    "e-mails queued: received=$mails_received backordered=$mails_backordered; fifo-inversions=$inversions"
  end_world
}

# --- smtp-down --------------------------------------------------------------------------------------

drill_smtp_down() {
  local signups=5000 outage=60
  setup_world smtp-down
  py publish "$BASE" "$YEAR" "$MAIL" 5 smtp-org "$DIR/activities.tsv" | sed 's/^/  /'
  local before
  before=$(mail_count)

  "${PY[@]}" signup "$BASE" "$DIR/activities.tsv" "$signups" smtp-p "$DIR/signups.out" >"$DIR/signup.log" &
  local client=$!
  HELPER_PIDS+=("$client")
  local deadline=$((SECONDS + 60))
  until [ $(($(mail_count) - before)) -ge 500 ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
  kill_smtp
  local down_at=$SECONDS arrived_at_stop
  arrived_at_stop=$(($(mail_count) - before))

  wait "$client" || FAILURES+=("the sign-up client failed")
  local created pending_in_outage
  created=$(cat "$DIR/signups.out")
  while [ $((SECONDS - down_at)) -lt $outage ]; do sleep 1; done
  pending_in_outage=$(q "SELECT COUNT(1) FROM outbox_messages WHERE status = 'pending'")
  start_smtp 2

  local pending deadline=$((SECONDS + 180)) next_run=0
  while :; do
    pending=$(q "SELECT COUNT(1) FROM outbox_messages WHERE status = 'pending'")
    [ "$pending" -gt 0 ] && [ $SECONDS -lt $deadline ] || break
    if [ $SECONDS -ge $next_run ]; then run_job outbox; next_run=$((SECONDS + 10)); fi
    sleep 1
  done
  local recovered_in=$((SECONDS - down_at - outage))

  # The test SMTP server writes each message's file before it answers 250, so all are there now.
  local check pair
  local -A mails=()
  check=$(py mail-check "$DB" "$MAIL" 'smtp-p-%@example.nl')
  for pair in $check; do mails[${pair%%=*}]=${pair#*=}; done
  expect "sign-ups created" "$created" "$signups"
  expect "sign-up e-mails in the outbox" "${mails[queued]}" "$signups"
  expect "outbox rows not sent" "${mails[outbox-not-sent]}" 0
  expect "outbox rows pending" "$pending" 0
  expect "messages arrived" "${mails[arrived]}" "$signups"
  expect "distinct Message-Ids arrived" "${mails[distinct]}" "$signups"
  expect "outbox rows that never arrived" "${mails[missing]}" 0
  expect "messages not from the outbox" "${mails[unknown]}" 0
  expect "messages that arrived twice" "${mails[arrived-twice]}" 0
  verdict smtp-down \
    "sign-ups: $(cat "$DIR/signup.log")" \
    "SMTP killed after $arrived_at_stop e-mails; down ${outage} s; pending at restart: $pending_in_outage; all sent ${recovered_in} s after restart" \
    "$check"
  end_world
}

# --- db-locked --------------------------------------------------------------------------------------

drill_db_locked() {
  setup_world db-locked
  py publish "$BASE" "$YEAR" "$MAIL" 1 lock-org "$DIR/activities.tsv" | sed 's/^/  /'
  local activity
  activity=$(cut -f1 "$DIR/activities.tsv")

  "${PY[@]}" burst "$BASE" "$YEAR" "$activity" 16 "$DIR/burst.json" >"$DIR/burst.log" &
  local client=$!
  HELPER_PIDS+=("$client")
  sleep 3
  py lock "$DB" 10 >"$DIR/lock.log" || FAILURES+=("the locking process failed")
  wait "$client" || FAILURES+=("the burst client failed")

  local check status=0 busy_logged
  check=$(py burst-check "$DB" "$DIR/burst.json") || status=$?
  [ "$status" -eq 0 ] || FAILURES+=("the answers or the database do not agree (see above)")
  busy_logged=$(grep -c "stayed locked past the busy timeout" "$DIR/service.log" || true)

  # The e-mails of what was written still go out, each once, although the dispatcher met the lock.
  local pending deadline=$((SECONDS + 60)) next_run=0 pair
  while :; do
    pending=$(q "SELECT COUNT(1) FROM outbox_messages WHERE status = 'pending'")
    [ "$pending" -gt 0 ] && [ $SECONDS -lt $deadline ] || break
    if [ $SECONDS -ge $next_run ]; then run_job outbox; next_run=$((SECONDS + 10)); fi
    sleep 1
  done
  local mail_check
  local -A mails=()
  mail_check=$(py mail-check "$DB" "$MAIL" 'lock-%@example.nl')
  for pair in $mail_check; do mails[${pair%%=*}]=${pair#*=}; done
  expect "outbox rows pending a minute after the lock" "$pending" 0
  expect "outbox rows that never arrived" "${mails[missing]}" 0
  expect "messages that arrived twice" "${mails[arrived-twice]}" 0
  expect "messages not from the outbox" "${mails[unknown]}" 0
  verdict db-locked \
    "$(cat "$DIR/burst.log") in 16 s; lock held $(awk '/^locked/ {l=$2} /^unlocked/ {u=$2} END {printf "%.1f", u - l}' "$DIR/lock.log") s; 503s logged by the service: $busy_logged" \
    "$check" \
    "e-mails: $mail_check"
  end_world
}

run_drill() { # name: in a background subshell, so that a signal reaches it and its EXIT trap cleans up
  trap 'exit 143' TERM
  trap end_world EXIT
  "drill_${1//-/_}"
}

FAILED_DRILLS=()
: >"$WORK/verdicts"
for drill in "${DRILLS[@]}"; do
  echo "--- $drill"
  run_drill "$drill" &
  DRILL_PID=$!
  status=0
  wait "$DRILL_PID" || status=$?
  DRILL_PID=""
  result=$(awk -v drill="$drill" '$1 == drill {print $2}' "$WORK/verdicts")
  if [ -z "$result" ]; then
    echo "drill $drill fail"
    echo "  FAILED: the drill stopped with an error (exit status $status) before its checks"
  fi
  [ "$result" = pass ] || FAILED_DRILLS+=("$drill")
done

if [ ${#FAILED_DRILLS[@]} -gt 0 ]; then
  echo "failed: ${FAILED_DRILLS[*]}"
  exit 1
fi
echo "all drills passed"
