#!/usr/bin/env bash
# start.sh — the main job: set the machine up, build and install jcitus, and leave a local
# cluster running (coordinator 127.0.0.1:57636, workers 57637 and 57638). Running it again
# rebuilds, reinstalls and starts whatever is not running; it never wipes data.
set -euo pipefail
source "$(dirname "$0")/common.sh"
require_root "$@"

bash "$JCITUS_ROOT/deploy/setup.sh"
echo "== starting the local cluster"
# Nodes that are up keep the runtime they loaded; restart them so a rebuilt one is used.
"$JCITUS_ROOT/deploy/cluster" stop 2>/dev/null || true
"$JCITUS_ROOT/deploy/cluster" start
"$JCITUS_ROOT/deploy/cluster" status
cat <<EOF

The cluster is running. Connect to the coordinator with:
    psql -h 127.0.0.1 -p 57636
(or as any OS user: psql -h 127.0.0.1 -p 57636 -U postgres)
Manage it with: $JCITUS_ROOT/deploy/cluster {status|stop|start|destroy}
EOF
