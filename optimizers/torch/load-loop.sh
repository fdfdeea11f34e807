#!/usr/bin/env bash
# Starts the JVM N times in one native-loading mode and counts the starts that crashed.
#   optimizers/torch/load-loop.sh N MODE [ENV=VALUE ...]
# MODE: torch | nd4j-then-torch | torch-then-nd4j | concurrent (see tools/LoadProbe.java).
# PARALLEL=k (environment of this script) starts k JVMs at once per round (N rounds); FRESH_CACHE=1 gives
# each round a new, empty JavaCPP cache folder shared by its JVMs (cold start of k sweep workers).
# Needs the module's test classes and class path: mvn -pl optimizers/torch -am test-compile, then
#   mvn -pl optimizers/torch dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n="$1"; mode="$2"; shift 2
parallel="${PARALLEL:-1}"; fresh="${FRESH_CACHE:-0}"
tag="$mode-p$parallel-f$fresh"
out="$here/target/load-loop/$tag"; mkdir -p "$out"
# a frozen copy of the classes and of the class path, so that builds during the loop cannot change it
snap="$(mktemp -d)"; trap 'rm -rf "$snap"' EXIT
cp -r "$here/target/test-classes" "$snap/test-classes"; cp -r "$here/target/classes" "$snap/classes"
# the project's own modules from this work tree (the shared ~/.m2 may hold another tree's build of them)
root="$(cd "$here/../.." && pwd)"
cp -r "$root/optimizers/target/classes" "$snap/optimizers-classes"; cp -r "$root/datasets/target/classes" "$snap/datasets-classes"
mkdir "$snap/lib"; tr ':' '\n' < "$here/target/test-cp.txt" | grep -v '/io/salr/' | while read -r j || [ -n "$j" ]; do cp "$j" "$snap/lib/"; done
cp="$snap/test-classes:$snap/classes:$snap/optimizers-classes:$snap/datasets-classes:$snap/lib/*"
ok=0; crashed=0
for i in $(seq 1 "$n"); do
  cache_flag=()
  if [ "$fresh" = 1 ]; then cache_flag=("-Dorg.bytedeco.javacpp.cachedir=$snap/cache-$i"); fi
  pids=()
  for k in $(seq 1 "$parallel"); do
    (cd "$out" && env "$@" java -Xmx2g "${cache_flag[@]}" -cp "$cp" io.salr.optimizers.torch.tools.LoadProbe "$mode" > "$out/$i-$k.log" 2>&1) &
    pids+=($!)
  done
  for k in $(seq 1 "$parallel"); do
    wait "${pids[$((k-1))]}"; rc=$?
    if [ $rc -eq 0 ] && grep -q '^OK' "$out/$i-$k.log"; then ok=$((ok+1)); else crashed=$((crashed+1)); echo "start $i-$k: rc=$rc"; fi
  done
  [ "$fresh" = 1 ] && rm -rf "$snap/cache-$i"
done
echo "mode=$mode parallel=$parallel fresh_cache=$fresh env=[$*] starts=$((n*parallel)) ok=$ok crashed=$crashed"
