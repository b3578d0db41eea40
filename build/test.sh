#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, packs the tool into a local feed, then runs every test.
# Usage: bash build/test.sh [extra dotnet test arguments]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash build/pack.sh

dotnet test Ledger.sln -c Release --nologo "$@"
