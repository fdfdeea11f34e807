"""Writes the reproducer's input (x [4,20,6,6], w [50,20,5,5], b [50]) as little-endian float32 files.

Both the Java reproducer and conv_check.py read these files, so the two LibTorch builds see the same values.
Usage: python3 gen_inputs.py OUT_DIR [IN_CHANNELS]
"""
import os
import sys

import torch

out = sys.argv[1]
cin = int(sys.argv[2]) if len(sys.argv) > 2 else 20
os.makedirs(out, exist_ok=True)
g = torch.Generator().manual_seed(20261207)
tensors = {
    "x": torch.randn(4, cin, 6, 6, generator=g),
    "w": torch.randn(50, cin, 5, 5, generator=g) * 0.2,
    "b": torch.randn(50, generator=g),
}
for name, t in tensors.items():
    with open(os.path.join(out, name + ".bin"), "wb") as f:
        f.write(t.contiguous().numpy().astype("<f4").tobytes())
print("wrote", ", ".join(f"{k}{list(v.shape)}" for k, v in tensors.items()), "to", out)
