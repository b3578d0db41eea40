# Sourced by build/test.sh: a PostgreSQL server of the tests' own, for the server-ledger tests. No Docker, no mocks:
# initdb into a temporary folder (as the postgres user when run as root: initdb refuses root), pg_ctl start on a free
# local port with its socket in that folder, a superuser with a random password (the tests check it is never printed),
# stopped and removed when the script exits. The tests find it in LEDGER_TEST_POSTGRES.

# The newest installed server's programs (Debian keeps them off the PATH, under /usr/lib/postgresql/N/bin).
ledger_postgres_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

# A local TCP port nothing listens on, tried from a random start.
ledger_free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "build/postgres.sh: no free local port found" >&2
    return 1
}

ledger_postgres_start() {
    local bin dir port password run_as=()
    bin="$(ledger_postgres_bin)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/ledger-postgres-XXXXXX")"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
        run_as=(runuser -u postgres --)
    fi
    LEDGER_POSTGRES_DIR="$dir"
    LEDGER_POSTGRES_RUN_AS=("${run_as[@]}")
    trap ledger_postgres_stop EXIT
    password="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s\n' "$password" > "$dir/password"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/password"
    "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U ledger_test --pwfile="$dir/password" --auth-host=scram-sha-256 --auth-local=trust \
        -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
    rm -f "$dir/password"
    port="$(ledger_free_port)"
    "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
    export LEDGER_TEST_POSTGRES="postgresql://ledger_test:$password@127.0.0.1:$port/postgres"
    echo "started PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) for the tests on 127.0.0.1:$port, data in $dir"
}

ledger_postgres_stop() {
    local bin
    bin="$(ledger_postgres_bin)"
    if [ -n "${LEDGER_POSTGRES_DIR:-}" ] && [ -d "$LEDGER_POSTGRES_DIR/data" ]; then
        "${LEDGER_POSTGRES_RUN_AS[@]}" "$bin/pg_ctl" -D "$LEDGER_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    [ -n "${LEDGER_POSTGRES_DIR:-}" ] && rm -rf "$LEDGER_POSTGRES_DIR"
}
