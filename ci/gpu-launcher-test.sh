#!/usr/bin/env bash
# gpu-launcher-test.sh: the GPU paths of ./salr and ci/gpu-check.sh, checked on a machine without a GPU.
#
#   ci/gpu-launcher-test.sh          (about 20 s; needs bash, java/javac/jar of a JDK 17, awk)
#
# A stand-in nvidia-smi reports the GPU a case needs (FAKE_GPU="NAME, CAPABILITY"), a stand-in ldconfig
# lists no library, and the CUDA libraries "installed" are empty files in a temporary folder
# (SALR_CUDA_LIB_DIRS). The launcher and gpu-check.sh run from a copy of the project's scripts in a
# temporary root, so no build of this work tree is touched; there a stand-in mvn records its options and
# "builds" a tiny salr.jar whose bench writes bench.csv and prints its arguments and SALR_BACKEND.
# Prints one line per check and exits 1 when any fails.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok   $*"; }
bad() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }

# --- stand-ins
mkdir -p "$tmp/bin" "$tmp/libs" "$tmp/root/ci"
cat > "$tmp/bin/nvidia-smi" <<'EOF'
#!/usr/bin/env bash
# FAKE_GPU="NAME, CAP" (empty: no GPU listed)
[ -n "${FAKE_GPU:-}" ] || exit 0
case "$*" in
  *noheader*) echo "$FAKE_GPU" ;;
  *) echo "name, compute_cap, driver_version [MiB], memory.total [MiB]"; echo "$FAKE_GPU, 580.65.06, 143771 MiB" ;;
esac
EOF
cat > "$tmp/bin/ldconfig" <<'EOF'
#!/usr/bin/env bash
echo "0 libs found in cache \`/etc/ld.so.cache'"
EOF
cat > "$tmp/bin/mvn" <<'EOF'
#!/usr/bin/env bash
# records its options; "builds" the stand-in jar into harness/target, and with -P torch-gpu puts a stand-in
# of the CUDA redistributable's jar (cudart, cuFFT, cuRAND, CUPTI) into harness/target/lib unless FAKE_NO_REDIST
echo "$*" >> "$MVN_LOG"
mkdir -p harness/target/lib
cp "$FAKE_JAR" harness/target/salr.jar
if [[ "$*" == *"-P torch-gpu"* ]] && [ -z "${FAKE_NO_REDIST:-}" ]; then
  cp "$FAKE_REDIST" harness/target/lib/cuda-redist-13.1-9.19-1.5.13-linux-x86_64.jar
fi
EOF
chmod +x "$tmp/bin/"*
cp "$here/salr" "$tmp/root/salr"
cp "$here/ci/gpu-check.sh" "$tmp/root/ci/gpu-check.sh"

# the stand-in jar: `bench --out DIR ...` writes DIR/bench.csv and prints what it was given
mkdir -p "$tmp/jar/src"
cat > "$tmp/jar/src/FakeSalr.java" <<'EOF'
import java.nio.file.*;
public class FakeSalr {
    public static void main(String[] a) throws Exception {
        String out = null;
        for (int i = 0; i < a.length - 1; i++) if (a[i].equals("--out")) out = a[i + 1];
        System.out.println("fake bench: SALR_BACKEND=" + System.getenv("SALR_BACKEND") + " args=" + String.join(" ", a));
        if (System.getenv("FAKE_BENCH_FAIL") != null && System.getenv("SALR_BACKEND").equals(System.getenv("FAKE_BENCH_FAIL"))) System.exit(1);
        if (out != null) { Files.createDirectories(Path.of(out)); Files.writeString(Path.of(out, "bench.csv"), "name,value,unit\nlenet_step_ms_torch,1,ms\n"); }
    }
}
EOF
(cd "$tmp/jar" && javac -d classes src/FakeSalr.java && printf 'Main-Class: FakeSalr\n' > m.txt && jar cfm fake.jar m.txt -C classes .) \
  || { echo "FAIL cannot build the stand-in jar"; exit 1; }
mkdir -p "$tmp/redist/org/bytedeco/cuda/linux-x86_64"
for l in libcudart.so.13 libcufft.so.12 libcurand.so.10 libcupti.so.13; do : > "$tmp/redist/org/bytedeco/cuda/linux-x86_64/$l"; done
(cd "$tmp/redist" && jar cf "$tmp/redist.jar" org) || { echo "FAIL cannot build the stand-in redistributable"; exit 1; }
export FAKE_JAR="$tmp/jar/fake.jar" FAKE_REDIST="$tmp/redist.jar" MVN_LOG="$tmp/mvn.log"
export SALR_NVIDIA_SMI="$tmp/bin/nvidia-smi" SALR_LDCONFIG="$tmp/bin/ldconfig" SALR_CUDA_LIB_DIRS="$tmp/libs"
export PATH="$tmp/bin:$PATH"
all_libs=(libcublas.so.13 libcublasLt.so.13 libcusparse.so.12 libcusolver.so.12 libcufile.so.0 libnccl.so.2 libcudnn.so.9
  libcudnn_graph.so.9 libcudnn_ops.so.9 libcudnn_cnn.so.9 libcudnn_adv.so.9 libcudart.so.13 libcufft.so.12 libcurand.so.10
  libcupti.so.13)
install_libs() { rm -f "$tmp/libs/"*; for l in "$@"; do : > "$tmp/libs/$l"; done; }

# run BACKEND GPU ARGS...: the copied launcher; sets rc and err
run() {
  local backend="$1" gpu="$2"; shift 2
  err=$(cd "$tmp" && SALR_BACKEND="$backend" FAKE_GPU="$gpu" "$tmp/root/salr" "$@" 2>&1 >/dev/null); rc=$?
}
expect() { # expect RC FRAGMENT... (on $rc and $err)
  local want="$1" name="$2"; shift 2
  if [ "$rc" != "$want" ]; then bad "$name: exit $rc, expected $want: $err"; return; fi
  local f
  for f in "$@"; do
    if [[ "$err" != *"$f"* ]]; then bad "$name: '$f' not in: $err"; return; fi
  done
  ok "$name"
}

# --- the launcher's checks
install_libs "${all_libs[@]}"
run torch-gpu "NVIDIA H200, 9.0" check-gpu
expect 0 "Hopper (9.0) is accepted for SALR_BACKEND=torch-gpu" "GPU 'NVIDIA H200' (compute capability 9.0) can run the torch engine's GPU build" "libraries of the torch engine's GPU build are there"
run torch-gpu "NVIDIA B200, 10.0" check-gpu
expect 0 "Blackwell (10.0) is accepted for torch-gpu" "compute capability 10.0"
run torch-gpu "NVIDIA GeForce RTX 5090, 12.0" check-gpu
expect 0 "Blackwell consumer (12.0) is accepted for torch-gpu" "compute capability 12.0"
run torch-gpu "Tesla V100-SXM2-16GB, 7.0" check-gpu
expect 2 "Volta (7.0) is refused for torch-gpu, pointing to DL4J's CUDA build" "compute capability 7.0" "SALR_BACKEND=cuda"
run cuda "NVIDIA H200, 9.0" check-gpu
expect 2 "Hopper is refused for DL4J (SALR_BACKEND=cuda) with the pointer to the torch engine" "compute capability 9.0" \
  "3.7 to 8.6" "SALR_BACKEND=torch-gpu" "--engine torch --device cuda"
run cuda "NVIDIA H200, 9.0" train --method sgd --model mlp
expect 2 "the same refusal before any build for a command" "SALR_BACKEND=torch-gpu"
run cuda "NVIDIA A100-SXM4-40GB, 8.0" check-gpu
expect 0 "Ampere (8.0) is accepted for DL4J's CUDA build" "can run DL4J's CUDA build"
run cuda "NVIDIA A10, 8.6" check-gpu
expect 0 "8.6 is accepted for DL4J's CUDA build" "compute capability 8.6"
run cuda "NVIDIA L4, 8.9" check-gpu
expect 2 "Ada (8.9) is refused for DL4J" "compute capability 8.9" "SALR_BACKEND=torch-gpu"
SALR_NVIDIA_SMI="$tmp/none/nvidia-smi" run torch-gpu "" check-gpu
expect 2 "no nvidia-smi: a clear message" "SALR_BACKEND=torch-gpu but nvidia-smi is not found: no NVIDIA driver or GPU here"
SALR_NVIDIA_SMI="$tmp/none/nvidia-smi" run cuda "" check-gpu
expect 2 "no nvidia-smi for DL4J's CUDA build: a clear message" "SALR_BACKEND=cuda but nvidia-smi is not found"
run torch-gpu "" check-gpu
expect 2 "nvidia-smi without a GPU: a clear message" "nvidia-smi lists no GPU"
run torch-gpu "NVIDIA H200, unknown" check-gpu
expect 2 "an unreadable capability is refused" "compute capability unknown"
run tpu "" check-gpu
expect 2 "an unknown SALR_BACKEND is refused" "SALR_BACKEND must be cpu, cuda or torch-gpu, got 'tpu'"
run cpu "" check-gpu
expect 0 "SALR_BACKEND=cpu has nothing to check" "no GPU to check"

# missing libraries are named, each with what provides it; the present ones are not
install_libs libcublas.so.13 libcublasLt.so.13 libcusparse.so.12 libcusolver.so.12 libcufile.so.0 libnccl.so.2
run torch-gpu "NVIDIA H200, 9.0" check-gpu
expect 2 "missing cuDNN is named with its package" "libcudnn.so.9: cuDNN 9 for CUDA 13 (cudnn9-cuda-13)" "libcudnn_cnn.so.9" \
  "cuda-toolkit-13-1 cudnn9-cuda-13 libnccl2"
if [[ "$err" == *"libcublas.so.13"* ]]; then bad "an installed library was reported missing: $err"; else ok "installed libraries are not reported"; fi
if [[ "$err" == *"libcudart.so.13"* ]]; then bad "before a build, the libraries Maven brings are not asked for: $err"; else ok "before a build, Maven's CUDA libraries are not asked for"; fi
# ldconfig's cache counts: a stand-in listing every library
install_libs
cat > "$tmp/bin/ldconfig" <<EOF
#!/usr/bin/env bash
echo "99 libs found in cache"
for l in ${all_libs[*]}; do printf '\t%s (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/%s\n' "\$l" "\$l"; done
EOF
run torch-gpu "NVIDIA H200, 9.0" check-gpu
expect 0 "libraries found through ldconfig's cache" "libraries of the torch engine's GPU build are there"
printf '#!/usr/bin/env bash\necho "0 libs found"\n' > "$tmp/bin/ldconfig"

# the build: SALR_BACKEND=torch-gpu builds with -P torch-gpu, then checks the libraries the build brings
install_libs libcublas.so.13 libcublasLt.so.13 libcusparse.so.12 libcusolver.so.12 libcufile.so.0 libnccl.so.2 libcudnn.so.9 \
  libcudnn_graph.so.9 libcudnn_ops.so.9 libcudnn_cnn.so.9 libcudnn_adv.so.9
: > "$MVN_LOG"
FAKE_NO_REDIST=1 run torch-gpu "NVIDIA H200, 9.0" bench --device cuda --out "$tmp/b1"
expect 2 "after the build, a library neither installed nor in the build's jars is named" "libcudart.so.13: the CUDA 13 runtime"
if grep -q -- "-P torch-gpu" "$MVN_LOG" && grep -q "package" "$MVN_LOG" && grep -q -- "-Djavacpp.platform=linux-x86_64" "$MVN_LOG"; then
  ok "SALR_BACKEND=torch-gpu builds with mvn -P torch-gpu ($(head -n 1 "$MVN_LOG"))"
else
  bad "the torch-gpu build's options: $(cat "$MVN_LOG")"
fi
# the CUDA runtime libraries inside a jar of the build count as present
cp "$FAKE_REDIST" "$tmp/root/harness/target/lib/cuda-redist-13.1-9.19-1.5.13-linux-x86_64.jar"
run torch-gpu "NVIDIA H200, 9.0" bench --device cuda --out "$tmp/b2"
expect 0 "with the redistributable's libraries in the build's jars the bench runs" "libraries of the torch engine's GPU build are there"
[ -f "$tmp/b2/bench.csv" ] && ok "the stand-in bench wrote its file" || bad "no $tmp/b2/bench.csv"
[ "$(cat "$tmp/root/harness/target/salr.backend")" = torch-gpu ] && ok "the build is stamped torch-gpu" || bad "stamp: $(cat "$tmp/root/harness/target/salr.backend")"

# --- ci/gpu-check.sh
# Hopper: the torch engine's bench on cuda; DL4J's CUDA bench skipped with the reason
: > "$MVN_LOG"
gc_out=$(cd "$tmp" && FAKE_GPU="NVIDIA H200, 9.0" "$tmp/root/ci/gpu-check.sh" "$tmp/gc1" 2>&1); gc_rc=$?
if [ "$gc_rc" = 0 ]; then ok "gpu-check on Hopper: exit 0"; else bad "gpu-check on Hopper: exit $gc_rc: $gc_out"; fi
[ -f "$tmp/gc1/gpu.csv" ] && grep -q "NVIDIA H200, 9.0" "$tmp/gc1/gpu.csv" && ok "gpu-check wrote gpu.csv" || bad "gpu.csv: $(cat "$tmp/gc1/gpu.csv" 2>&1)"
if grep -q "SALR_BACKEND=torch-gpu args=bench --device cuda --out $tmp/gc1/torch-gpu --long-run 2000 --sweep-steps 0" "$tmp/gc1/torch-gpu/bench.txt" 2>/dev/null \
    && [ -f "$tmp/gc1/torch-gpu/bench.csv" ]; then
  ok "gpu-check ran the torch bench with --device cuda under SALR_BACKEND=torch-gpu"
else
  bad "torch bench: $(cat "$tmp/gc1/torch-gpu/bench.txt" 2>&1) / $gc_out"
fi
if [ -f "$tmp/gc1/dl4j-cuda/SKIPPED.txt" ] && grep -q "3.7 to 8.6" "$tmp/gc1/dl4j-cuda/SKIPPED.txt" \
    && grep -q "compute capability 9.0" "$tmp/gc1/dl4j-cuda/SKIPPED.txt" && [ ! -f "$tmp/gc1/dl4j-cuda/bench.csv" ]; then
  ok "gpu-check skipped DL4J's CUDA bench on Hopper and recorded why"
else
  bad "DL4J skip on Hopper: $(cat "$tmp/gc1/dl4j-cuda/SKIPPED.txt" 2>&1)"
fi
grep -q "DL4J on cuda: skipped" "$tmp/gc1/summary.txt" && grep -q "torch engine on cuda: bench done" "$tmp/gc1/summary.txt" \
  && ok "gpu-check's summary says what ran and what was skipped" || bad "summary: $(cat "$tmp/gc1/summary.txt")"
if grep -q -- "-P cuda" "$MVN_LOG"; then bad "DL4J's CUDA build was made on Hopper: $(cat "$MVN_LOG")"; else ok "no DL4J CUDA build on Hopper"; fi

# Ampere (8.0): both benches, DL4J's under SALR_BACKEND=cuda built with -P cuda
: > "$MVN_LOG"
gc_out=$(cd "$tmp" && FAKE_GPU="NVIDIA A100-SXM4-80GB, 8.0" "$tmp/root/ci/gpu-check.sh" "$tmp/gc2" 2>&1); gc_rc=$?
[ "$gc_rc" = 0 ] && ok "gpu-check on Ampere: exit 0" || bad "gpu-check on Ampere: exit $gc_rc: $gc_out"
if grep -q "SALR_BACKEND=cuda args=bench --out $tmp/gc2/dl4j-cuda --long-run 2000" "$tmp/gc2/dl4j-cuda/bench.txt" 2>/dev/null \
    && [ -f "$tmp/gc2/dl4j-cuda/bench.csv" ] && [ ! -f "$tmp/gc2/dl4j-cuda/SKIPPED.txt" ] && grep -q -- "-P cuda" "$MVN_LOG"; then
  ok "gpu-check ran DL4J's CUDA bench on Ampere (built with -P cuda)"
else
  bad "DL4J bench on Ampere: $(cat "$tmp/gc2/dl4j-cuda/bench.txt" 2>&1) mvn: $(cat "$MVN_LOG")"
fi
[ -f "$tmp/gc2/torch-gpu/bench.csv" ] && ok "gpu-check ran the torch bench on Ampere" || bad "no torch bench on Ampere"

# extra bench options are passed on; a failing bench gives exit 1 and says so
gc_out=$(cd "$tmp" && FAKE_GPU="NVIDIA H200, 9.0" FAKE_BENCH_FAIL=torch-gpu "$tmp/root/ci/gpu-check.sh" "$tmp/gc3" --quick 2>&1); gc_rc=$?
[ "$gc_rc" = 1 ] && grep -q "torch engine on cuda: bench FAILED (exit 1" "$tmp/gc3/summary.txt" \
  && grep -q -- "--sweep-steps 0 --quick" "$tmp/gc3/torch-gpu/bench.txt" \
  && ok "a failed bench is exit 1 and in the summary; extra options reach the bench" || bad "failing bench: exit $gc_rc: $gc_out"

# no GPU, no driver, missing libraries: exit 2 and why, nothing built
: > "$MVN_LOG"
gc_out=$(cd "$tmp" && SALR_NVIDIA_SMI="$tmp/none" "$tmp/root/ci/gpu-check.sh" "$tmp/gc4" 2>&1); gc_rc=$?
[ "$gc_rc" = 2 ] && [[ "$gc_out" == *"nvidia-smi not found"* ]] && ok "gpu-check without nvidia-smi: exit 2 and why" || bad "no nvidia-smi: exit $gc_rc: $gc_out"
gc_out=$(cd "$tmp" && FAKE_GPU="" "$tmp/root/ci/gpu-check.sh" "$tmp/gc5" 2>&1); gc_rc=$?
[ "$gc_rc" = 2 ] && [[ "$gc_out" == *"lists no GPU"* ]] && ok "gpu-check without a GPU: exit 2 and why" || bad "no GPU: exit $gc_rc: $gc_out"
install_libs libcublas.so.13
gc_out=$(cd "$tmp" && FAKE_GPU="NVIDIA H200, 9.0" "$tmp/root/ci/gpu-check.sh" "$tmp/gc6" 2>&1); gc_rc=$?
[ "$gc_rc" = 2 ] && grep -q "libcudnn.so.9" "$tmp/gc6/summary.txt" && [ ! -s "$MVN_LOG" ] \
  && ok "gpu-check with libraries missing: exit 2, the summary names them, nothing built" || bad "missing libraries: exit $gc_rc: $gc_out; mvn: $(cat "$MVN_LOG")"

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" = 0 ]
