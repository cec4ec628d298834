#!/usr/bin/env bash
# Stop what scripts/cluster/up.sh started: nginx, both application servers, the worker, the replica; drop the
# replication slot (a slot nobody reads keeps WAL on the primary for ever) and the replica's copy.
# `--keep-replica` stops the replica but keeps its copy and slot for the next up.sh.
set -uo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/cluster/config.sh
source "$REPO/scripts/cluster/config.sh"
log() { printf '[cluster] %s\n' "$*"; }

stop_group() {  # pid file: TERM the process group, then KILL what is left after 15 s
    local file=$1 pid
    [[ -f $file ]] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

if [[ -f $CLUSTER_DIR/nginx.pid ]]; then
    nginx -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx.conf" -s quit 2>/dev/null
    for _ in $(seq 1 50); do [[ -f $CLUSTER_DIR/nginx.pid ]] || break; sleep 0.1; done
    log "nginx stopped"
fi
for name in app-a app-b worker; do
    stop_group "$CLUSTER_DIR/$name.pid" && log "$name stopped"
done
if [[ -f $REPLICA_DIR/postmaster.pid ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null && log "replica stopped"
fi
if [[ ${1:-} != --keep-replica ]]; then
    "$PGBIN/psql" -X -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -Atc \
        "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '$SLOT' and not active" \
        >/dev/null && log "replication slot $SLOT dropped"
    rm -rf "$REPLICA_DIR"
fi
