#!/usr/bin/env bash
# gpu-check.sh: build salr-harness against ND4J's CUDA 11.6 backend (mvn -P cuda) and run the bench on
# the GPU, writing its figures. Run it on a machine with an NVIDIA driver and a GPU of compute
# capability 3.7 to 8.6 (K80, P100, V100, T4, A100, A10, A40, RTX 20xx/30xx); Hopper (H100/H200) and
# newer are refused with a clear message, because ND4J 1.0.0-M2.1's CUDA natives hold no kernels or
# PTX for them. The first build downloads the CUDA redistributable (about 2 GB) into ~/.m2.
#
#   ci/gpu-check.sh [OUT_DIR]      (default: out/gpu-check)
#
# Writes OUT_DIR/gpu.csv (nvidia-smi), OUT_DIR/bench.csv, OUT_DIR/bench-provenance.json and
# OUT_DIR/bench.txt (the printed table). Exit codes: 0 done, 2 no usable GPU or the build failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/out/gpu-check}"
mkdir -p "$out"

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: nvidia-smi not found: this machine has no NVIDIA driver or GPU" >&2
  exit 2
fi
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv | tee "$out/gpu.csv"

# ./salr checks the compute capability, builds with -P cuda (SALR_BACKEND=cuda) and runs the bench.
# The sweep-throughput run is about CPU workers, so it is skipped here; the long run is shortened.
SALR_BACKEND=cuda "$root/salr" bench --out "$out" --long-run 2000 --sweep-steps 0 "${@:2}" | tee "$out/bench.txt"
echo "gpu-check: figures in $out/bench.csv"
