# common.sh — what the deploy scripts share: where things are and how to run as root.
# Sourced, not run.

JCITUS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=15
PG_BINDIR=/usr/lib/postgresql/$PG_MAJOR/bin

die() {
    echo "error: $*" >&2
    exit 1
}

# Set-up installs packages and files under /usr, so it needs root. Re-run the calling
# script through sudo when a user who has it calls it.
require_root() {
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 ||
            die "$(basename "$0") installs system packages: run it as root, or install sudo"
        exec sudo --preserve-env=PATH bash "$0" "$@"
    fi
}
