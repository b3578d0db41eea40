#!/usr/bin/env bash
# Rebuilds ledger.db.example: writes the synthetic run logs of tests/Ledger.ExampleLedger/Scenario.cs (known truth,
# 6 recipes x 3 seeds, 8 commits on main and 2 on feature/new-verifier) and runs the real `ledger check` on each
# build in order, as CI would. The runs and fits are reproducible; snapshot times are the time of the rebuild.
# Usage: bash build/make-example-ledger.sh [output path, default ./ledger.db.example]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$repo/ledger.db.example}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build "$repo/src/Ledger.Cli/Ledger.Cli.csproj" -c Release --nologo -v quiet >/dev/null
dotnet run --project "$repo/tests/Ledger.ExampleLedger/Ledger.ExampleLedger.csproj" -c Release -- "$work/logs"
ledger=(dotnet "$repo/src/Ledger.Cli/bin/Release/net10.0/ledger.dll")

while IFS=$'\t' read -r index commit branch; do
  status=0
  # Each build's logs sit in their own folder, so the ledger records paths such as cispo/seed1.csv; a build that
  # acknowledges a change holds its ledger.allow.json there, which check reads by default (a missing one holds nothing).
  (cd "$work/logs/$index" && "${ledger[@]}" check . --db "$work/ledger.db" --commit "$commit" --branch "$branch" \
      >/dev/null) || status=$?
  case "$status" in
    0) echo "build $index ($branch@${commit:0:7}): gate passed" ;;
    1) echo "build $index ($branch@${commit:0:7}): gate found a regression (expected in the scenario)" ;;
    *) echo "build $index failed with exit $status" >&2; exit "$status" ;;
  esac
done < "$work/logs/plan.tsv"

cp "$work/ledger.db" "$out"
echo "wrote $out"
