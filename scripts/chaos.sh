#!/usr/bin/env bash
# Fault drills against the real service: a Release build started as its own process on SQLite, with
# the test suite's SMTP server (Debian's python3-aiosmtpd) on loopback. Not part of scripts/test.sh.
#
#   bash scripts/chaos.sh                     every drill (about twenty minutes on two cores)
#   bash scripts/chaos.sh smtp-down db-locked only the named ones
#   bash scripts/chaos.sh postgresql          the five drills of two app servers on PostgreSQL
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
# Two app servers on one PostgreSQL database (a throwaway cluster, scripts/lib/postgres.sh; both
# servers run Hangfire on its storage; client requests take turns over the two):
# two-servers-signups   20 activities of 10 seats get 400 sign-ups at once (20 each; with 200 there
#                   would be no waitlist to check). Pass: exactly 10 confirmed per activity, and they
#                   are the first 10 to arrive; seats_taken 10; arrival numbers 1..20 without gaps or
#                   repeats; the waitlist positions answered per activity are 1..10, none twice.
# two-servers-kit   500 activities order one unit each against a receipt of 300. Pass: the checks of
#                   allocation-crash (one order per activity, each allocated or backordered once,
#                   reserved = allocated <= on hand, first in first out across the servers).
# two-servers-outbox 5,000 sign-ups, each server dispatching the e-mails of its own commits. Pass:
#                   every outbox row sent; 5,000 messages arrived, one per row by Message-Id.
# two-servers-recurring every recurring job on a 20-second schedule for three minutes on both
#                   servers. Pass: no job fired twice for one scheduled time, each job fired for
#                   every schedule (at least 8 times), every firing ran once and succeeded.
# server-killed     two-servers-kit and 2,000 sign-ups at once; server B is killed with SIGKILL
#                   once half the orders are in and some wait for allocation; the clients retry on
#                   server A, which then finishes (outbox lease 2 minutes for the drill). Pass: the
#                   kit checks; every outbox row sent and arrived; at most one e-mail twice per
#                   dispatch run B had going at the kill (the one it was sending), same Message-Id.
#
# Installs what it needs if missing: python3-aiosmtpd, sqlite3 and postgresql (apt-get). Needs the .NET 10 SDK.
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

SQLITE_DRILLS=(allocation-crash smtp-down db-locked)
POSTGRESQL_DRILLS=(two-servers-signups two-servers-kit two-servers-outbox two-servers-recurring server-killed)
DRILLS=()
for drill in "$@"; do
  if [ "$drill" = postgresql ]; then DRILLS+=("${POSTGRESQL_DRILLS[@]}"); else DRILLS+=("$drill"); fi
done
[ ${#DRILLS[@]} -gt 0 ] || DRILLS=("${SQLITE_DRILLS[@]}" "${POSTGRESQL_DRILLS[@]}")
NEEDS_POSTGRESQL=""
for drill in "${DRILLS[@]}"; do
  case "$drill" in
    allocation-crash | smtp-down | db-locked) ;;
    two-servers-signups | two-servers-kit | two-servers-outbox | two-servers-recurring | server-killed) NEEDS_POSTGRESQL=1 ;;
    *) echo "unknown drill: $drill" >&2; exit 2 ;;
  esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wte-chaos.XXXXXX")
DRILL_PID=""

cleanup() {
  if [ -n "$DRILL_PID" ]; then
    kill -TERM "$DRILL_PID" 2>/dev/null || true
    wait "$DRILL_PID" 2>/dev/null || true
  fi
  [ -z "$NEEDS_POSTGRESQL" ] || pg_stop "$WORK/pg"
  if [ -n "${KEEP_CHAOS_WORK:-}" ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source "$ROOT/scripts/lib/postgres.sh"
if [ -n "$NEEDS_POSTGRESQL" ]; then
  pg_start "$WORK/pg"
  echo "PostgreSQL: throwaway cluster on 127.0.0.1:$PG_PORT"
fi

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
SERVICE_PID="" SMTP_PID="" SERVICE_B_PID="" KILLED_B_PID=""
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
  until [ "$(cat "$DIR/smtp.log" 2>/dev/null | grep -c READY)" -ge "${1:-1}" ]; do
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
  stop_pid "$SERVICE_B_PID"
  SERVICE_B_PID=""
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

# --- two app servers on one PostgreSQL database -------------------------------------------------------

PGDB="" CS="" PORT_B="" BASE_B="" BASES="" SERVICE_B_PID=""
EXTRA_ENV=()

new_pg_world() { # name: a database of its own on the drill cluster, two service ports
  new_world "$1"
  PGDB=wte_${1//-/_}
  CS="$PG_URL;Database=$PGDB;Maximum Pool Size=60"
  PORT_B=$(py port)
  while [ "$PORT_B" = "$SMTP_PORT" ] || [ "$PORT_B" = "$PORT" ]; do PORT_B=$(py port); done
  BASE_B=http://127.0.0.1:$PORT_B
  BASES="$BASE,$BASE_B"
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c "CREATE DATABASE $PGDB" >/dev/null
}

pg_service_env() {
  SERVICE_ENV=(
    Database__Provider=PostgreSql ConnectionStrings__Default="$CS"
    Email__SmtpHost=127.0.0.1 Email__SmtpPort="$SMTP_PORT" Email__Security=None
    RateLimiting__PublicWritesPerMinute=1000000 App__PublicBaseUrl="$BASE"
    Privacy__RequestHashKey=chaos-only-privacy-request-hash-key-0123456789 "${EXTRA_ENV[@]}")
}

start_server() { # A|B
  pg_service_env
  local base=$BASE log=$DIR/service-a.log
  [ "$1" = A ] || { base=$BASE_B; log=$DIR/service-b.log; }
  (cd "$BIN" && exec env "${SERVICE_ENV[@]}" dotnet WeekTegenEenzaamheid.Api.dll --urls "$base") >>"$log" 2>&1 &
  if [ "$1" = A ]; then SERVICE_PID=$!; else SERVICE_B_PID=$!; fi
  py wait-ready "$base" 90
}

setup_pg_world() { # name: SMTP, an admin key, servers A and B on one database, next year's edition
  new_pg_world "$1"
  start_smtp
  pg_service_env
  KEY=$(cd "$BIN" && env "${SERVICE_ENV[@]}" dotnet WeekTegenEenzaamheid.Api.dll staff create --name chaos --role admin 2>>"$DIR/service-a.log" | tail -n 1)
  start_server A
  start_server B
  YEAR=$(py edition "$BASE" "$KEY")
}

pq() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PGDB" -qAt -F '|' -c "$1"; }

run_job_on() { py call "$1" POST "/api/admin/jobs/$2/run" --key "$KEY" --expect 202 >/dev/null; }

# Which server ran how many runs of a job class, from Hangfire's own records (Processing states).
runs_per_server() { # job class
  local a b
  a=$(pq "SELECT COUNT(1) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
          WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%$1%' AND s.data::text LIKE '%:$SERVICE_PID:%'")
  b=$(pq "SELECT COUNT(1) FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
          WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%$1%' AND s.data::text LIKE '%:${SERVICE_B_PID:-$KILLED_B_PID}:%'")
  echo "A=$a B=$b"
}

wait_pending_sent() { # seconds: runs the outbox job on A now and then until nothing is pending
  local pending deadline=$((SECONDS + $1)) next_run=0
  while :; do
    pending=$(pq "SELECT COUNT(1) FROM outbox_messages WHERE status = 'pending'")
    [ "$pending" -gt 0 ] && [ $SECONDS -lt $deadline ] || break
    if [ $SECONDS -ge $next_run ]; then run_job_on "$BASE" outbox; next_run=$((SECONDS + 10)); fi
    sleep 1
  done
  echo "$pending"
}

mail_check_pg() { # like-pattern: outbox rows to such addresses against the messages that arrived
  pq "SELECT id, status FROM outbox_messages WHERE to_address LIKE '$1'" | tr '|' '\t' >"$DIR/outbox-rows.tsv"
  py mail-check "$DIR/outbox-rows.tsv" "$MAIL" "$1"
}

kit_checks_pg() { # orders stock sku: the allocation-crash checks on PostgreSQL; prints the count lines
  local orders=$1 stock=$2 sku=$3
  local received deadline=$((SECONDS + 120)) next_run=0
  while :; do
    received=$(pq "SELECT COUNT(1) FROM kit_orders WHERE status = 'received'")
    [ "$received" -gt 0 ] && [ $SECONDS -lt $deadline ] || break
    if [ $SECONDS -ge $next_run ]; then run_job_on "$BASE" kit-allocation; next_run=$((SECONDS + 15)); fi
    sleep 0.5
  done
  local total per_activity allocated backordered other history_bad lost on_hand reserved reserved_expected receipts
  local mails_received mails_backordered inversions answered
  total=$(pq "SELECT COUNT(1) FROM kit_orders")
  per_activity=$(pq "SELECT COUNT(1) FROM (SELECT activity_id FROM kit_orders GROUP BY activity_id HAVING COUNT(1) > 1) x")
  allocated=$(pq "SELECT COUNT(1) FROM kit_orders WHERE status = 'allocated'")
  backordered=$(pq "SELECT COUNT(1) FROM kit_orders WHERE status = 'backordered'")
  other=$(pq "SELECT COUNT(1) FROM kit_orders WHERE status NOT IN ('allocated', 'backordered')")
  history_bad=$(pq "
    SELECT COUNT(1) FROM kit_orders o
    WHERE (SELECT COUNT(1) FROM kit_order_history h WHERE h.order_id = o.id AND h.status = 'received') <> 1
       OR (SELECT COUNT(1) FROM kit_order_history h WHERE h.order_id = o.id AND h.status <> 'received') <> 1
       OR (SELECT h.status FROM kit_order_history h WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1) <> o.status")
  answered=$(awk -F'\t' '$2 == "placed" {print "'\''" $3 "'\''"}' "$DIR/orders.tsv" | paste -sd, -)
  lost=$(awk -F'\t' '$2 == "placed"' "$DIR/orders.tsv" | wc -l)
  [ -z "$answered" ] || lost=$((lost - $(pq "SELECT COUNT(1) FROM kit_orders WHERE reference IN ($answered)")))
  on_hand=$(pq "SELECT on_hand FROM kit_items WHERE sku = '$sku'")
  reserved=$(pq "SELECT reserved FROM kit_items WHERE sku = '$sku'")
  receipts=$(pq "SELECT COALESCE(SUM(quantity), 0) FROM kit_stock_receipts WHERE sku = '$sku'")
  reserved_expected=$(pq "SELECT COALESCE(SUM(l.quantity), 0) FROM kit_order_lines l JOIN kit_orders o ON o.id = l.order_id
                          WHERE o.status = 'allocated' AND l.sku = '$sku'")
  mails_received=$(pq "SELECT COUNT(1) FROM outbox_messages WHERE idempotency_key LIKE 'kit-order-received:%'")
  mails_backordered=$(pq "SELECT COUNT(1) FROM outbox_messages WHERE idempotency_key LIKE 'kit-order-backordered:%'")
  inversions=$(pq "
    SELECT COUNT(1) FROM kit_orders a
    WHERE a.status = 'allocated'
      AND (a.received_at, a.reference) > (SELECT received_at, reference FROM kit_orders
                                           WHERE status = 'backordered' ORDER BY received_at, reference LIMIT 1)")
  expect "orders" "$total" "$orders"
  expect "activities with more than one order" "$per_activity" 0
  expect "orders neither allocated nor backordered" "$other" 0
  expect "orders whose history is not received + one final state" "$history_bad" 0
  expect "references answered 201 but not in the database" "$lost" 0
  expect "on hand" "$on_hand" "$receipts"
  expect "reserved" "$reserved" "$reserved_expected"
  [ "$reserved" -le "$on_hand" ] || FAILURES+=("reserved $reserved exceeds on hand $on_hand")
  expect "allocated" "$allocated" $((stock < orders ? stock : orders))
  expect "backordered" "$backordered" $((orders - (stock < orders ? stock : orders)))
  expect "order-received e-mails" "$mails_received" "$total"
  expect "backordered e-mails" "$mails_backordered" "$backordered"
  expect "allocated orders that arrived after a backordered one (first in, first out)" "$inversions" 0
  KIT_LINES=(
    "orders=$total allocated=$allocated backordered=$backordered other=$other history-bad=$history_bad lost=$lost"
    "stock: receipts=$receipts on-hand=$on_hand reserved=$reserved allocated-quantity=$reserved_expected"
    "e-mails queued: received=$mails_received backordered=$mails_backordered; fifo-inversions=$inversions")
}

kit_setup_pg() { # orders stock sku
  py call "$BASE" PUT "/api/logistics/items/$3" --key "$KEY" --expect 200,201 \
    --json '{"name":"Chaos-pakket","description":"Artikel voor de foutoefening","maxPerOrder":1}' >/dev/null
  py call "$BASE_B" POST "/api/logistics/stock/$3/receipts" --key "$KEY" --json "{\"quantity\":$2,\"note\":\"chaos\"}" >/dev/null
  py publish "$BASES" "$YEAR" "$MAIL" "$1" kit "$DIR/activities.tsv" | sed 's/^/  /'
}

drill_two_servers_signups() {
  local activities=20 seats=10 signups=400
  setup_pg_world two-servers-signups
  py publish "$BASES" "$YEAR" "$MAIL" "$activities" seats "$DIR/activities.tsv" --capacity "$seats" | sed 's/^/  /'
  py signup "$BASES" "$DIR/activities.tsv" "$signups" seat-p "$DIR/signups.out" --threads 16 --answers "$DIR/answers.jsonl" >"$DIR/signup.log" \
    || FAILURES+=("the sign-up client failed")
  local created wrong_confirmed wrong_seats wrong_numbers not_first answers bad_positions
  created=$(cat "$DIR/signups.out")
  wrong_confirmed=$(pq "SELECT COUNT(1) FROM activities a
    WHERE (SELECT COUNT(1) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'confirmed') <> $seats")
  wrong_seats=$(pq "SELECT COUNT(1) FROM activities WHERE seats_taken <> $seats")
  wrong_numbers=$(pq "SELECT COUNT(1) FROM (SELECT activity_id, COUNT(1) AS n, MIN(sign_up_no) AS lo, MAX(sign_up_no) AS hi,
    COUNT(DISTINCT sign_up_no) AS d FROM registrations GROUP BY activity_id) x WHERE NOT (lo = 1 AND hi = n AND d = n)")
  not_first=$(pq "SELECT COUNT(1) FROM registrations WHERE (status = 'confirmed') <> (sign_up_no <= $seats)")
  answers=$(py positions-check "$DIR/answers.jsonl")
  bad_positions=$(sed 's/.*activities-with-position-gaps-or-repeats=//' <<<"$answers")
  expect "sign-ups created" "$created" "$signups"
  expect "activities without exactly $seats confirmed" "$wrong_confirmed" 0
  expect "activities whose seats_taken is not $seats" "$wrong_seats" 0
  expect "activities whose arrival numbers have gaps or repeats" "$wrong_numbers" 0
  expect "sign-ups confirmed although not among the first $seats (or the reverse)" "$not_first" 0
  expect "activities whose answered waitlist positions have gaps or repeats" "$bad_positions" 0
  [[ "$answers" == *"answered-confirmed-per-activity=$seats "* ]] || FAILURES+=("answers: $answers")
  verdict two-servers-signups \
    "$(cat "$DIR/signup.log") over two servers" \
    "database: activities-not-$seats-confirmed=$wrong_confirmed seats-wrong=$wrong_seats arrival-gaps=$wrong_numbers not-first-come=$not_first" \
    "answers: $answers"
  end_world
}

drill_two_servers_kit() {
  local orders=500 stock=300 sku=CHAOS-KIT
  setup_pg_world two-servers-kit
  kit_setup_pg "$orders" "$stock" "$sku"
  py order "$BASES" "$DIR/activities.tsv" "$sku" "$DIR/orders.tsv" 180 --threads 16 >"$DIR/order.out" || FAILURES+=("the ordering client failed")
  kit_checks_pg "$orders" "$stock" "$sku"
  verdict two-servers-kit "client over two servers: $(cat "$DIR/order.out")" "${KIT_LINES[@]}" \
    "allocation runs per server: $(runs_per_server AllocateKitOrderJob)"
  end_world
}

drill_two_servers_outbox() {
  local signups=5000
  setup_pg_world two-servers-outbox
  py publish "$BASES" "$YEAR" "$MAIL" 5 mail-org "$DIR/activities.tsv" | sed 's/^/  /'
  py signup "$BASES" "$DIR/activities.tsv" "$signups" mail-p "$DIR/signups.out" --threads 16 >"$DIR/signup.log" \
    || FAILURES+=("the sign-up client failed")
  local pending check pair
  pending=$(wait_pending_sent 180)
  local -A mails=()
  check=$(mail_check_pg 'mail-p-%@example.nl')
  for pair in $check; do mails[${pair%%=*}]=${pair#*=}; done
  expect "sign-ups created" "$(cat "$DIR/signups.out")" "$signups"
  expect "sign-up e-mails in the outbox" "${mails[queued]}" "$signups"
  expect "outbox rows pending" "$pending" 0
  expect "outbox rows not sent" "${mails[outbox-not-sent]}" 0
  expect "messages arrived" "${mails[arrived]}" "$signups"
  expect "distinct Message-Ids arrived" "${mails[distinct]}" "$signups"
  expect "messages that arrived twice" "${mails[arrived-twice]}" 0
  expect "messages not from the outbox" "${mails[unknown]}" 0
  local runs
  runs=$(runs_per_server OutboxDispatchJob)
  [[ "$runs" != *"A=0 "* && "$runs" != *" B=0" ]] || FAILURES+=("one server dispatched nothing ($runs)")
  verdict two-servers-outbox "sign-ups over two servers: $(cat "$DIR/signup.log")" "$check" "dispatch runs per server: $runs"
  end_world
}

drill_two_servers_recurring() {
  local seconds=180 every=20 name
  EXTRA_ENV=()
  for name in outbox retention reminders change-notices attendance-requests kit-allocation pick-batches late-orders; do
    EXTRA_ENV+=("Jobs__Schedules__$name=*/$every * * * * *")
  done
  setup_pg_world two-servers-recurring
  local started
  started=$(pq "SELECT extract(epoch FROM now())::bigint")
  sleep "$seconds"
  local until_
  until_=$(pq "SELECT extract(epoch FROM now())::bigint")
  sleep 10 # the firings of the last schedule run to their end
  # Each firing is a job whose parameters name its recurring job and the scheduled time.
  local per_job doubled not_once failed fewest jobs
  per_job=$(pq "
    SELECT rid.value, COUNT(1), COUNT(DISTINCT t.value) FROM hangfire.jobparameter rid
    JOIN hangfire.jobparameter t ON t.jobid = rid.jobid AND t.name = 'Time'
    JOIN hangfire.job j ON j.id = rid.jobid
    WHERE rid.name = 'RecurringJobId' AND btrim(t.value, chr(34))::bigint BETWEEN $started AND $until_
    GROUP BY rid.value ORDER BY rid.value")
  jobs=$(wc -l <<<"$per_job")
  doubled=$(awk -F'|' '$2 != $3 {n++} END {print n + 0}' <<<"$per_job")
  fewest=$(awk -F'|' 'NR == 1 || $3 < m {m = $3} END {print m + 0}' <<<"$per_job")
  not_once=$(pq "
    SELECT COUNT(1) FROM hangfire.jobparameter rid JOIN hangfire.jobparameter t ON t.jobid = rid.jobid AND t.name = 'Time'
    WHERE rid.name = 'RecurringJobId' AND btrim(t.value, chr(34))::bigint BETWEEN $started AND $until_
      AND (SELECT COUNT(1) FROM hangfire.state s WHERE s.jobid = rid.jobid AND s.name = 'Processing') <> 1")
  failed=$(pq "
    SELECT COUNT(1) FROM hangfire.jobparameter rid JOIN hangfire.jobparameter t ON t.jobid = rid.jobid AND t.name = 'Time'
    JOIN hangfire.job j ON j.id = rid.jobid
    WHERE rid.name = 'RecurringJobId' AND btrim(t.value, chr(34))::bigint BETWEEN $started AND $until_ AND j.statename <> 'Succeeded'")
  expect "recurring jobs seen" "$jobs" 8
  expect "jobs that fired more than once for one scheduled time" "$doubled" 0
  expect "firings that did not run exactly once" "$not_once" 0
  expect "firings that did not succeed" "$failed" 0
  [ "$fewest" -ge $((seconds / every - 1)) ] || FAILURES+=("a job fired only $fewest times in $seconds s")
  local most
  most=$(awk -F'|' '$2 > m {m = $2} END {print m + 0}' <<<"$per_job")
  [ "$most" -le $((seconds / every + 1)) ] || FAILURES+=("a job fired $most times in $seconds s, more than its schedule")
  local per_server
  per_server=$(pq "SELECT COUNT(1) FILTER (WHERE s.data::text LIKE '%:$SERVICE_PID:%'),
                          COUNT(1) FILTER (WHERE s.data::text LIKE '%:$SERVICE_B_PID:%')
                   FROM hangfire.jobparameter rid JOIN hangfire.state s ON s.jobid = rid.jobid AND s.name = 'Processing'
                   WHERE rid.name = 'RecurringJobId'")
  verdict two-servers-recurring \
    "every job every $every s for $seconds s on two servers; per job: firings|scheduled times:" \
    "$(tr '\n' ' ' <<<"$per_job")" \
    "doubled=$doubled not-run-once=$not_once not-succeeded=$failed fewest-firings=$fewest most-firings=$most; run on A|B: $per_server"
  EXTRA_ENV=()
  end_world
}

drill_server_killed() {
  local orders=500 stock=300 sku=CHAOS-KIT signups=2000
  EXTRA_ENV=(Email__OutboxLease=00:02:00)
  setup_pg_world server-killed
  kit_setup_pg "$orders" "$stock" "$sku"
  py publish "$BASES" "$YEAR" "$MAIL" 5 killed-org "$DIR/signup-activities.tsv" | sed 's/^/  /'

  "${PY[@]}" order "$BASES" "$DIR/activities.tsv" "$sku" "$DIR/orders.tsv" 240 --threads 8 >"$DIR/order.out" &
  local orders_client=$!
  HELPER_PIDS+=("$orders_client")
  "${PY[@]}" signup "$BASES" "$DIR/signup-activities.tsv" "$signups" killed-p "$DIR/signups.out" --threads 8 --retry 240 >"$DIR/signup.log" &
  local signups_client=$!
  HELPER_PIDS+=("$signups_client")

  local placed=0 waiting=0 deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ] && kill -0 "$orders_client" 2>/dev/null; do
    IFS='|' read -r placed waiting < <(pq "SELECT COUNT(1), COUNT(1) FILTER (WHERE status = 'received') FROM kit_orders")
    if [ "$placed" -ge $((orders / 2)) ] && [ "$waiting" -ge 1 ]; then break; fi
    sleep 0.1
  done
  local in_flight sent_at_kill b_claimed b_runs
  KILLED_B_PID=$SERVICE_B_PID
  stop_pid "$SERVICE_B_PID"
  SERVICE_B_PID=""
  # A dispatch run's locked_by is machine/pid/run: B's runs are the claims with B's process id. Each run
  # sends over one SMTP connection and marks each e-mail right after its 250, so a run killed mid-way
  # leaves at most one e-mail sent and not marked: the bound on copies is B's runs holding a claim.
  IFS='|' read -r in_flight sent_at_kill b_claimed b_runs < <(pq "
    SELECT COUNT(1) FILTER (WHERE status = 'pending' AND locked_until > now()), COUNT(1) FILTER (WHERE status = 'sent'),
           COUNT(1) FILTER (WHERE status = 'pending' AND locked_by LIKE '%/$KILLED_B_PID/%'),
           COUNT(DISTINCT locked_by) FILTER (WHERE status = 'pending' AND locked_by LIKE '%/$KILLED_B_PID/%')
    FROM outbox_messages")
  local at_kill="server B killed at: orders=$placed received=$waiting; e-mails sent=$sent_at_kill claimed-not-marked=$in_flight"
  at_kill+=" (B's: $b_claimed in $b_runs dispatch runs)"
  [ "$waiting" -ge 1 ] || FAILURES+=("the kill found no order waiting for allocation")

  wait "$orders_client" || FAILURES+=("the ordering client failed")
  wait "$signups_client" || FAILURES+=("the sign-up client failed")
  kit_checks_pg "$orders" "$stock" "$sku"
  local pending check pair
  pending=$(wait_pending_sent 200)
  local -A mails=()
  check=$(mail_check_pg '%@example.nl')
  for pair in $check; do mails[${pair%%=*}]=${pair#*=}; done
  expect "sign-ups created" "$(cat "$DIR/signups.out")" "$signups"
  expect "outbox rows pending" "$pending" 0
  expect "outbox rows not sent" "${mails[outbox-not-sent]}" 0
  expect "outbox rows that never arrived" "${mails[missing]}" 0
  expect "messages not from the outbox" "${mails[unknown]}" 0
  [ "${mails[arrived-twice]}" -le "$b_runs" ] \
    || FAILURES+=("${mails[arrived-twice]} e-mails arrived twice, more than one per dispatch run of B at the kill ($b_runs)")
  verdict server-killed "$at_kill" \
    "orders client (retries go to A): $(cat "$DIR/order.out")" \
    "sign-ups client: $(cat "$DIR/signup.log")" \
    "${KIT_LINES[@]}" \
    "e-mails: $check, at most $b_runs allowed (one per dispatch run of B; a second copy keeps its Message-Id)"
  EXTRA_ENV=()
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
