"""Writes the reproducer's input (x [4,C,S,S], w [K,C,5,5], b [K]) as little-endian float32 files, and the shape.

Both the Java reproducer and conv_check.py read these files, so the two LibTorch builds see the same values.
Usage: python3 gen_inputs.py OUT_DIR [IN_CHANNELS [SIZE [OUT_CHANNELS]]]   (defaults 20, 6, 50)
LeNet's two convolutions on Fashion-MNIST are C=1, S=28, K=20 and C=20, S=12, K=50.
"""
import os
import sys

import torch

out = sys.argv[1]
cin = int(sys.argv[2]) if len(sys.argv) > 2 else 20
size = int(sys.argv[3]) if len(sys.argv) > 3 else 6
cout = int(sys.argv[4]) if len(sys.argv) > 4 else 50
os.makedirs(out, exist_ok=True)
g = torch.Generator().manual_seed(20261207)
tensors = {
    "x": torch.randn(4, cin, size, size, generator=g),
    "w": torch.randn(cout, cin, 5, 5, generator=g) * 0.2,
    "b": torch.randn(cout, generator=g),
}
with open(os.path.join(out, "shape.txt"), "w") as f:
    f.write(f"4 {cin} {size} {size} {cout}\n")
for name, t in tensors.items():
    with open(os.path.join(out, name + ".bin"), "wb") as f:
        f.write(t.contiguous().numpy().astype("<f4").tobytes())
print("wrote", ", ".join(f"{k}{list(v.shape)}" for k, v in tensors.items()), "to", out)
