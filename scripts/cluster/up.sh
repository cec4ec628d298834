#!/usr/bin/env bash
# Two application servers behind one nginx, on a PostgreSQL primary with a streaming replica, Redis as the
# shared cache and one task worker, all on this machine (README "Running in production", "More than one app
# server"). Run as root (it runs PostgreSQL as the postgres user and edits the primary's pg_hba.conf once).
#
#   scripts/cluster/up.sh              build what is missing and start everything
#   scripts/cluster/up.sh app a|b      (re)start one application server
#   scripts/cluster/down.sh            stop everything, drop the replica and its replication slot
#   .venv/bin/python scripts/cluster/check.py   up, the checks, down
#
# Everything it writes is under $YIFA_CLUSTER_DIR (default /tmp/yifa-cluster), never in the repository.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/cluster/config.sh
source "$REPO/scripts/cluster/config.sh"

log() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] %s\n' "$*" >&2; exit 1; }
psql_primary() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres "$@"; }
psql_replica() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres "$@"; }
alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_http() {  # url seconds
    local deadline=$((SECONDS + $2))
    until curl -fs -o /dev/null --max-time 2 "$1"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.3
    done
}

start_app() {  # a|b
    local name=$1 port
    port=$([[ $name == a ]] && echo "$APP_A_PORT" || echo "$APP_B_PORT")
    if alive "$CLUSTER_DIR/app-$name.pid"; then
        log "app server $name already runs (port $port)"
        return
    fi
    # A process group of its own (setsid), so check.py can stop the server and its workers together.
    (cd "$REPO" && exec setsid env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 bash -c \
        "set -a; source '$CLUSTER_DIR/env'; set +a; exec '$VENV/bin/granian' --interface wsgi --host 127.0.0.1 \
         --port $port --workers $APP_WORKERS --blocking-threads $APP_THREADS --working-dir '$REPO' \
         yifa.wsgi:application" >>"$CLUSTER_DIR/app-$name.log" 2>&1 & echo $! >"$CLUSTER_DIR/app-$name.pid")
    wait_http "http://127.0.0.1:$port/" 60 || die "app server $name did not answer on $port (see $CLUSTER_DIR/app-$name.log)"
    log "app server $name: http://127.0.0.1:$port/ (pid $(cat "$CLUSTER_DIR/app-$name.pid"))"
}

if [[ ${1:-} == app ]]; then
    start_app "${2:?a or b}"
    exit 0
fi

[[ $(id -u) == 0 ]] || die "run as root (PostgreSQL runs as the postgres user; nginx binds its own port)"
mkdir -p "$CLUSTER_DIR" "$CLUSTER_DIR/var" "$CLUSTER_DIR/nginx"
chmod 755 "$CLUSTER_DIR" "$CLUSTER_DIR/var"

# --- the primary: a database, and replication allowed from this machine ---------------------------------
psql_primary -d postgres -c "select 1" >/dev/null || die "no PostgreSQL at $PRIMARY_HOST:$PRIMARY_PORT"
[[ $(psql_primary -d postgres -Atc "show wal_level") =~ ^(replica|logical)$ ]] || die "the primary needs wal_level=replica"
if [[ $(psql_primary -d postgres -Atc "select count(*) from pg_hba_file_rules where 'replication' = any(database)
        and (type = 'local' or address = '127.0.0.1')") == 0 ]]; then
    hba=$(psql_primary -d postgres -Atc "show hba_file")
    log "allowing replication from 127.0.0.1 in $hba (a line yifa-cluster adds once)"
    printf '\n# yifa scripts/cluster: the streaming replica on this machine\nhost replication postgres 127.0.0.1/32 trust\n' >>"$hba"
    psql_primary -d postgres -Atc "select pg_reload_conf()" >/dev/null
    sleep 1
fi
if [[ $(psql_primary -d postgres -Atc "select count(*) from pg_database where datname = '$CLUSTER_DB'") == 0 ]]; then
    psql_primary -d postgres -c "create database \"$CLUSTER_DB\""
fi

# --- the replica: pg_basebackup of the whole cluster, then streaming through a replication slot -----------
if ! "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT"; then
    if [[ ! -f "$REPLICA_DIR/standby.signal" ]]; then
        rm -rf "$REPLICA_DIR"
        if [[ $(psql_primary -d postgres -Atc "select count(*) from pg_replication_slots where slot_name = '$SLOT'") != 0 ]]; then
            psql_primary -d postgres -Atc "select pg_drop_replication_slot('$SLOT')" >/dev/null
        fi
        install -d -o postgres -g postgres -m 700 "$REPLICA_DIR"
        log "copying the primary into $REPLICA_DIR (pg_basebackup, slot $SLOT)"
        runuser -u postgres -- "$PGBIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres \
            -D "$REPLICA_DIR" -X stream -C -S "$SLOT" -R --checkpoint=fast
        # Debian keeps the primary's configuration in /etc: the copy gets its own. A hot standby needs these
        # limits at least as high as the primary's.
        limits=$(psql_primary -d postgres -Atc "select string_agg(name || ' = ' || setting, E'\n') from pg_settings
                 where name in ('max_connections', 'max_worker_processes', 'max_wal_senders',
                                'max_prepared_transactions', 'max_locks_per_transaction')")
        cat >"$REPLICA_DIR/postgresql.conf" <<EOF
# yifa scripts/cluster: a hot standby of $PRIMARY_HOST:$PRIMARY_PORT
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '$REPLICA_DIR'
hba_file = '$REPLICA_DIR/pg_hba.conf'
ident_file = '$REPLICA_DIR/pg_ident.conf'
hot_standby = on
hot_standby_feedback = on
shared_buffers = 128MB
$limits
EOF
        printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$REPLICA_DIR/pg_hba.conf"
        : >"$REPLICA_DIR/pg_ident.conf"
        chown postgres:postgres "$REPLICA_DIR"/{postgresql.conf,pg_hba.conf,pg_ident.conf}
    fi
    touch "$CLUSTER_DIR/replica.log" && chown postgres "$CLUSTER_DIR/replica.log"
    # A hot standby opens for reads once the primary has logged a complete snapshot of its running
    # transactions; on a busy primary (many subtransactions) that took minutes on this machine.
    log "starting the replica on port $REPLICA_PORT (waits until it accepts read-only connections)"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$REPLICA_DIR" -l "$CLUSTER_DIR/replica.log" -w -t 900 start >/dev/null
fi
[[ $(psql_replica -d postgres -Atc "select pg_is_in_recovery()") == t ]] || die "the server on $REPLICA_PORT is not a standby"
for _ in $(seq 1 50); do
    state=$(psql_primary -d postgres -Atc "select state from pg_stat_replication where application_name = 'walreceiver'
             and client_addr = '127.0.0.1' limit 1")
    [[ $state == streaming ]] && break
    sleep 0.2
done
[[ $state == streaming ]] || die "the replica is not streaming (state: ${state:-none}; see $CLUSTER_DIR/replica.log)"
log "replica: 127.0.0.1:$REPLICA_PORT streaming from $PRIMARY_HOST:$PRIMARY_PORT"

# --- the application's environment, shared by both servers and the worker --------------------------------
cat >"$CLUSTER_DIR/env" <<EOF
DATABASE_URL=postgres://postgres@$PRIMARY_HOST:$PRIMARY_PORT/$CLUSTER_DB
DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$CLUSTER_DB
REDIS_URL=$REDIS_URL
CACHE_BACKEND=django.core.cache.backends.redis.RedisCache
CACHE_LOCATION=$REDIS_URL
TASKS_BACKEND=django_tasks_db.DatabaseBackend
YIFA_VAR_DIR=$CLUSTER_DIR/var
DEBUG=0
ALLOWED_HOSTS=127.0.0.1,localhost
WAGTAILADMIN_BASE_URL=http://127.0.0.1:$NGINX_PORT
PYTHONPATH=$REPO
LOG_LEVEL=WARNING
EOF
redis-cli -u "$REDIS_URL" flushdb >/dev/null  # only this set-up's database number
run_manage() { (cd "$REPO" && env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 bash -c \
    "set -a; source '$CLUSTER_DIR/env'; set +a; exec '$VENV/bin/python' manage.py $*"); }
log "migrate, demo data (once), collectstatic"
run_manage migrate --no-input -v0
if [[ $(psql_primary -d "$CLUSTER_DB" -Atc "select count(*) from portal_articlepage") == 0 ]]; then
    run_manage demo >"$CLUSTER_DIR/demo.log"
fi
run_manage collectstatic --no-input -v0
run_manage purge_page_cache >/dev/null

# --- one task worker, two application servers ----------------------------------------------------------
if ! alive "$CLUSTER_DIR/worker.pid"; then
    (cd "$REPO" && exec setsid env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 bash -c \
        "set -a; source '$CLUSTER_DIR/env'; set +a; exec '$VENV/bin/python' manage.py db_worker --no-reload --no-startup-delay --worker-id yifa-cluster-worker --interval 0.5" \
        >>"$CLUSTER_DIR/worker.log" 2>&1 & echo $! >"$CLUSTER_DIR/worker.pid")
fi
log "task worker: pid $(cat "$CLUSTER_DIR/worker.pid") (one for the set-up)"
start_app a
start_app b

# --- nginx: the page cache straight from disk, the rest balanced over both servers ------------------------
sed -e "s|@CLUSTER_DIR@|$CLUSTER_DIR|g" -e "s|@VAR_DIR@|$CLUSTER_DIR/var|g" -e "s|@NGINX_PORT@|$NGINX_PORT|g" \
    -e "s|@APP_A_PORT@|$APP_A_PORT|g" -e "s|@APP_B_PORT@|$APP_B_PORT|g" \
    "$REPO/scripts/cluster/nginx.conf" >"$CLUSTER_DIR/nginx.conf"
nginx -t -q -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx.conf"
if alive "$CLUSTER_DIR/nginx.pid"; then
    nginx -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx.conf" -s reload
else
    nginx -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx.conf"
fi
wait_http "http://127.0.0.1:$NGINX_PORT/" 20 || die "nginx does not answer on $NGINX_PORT"
log "nginx: http://127.0.0.1:$NGINX_PORT/ → 127.0.0.1:$APP_A_PORT, 127.0.0.1:$APP_B_PORT"
