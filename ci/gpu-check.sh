#!/usr/bin/env bash
# gpu-check.sh: the bench on an NVIDIA GPU, for both engines where the GPU allows.
#
#   ci/gpu-check.sh [OUT_DIR] [EXTRA BENCH OPTIONS...]      (default OUT_DIR: out/gpu-check)
#
# 1. nvidia-smi: the GPUs, into OUT_DIR/gpu.csv.
# 2. The torch engine: ./salr with SALR_BACKEND=torch-gpu checks the GPU (compute capability 7.5 to 12.x,
#    Hopper and Blackwell included) and the CUDA 13 libraries Maven cannot bring (cuBLAS, cuSPARSE,
#    cuSOLVER, cuFile, NCCL, cuDNN 9: a CUDA 13 toolkit and cuDNN 9 must be installed), builds with
#    mvn -P torch-gpu (LibTorch's CUDA 13.1 natives, about 460 MB, and the CUDA redistributable, about
#    380 MB, into ~/.m2 on the first build), and runs `salr bench --device cuda`: the torch engine's rows
#    on the GPU, DL4J's on the CPU. Into OUT_DIR/torch-gpu/.
# 3. DL4J on the GPU, only where ND4J 1.0.0-M2.1's CUDA 11.6 kernels run (compute capability 3.7 to 8.6):
#    SALR_BACKEND=cuda builds with mvn -P cuda (about 2 GB of CUDA 11.6 into ~/.m2) and runs the bench,
#    the torch engine's rows then on the CPU. Into OUT_DIR/dl4j-cuda/. On a newer GPU (Ada, Hopper,
#    Blackwell) this step is skipped and OUT_DIR/dl4j-cuda/SKIPPED.txt says why.
# The sweep-throughput and kernel-pin runs are about CPU workers and are left out; the memory run is
# shortened. OUT_DIR/summary.txt says what ran, what was skipped and why.
#
# Exit codes: 0 the torch bench ran (and DL4J's, or its skip is recorded); 1 a bench failed; 2 no usable
# GPU, missing CUDA libraries or a failed build for the torch engine (the message says which).
# Environment: SALR_NVIDIA_SMI (the nvidia-smi to ask; tests), and everything ./salr reads.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/gpu-check}"
[ $# -gt 0 ] && shift
mkdir -p "$out"
out="$(cd "$out" && pwd)"
nvsmi="${SALR_NVIDIA_SMI:-nvidia-smi}"
summary="$out/summary.txt"
: > "$summary"
note() { echo "gpu-check: $*" | tee -a "$summary" >&2; }

if ! command -v "$nvsmi" >/dev/null 2>&1; then
  note "nvidia-smi not found: this machine has no NVIDIA driver or GPU; nothing ran"
  exit 2
fi
if ! "$nvsmi" --query-gpu=name,compute_cap,driver_version,memory.total --format=csv > "$out/gpu.csv" 2>&1 \
    || [ "$(wc -l < "$out/gpu.csv")" -lt 2 ]; then
  note "nvidia-smi lists no GPU ($(head -n 1 "$out/gpu.csv")); nothing ran"
  exit 2
fi
cat "$out/gpu.csv"
note "GPU: $(sed -n 2p "$out/gpu.csv")"

bench_opts=(--long-run 2000 --sweep-steps 0 "$@")

# 2. the torch engine on the GPU (./salr checks the GPU and the libraries, builds with -P torch-gpu, runs)
mkdir -p "$out/torch-gpu"
if ! SALR_BACKEND=torch-gpu "$root/salr" check-gpu 2> "$out/torch-gpu/check.txt"; then
  cat "$out/torch-gpu/check.txt" >&2
  note "torch engine: not run, the GPU or its libraries are not usable: $(tr '\n' ' ' < "$out/torch-gpu/check.txt")"
  exit 2
fi
set +e
SALR_BACKEND=torch-gpu "$root/salr" bench --device cuda --out "$out/torch-gpu" "${bench_opts[@]}" 2>&1 \
  | tee "$out/torch-gpu/bench.txt"
torch_rc=${PIPESTATUS[0]}
set -e
if [ "$torch_rc" = 0 ]; then
  note "torch engine on cuda: bench done, $out/torch-gpu/bench.csv"
elif [ "$torch_rc" = 2 ] && [ ! -f "$out/torch-gpu/bench.csv" ]; then
  note "torch engine on cuda: refused or not built (exit 2, see $out/torch-gpu/bench.txt)"
else
  note "torch engine on cuda: bench FAILED (exit $torch_rc, see $out/torch-gpu/bench.txt)"
fi

# 3. DL4J on the GPU, where ND4J's CUDA kernels exist for it
mkdir -p "$out/dl4j-cuda"
rm -f "$out/dl4j-cuda/SKIPPED.txt"
dl4j_rc=0
if SALR_BACKEND=cuda "$root/salr" check-gpu 2> "$out/dl4j-cuda/check.txt"; then
  set +e
  SALR_BACKEND=cuda "$root/salr" bench --out "$out/dl4j-cuda" "${bench_opts[@]}" 2>&1 | tee "$out/dl4j-cuda/bench.txt"
  dl4j_rc=${PIPESTATUS[0]}
  set -e
  if [ "$dl4j_rc" = 0 ]; then
    note "DL4J on cuda: bench done, $out/dl4j-cuda/bench.csv"
  else
    note "DL4J on cuda: bench FAILED (exit $dl4j_rc, see $out/dl4j-cuda/bench.txt)"
  fi
else
  { echo "DL4J's CUDA bench skipped: ND4J 1.0.0-M2.1's CUDA 11.6 kernels cover compute capability 3.7 to 8.6 only."
    cat "$out/dl4j-cuda/check.txt"; } > "$out/dl4j-cuda/SKIPPED.txt"
  note "DL4J on cuda: skipped, $(head -n 1 "$out/dl4j-cuda/SKIPPED.txt") ($(sed -n 2p "$out/gpu.csv"))"
fi

if [ "$torch_rc" = 2 ] && [ ! -f "$out/torch-gpu/bench.csv" ]; then
  exit 2
fi
[ "$torch_rc" = 0 ] && [ "$dl4j_rc" = 0 ] && exit 0
exit 1
