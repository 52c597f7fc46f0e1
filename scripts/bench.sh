#!/usr/bin/env bash
# Benchmarks of the service against yardsticks measured in the same run on the same machine.
# Timings on small machines are noisy, so every figure is a ratio; the raw numbers stand beside it.
#
#   bash scripts/bench.sh            the full run (a realistic year; 50,000 reminders)
#   bash scripts/bench.sh --quick    the same figures on shorter runs, in under 3 minutes
#   bash scripts/bench.sh --only fulfilment    one figure (search, pages, signup, fulfilment, reminders)
#   The sign-up figure compares with the same statements of one sign-up by direct SQL in one transaction at
#   the same concurrency (SQLite: `bench direct-signup`; PostgreSQL: pgbench), after a 20-second warm-up.
#   bash scripts/bench.sh --db postgresql      the sign-up figure on a throwaway PostgreSQL cluster at 1, 16
#                                              and 64 connections, against the same statements of one sign-up
#                                              by direct SQL in one transaction (pgbench), the single-row
#                                              insert beside it (the other figures run on SQLite only)
#
# Installs what it needs: wrk and python3-aiosmtpd (Debian), autocannon (npm, into a temp folder).
# Only loopback addresses are used; every load run is bounded in time; everything it starts it stops.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
only=""
db=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only=$2; shift ;;
    --db) db=$2; shift ;;
    *) echo "usage: bash scripts/bench.sh [--quick] [--only search|pages|signup|fulfilment|reminders] [--db sqlite|postgresql]" >&2; exit 2 ;;
  esac
  shift
done
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
if [ "$quick" = 1 ]; then seconds=5; reminders=5000; orders=3000; else seconds=15; reminders=50000; orders=10000; fi
warmup=20
connections=64
year=2027

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)
command -v sqlite3 >/dev/null 2>&1 || need_apt+=(sqlite3)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/wte-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$db" = sqlite ] && [ ! -x "$work/node/node_modules/.bin/autocannon" ]; then
  npm install --silent --no-audit --no-fund --prefix "$work/node" autocannon@8 >/dev/null 2>&1
fi
autocannon="$work/node/node_modules/.bin/autocannon"

echo "building (Release)" >&2
dotnet build -c Release -nologo -clp:ErrorsOnly src/WeekTegenEenzaamheid.Api >/dev/null
if [ "$db" = sqlite ]; then
  dotnet build -c Release -nologo -clp:ErrorsOnly scripts/bench/Bare >/dev/null
  dotnet build -c Release -nologo -clp:ErrorsOnly scripts/bench/Bench >/dev/null
fi
api="$root/src/WeekTegenEenzaamheid.Api/bin/Release/net10.0/WeekTegenEenzaamheid.Api.dll"
bare="$root/scripts/bench/Bare/bin/Release/net10.0/Bare.dll"
bench() { dotnet "$root/scripts/bench/Bench/bin/Release/net10.0/Bench.dll" "$@"; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() {
  for _ in $(seq 1 120); do curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "service at $1 did not become ready" >&2; return 1
}
wait_sql() { # db sql expected timeout-seconds
  local deadline=$((SECONDS + $4))
  while [ "$(sqlite3 "$1" "$2")" != "$3" ]; do
    [ $SECONDS -ge $deadline ] && { echo "timed out waiting for: $2 = $3 (is $(sqlite3 "$1" "$2"))" >&2; return 1; }
    sleep 0.2
  done
}
peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
now() { date +%s.%N; }
calc() { /usr/bin/python3 -c "print(f'{$1:.3f}')"; }
# wrk's rate of successful (2xx/3xx) responses per second
wrk_rate() {
  local out; out=$(wrk "$@")
  echo "$out" >&2
  /usr/bin/python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
total = int(re.search(r"(\d+) requests in", out).group(1))
secs = re.search(r"requests in ([\d.]+)(ms|s|m)", out)
seconds = float(secs.group(1)) * {"ms": 0.001, "s": 1, "m": 60}[secs.group(2)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
ok = total - (int(bad.group(1)) if bad else 0)
print(f"{ok / seconds:.1f}")
PY
}

start_api() { # db port log [env…]
  local db=$1 port=$2 log=$3; shift 3
  env ConnectionStrings__Default="Data Source=$db" Email__PickupDirectory="$work/mail-$port" \
      RateLimiting__PublicWritesPerMinute=1000000 App__PublicBaseUrl="http://127.0.0.1:$port" \
      Privacy__RequestHashKey=bench-only-privacy-request-hash-key-0123456789 \
      Logging__LogLevel__Default=Warning "$@" \
      dotnet "$api" --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
  pids+=($!)
  api_pid=$!
  wait_ready "http://127.0.0.1:$port"
}
staff_key() { # db role
  env ConnectionStrings__Default="Data Source=$1" dotnet "$api" staff create --name bench --role "$2" | tail -n 1
}

# ---------------------------------------------------------------------------------------------
if [ "$db" = postgresql ]; then
source scripts/lib/postgres.sh
cleanup_pg() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop "$work/pg"; rm -rf "$work"; }
trap cleanup_pg EXIT
PG_FSYNC=on PG_SYNCHRONOUS_COMMIT=on pg_start "$work/pg"
psql=("$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt)
pgbench=("$(pg_bin)/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${psql[@]}" -d postgres -c "CREATE DATABASE wte_bench" >/dev/null
activities_count=2000
port=$(free_port); base="http://127.0.0.1:$port"
env Database__Provider=PostgreSql ConnectionStrings__Default="$PG_URL;Database=wte_bench;Maximum Pool Size=200" \
    Email__PickupDirectory="$work/mail-$port" RateLimiting__PublicWritesPerMinute=1000000 \
    Privacy__RequestHashKey=bench-only-privacy-request-hash-key-0123456789 \
    App__PublicBaseUrl="$base" Logging__LogLevel__Default=Warning \
    dotnet "$api" --urls "$base" >"$work/api-pg.log" 2>&1 &
pids+=($!)
wait_ready "$base"
"${psql[@]}" -d wte_bench -v year=$year -v activities=$activities_count -f scripts/bench/postgresql/seed.sql >/dev/null
export WTE_ACTIVITIES
WTE_ACTIVITIES=$("${psql[@]}" -d wte_bench -c "SELECT string_agg(md5(g::text)::uuid::text, ',') FROM generate_series(1, $activities_count) g")
# Warm-up: see the SQLite sign-up figure below; the pgbench runs get one too.
WTE_RUN=warm wrk -t2 -c16 -d${warmup}s -s scripts/bench/signup.lua "$base" >/dev/null
pgbench_rate() { # clients script: transactions per second, without the connection set-up
  "${pgbench[@]}" -n -c "$1" -j $(($1 < 2 ? 1 : 2)) -T "$seconds" -D activities=$activities_count -f "$2" wte_bench 2>&1 \
    | tee -a "$work/pgbench.log" | awk '/^tps = / {print $3; exit}'
}
drained() { # waits (at most 5 minutes) until the service has sent every e-mail of the runs so far
  local deadline=$((SECONDS + 300))
  until [ "$("${psql[@]}" -d wte_bench -c "SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'")" = 0 ] \
        || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
}
drained
pgbench_rate 16 scripts/bench/postgresql/signup.sql >/dev/null
for c in 1 16 64; do
  signup_rate=$(WTE_RUN=measured$c wrk_rate -t$((c < 2 ? 1 : 2)) -c$c -d${seconds}s -s scripts/bench/signup.lua "$base" 2>/dev/null)
  # The service's dispatcher finishes the run's e-mails before the yardstick runs on the same two cores; how long that
  # took after the window is printed, as that work is not in the sign-up rate.
  drain_start=$SECONDS; drained; drain_seconds=$((SECONDS - drain_start))
  direct_rate=$(pgbench_rate "$c" scripts/bench/postgresql/signup.sql)
  insert_rate=$(pgbench_rate "$c" scripts/bench/postgresql/insert.sql)
  echo "ratio signup-postgresql-c$c $(calc "$signup_rate / $direct_rate") (service $signup_rate sign-ups/s, the same statements by direct SQL in one transaction $direct_rate/s, single-row insert $insert_rate/s, $c connections, e-mails still being sent ${drain_seconds} s after the window, target >= 0.5)"
done
overbooked=$("${psql[@]}" -d wte_bench -c "SELECT COUNT(*) FROM activities a WHERE a.seats_taken <> (SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'confirmed')")
echo "check signup-postgresql activities whose seats disagree with their confirmed sign-ups: $overbooked (target 0)"
exit 0
fi

if want search || want pages || want signup; then
echo "seeding a year: 10,000 activities over all 342 municipalities, 100,000 sign-ups, 5,000 kit orders" >&2
bench seed --db "$work/year.db" --year $year --activities 10000 --signups 100000 --orders 5000
port=$(free_port); base="http://127.0.0.1:$port"
start_api "$work/year.db" "$port" "$work/api-year.log"
year_pid=$api_pid

codes=$(tail -n +2 db/seed/gemeenten.csv | cut -d, -f1 | paste -sd, -)
curl -fs "$base/api/activities?year=$year&municipality=GM0363&limit=20" >"$work/body.json"
body_bytes=$(stat -c %s "$work/body.json")
bare_port=$(free_port); bare_base="http://127.0.0.1:$bare_port"
dotnet "$bare" --urls "$bare_base" --body "$work/body.json" --db "$work/bare.db" >"$work/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "$bare_base/static" >/dev/null 2>&1 && break; sleep 0.5; done

# 1. search, and 5. memory under that load
if want search; then
export WTE_CODES="$codes" WTE_YEAR=$year
wrk -t2 -c$connections -d2s -s scripts/bench/search.lua "$base" >/dev/null
wrk -t2 -c$connections -d2s "$bare_base/static" >/dev/null
search_rate=$(wrk_rate -t2 -c$connections -d${seconds}s -s scripts/bench/search.lua "$base")
bare_rate=$(wrk_rate -t2 -c$connections -d${seconds}s "$bare_base/static")
half=$(/usr/bin/python3 -c "print(max(1, int($bare_rate / 2)))")
p99=$("$autocannon" -c $connections -R "$half" -d $seconds -j "$base/api/activities?year=$year&municipality=GM0363&limit=20" 2>/dev/null \
  | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["latency"]["p99"], r["requests"]["average"])')
memory=$(peak_rss_mb "$year_pid")
echo "ratio search $(calc "$search_rate / $bare_rate") (service $search_rate req/s, bare Kestrel $bare_rate req/s, body $body_bytes bytes, $connections connections, target >= 0.5)"
echo "latency search p99 ${p99%% *} ms at ${half} req/s offered, $(echo "$p99" | cut -d' ' -f2) req/s served (half the bare rate)"
echo "ratio memory $(calc "$memory / 300") (peak RSS $memory MB under the search load, limit 300 MB, target <= 1)"
fi

# the search page against the API search it reads through (same cache, same load tool and concurrency)
if want pages; then
export WTE_CODES="$codes" WTE_YEAR=$year
wrk -t2 -c$connections -d2s -s scripts/bench/pages.lua "$base" >/dev/null
api_rate=$(wrk_rate -t2 -c$connections -d${seconds}s -s scripts/bench/search.lua "$base")
pages_rate=$(wrk_rate -t2 -c$connections -d${seconds}s -s scripts/bench/pages.lua "$base")
echo "ratio pages $(calc "$pages_rate / $api_rate") (search page $pages_rate req/s, API search $api_rate req/s, $connections connections, target >= 0.5)"
fi

# 2. sign-ups
if want signup; then
activities=$(sqlite3 "$work/year.db" "SELECT id FROM activities WHERE year = $year AND sign_up_required = 1 ORDER BY id LIMIT 2000" | paste -sd, -)
export WTE_ACTIVITIES="$activities"
echo "$activities" >"$work/activities.txt"
# Warm-up long enough for the JIT's tiering to reach optimized code on the request and e-mail paths (a server runs for
# days; a 2-second warm-up measured the JIT, see RESULTS.md), and for the dispatcher to have caught up.
WTE_RUN=warm wrk -t2 -c$connections -d${warmup}s -s scripts/bench/signup.lua "$base" >/dev/null
wrk -t2 -c$connections -d2s -s scripts/bench/post.lua "$bare_base/insert" >/dev/null
wait_sql "$work/year.db" "SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'" 0 300
bench direct-signup --db "$work/year.db" --activities "$work/activities.txt" --connections $connections --seconds 2 >/dev/null
signup_rate=$(WTE_RUN=measured wrk_rate -t2 -c$connections -d${seconds}s -s scripts/bench/signup.lua "$base")
# The service's dispatcher finishes the run's e-mails first: its writes would otherwise take turns with the yardstick's.
# How long that took after the window is printed, as that work is not in the sign-up rate.
drain_start=$SECONDS
wait_sql "$work/year.db" "SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'" 0 300
drain_seconds=$((SECONDS - drain_start))
direct_rate=$(bench direct-signup --db "$work/year.db" --activities "$work/activities.txt" --connections $connections --seconds "$seconds")
insert_rate=$(wrk_rate -t2 -c$connections -d${seconds}s -s scripts/bench/post.lua "$bare_base/insert")
overbooked=$(sqlite3 "$work/year.db" "SELECT COUNT(*) FROM activities a WHERE a.capacity IS NOT NULL AND (a.seats_taken > a.capacity OR a.seats_taken <> (SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'confirmed'))")
echo "ratio signup $(calc "$signup_rate / $direct_rate") (service $signup_rate sign-ups/s, the same statements by direct SQL in one transaction $direct_rate/s, bare single-row insert over HTTP $insert_rate req/s, $connections connections, e-mails still being sent ${drain_seconds} s after the window, over-booked activities: $overbooked, target >= 0.5 and 0)"
fi
kill "$year_pid"; wait "$year_pid" 2>/dev/null || true
fi

# 3. fulfilment
if want fulfilment; then
echo "seeding $orders kit orders waiting for allocation" >&2
bench seed --db "$work/fulfil.db" --year $year --activities "$orders" --signups 0 --orders 0 --received-orders "$orders"
cp "$work/fulfil.db" "$work/direct.db"
port=$(free_port); base="http://127.0.0.1:$port"
admin=$(staff_key "$work/fulfil.db" admin)
start_api "$work/fulfil.db" "$port" "$work/api-fulfil.log" Carrier__WebhookSecret=bench-secret
auth=(-H "Authorization: Bearer $admin")
started=$(now)
curl -fs -X POST "${auth[@]}" "$base/api/admin/jobs/kit-allocation/run" >/dev/null
wait_sql "$work/fulfil.db" "SELECT COUNT(*) FROM kit_orders WHERE status IN ('received', 'backordered')" 0 600
phase_allocated=$(now)
curl -fs -X POST "${auth[@]}" -H 'Content-Type: application/json' -d '{}' "$base/api/logistics/pick-batches" >"$work/batch.json"
batch=$(/usr/bin/python3 -c "import json; print(json.load(open('$work/batch.json'))['id'])")
curl -fs "${auth[@]}" "$base/api/logistics/pick-batches/$batch/pick-list.csv" >"$work/pick-list.csv"
{ echo "reference,carrier,trackingNumber"
  sqlite3 -csv "$work/fulfil.db" "SELECT reference, 'PostNL', '3S' || upper(substr(replace(id, '-', ''), 20, 13)) FROM kit_orders WHERE status = 'picking'"
} >"$work/shipments.csv"
phase_batched=$(now)
curl -fs -X POST "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @"$work/shipments.csv" "$base/api/logistics/shipments/import" >/dev/null
phase_shipped=$(now)
bench events --url "$base" --secret bench-secret --db "$work/fulfil.db" --parallel 16
wait_sql "$work/fulfil.db" "SELECT COUNT(*) FROM kit_orders WHERE status = 'delivered'" "$orders" 600
service_seconds=$(calc "$(now) - $started")
echo "fulfilment phases: allocation $(calc "$phase_allocated - $started") s, batch and pick list $(calc "$phase_batched - $phase_allocated") s, shipment import $(calc "$phase_shipped - $phase_batched") s, carrier events $(calc "$(now) - $phase_shipped") s" >&2
read -r direct_orders direct_seconds < <(bench direct-sql --db "$work/direct.db")
stock_ok=$(sqlite3 "$work/fulfil.db" "SELECT COUNT(*) FROM kit_items WHERE reserved <> 0 AND sku = 'BENCH-KIT'")
echo "ratio fulfilment $(calc "$direct_seconds / $service_seconds") (service $service_seconds s for $orders orders received to delivered, direct SQL $direct_seconds s for $direct_orders, target <= 60 s for 10,000 and >= 0.3; stock left reserved: $stock_ok)"
kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
fi

# 4. reminders
if want reminders; then
echo "seeding $reminders participants whose reminder is due" >&2
bench seed --db "$work/remind.db" --year $year --activities 10 --signups 0 --orders 0 --reminders "$reminders"
smtp_port=$(free_port)
/usr/bin/python3 -u tests/WeekTegenEenzaamheid.Tests/Smtp/smtp_server.py --port "$smtp_port" --dir "$work/smtp" >"$work/smtp.log" 2>&1 &
smtp_pid=$!; pids+=($smtp_pid)
for _ in $(seq 1 40); do grep -q READY "$work/smtp.log" && break; sleep 0.25; done
port=$(free_port); base="http://127.0.0.1:$port"
admin=$(staff_key "$work/remind.db" admin)
start_api "$work/remind.db" "$port" "$work/api-remind.log" Email__SmtpHost=127.0.0.1 Email__SmtpPort="$smtp_port" Email__Security=None
started=$(now)
curl -fs -X POST -H "Authorization: Bearer $admin" "$base/api/admin/jobs/reminders/run" >/dev/null
deadline=$((SECONDS + 900))
while [ "$(find "$work/smtp" -name '*.eml' | wc -l)" -lt "$reminders" ] && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
service_seconds=$(calc "$(now) - $started")
sleep 2
arrived=$(find "$work/smtp" -name '*.eml' | wc -l)
distinct=$(find "$work/smtp" -name '*.eml' -print0 | xargs -0 grep -h -m1 '^X-Envelope-To:' | sort -u | wc -l)
kill "$api_pid"; wait "$api_pid" 2>/dev/null || true
loop_count=$(( reminders < 10000 ? reminders : 10000 ))
read -r loop_sent loop_seconds < <(bench mail-loop --port "$smtp_port" --count "$loop_count")
service_rate=$(calc "$arrived / $service_seconds")
loop_rate=$(calc "$loop_sent / $loop_seconds")
echo "ratio reminders $(calc "$service_rate / $loop_rate") (service $service_rate e-mails/s: $arrived of $reminders arrived in $service_seconds s, $distinct distinct recipients; plain MailKit loop $loop_rate e-mails/s over one connection; target >= 0.8, none twice)"
fi
