"""Writes elementwise.json: PyTorch's values and vector-Jacobian products for slope's element-wise
ops and activations (issue 16), in float64, on random, rank-0, empty, broadcast and edge inputs
(kinks, ties, NaN, infinities). Run with Debian's python3-torch (1.13):

    /usr/bin/python3 autograd/src/test/resources/torch/elementwise.py

The test ElementwiseTorchReferenceTest reads the JSON; it never runs this script (CI has no torch).
Numbers that JSON cannot hold are written as the strings "nan", "inf" and "-inf".
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(16)
NAN, INF = float("nan"), float("inf")

UNARY_EDGES = [0.0, 1e-10, -1e-10, 0.5, -0.5, 1.0, -1.0, 1.5, 2.0, -2.0, 3.0, -3.0, 25.0, -25.0, NAN, INF, -INF]
UNIT_EDGES = [0.0, 1.0, 0.5, 0.05, 0.95, 0.3, -0.5, 2.0, NAN]

# name -> (torch function, number of tensor inputs, domain of random values, params for the Java side)
OPS = {
    "rsqrt": (torch.rsqrt, 1, "positive", {}),
    "reciprocal": (torch.reciprocal, 1, "real", {}),
    "expm1": (torch.expm1, 1, "real", {}),
    "log2": (torch.log2, 1, "positive", {}),
    "log10": (torch.log10, 1, "positive", {}),
    "tan": (torch.tan, 1, "real", {}),
    "atan": (torch.atan, 1, "real", {}),
    "asin": (torch.asin, 1, "unit", {}),
    "acos": (torch.acos, 1, "unit", {}),
    "sinh": (torch.sinh, 1, "real", {}),
    "cosh": (torch.cosh, 1, "real", {}),
    "logit": (torch.logit, 1, "prob", {}),
    "logit eps 0.2": (lambda x: torch.logit(x, 0.2), 1, "prob", {"eps": 0.2}),
    "relu": (torch.relu, 1, "real", {}),
    "silu": (F.silu, 1, "real", {}),
    "elu": (F.elu, 1, "real", {}),
    "elu alpha 0.5": (lambda x: F.elu(x, 0.5), 1, "real", {"alpha": 0.5}),
    "selu": (F.selu, 1, "real", {}),
    "mish": (F.mish, 1, "real", {}),
    "hardtanh": (F.hardtanh, 1, "real", {}),
    "hardtanh -0.5 2": (lambda x: F.hardtanh(x, -0.5, 2.0), 1, "real", {"min": -0.5, "max": 2.0}),
    "hardsigmoid": (F.hardsigmoid, 1, "real", {}),
    "hardswish": (F.hardswish, 1, "real", {}),
    "softsign": (F.softsign, 1, "real", {}),
    "tanhshrink": (F.tanhshrink, 1, "real", {}),
    "softplus beta 2 threshold 3": (lambda x: F.softplus(x, 2, 3), 1, "real", {"beta": 2.0, "threshold": 3.0}),
    "gelu tanh": (lambda x: F.gelu(x, approximate="tanh"), 1, "real", {}),
    "clamp -1 1": (lambda x: torch.clamp(x, -1.0, 1.0), 1, "real", {"min": -1.0, "max": 1.0}),
    "clampMin 0.5": (lambda x: torch.clamp_min(x, 0.5), 1, "real", {"min": 0.5}),
    "clampMax 0.5": (lambda x: torch.clamp_max(x, 0.5), 1, "real", {"max": 0.5}),
    "atan2": (torch.atan2, 2, "real", {}),
    "hypot": (torch.hypot, 2, "real", {}),
    "logaddexp": (torch.logaddexp, 2, "real", {}),
    "lerp weight 0.3": (lambda a, b: torch.lerp(a, b, 0.3), 2, "real", {"weight": 0.3}),
    "maximum": (torch.maximum, 2, "real", {}),
    "minimum": (torch.minimum, 2, "real", {}),
    "clampMin tensor": (torch.clamp_min, 2, "real", {}),
    "clampMax tensor": (torch.clamp_max, 2, "real", {}),
    "lerp tensor weight": (torch.lerp, 3, "real", {}),
    "clamp tensor": (torch.clamp, 3, "real", {}),
}

BINARY_EDGES = ([0.0, 1.0, NAN, 1.0, NAN, INF, -INF, INF, 2.0, -1.0, 0.0, -1.0, 3.0],
                [0.0, NAN, 1.0, 1.0, NAN, INF, -INF, 1.0, -1.0, 2.0, -0.5, 0.0, 3.0])
TERNARY_EDGES = ([0.0, 1.0, 2.0, 3.0, 5.0, NAN, 1.0, 0.0, 2.0, 1.0],
                 [1.0, 1.0, 3.0, 0.0, 4.0, 0.0, NAN, -1.0, 2.0, 0.5],
                 [2.0, 2.0, 2.0, 2.0, 4.0, 1.0, 2.0, NAN, 2.0, 0.5])


def draw(domain, shape):
    x = torch.randn(shape, dtype=torch.float64) * 2
    if domain == "positive":
        return x.abs() + 0.1
    if domain == "unit":
        return torch.tanh(x)
    if domain == "prob":
        return torch.sigmoid(x)
    return x


def enc(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def tensor_json(t):
    return {"shape": list(t.shape), "data": [enc(v) for v in t.detach().reshape(-1).tolist()]}


def sample(fn, inputs):
    inputs = [x.clone().requires_grad_(True) for x in inputs]
    y = fn(*inputs)
    cot = torch.randn(y.shape, dtype=torch.float64)
    grads = torch.autograd.grad(y, inputs, cot, allow_unused=True)
    grads = [torch.zeros_like(x) if g is None else g for x, g in zip(inputs, grads)]
    return {"inputs": [tensor_json(x) for x in inputs], "cotangent": tensor_json(cot),
            "output": tensor_json(y), "grads": [tensor_json(g) for g in grads]}


def samples(name, fn, arity, domain):
    out = []
    if arity == 1:
        shapes = [("random", [(2, 3)]), ("rank 0", [()]), ("empty", [(0, 3)])]
        edges = UNIT_EDGES if domain in ("unit", "prob") else UNARY_EDGES
        edge_inputs = [torch.tensor(edges, dtype=torch.float64)]
    elif arity == 2:
        shapes = [("random", [(2, 3), (2, 3)]), ("rank 0", [(), ()]), ("empty", [(0, 3), (3,)]),
                  ("broadcast row", [(2, 3), (3,)]), ("broadcast outer", [(2, 1), (1, 3)]), ("broadcast rank 0", [(), (2, 3)])]
        edge_inputs = [torch.tensor(e, dtype=torch.float64) for e in BINARY_EDGES]
    else:
        shapes = [("random", [(2, 3)] * 3), ("rank 0", [()] * 3), ("empty", [(0, 3)] * 3),
                  ("broadcast", [(2, 3), (3,), (2, 1)])]
        edge_inputs = [torch.tensor(e, dtype=torch.float64) for e in TERNARY_EDGES]
    for label, shape_list in shapes:
        inputs = [draw(domain, s) for s in shape_list]
        if name == "clamp tensor":  # bounds apart, min below max: each of the three gets some gradient
            inputs[1] = inputs[1] - 1.5
            inputs[2] = inputs[2].abs() + 0.5
        out.append(dict(sample(fn, inputs), label=label))
    out.append(dict(sample(fn, edge_inputs), label="edges"))
    return out


cases = []
for name, (fn, arity, domain, params) in OPS.items():
    for s in samples(name, fn, arity, domain):
        cases.append(dict(s, op=name, params=params))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "elementwise.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", len(cases), "cases to", path)
