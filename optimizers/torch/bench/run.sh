#!/usr/bin/env bash
# The torch engine's step times next to the Python PyTorch peer, in one run, for 1 and 2 threads:
# each (engine, threads) pair in its own process, the two alternating, ROUNDS times.
#   optimizers/torch/bench/run.sh [ROUNDS] [WARMUP] [LENET_REPEATS] [MLP_REPEATS]
# Needs: mvn -pl optimizers/torch -am test-compile, the test class path in optimizers/torch/target/test-cp.txt
# (mvn -pl optimizers/torch dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt)
# and Debian's python3-torch for the peer (/usr/bin/python3), which is the bench's own torch_bench.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"; warmup="${2:-5}"; lenet="${3:-30}"; mlp="${4:-200}"
snap="$(mktemp -d)"; trap 'rm -rf "$snap"' EXIT
cp -r "$here/target/test-classes" "$snap/test-classes"; cp -r "$here/target/classes" "$snap/classes"
# the project's own modules from this work tree (the shared ~/.m2 may hold another tree's build of them)
root="$(cd "$here/../.." && pwd)"
cp -r "$root/optimizers/target/classes" "$snap/optimizers-classes"; cp -r "$root/datasets/target/classes" "$snap/datasets-classes"
mkdir "$snap/lib"; tr ':' '\n' < "$here/target/test-cp.txt" | grep -v '/io/salr/' | while read -r j || [ -n "$j" ]; do cp "$j" "$snap/lib/"; done
cp="$snap/test-classes:$snap/classes:$snap/optimizers-classes:$snap/datasets-classes:$snap/lib/*"
python="${PYTHON:-/usr/bin/python3}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
for round in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    echo "## round $round threads $threads"
    OMP_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE java -Xmx2g -cp "$cp" io.salr.optimizers.torch.tools.StepBench "$warmup" "$lenet" "$mlp" 2>/dev/null \
      | sed "s/^/torch,$threads,/"
    OMP_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE "$python" "$root/harness/src/main/resources/io/salr/harness/bench/torch_bench.py" 128 "$warmup" "$lenet" "$mlp" "$threads" 2>/dev/null \
      | sed "s/^/python,$threads,/"
  done
done
