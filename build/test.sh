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

# Chromium for tests/Ledger.Report.Tests, installed once on a fresh Debian machine; a no-op when present.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "build/test.sh: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)" >&2
        exit 1
    fi
    echo "installing chromium (apt-get) for the report tests"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

bash build/pack.sh

dotnet test Ledger.sln -c Release --nologo "$@"
