#!/usr/bin/env bash
# The main job on the embedded default ledger: gates the newest build recorded in ledger.db.example
# (feature/new-verifier against main) and renders the HTML report and Markdown summary. It works on a copy: the
# committed ledger.db.example is never modified. Exits with the gate's code: 1, since that build regressed.
# Usage: bash build/example.sh [output folder, default build/artifacts/example]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$repo/build/artifacts/example}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cp "$repo/ledger.db.example" "$work/ledger.db"
dotnet build "$repo/src/Ledger.Cli/Ledger.Cli.csproj" -c Release --nologo -v quiet >/dev/null
ledger=(dotnet "$repo/src/Ledger.Cli/bin/Release/net10.0/ledger.dll")

# The scenario's commits are SHA-1 names of "<branch>-<n>" (tests/Ledger.ExampleLedger/Scenario.cs).
newest="$(printf 'feature-2' | sha1sum | cut -c1-40)"
gate=0
(cd "$work" && "${ledger[@]}" gate --db ledger.db --commit "$newest" --branch feature/new-verifier) || gate=$?
if [ "$gate" -gt 1 ]; then
  exit "$gate"
fi

rm -rf "$out"
mkdir -p "$out"
"${ledger[@]}" report --db "$work/ledger.db" --out "$out/report"
echo "gate exit code: $gate$([ "$gate" -eq 1 ] && echo ' (a regression: cispo fell on feature/new-verifier, as the example intends)')"
exit "$gate"
