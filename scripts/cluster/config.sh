# The cluster's ports, places and names (sourced by up.sh and down.sh; check.py reads the same variables).
# Each can be set in the environment, e.g. YIFA_CLUSTER_DB=yifa_mine scripts/cluster/up.sh.
CLUSTER_DIR=${YIFA_CLUSTER_DIR:-/tmp/yifa-cluster}
CLUSTER_DB=${YIFA_CLUSTER_DB:-yifa_cluster}
PRIMARY_HOST=${YIFA_CLUSTER_PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${YIFA_CLUSTER_PRIMARY_PORT:-5432}
REPLICA_PORT=${YIFA_CLUSTER_REPLICA_PORT:-5440}
REPLICA_DIR=$CLUSTER_DIR/replica
SLOT=${YIFA_CLUSTER_SLOT:-yifa_cluster_replica}
# A database number of its own on the machine's Redis: up.sh empties it.
REDIS_URL=${YIFA_CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/11}
APP_A_PORT=${YIFA_CLUSTER_APP_A_PORT:-8811}
APP_B_PORT=${YIFA_CLUSTER_APP_B_PORT:-8812}
APP_WORKERS=${YIFA_CLUSTER_APP_WORKERS:-1}
APP_THREADS=${YIFA_CLUSTER_APP_THREADS:-4}
NGINX_PORT=${YIFA_CLUSTER_NGINX_PORT:-8810}
PGBIN=${YIFA_CLUSTER_PGBIN:-/usr/lib/postgresql/15/bin}
VENV=${YIFA_CLUSTER_VENV:-$REPO/.venv}
