#!/usr/bin/env bash
# The oneDNN float32 convolution check, standalone: LibTorch 2.10 through JavaCPP (the project's own
# org.bytedeco:pytorch and its natives, no project code) and Debian's python3-torch 1.13 on the same input
# files, for several input channel counts, with and without the kernel pins.
#   optimizers/torch/repro/run.sh [CASE...]      (default: 1 3 8 16 20 24 32 1x28x20 20x12x50)
# A case is IN_CHANNELS (a 6x6 input, 50 filters of 5x5) or IN_CHANNELSxSIZExOUT_CHANNELS: 1x28x20 and 20x12x50
# are LeNet's two convolutions on Fashion-MNIST.
# Needs the project built (./salr does it) or mvn for the class path, and /usr/bin/python3 with python3-torch.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# The class path: only the jars of LibTorch, JavaCPP and the OpenBLAS presets LibTorch links. ./salr (mvn package) puts them in harness/target/lib;
# without that build, Maven resolves them for the torch module and the modules it depends on (-am).
lib="$root/harness/target/lib"
if compgen -G "$lib/pytorch-*.jar" >/dev/null && compgen -G "$lib/javacpp-*.jar" >/dev/null; then
  cp="$(ls "$lib"/pytorch-*.jar "$lib"/javacpp-*.jar "$lib"/openblas-*.jar | paste -sd:)"
else
  (cd "$root" && mvn -B -q -o -pl optimizers/torch -am dependency:build-classpath -DincludeGroupIds=org.bytedeco \
      -Dmdep.outputFile="$work/cp.txt") >&2 \
    || { echo "cannot resolve LibTorch's class path: build the project first (./salr --help, or mvn -B package -DskipTests)" >&2; exit 2; }
  cp="$(cat "$work/cp.txt")"
fi
javac -cp "$cp" -d "$work/classes" "$here/Conv2dRepro.java" || exit 2
channels=("$@"); [ ${#channels[@]} -eq 0 ] && channels=(1 3 8 16 20 24 32 1x28x20 20x12x50)
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), cpu family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model[[:space:]]' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), avx512f: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no)"
status=0
for c in "${channels[@]}"; do
  "$python" "$here/gen_inputs.py" "$work/in$c" ${c//x/ } >/dev/null || exit 2
  for pin in none aten avx2; do
    case "$pin" in
      none) env=(env -u ATEN_CPU_CAPABILITY -u ONEDNN_MAX_CPU_ISA -u DNNL_MAX_CPU_ISA) ;;
      aten) env=(env -u ONEDNN_MAX_CPU_ISA -u DNNL_MAX_CPU_ISA ATEN_CPU_CAPABILITY=avx2) ;;
      avx2) env=(env ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2) ;;
    esac
    for det in false true; do
      echo "## case=$c pin=$pin deterministic=$det"
      "${env[@]}" java -Ddeterministic="$det" -cp "$work/classes:$cp" Conv2dRepro "$work/in$c" 2>&1 | grep -v '^Warning: Versions' \
        | sed 's/^/libtorch: /' ; [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    done
    "${env[@]}" "$python" "$here/conv_check.py" "$work/in$c" 2>&1 | sed 's/^/python:   /'; [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
done
echo "# $( [ $status -eq 0 ] && echo 'every case within 1e-3 of float64' || echo 'SOME CASE WRONG (lines marked WRONG)')"
exit $status
