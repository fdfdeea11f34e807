"""The reproducer's convolution in Python PyTorch (Debian's python3-torch), on the files gen_inputs.py wrote.

Usage: python3 conv_check.py DIR. Prints the largest |float32 - float64| with oneDNN (mkldnn) on and off;
exits 1 if either is off by more than 1e-3 of the output's largest magnitude.
"""
import os
import sys

import numpy as np
import torch

d = sys.argv[1]


def load(name):
    return torch.from_numpy(np.fromfile(os.path.join(d, name + ".bin"), dtype="<f4"))


b = load("b")
cout = b.numel()
w = load("w")
cin = w.numel() // (cout * 25)
w = w.view(cout, cin, 5, 5)
x = load("x")
shape_file = os.path.join(d, "shape.txt")  # batch, channels, height, width, out channels (gen_inputs.py)
size = int(open(shape_file).read().split()[2]) if os.path.exists(shape_file) else 6
x = x.view(x.numel() // (cin * size * size), cin, size, size)
ref = torch.nn.functional.conv2d(x.double(), w.double(), b.double())
scale = ref.abs().max().item()
print(f"PyTorch {torch.__version__}, oneDNN available {torch.backends.mkldnn.is_available()}, "
      f"ONEDNN_MAX_CPU_ISA={os.environ.get('ONEDNN_MAX_CPU_ISA')}, threads={torch.get_num_threads()}")
print(f"x {list(x.shape)}, w {list(w.shape)}, largest |output| {scale:.3f}")
bad = False
for mkldnn in (False, True):
    torch.backends.mkldnn.enabled = mkldnn
    err = (torch.nn.functional.conv2d(x, w, b).double() - ref).abs().max().item()
    wrong = not err <= 1e-3 * scale
    bad |= wrong
    print(f"mkldnn={str(mkldnn):<5} contiguous weight      max |float32 - float64| = {err:.3g}"
          + ("   WRONG" if wrong else ""))
sys.exit(1 if bad else 0)
