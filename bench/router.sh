#!/usr/bin/env bash
# router.sh — the single-shard path against its ceiling (issue 6): pgbench runs each
# statement on a distributed table (32 shards on the workers) and, in the same round, on
# a plain table on the coordinator; it reports the median tps of the runs and their ratio.
#
#   bench/router.sh [--port 57636] [--rows 100000] [--clients 8] [--threads 2]
#                   [--seconds 20] [--runs 3] [--copy-rows 1000000]
#
# Workloads: point SELECT by key with -M simple and -M prepared, single-row INSERT, and
# COPY of --copy-rows rows (timed, best of the runs). Needs a running cluster with
# workers (deploy/start.sh).
#
# When the nodes run on this machine, each pgbench line is followed by the CPU time per
# statement (median of the runs) of the coordinator's processes and of the workers'
# (from /proc, sessions that ended included). On a shared virtual machine the tps of
# both sides can move 10-20% from one minute to the next; CPU per statement moves less,
# and says where a change went.
set -euo pipefail
port=57636
rows=100000
clients=8
threads=2
seconds=20
runs=3
copy_rows=1000000
while [ $# -gt 0 ]; do
    case "$1" in
        --port) port=$2; shift 2 ;;
        --rows) rows=$2; shift 2 ;;
        --clients) clients=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --copy-rows) copy_rows=$2; shift 2 ;;
        *) echo "usage: $0 [--port N] [--rows N] [--clients N] [--threads N] [--seconds N] [--runs N] [--copy-rows N]" >&2
           exit 2 ;;
    esac
done
PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
psql_() { "$PG_BINDIR/psql" -X -q -t -A -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"; }

workers=$(psql_ -c "SELECT count(*) FROM citus_get_active_worker_nodes()")
[ "$workers" -gt 0 ] || { echo "no active workers on port $port: run deploy/start.sh first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"; psql_ -c "DROP TABLE IF EXISTS bench_kv, bench_kv_plain, bench_ins, bench_ins_plain, bench_copy, bench_copy_plain" >/dev/null 2>&1 || true' EXIT

echo "== setting up: $rows rows in bench_kv (distributed, $workers workers) and bench_kv_plain"
for t in bench_kv bench_kv_plain; do
    psql_ -c "DROP TABLE IF EXISTS $t" \
          -c "CREATE TABLE $t (id bigint PRIMARY KEY, v int NOT NULL, pad text)" \
          -c "INSERT INTO $t SELECT i, i % 1000, md5(i::text) FROM generate_series(1, $rows) i"
done
for t in bench_ins bench_ins_plain bench_copy bench_copy_plain; do
    psql_ -c "DROP TABLE IF EXISTS $t" -c "CREATE TABLE $t (id bigint, v int, pad text)"
done
psql_ -c "SELECT create_distributed_table('bench_kv', 'id')" \
      -c "SELECT create_distributed_table('bench_ins', 'id')" \
      -c "SELECT create_distributed_table('bench_copy', 'id')" -c "VACUUM ANALYZE" >/dev/null

# the median of a list of numbers
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The postmaster of the node at a port, if it runs on this machine: the parent of its
# checkpointer. Empty otherwise.
postmaster_of() {
    local checkpointer
    checkpointer=$("$PG_BINDIR/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d postgres \
        -c "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'" 2>/dev/null) || return 0
    [ -n "$checkpointer" ] && awk '/^PPid:/ { print $2 }' "/proc/$checkpointer/status" 2>/dev/null || true
}
coordinator_pm=$(postmaster_of "$port")
worker_pms=""
for p in $(psql_ -c "SELECT node_port FROM citus_get_active_worker_nodes()
                     WHERE node_name IN ('127.0.0.1', 'localhost', '::1')"); do
    pm=$(postmaster_of "$p")
    [ -n "$pm" ] && worker_pms="$worker_pms $pm"
done
[ -n "$coordinator_pm" ] || worker_pms=""
clock_ticks=$(getconf CLK_TCK)

# CPU clock ticks used so far by postmasters and their processes, ended ones included
ticks() {
    local total=0 pm p stat
    for pm in "$@"; do
        for p in "$pm" $(pgrep -P "$pm" 2>/dev/null); do
            read -r stat <"/proc/$p/stat" 2>/dev/null || continue
            stat=${stat#*) }
            total=$((total + $(echo "$stat" | awk '{ print $12 + $13 + $14 + $15 }')))
        done
    done
    echo "$total"
}

# One pgbench run of a script on a table ($1 mode, $2 script template with TABLE, $3 the
# table): "tps coordinator-us workers-us", the last two CPU microseconds per statement
# (0 when the nodes are not on this machine).
run_pgbench() {
    local out c0 w0 c1 w1
    sed "s/TABLE/$3/g" "$2" >"$work/script.sql"
    c0=$(ticks $coordinator_pm); w0=$(ticks $worker_pms)
    out=$("$PG_BINDIR/pgbench" -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j "$threads" -T "$seconds" \
        -M "$1" -f "$work/script.sql" postgres 2>&1)
    sleep 0.5   # the sessions' backends end and are counted with their postmaster
    c1=$(ticks $coordinator_pm); w1=$(ticks $worker_pms)
    echo "$out" | awk -v c=$((c1 - c0)) -v w=$((w1 - w0)) -v hz="$clock_ticks" '
        /^number of transactions actually processed:/ { n = $6 }
        /^tps = / { tps = $3 }
        END { printf "%s %.1f %.1f\n", tps, n ? c * 1e6 / hz / n : 0, n ? w * 1e6 / hz / n : 0 }'
}

printf '\\set id random(1, %d)\nSELECT v FROM TABLE WHERE id = :id;\n' "$rows" >"$work/select.sql"
printf '\\set id random(1, 1000000000)\nINSERT INTO TABLE (id, v, pad) VALUES (:id, 1, '"'"'x'"'"');\n' >"$work/insert.sql"

compare() {
    local name=$1 mode=$2 script=$3 table=$4
    : >"$work/ceiling" ; : >"$work/cluster"
    for run in $(seq "$runs"); do
        run_pgbench "$mode" "$script" "${table}_plain" >>"$work/ceiling"
        run_pgbench "$mode" "$script" "$table" >>"$work/cluster"
    done
    local c d
    c=$(cut -d' ' -f1 "$work/ceiling" | median); d=$(cut -d' ' -f1 "$work/cluster" | median)
    awk -v n="$name" -v c="$c" -v d="$d" \
        'BEGIN { printf "%-34s plain %9.0f tps   distributed %9.0f tps   ratio %.2f\n", n, c, d, d / c }'
    if [ -n "$worker_pms" ]; then
        awk -v pc="$(cut -d' ' -f2 "$work/ceiling" | median)" -v dc="$(cut -d' ' -f2 "$work/cluster" | median)" \
            -v dw="$(cut -d' ' -f3 "$work/cluster" | median)" \
            'BEGIN { printf "%-34s CPU per statement: plain %.0f us; distributed %.0f us (coordinator %.0f, workers %.0f)\n",
                     "", pc, dc + dw, dc, dw }'
    fi
}

echo "== pgbench: $clients clients, $threads threads, $seconds s, median of $runs runs"
compare "point SELECT (-M simple)" simple "$work/select.sql" bench_kv
compare "point SELECT (-M prepared)" prepared "$work/select.sql" bench_kv
compare "single-row INSERT (-M simple)" simple "$work/insert.sql" bench_ins

echo "== COPY of $copy_rows rows, best of $runs"
"$PG_BINDIR/psql" -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "COPY (SELECT i, i % 1000, md5(i::text) FROM generate_series(1, $copy_rows) i) TO STDOUT" >"$work/rows.tsv"
copy_ms() {
    psql_ -c "TRUNCATE $1"
    psql_ -c '\timing on' -c "\\copy $1 FROM '$work/rows.tsv'" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
}
: >"$work/ceiling" ; : >"$work/cluster"
for run in $(seq "$runs"); do
    copy_ms bench_copy_plain >>"$work/ceiling"
    copy_ms bench_copy >>"$work/cluster"
done
c=$(sort -g "$work/ceiling" | head -n 1); d=$(sort -g "$work/cluster" | head -n 1)
rows_in_shards=$(psql_ -c "SELECT sum(result::bigint) FROM run_command_on_placements('bench_copy', 'SELECT count(*) FROM %s')")
awk -v c="$c" -v d="$d" -v n="$copy_rows" -v s="$rows_in_shards" \
    'BEGIN { printf "%-34s plain %7.0f ms   distributed %7.0f ms   ratio %.2f (rows in shards: %d)\n",
             "COPY " n " rows", c, d, c / d, s }'
