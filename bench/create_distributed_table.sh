#!/usr/bin/env bash
# create_distributed_table.sh — how long create_distributed_table takes on the local
# cluster (issue 5): a 1,000,000-row table (rows moved into 32 shards on two workers),
# and 100 empty tables one after another.
#
#   bench/create_distributed_table.sh [--port 57636] [--rows 1000000] [--tables 100]
set -euo pipefail
port=57636
rows=1000000
tables=100
while [ $# -gt 0 ]; do
    case "$1" in
        --port) port=$2; shift 2 ;;
        --rows) rows=$2; shift 2 ;;
        --tables) tables=$2; shift 2 ;;
        *) echo "usage: $0 [--port N] [--rows N] [--tables N]" >&2; exit 2 ;;
    esac
done
psql_() { psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
timed() { psql_ -c '\timing on' "$@" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1; }

workers=$(psql_ -c "SELECT count(*) FROM citus_get_active_worker_nodes()")
[ "$workers" -gt 0 ] || { echo "no active workers on port $port: run deploy/start.sh first" >&2; exit 1; }

psql_ -c "DROP TABLE IF EXISTS bench_rows" \
      -c "CREATE TABLE bench_rows (id bigint PRIMARY KEY, tenant int, payload text, created timestamptz)" \
      -c "INSERT INTO bench_rows SELECT i, i % 1000, md5(i::text), '2026-01-01'::timestamptz + i * interval '1 second'
            FROM generate_series(1, $rows) i" -c "VACUUM ANALYZE bench_rows"
ms=$(timed -c "SELECT create_distributed_table('bench_rows', 'id')")
awk -v ms="$ms" -v n="$rows" -v w="$workers" \
    'BEGIN { printf "%d rows into 32 shards on %d workers: %.0f ms (%.0f rows/s)\n", n, w, ms, n / (ms / 1000) }'
psql_ -c "DROP TABLE bench_rows"

# the 100 tables in one session, so that the JVM starts once, as in an application
script=$(mktemp)
trap 'rm -f "$script"' EXIT
for i in $(seq "$tables"); do
    echo "CREATE TABLE bench_empty_$i (id bigint PRIMARY KEY, v text);"
    echo "SELECT create_distributed_table('bench_empty_$i', 'id');"
done >"$script"
start=$(date +%s%N)
psql_ -f "$script" >/dev/null
end=$(date +%s%N)
awk -v ns=$((end - start)) -v n="$tables" \
    'BEGIN { printf "%d empty tables (create + distribute, 32 shards each): %.0f ms (%.1f ms per table)\n", n, ns / 1e6, ns / 1e6 / n }'
for i in $(seq "$tables"); do echo "DROP TABLE bench_empty_$i;"; done | psql_ >/dev/null
