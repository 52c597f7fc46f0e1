#!/usr/bin/env bash
# Runs every test of the service twice: on SQLite, then on a throwaway PostgreSQL cluster (each test
# app gets a database of its own there). Installs what the tests need first:
#   - python3-aiosmtpd (Debian), the real SMTP server the e-mail tests deliver to;
#   - postgresql (Debian), when no /usr/lib/postgresql/*/bin/initdb is there (scripts/lib/postgres.sh);
#   - chromium (Debian), the browser the page tests drive with Playwright (its own download cannot work here);
#     a browser test without it fails, it never skips;
#   - the pages' npm packages, which the build restores itself (node and npm on PATH).
# Set WTE_TEST_SQLSERVER to a connection string to run the first run against SQL Server instead of SQLite.
# WTE_TEST_DATABASES=sqlite (or postgresql) runs one of the two only.
# Ends with one line "N passed, N failed[, N skipped]" that sums both runs.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "Installing python3-aiosmtpd (the SMTP server the tests deliver to)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (the browser of the page tests)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "Installing npm (the build restores the pages' NL Design System CSS with it)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed (dotnet on PATH)." >&2
  exit 1
fi

source scripts/lib/postgres.sh
databases=${WTE_TEST_DATABASES:-sqlite postgresql}
results=$(mktemp -d)
cluster=$(mktemp -d)/pg
trap 'pg_stop "$cluster"; rm -rf "$results" "$(dirname "$cluster")"' EXIT

dotnet build WeekTegenEenzaamheid.sln -warnaserror -nologo -clp:ErrorsOnly

status=0
for database in $databases; do
  set +e
  if [ "$database" = postgresql ]; then
    pg_start "$cluster" || exit 1
    echo "Run on PostgreSQL (throwaway cluster on 127.0.0.1:$PG_PORT)"
    WTE_TEST_SQLSERVER= WTE_TEST_POSTGRESQL="$PG_URL" dotnet test WeekTegenEenzaamheid.sln --no-build --nologo \
      --logger "trx;LogFileName=postgresql.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results/postgresql" "$@"
  else
    if [ -n "${WTE_TEST_SQLSERVER:-}" ]; then echo "Run on SQL Server"; else echo "Run on SQLite"; fi
    WTE_TEST_POSTGRESQL= dotnet test WeekTegenEenzaamheid.sln --no-build --nologo \
      --logger "trx;LogFileName=sqlite.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results/sqlite" "$@"
  fi
  run=$?
  set -e
  [ "$run" -eq 0 ] || status=$run
done

/usr/bin/python3 - "$results" "$status" "$(echo $databases | wc -w)" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for path in files:
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if len(files) < int(sys.argv[3]) or (int(sys.argv[2]) != 0 and failed == 0):
    failed += 1  # the run itself failed (crash, no results): never report it as green
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit "$status"
