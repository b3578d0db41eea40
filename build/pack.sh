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
# The tool is three packages (.NET 10 platform-specific tools): the pointer package, which `dotnet tool install`
# reads first, then one per runtime it names: linux-x64 compiled ahead of time (Native AOT, which needs clang), and
# the framework-dependent one for every other platform.
tool=src/Ledger.Cli/Ledger.Cli.csproj
dotnet pack "$tool" -c Release --nologo -o "$feed" -p:Version="$version" >/dev/null
for runtime in linux-x64 any; do
    dotnet pack "$tool" -c Release -r "$runtime" --nologo -o "$feed" -p:Version="$version" >/dev/null
done
dotnet pack src/Ledger.MSBuild/Ledger.MSBuild.csproj -c Release --nologo -o "$feed" -p:Version="$version" >/dev/null
echo "$version" > "$feed/VERSION"
echo "packed Ledger.Cli and Ledger.MSBuild $version into $feed"
