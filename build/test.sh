#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, packs the tool into a local feed, then runs every test.
# Usage: bash build/test.sh [extra dotnet test arguments]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The report tests drive Debian's chromium through Playwright (ExecutablePath /usr/bin/chromium): Playwright must
# never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

source build/postgres.sh

# Debian packages the tests drive, installed once on a fresh machine (a no-op when present): chromium for
# tests/Ledger.Report.Tests, strace for the fault-injection tests of tests/Ledger.Cli.Tests (failed and killed writes),
# postgresql for the server-ledger tests (build/postgres.sh starts a server of their own), faketime for the test that
# steps a server call's clock; clang, with which build/pack.sh compiles the linux-x64 tool ahead of time (Native AOT).
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v strace >/dev/null 2>&1 || missing+=(strace)
[ -n "$(ledger_postgres_bin)" ] || missing+=(postgresql)
ls /usr/lib/*/faketime/libfaketime.so.1 >/dev/null 2>&1 || missing+=(faketime)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "build/test.sh: ${missing[*]} missing and installing needs root (apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "installing ${missing[*]} (apt-get) for the tests"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

bash build/pack.sh
ledger_postgres_start

dotnet test Ledger.sln -c Release --nologo "$@"
