#!/usr/bin/env bash
# Starts the JVM N times in one native-loading mode and counts the starts that crashed.
#   optimizers/torch/load-loop.sh N MODE [ENV=VALUE ...]
# MODE: torch | nd4j-then-torch | torch-then-nd4j | concurrent (see tools/LoadProbe.java).
# Needs the module's test classes and class path: mvn -pl optimizers/torch -am test-compile, then
#   mvn -pl optimizers/torch dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n="$1"; mode="$2"; shift 2
out="$here/target/load-loop/$mode"; mkdir -p "$out"
# a frozen copy of the classes and of the class path, so that builds during the loop cannot change it
snap="$(mktemp -d)"; trap 'rm -rf "$snap"' EXIT
cp -r "$here/target/test-classes" "$snap/test-classes"; cp -r "$here/target/classes" "$snap/classes"
mkdir "$snap/lib"; tr ':' '\n' < "$here/target/test-cp.txt" | while read -r j; do cp "$j" "$snap/lib/"; done
cp="$snap/test-classes:$snap/classes:$snap/lib/*"
ok=0; crashed=0
for i in $(seq 1 "$n"); do
  (cd "$out" && env "$@" java -Xmx2g -cp "$cp" io.salr.engine.torch.tools.LoadProbe "$mode" > "$out/$i.log" 2>&1)
  rc=$?
  if [ $rc -eq 0 ] && grep -q '^OK' "$out/$i.log"; then ok=$((ok+1)); else crashed=$((crashed+1)); echo "start $i: rc=$rc"; fi
done
echo "mode=$mode env=[$*] starts=$n ok=$ok crashed=$crashed"
