#!/usr/bin/env bash
# Copy what a study has finished from its results store into a folder that is committed with the project
# (results/STUDY/store), so the study's evidence can be rechecked and the study resumed in a later session or on
# another machine. Run it as often as parts finish; it only adds and refreshes finished runs.
#
#   ci/publish-study.sh STORE DEST
#
# DEST gets the store's sweep.yaml, study.yaml and tuning.csv, the sweep.yaml of its pre-training and tuning
# stages, the tuning stage's changes.log (how its grid grew: ./salr sweep --widen-tuning), and for every run with
# a result.json (in STORE/runs, STORE/pretrain/runs and STORE/tuning/runs) its spec.json, result.json,
# provenance.json, epochs.csv and attempts.log. A run of the final stage also keeps its iteration log,
# compressed (iterations.csv.gz: the mechanism check and Fig. 3 read it); a tuning run's log is left out (about
# 1.2 MB per 50-epoch run, and nothing reads it). The pre-training run keeps its weights.bin,
# which every later run of the study starts from. Checkpoints, claims and unfinished runs are never copied.
#
# To resume the study from DEST: copy it to a scratch store and run the same sweep there, e.g.
#   cp -r results/STUDY/store /tmp/STUDY && ./salr sweep --preset STUDY --store /tmp/STUDY --workers 2
# (finished runs are skipped: a run folder with a result.json is complete), then publish again.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: ci/publish-study.sh STORE DEST" >&2
  exit 2
fi
store=$1
dest=$2
if [[ ! -f "$store/sweep.yaml" && ! -f "$store/tuning/sweep.yaml" ]]; then
  echo "publish-study: STORE $store is not a results store (no sweep.yaml, no tuning/sweep.yaml)" >&2
  exit 2
fi
mkdir -p "$dest"

copy_if() { # copy_if FILE DIR: copies FILE into DIR when it exists, atomically (temporary name, then rename)
  if [[ -f "$1" ]]; then
    cp "$1" "$2/.$(basename "$1").part" && mv -f "$2/.$(basename "$1").part" "$2/$(basename "$1")"
  fi
}

for f in sweep.yaml study.yaml tuning.csv; do copy_if "$store/$f" "$dest"; done

runs=0
logs=0
for stage in "" pretrain tuning; do
  src="$store${stage:+/$stage}"
  out="$dest${stage:+/$stage}"
  [[ -d "$src/runs" ]] || continue
  mkdir -p "$out/runs"
  copy_if "$src/sweep.yaml" "$out"
  copy_if "$src/changes.log" "$out"
  for run in "$src"/runs/*/; do
    run=${run%/}
    [[ -f "$run/result.json" ]] || continue
    id=$(basename "$run")
    mkdir -p "$out/runs/$id"
    for f in spec.json result.json provenance.json epochs.csv attempts.log; do copy_if "$run/$f" "$out/runs/$id"; done
    [[ "$stage" == pretrain ]] && copy_if "$run/weights.bin" "$out/runs/$id"
    if [[ -z "$stage" && -f "$run/iterations.csv" ]]; then
      gzip -9 -n -c "$run/iterations.csv" > "$out/runs/$id/.iterations.csv.gz.part"
      mv -f "$out/runs/$id/.iterations.csv.gz.part" "$out/runs/$id/iterations.csv.gz"
      logs=$((logs + 1))
    fi
    runs=$((runs + 1))
  done
done
echo "publish-study: $runs finished runs ($logs iteration logs, compressed) in $dest: $(du -sh "$dest" | cut -f1)"
