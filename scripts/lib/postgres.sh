# Sourced by scripts/test.sh, scripts/chaos.sh and scripts/bench.sh: a throwaway PostgreSQL cluster.
#   pg_start DIR   initdb in DIR (owned by the postgres system user, as PostgreSQL refuses to run as
#                  root), pg_ctl start on a free loopback port; sets PG_PORT and PG_URL (an Npgsql
#                  connection string without a database). Installs Debian's postgresql when missing.
#   pg_stop DIR    stops the cluster and removes DIR. Callers put it in their EXIT trap.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_start() {
  local dir=$1
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    echo "Installing postgresql (Debian) for the throwaway test cluster..."
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
    if [ "$(id -u)" -eq 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
  fi
  local bin; bin=$(pg_bin)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    run=(runuser -u postgres --)
    mkdir -p "$dir"; chown postgres "$dir"
    # The postgres user must be able to reach the folder.
    local up; up=$(dirname "$dir"); chmod o+x "$up" 2>/dev/null || true
  else
    mkdir -p "$dir"
  fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # Throwaway data: durability off for speed; enough connections for two app servers and their pools.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir'
max_connections = ${PG_MAX_CONNECTIONS:-300}
fsync = ${PG_FSYNC:-off}
synchronous_commit = ${PG_SYNCHRONOUS_COMMIT:-off}
full_page_writes = off
shared_buffers = 128MB
CONF
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  PG_URL="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres"
  export PG_PORT PG_URL
}

pg_stop() {
  local dir=$1
  [ -d "$dir/data" ] || { rm -rf "$dir"; return 0; }
  local bin; bin=$(pg_bin)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
