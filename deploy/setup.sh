#!/usr/bin/env bash
# setup.sh — make a Debian 12 machine ready for jcitus: install the packages it needs
# (only what is missing), build the C runtime and the Java jars, and install both into
# PostgreSQL 15. Safe to run again: it installs nothing twice and rebuilds incrementally.
set -euo pipefail
source "$(dirname "$0")/common.sh"
require_root "$@"

# postgresql-contrib-15 is provided by postgresql-15 on Debian 12; apt resolves the name.
# libkrb5-dev: the server's libpq/libpq.h includes GSSAPI's headers (Debian builds it with GSSAPI).
PACKAGES=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-contrib-$PG_MAJOR
          openjdk-17-jdk-headless maven make gcc libc6-dev libkrb5-dev)

# Prints nothing, and succeeds, for a package dpkg has never heard of (under pipefail a
# failing dpkg-query would otherwise end the script silently on a fresh machine).
installed_version() {
    { dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null || true; } |
        awk '$3 == "installed" { print $4 }'
}

# A package counts as present when it is installed, or when an installed package provides
# it (postgresql-15 provides postgresql-contrib-15).
provided=$(dpkg-query -W -f='${Status}|${Provides}\n' 2>/dev/null | awk -F'|' '$1 ~ / installed$/ { print $2 }')
missing=()
for p in "${PACKAGES[@]}"; do
    [ -n "$(installed_version "$p")" ] && continue
    grep -Eq "(^|[ ,])$p([ ,(]|$)" <<<"$provided" && continue
    missing+=("$p")
done

server_version=$(installed_version postgresql-$PG_MAJOR)
headers_version=$(installed_version postgresql-server-dev-$PG_MAJOR)
if [ ${#missing[@]} -gt 0 ] || [ "$server_version" != "$headers_version" ]; then
    echo "== installing packages: ${missing[*]:-server and headers at one version}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Naming server and headers together keeps them at the same (candidate) version:
    # an extension built against other headers than the server's is not supported.
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
    server_version=$(installed_version postgresql-$PG_MAJOR)
    headers_version=$(installed_version postgresql-server-dev-$PG_MAJOR)
    [ "$server_version" = "$headers_version" ] ||
        die "postgresql-$PG_MAJOR $server_version and postgresql-server-dev-$PG_MAJOR $headers_version differ, and apt offers no common version"
fi

# The stock JDK 17, whatever else /usr/lib/jvm holds; the runtime's default libjvm path
# is taken from it at build time.
JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
if [ ! -x /usr/lib/jvm/java-17-openjdk-amd64/bin/javac ] || [[ "$JAVA_HOME" != *17* ]]; then
    for j in /usr/lib/jvm/java-17-openjdk-*; do [ -x "$j/bin/javac" ] && JAVA_HOME=$j; done
fi
export JAVA_HOME
[ -f "$JAVA_HOME/include/jni.h" ] || die "no JDK 17 found (looked in $JAVA_HOME)"

echo "== building (JDK $JAVA_HOME, PostgreSQL $server_version) and installing into PostgreSQL $PG_MAJOR"
make -s -C "$JCITUS_ROOT" PG_CONFIG=$PG_BINDIR/pg_config JAVA_HOME="$JAVA_HOME" install
