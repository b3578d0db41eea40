#!/usr/bin/env bash
# Packs the `ledger` tool (Ledger.Cli) and the MSBuild package (Ledger.MSBuild) into one local folder feed
# (build/artifacts/feed) with one version unique to this pack, so a consumer or test that installs them never gets a
# stale copy from the NuGet cache.
# Writes the version to build/artifacts/feed/VERSION.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
feed="$repo/build/artifacts/feed"
version="${LEDGER_PACK_VERSION:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
rm -rf "$feed"
mkdir -p "$feed"
for project in src/Ledger.Cli/Ledger.Cli.csproj src/Ledger.MSBuild/Ledger.MSBuild.csproj; do
    dotnet pack "$project" -c Release --nologo -o "$feed" -p:Version="$version" >/dev/null
done
echo "$version" > "$feed/VERSION"
echo "packed Ledger.Cli and Ledger.MSBuild $version into $feed"
