"""Python PyTorch peer of the torch engine's StepBench: the same SGD step (momentum 0.9, lr 0.05, mean
softmax cross-entropy) of the MLP (784-256-10) and the LeNet of the zoo at batch 128 on 1x28x28 inputs,
float32 on the CPU, with THREADS intra-op threads (torch.set_num_threads) and one inter-op thread.

Prints name,value,unit lines with the median and the mean step time over the repeats, after warm-up.
Usage: python3 torch_peer.py THREADS WARMUP LENET_REPEATS MLP_REPEATS
"""
import sys
import time

import torch
import torch.nn as nn


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
    mean = sum(times) / len(times)
    times.sort()
    n = len(times)
    return (times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2), mean


def main():
    threads, warmup, lenet_repeats, mlp_repeats = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.rand(128, 1, 28, 28)
    y = torch.arange(128) % 10
    lenet_median, lenet_mean = median_step_ms(lenet(), x, y, warmup, lenet_repeats)
    mlp_median, mlp_mean = median_step_ms(mlp(), x, y, warmup, mlp_repeats)
    print("lenet_step_ms_pytorch,%.4f,ms" % lenet_median)
    print("mlp_step_ms_pytorch,%.4f,ms" % mlp_median)
    print("lenet_step_mean_ms_pytorch,%.4f,ms" % lenet_mean)
    print("mlp_step_mean_ms_pytorch,%.4f,ms" % mlp_mean)
    print("pytorch_threads,%d,threads" % torch.get_num_threads())
    print("pytorch_version %s mkldnn %s" % (torch.__version__, torch.backends.mkldnn.enabled), file=sys.stderr)


if __name__ == "__main__":
    main()
