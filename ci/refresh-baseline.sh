#!/usr/bin/env bash
# Deliberately refresh the committed gate baseline: runs the `ci` preset into a fresh store with
# --workers 2, exports it to ci/baselines/ci.csv and writes ci/baselines/ci.provenance.json (the command,
# time, preset checksum, run ids and one run's provenance: git commit, JVM, OS, CPU, ND4J, data checksums).
# Run it on the kind of machine CI uses, from a clean work tree, and commit both files with the reason.
# The determinism record is refreshed separately: ./salr replay ci/pinned --record.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/salr-baseline.XXXXXX")
store="$work/store"
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
./salr sweep --preset ci --store "$store" --workers 2 --oversubscribe
./salr export "$store" --out ci/baselines/ci.csv
runs=$(ls "$store/runs")
first=$(echo "$runs" | head -1)
{
  echo '{'
  echo '  "preset" : "ci",'
  echo '  "command" : "./salr sweep --preset ci --store STORE --workers 2 && ./salr export STORE --out ci/baselines/ci.csv",'
  echo "  \"started_at\" : \"$started\","
  echo "  \"finished_at\" : \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"cores\" : $(nproc),"
  echo "  \"workers\" : 2,"
  echo "  \"preset_sha256\" : \"$(sha256sum ci/presets/ci.yaml | cut -d' ' -f1)\","
  echo "  \"runs\" : [ $(echo "$runs" | sed 's/.*/"&"/' | paste -sd, | sed 's/,/, /g') ],"
  echo "  \"run_provenance\" : $(sed '2,$s/^/  /' "$store/runs/$first/provenance.json")"
  echo '}'
} > ci/baselines/ci.provenance.json
echo "refresh-baseline: wrote ci/baselines/ci.csv and ci/baselines/ci.provenance.json from $store"
