"""PyTorch peer of `salr bench`: one SGD training step of the LeNet-5-style CNN and of the MLP.

The networks and the step match the project's (salr-datasets ModelZoo, method `sgd` with its defaults):
LeNet = conv 5x5x20, ReLU, max-pool 2x2, conv 5x5x50, ReLU, max-pool 2x2, dense 500, ReLU, dense 10;
MLP = 784-256-10 with ReLU; softmax cross-entropy, mean over the batch; SGD with momentum 0.9, lr 0.05;
float32, batch 128, 28x28 grey inputs, on the CPU with THREADS intra-op threads (the Java torch engine's
count, so both sides use the same cores; PyTorch's default when THREADS is absent).

Prints `name,value,unit` lines (medians over the repeats, after warm-up); exits with status 3 and a
message on stderr when torch cannot be imported.
Usage: python3 torch_bench.py BATCH WARMUP LENET_REPEATS MLP_REPEATS [THREADS]
"""
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


def main():
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
