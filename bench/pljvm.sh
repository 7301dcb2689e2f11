#!/usr/bin/env bash
# pljvm.sh — the runtime's costs on the local cluster's coordinator:
#   first-call latency in a new backend (JVM start included), the per-call cost of a
#   trivial function over 100,000 calls, and the backend's RSS once its JVM runs.
# Targets (issue 3): first call < 100 ms, trivial call < 5 µs, RSS < 60 MB.
#
#   bench/pljvm.sh [--port 57636] [--runs 5]
set -euo pipefail
port=57636
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --port) port=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: $0 [--port N] [--runs N]" >&2; exit 2 ;;
    esac
done
psql_() { psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# the milliseconds psql's \timing reports for the last statement of a session
timed() { psql_ -c '\timing on' "$@" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1; }

psql_ -c "CREATE OR REPLACE FUNCTION pljvm_bench_increment(int) RETURNS int
          LANGUAGE pljvm AS 'org.jcitus.pljvm.Warmup.increment'"

echo "first call in a new backend (median of $runs, JVM start included):"
first=$(for _ in $(seq "$runs"); do timed -c "SELECT pljvm_bench_increment(1)"; done | median)
echo "  $first ms"

calls=100000
echo "per call, $calls calls of a trivial function (best of $runs, minus the same query in SQL):"
java_ms=$(for _ in $(seq "$runs"); do
    timed -c "SELECT pljvm_bench_increment(1)" \
          -c "SELECT sum(pljvm_bench_increment(i)) FROM generate_series(1, $calls) i"; done | sort -n | head -n 1)
sql_ms=$(for _ in $(seq "$runs"); do
    timed -c "SELECT sum(i + 1) FROM generate_series(1, $calls) i"; done | sort -n | head -n 1)
awk -v j="$java_ms" -v s="$sql_ms" -v n="$calls" \
    'BEGIN { printf "  %.2f us (%.1f ms with Java, %.1f ms without)\n", (j - s) * 1000 / n, j, s }'

rss() { psql_ -c "$1" -c "SELECT regexp_replace(pg_read_file('/proc/self/status'), '.*VmRSS:\s*([0-9]+) kB.*', '\1')" | tail -n 1; }
echo "backend RSS:"
echo "  without a JVM: $(( $(rss "SELECT 1") / 1024 )) MB"
echo "  with its JVM:  $(( $(rss "SELECT pljvm_bench_increment(1)") / 1024 )) MB"
psql_ -c "DROP FUNCTION pljvm_bench_increment(int)"
