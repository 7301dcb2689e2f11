#!/usr/bin/env bash
# test.sh — set the machine up as start.sh does, then run every test the project has on a
# throwaway cluster: the pg_regress suites in regress/ and the JUnit tests through Maven.
# Exits non-zero if anything fails.
set -euo pipefail
source "$(dirname "$0")/common.sh"
require_root "$@"

# Ports apart from the local cluster's, so that tests can run beside it.
TEST_PORT=${JCITUS_TEST_PORT:-58636}

bash "$JCITUS_ROOT/deploy/setup.sh"

cluster_dir=$(mktemp -d /tmp/jcitus-test.XXXXXX)
cleanup() { "$JCITUS_ROOT/deploy/cluster" destroy --dir "$cluster_dir" >/dev/null 2>&1 || rm -rf "$cluster_dir"; }
trap cleanup EXIT
echo "== starting a throwaway cluster in $cluster_dir"
"$JCITUS_ROOT/deploy/cluster" start --dir "$cluster_dir" --port "$TEST_PORT" --database regression \
    --no-register

failed=0
echo "== pg_regress"
"$JCITUS_ROOT/regress/run" --port "$TEST_PORT" || failed=1
echo "== JUnit"
(cd "$JCITUS_ROOT" && mvn -B test -Djcitus.test.port="$TEST_PORT") || failed=1

if [ $failed -ne 0 ]; then
    echo "== some tests FAILED" >&2
    exit 1
fi
echo "== all tests passed"
