#!/usr/bin/python3
"""Reference values for slope's losses and normalization layers, computed with PyTorch (Debian's python3-torch).

/usr/bin/python3 make_nn_reference.py > nn_reference.json
Inputs are fixed numbers written into the fixture; outputs and gradients are float64.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
logits = torch.tensor([[1.0, -0.5, 2.0, 0.3], [0.2, 0.1, -1.0, 1.5], [-0.7, 2.2, 0.4, 0.0]])
target = torch.tensor([2, 3, 1])
weight = torch.tensor([0.5, 1.0, 2.0, 1.5])
pred = torch.tensor([[0.5, -1.2], [2.5, 0.1], [-0.3, 0.9]])
goal = torch.tensor([[0.0, -1.0], [0.4, 0.3], [0.2, 2.0]])
probs = torch.tensor([[1.0, 0.0], [0.3, 1.0], [0.0, 0.5]])
out = {"logits": logits.tolist(), "target": target.tolist(), "weight": weight.tolist(), "pred": pred.tolist(),
       "goal": goal.tolist(), "probs": probs.tolist(), "losses": {}}


def record(name, fn, x):
    x = x.clone().requires_grad_()
    y = fn(x)
    y.backward()
    out["losses"][name] = {"value": y.item(), "grad": x.grad.tolist()}


record("cross_entropy", lambda x: F.cross_entropy(x, target), logits)
record("cross_entropy_weighted_smoothed", lambda x: F.cross_entropy(x, target, weight=weight, label_smoothing=0.1), logits)
record("cross_entropy_smoothed_sum", lambda x: F.cross_entropy(x, target, label_smoothing=0.2, reduction="sum"), logits)
record("nll_weighted", lambda x: F.nll_loss(F.log_softmax(x, 1), target, weight=weight), logits)
record("multi_margin_times_classes", lambda x: F.multi_margin_loss(x, target) * x.shape[1], logits)
record("mse", lambda x: F.mse_loss(x, goal), pred)
record("huber_delta_0_7", lambda x: F.huber_loss(x, goal, delta=0.7), pred)
record("bce_with_logits", lambda x: F.binary_cross_entropy_with_logits(x, probs), pred)

# BatchNorm1d: two training batches then eval on the second
x1 = torch.tensor([[1.0, 2.0, -1.0], [0.5, -0.3, 2.0], [2.0, 1.0, 0.0], [-1.0, 0.4, 1.2]])
x2 = torch.tensor([[0.1, 0.2, 0.3], [1.5, -2.0, 0.7], [0.9, 0.8, -0.6]])
bn = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.0, 0.5, 2.0]))
    bn.bias.copy_(torch.tensor([0.0, 0.1, -0.2]))
y1 = bn(x1)
y2 = bn(x2)
bn.eval()
y3 = bn(x2)
out["batchnorm1d"] = {"x1": x1.tolist(), "x2": x2.tolist(), "weight": [1.0, 0.5, 2.0], "bias": [0.0, 0.1, -0.2],
                      "y1": y1.tolist(), "y2": y2.tolist(), "running_mean": bn.running_mean.tolist(),
                      "running_var": bn.running_var.tolist(), "eval_y": y3.tolist()}

# BatchNorm2d on a [2, 2, 2, 3] input
img = torch.arange(24, dtype=torch.float64).reshape(2, 2, 2, 3).sin() * 3
bn2 = torch.nn.BatchNorm2d(2, momentum=0.3)
y = bn2(img)
out["batchnorm2d"] = {"x": img.reshape(-1).tolist(), "y": y.reshape(-1).tolist(), "running_mean": bn2.running_mean.tolist(),
                      "running_var": bn2.running_var.tolist()}

# LayerNorm over the last two dims
ln_x = torch.arange(12, dtype=torch.float64).reshape(2, 2, 3).cos() * 2
ln = torch.nn.LayerNorm([2, 3])
with torch.no_grad():
    ln.weight.copy_(torch.arange(6, dtype=torch.float64).reshape(2, 3) * 0.1 + 1)
    ln.bias.copy_(torch.arange(6, dtype=torch.float64).reshape(2, 3) * -0.05)
out["layernorm"] = {"x": ln_x.reshape(-1).tolist(), "weight": ln.weight.reshape(-1).tolist(), "bias": ln.bias.reshape(-1).tolist(),
                    "y": ln(ln_x).reshape(-1).tolist()}

json.dump(out, sys.stdout)
