# Debian's PostgreSQL in a directory of our own: initdb, start, stop, no system cluster.
# Sourced by .ci/run and scale/run. PostgreSQL refuses to run as root, so as root every command
# runs as the postgres user through runuser (as src/test/.../it/AptPostgres.java does).

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || { echo "no /usr/lib/postgresql/*/bin/pg_ctl" >&2; return 1; }
  echo "$bin"
}

# Installs Debian's postgresql (and any further packages named) when missing, without creating
# Debian's default cluster.
apt_install() {
  local packages=("$@")
  ((${#packages[@]})) || return 0
  if printf '%s\n' "${packages[@]}" | grep -qx postgresql; then
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/paysession-ci.conf
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_init DIR: a cluster in DIR/data owned by postgres, trust auth on 127.0.0.1 only.
pg_init() {
  local dir=$1
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$dir"
  as_postgres "$(pg_bin)/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log"
}

# pg_start DIR PORT [extra -c settings...]: durable commits (fsync, synchronous_commit on).
pg_start() {
  local dir=$1 port=$2
  shift 2
  local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir"
  opts+=" -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200"
  local extra
  for extra in "$@"; do opts+=" -c $extra"; done
  as_postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$opts" start >/dev/null
}

# pg_stop DIR [mode]: fast by default; "immediate" is a crash.
pg_stop() {
  local dir=$1 mode=${2:-fast}
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$dir/data" -m "$mode" -w stop >/dev/null 2>&1 || true
}

# psql_at PORT SQL...: one statement as postgres, unaligned, no headers.
psql_at() {
  local port=$1
  shift
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "$*"
}

# free_port: a TCP port nothing listens on (bash only: a fresh machine may have no python).
free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 100); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
