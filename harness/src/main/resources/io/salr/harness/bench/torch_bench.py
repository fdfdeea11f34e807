"""PyTorch peer of `salr bench`: one SGD training step of the LeNet-5-style CNN and of the MLP.

The networks and the step match the project's (salr-datasets ModelZoo, method `sgd` with its defaults):
LeNet = conv 5x5x20, ReLU, max-pool 2x2, conv 5x5x50, ReLU, max-pool 2x2, dense 500, ReLU, dense 10;
MLP = 784-256-10 with ReLU; softmax cross-entropy, mean over the batch; SGD with momentum 0.9, lr 0.05;
float32, batch 128, 28x28 grey inputs, on the CPU with THREADS intra-op threads (the Java torch engine's
count, so both sides use the same cores; PyTorch's default when THREADS is absent).

First prints one JSON line that says which BLAS this torch runs on (the bench withholds every ratio against
the peer unless it is an optimized one): torch's version, `torch.__config__.show()` and `parallel_info()`,
the BLAS libraries mapped into this process (/proc/self/maps) with the files they resolve to, the verdict
`blas` (openblas, mkl, blis, atlas, reference or unknown) and a one-thread sgemm rate. Debian's python3-torch
is linked against the generic libblas.so.3, which the alternatives system points at OpenBLAS where
libopenblas0-pthread (or another OpenBLAS) is installed and at the reference BLAS (package libblas3,
/usr/lib/x86_64-linux-gnu/blas/libblas.so.3; about a tenth of OpenBLAS's speed) otherwise.
Then prints `name,value,unit` lines (medians over the repeats, after warm-up); exits with status 3 and a
message on stderr when torch cannot be imported.
Usage: python3 torch_bench.py BATCH WARMUP LENET_REPEATS MLP_REPEATS [THREADS]
       python3 torch_bench.py --describe      (the JSON line only)
"""
import json
import os
import re
import sys
import time

try:
    import torch
    import torch.nn as nn
except ImportError as e:  # the bench reports this and goes on without the peer
    print("torch is not importable by %s: %s" % (sys.executable, e), file=sys.stderr)
    sys.exit(3)


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def median_step_ms(model, x, y, warmup, repeats):
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    n = len(times)
    return times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2


# what a library's resolved path says about the BLAS it is, most specific first
BLAS_KINDS = [
    ("mkl", re.compile(r"mkl")),
    ("openblas", re.compile(r"openblas")),
    ("blis", re.compile(r"blis")),
    ("atlas", re.compile(r"atlas")),
    ("reference", re.compile(r"/blas/libblas\.so|/libblas\.so\.3\.\d|netlib")),
]


def mapped_blas():
    """The BLAS-like libraries mapped into this process (maps shows the files opened, links resolved)."""
    seen = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split()
                path = fields[-1] if len(fields) >= 6 else ""
                if path.startswith("/") and re.search(r"blas|mkl|blis|atlas", os.path.basename(path)):
                    seen.add(path)
    except OSError:
        pass
    return sorted(seen)


def kind_of(path):
    for kind, pattern in BLAS_KINDS:
        if pattern.search(path):
            return kind
    return "unknown"


def blas_kind(libraries, blas_info):
    """openblas, mkl, blis, atlas, reference or unknown.

    Debian's torch links the generic libblas.so.3 (BLAS_INFO=generic): what that soname was loaded from
    decides, even where an OpenBLAS is mapped too (OpenBLAS's liblapack.so.3 next to the reference
    libblas.so.3 is a real case, and its sgemm is then the reference one). Other builds name their BLAS in
    BLAS_INFO (mkl, open) or map it under its own name.
    """
    generic = [p for p in libraries if os.path.basename(p).startswith("libblas.so")]
    if generic:
        return kind_of(generic[0])
    if blas_info in ("mkl", "open", "openblas", "blis", "atlas"):
        return {"open": "openblas"}.get(blas_info, blas_info)
    kinds = {kind_of(p) for p in libraries} - {"unknown"}
    return kinds.pop() if len(kinds) == 1 else "unknown"


def alternative():
    """Where the system's libblas.so.3 link (Debian's alternatives) points, or '' where there is none."""
    for folder in sorted(os.listdir("/usr/lib")) if os.path.isdir("/usr/lib") else []:
        link = os.path.join("/usr/lib", folder, "libblas.so.3")
        if folder.endswith("-linux-gnu") and os.path.exists(link):
            return os.path.realpath(link)
    return ""


def sgemm_gflops_one_thread(n=512, repeats=5):
    """A float32 n^3 matrix product on one thread: the median rate (OpenBLAS ~20 GFLOP/s, reference ~1.6)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        g = torch.Generator().manual_seed(1)
        a = torch.rand(n, n, generator=g)
        b = torch.rand(n, n, generator=g)
        torch.mm(a, b)
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            torch.mm(a, b)
            times.append(time.perf_counter() - t0)
        times.sort()
        return 2.0 * n ** 3 / times[len(times) // 2] / 1e9
    finally:
        torch.set_num_threads(before)


def describe():
    libraries = mapped_blas()
    config = torch.__config__.show()
    found = re.search(r"BLAS_INFO=([^,\s]+)", config)
    info = found.group(1) if found else ""
    return {
        "torch_version": torch.__version__,
        "python": sys.executable,
        "blas": blas_kind(libraries, info),
        "blas_libraries": libraries,
        "blas_info": info,
        "libblas_so_3_alternative": alternative(),
        "sgemm_gflops_1thread": round(sgemm_gflops_one_thread(), 3),
        "config": config,
        "parallel_info": torch.__config__.parallel_info(),
    }


def main():
    if sys.argv[1:] == ["--describe"]:
        print(json.dumps({"peer": describe()}, sort_keys=True))
        return
    print(json.dumps({"peer": describe()}, sort_keys=True))
    sys.stdout.flush()
    batch, warmup, lenet_repeats, mlp_repeats = (int(a) for a in sys.argv[1:5])
    if len(sys.argv) > 5:
        torch.set_num_threads(int(sys.argv[5]))
    torch.manual_seed(0)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.arange(batch) % 10
    print("lenet_step_ms_pytorch,%.4f,ms" % median_step_ms(lenet(), x, y, warmup, lenet_repeats))
    print("mlp_step_ms_pytorch,%.4f,ms" % median_step_ms(mlp(), x, y, warmup, mlp_repeats))
    print("pytorch_threads,%d,threads" % torch.get_num_threads())
    print("pytorch_version %s" % torch.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
