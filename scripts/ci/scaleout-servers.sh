#!/usr/bin/env bash
# Starts the servers of the scale-out tests (test/integration/scaleout/**), on loopback only:
#   - a PostgreSQL 15 streaming replica of the main cluster (127.0.0.1:5432) on 127.0.0.1:5433
#   - PgBouncer (Debian's package, 1.18) on 127.0.0.1:6432 in transaction pooling mode, in front
#     of the main cluster, reaching every database
# Idempotent: when both already answer it only prints the URLs (well under a second).
# Prints `export ...` lines on stdout, so a caller can `eval "$(scripts/ci/scaleout-servers.sh)"`;
# progress goes to stderr. Fails loudly (exit 1) when a server cannot be started.
set -euo pipefail
# Only the export lines may reach stdout: every tool's own chatter (pg_ctlcluster prints
# "Removed stale pid file." on stdout, for one) goes to stderr, and the URLs to the saved stdout
# (fd 3). The daemons are started with fd 3 closed, or they would hold the caller's $(...) open.
exec 3>&1 1>&2

PG_VERSION=15
PRIMARY_PORT=5432
REPLICA_PORT=5433
BOUNCER_PORT=6432
REPLICA_CLUSTER=replica
BOUNCER_DIR=/var/lib/postgresql/athanor-pgbouncer
MAIN_HBA=/etc/postgresql/$PG_VERSION/main/pg_hba.conf

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
log() { echo "scaleout-servers: $*" >&2; }
die() { echo "scaleout-servers: $*" >&2; exit 1; }
as_postgres() { if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
up() { pg_isready -h 127.0.0.1 -p "$1" -q; }
wait_up() {
  for _ in $(seq 1 60); do up "$1" && return 0; sleep 0.5; done
  return 1
}
# The replica receives WAL from the primary (not stuck behind WAL the primary already removed).
streaming() {
  [ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U root -d postgres -Atc \
    "select count(*) from pg_stat_wal_receiver where status = 'streaming'" 2>/dev/null)" = "1" ]
}
wait_streaming() {
  for _ in $(seq 1 30); do streaming && return 0; sleep 0.5; done
  return 1
}
print_urls() {
  echo "export ATHANOR_TEST_REPLICA_URL=postgresql://root@127.0.0.1:$REPLICA_PORT/test" >&3
  echo "export ATHANOR_TEST_PGBOUNCER_URL=postgresql://root@127.0.0.1:$BOUNCER_PORT/test" >&3
}

# Both up and the replica really streaming: nothing to do.
if up "$REPLICA_PORT" && up "$BOUNCER_PORT" && streaming; then
  print_urls
  exit 0
fi

up "$PRIMARY_PORT" || die "the primary is not answering on 127.0.0.1:$PRIMARY_PORT; start it first (pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main start)"

# --- streaming replica -----------------------------------------------------------------------
if up "$REPLICA_PORT" && ! wait_streaming; then
  log "127.0.0.1:$REPLICA_PORT answers but does not stream from the primary; restarting it"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$REPLICA_CLUSTER" stop -m fast || true
fi
if ! up "$REPLICA_PORT"; then
  # The primary must accept replication connections from loopback.
  if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$MAIN_HBA"; then
    log "allowing replication from 127.0.0.1 in $MAIN_HBA"
    echo "host replication all 127.0.0.1/32 trust" | $SUDO tee -a "$MAIN_HBA" >/dev/null
  fi
  # Reloaded every time through here: a line added by an interrupted earlier run may be unread.
  as_postgres psql -p "$PRIMARY_PORT" -Atqc 'select pg_reload_conf()' >/dev/null
  if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION $REPLICA_CLUSTER"; then
    log "creating cluster $PG_VERSION/$REPLICA_CLUSTER on port $REPLICA_PORT"
    $SUDO pg_createcluster "$PG_VERSION" "$REPLICA_CLUSTER" -p "$REPLICA_PORT" >/dev/null
  fi
  conf_dir=/etc/postgresql/$PG_VERSION/$REPLICA_CLUSTER
  data_dir=$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$REPLICA_CLUSTER" '$1==v && $2==c {print $6}')
  [ -n "$data_dir" ] || die "cannot find the data directory of cluster $PG_VERSION/$REPLICA_CLUSTER"
  # Loopback only, trust for local tests, and hot standby so it answers reads.
  $SUDO tee "$conf_dir/conf.d/athanor-replica.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
hot_standby = on
max_connections = 200
EOF
  $SUDO tee "$conf_dir/pg_hba.conf" >/dev/null <<'EOF'
local all all trust
host all all 127.0.0.1/32 trust
EOF
  base_backup() {
    log "taking a base backup of the primary into $data_dir"
    $SUDO find "$data_dir" -mindepth 1 -delete
    as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U root -D "$data_dir" -R -X stream -c fast ||
      die "pg_basebackup from 127.0.0.1:$PRIMARY_PORT failed"
  }
  start_replica() {
    log "starting the replica on 127.0.0.1:$REPLICA_PORT"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$REPLICA_CLUSTER" start 3>&- ||
      die "the replica did not start; see /var/log/postgresql/postgresql-$PG_VERSION-$REPLICA_CLUSTER.log"
    wait_up "$REPLICA_PORT" || die "the replica does not answer on 127.0.0.1:$REPLICA_PORT"
  }
  # A base backup only when the data directory is not already a standby of the primary.
  if ! $SUDO test -f "$data_dir/standby.signal"; then base_backup; fi
  start_replica
  # A standby stopped long enough may need WAL the primary has recycled: it would answer but
  # never catch up. Then it is rebuilt from a new base backup, once.
  if ! wait_streaming; then
    log "the replica is not streaming from the primary; rebuilding it"
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$REPLICA_CLUSTER" stop -m fast || true
    base_backup
    start_replica
    wait_streaming || die "the replica does not stream from the primary; see /var/log/postgresql/postgresql-$PG_VERSION-$REPLICA_CLUSTER.log"
  fi
fi
[ "$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U root -d postgres -Atc 'select pg_is_in_recovery()')" = "t" ] ||
  die "127.0.0.1:$REPLICA_PORT answers but is not in recovery (not a replica); drop it with pg_dropcluster --stop $PG_VERSION $REPLICA_CLUSTER and re-run"

# --- PgBouncer -------------------------------------------------------------------------------
if ! up "$BOUNCER_PORT"; then
  if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
    log "installing pgbouncer (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # policy-rc.d 101 keeps the package's own service from starting (it would take port 6432).
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    $SUDO apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null || {
      $SUDO rm -f /usr/sbin/policy-rc.d
      die "apt-get install pgbouncer failed"
    }
    $SUDO rm -f /usr/sbin/policy-rc.d
  fi
  bouncer=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
  $SUDO mkdir -p "$BOUNCER_DIR"
  # Trust still needs each user name in the auth file.
  $SUDO tee "$BOUNCER_DIR/userlist.txt" >/dev/null <<'EOF'
"root" ""
"postgres" ""
EOF
  # Startup parameters node-pg may send that PgBouncer 1.18 does not track are ignored rather than
  # refused; the engine sets them per transaction instead when it knows it is behind a pooler.
  $SUDO tee "$BOUNCER_DIR/pgbouncer.ini" >/dev/null <<EOF
[databases]
* = host=127.0.0.1 port=$PRIMARY_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $BOUNCER_DIR/userlist.txt
admin_users = root
stats_users = root
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits,options,statement_timeout,lock_timeout,idle_in_transaction_session_timeout
logfile = $BOUNCER_DIR/pgbouncer.log
pidfile = $BOUNCER_DIR/pgbouncer.pid
EOF
  $SUDO chown -R postgres:postgres "$BOUNCER_DIR"
  log "starting PgBouncer on 127.0.0.1:$BOUNCER_PORT (transaction pooling)"
  as_postgres "$bouncer" -d "$BOUNCER_DIR/pgbouncer.ini" 3>&- || die "pgbouncer did not start; see $BOUNCER_DIR/pgbouncer.log"
  wait_up "$BOUNCER_PORT" || die "PgBouncer does not answer on 127.0.0.1:$BOUNCER_PORT; see $BOUNCER_DIR/pgbouncer.log"
fi

print_urls
