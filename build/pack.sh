#!/usr/bin/env bash
# Packs the `ledger` tool into a local folder feed (build/artifacts/feed) with a version unique to this pack,
# so a consumer or test that installs it never gets a stale copy from the NuGet cache.
# Writes the version to build/artifacts/feed/VERSION.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
feed="$repo/build/artifacts/feed"
version="${LEDGER_PACK_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
rm -rf "$feed"
mkdir -p "$feed"
dotnet pack src/Ledger.Cli/Ledger.Cli.csproj -c Release --nologo -o "$feed" -p:Version="$version" >/dev/null
echo "$version" > "$feed/VERSION"
echo "packed Ledger.Cli $version into $feed"
