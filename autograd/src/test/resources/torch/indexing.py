"""Writes indexing.json: PyTorch 1.13's values and vector-Jacobian products for slope's indexing and
view ops (issue 16), read by dev.slope.autograd.TorchIndexingFixtureTest. Run with the system python
that has torch (`/usr/bin/python3 indexing.py`); the test never runs it (CI has no torch).

Each case names the op and its arguments; "x" (and "values" for indexPut) are F64 inputs, "out" the
outputs (a list: split, chunk and unbind give several), "cot" a seeded cotangent per output, and
"grad_x" / "grad_values" the vjp. Subscript items are {"at": i}, {"slice": [start, end, step]}
(nulls as in Python), {"none": 1}, {"ellipsis": 1}, {"tensor": t} and {"mask": t}.
"""
import json
import math
import os

import torch

torch.manual_seed(16)
g = torch.Generator().manual_seed(16)


def enc(t):
    data = []
    for v in t.detach().reshape(-1).tolist():
        v = float(v)
        data.append(v if math.isfinite(v) else str(v).replace("nan", "NaN").replace("inf", "Infinity"))
    return {"shape": list(t.shape), "data": data}


def randn(*shape):
    return torch.randn(tuple(shape), generator=g, dtype=torch.float64)


def arange(*shape):
    return torch.arange(math.prod(shape), dtype=torch.float64).reshape(shape)


def ints(values, shape=None):
    t = torch.tensor(values, dtype=torch.long)
    return t.reshape(shape) if shape is not None else t


def subscript(items):
    out = []
    for it in items:
        if "at" in it:
            out.append(it["at"])
        elif "slice" in it:
            out.append(slice(*it["slice"]))
        elif "none" in it:
            out.append(None)
        elif "ellipsis" in it:
            out.append(Ellipsis)
        elif "tensor" in it:
            out.append(it["tensor"])
        else:
            out.append(it["mask"].bool())
    return tuple(out)


def enc_items(items):
    out = []
    for it in items:
        if "tensor" in it:
            out.append({"tensor": enc(it["tensor"])})
        elif "mask" in it:
            out.append({"mask": enc(it["mask"])})
        else:
            out.append(it)
    return out


CASES = []


def case(op, args, x, fn, values=None, json_args=None):
    x = x.clone().requires_grad_(True)
    v = values.clone().requires_grad_(True) if values is not None else None
    outs = fn(x, v) if v is not None else fn(x)
    if isinstance(outs, torch.Tensor):
        outs = [outs]
    outs = list(outs)
    cots = [randn(*o.shape) for o in outs]
    inputs = [x] + ([v] if v is not None else [])
    grads = torch.autograd.grad(outs, inputs, cots, allow_unused=True) if any(o.requires_grad for o in outs) else [None] * len(inputs)
    grads = [gr if gr is not None else torch.zeros_like(i) for gr, i in zip(grads, inputs)]
    c = {"op": op, "args": json_args if json_args is not None else args, "x": enc(x),
         "out": [enc(o) for o in outs], "cot": [enc(t) for t in cots], "grad_x": enc(grads[0])}
    if v is not None:
        c["values"] = enc(v)
        c["grad_values"] = enc(grads[1])
    CASES.append(c)


# select, narrow, slice (clamped)
case("select", {"dim": 1, "index": -1}, randn(2, 3, 4), lambda x: x.select(1, -1))
case("select", {"dim": -1, "index": 0}, randn(0, 3), lambda x: x.select(-1, 0))
case("narrow", {"dim": 0, "start": -3, "length": 2}, randn(4, 2), lambda x: x.narrow(0, -3, 2))
case("slice", {"dim": 1, "start": -99, "end": 99, "step": 2}, randn(2, 5), lambda x: x[:, -99:99:2])
case("slice", {"dim": 0, "start": 3, "end": 1, "step": 1}, randn(4), lambda x: x[3:1])

# subscripts
def index_case(items, x):
    case("index", {"items": enc_items(items)}, x, lambda t: t[subscript(items)])

index_case([{"slice": [1, None, 2]}, {"at": -1}], randn(4, 3, 2))
index_case([{"none": 1}, {"at": 1}, {"ellipsis": 1}, {"none": 1}], randn(2, 3, 4))
index_case([{"ellipsis": 1}, {"slice": [None, -1, None]}], randn(2, 3))
index_case([{"tensor": ints([0, -1, 0])}], randn(3, 2))
index_case([{"slice": [None, None, None]}, {"tensor": ints([[2, 0], [1, 1]])}, {"slice": [1, 3, None]}], randn(2, 3, 4))
index_case([{"tensor": ints([0, 1])}, {"slice": [None, None, None]}, {"tensor": ints([[3], [-4]])}], randn(2, 3, 4))
index_case([{"at": 1}, {"slice": [None, None, None]}, {"tensor": ints([2, 0])}], randn(2, 3, 4))
index_case([{"tensor": ints([1, 1])}, {"tensor": ints([0, 2])}, {"at": 1}], randn(2, 3, 4))
index_case([{"mask": ints([[1, 0, 1], [0, 0, 1]])}], randn(2, 3, 2))
index_case([{"slice": [None, None, None]}, {"mask": ints([0, 1, 1])}], randn(2, 3))
index_case([{"tensor": ints([], [0])}], randn(3, 2))
index_case([{"slice": [None, None, None]}, {"at": 0}], randn(0, 3))

# indexPut
def put_case(items, x, values, accumulate):
    case("indexPut", {"items": enc_items(items), "accumulate": accumulate}, x,
         lambda t, v: t.index_put(tuple(subscript(items)), v, accumulate=accumulate), values=values,
         json_args={"items": enc_items(items), "accumulate": accumulate})

put_case([{"tensor": ints([1, -1, 0])}], randn(4, 2), randn(3, 2), True)
put_case([{"tensor": ints([1, -1, 0])}], randn(4, 2), randn(3, 2), False)
put_case([{"tensor": ints([1, 3, 1])}], randn(4, 2), randn(3, 2), True)
put_case([{"tensor": ints([0, 2])}, {"tensor": ints([1, 0])}], randn(3, 2), randn(2), False)
put_case([{"tensor": ints([0, 2])}, {"tensor": ints([1, 0])}], randn(3, 2), randn(1), True)
put_case([{"mask": ints([[1, 0], [0, 1], [1, 1]])}], randn(3, 2), randn(4), False)

# masks
case("maskedFill", {"mask": enc(ints([1, 0, 1])), "value": -2.5}, randn(2, 3), lambda x: x.masked_fill(ints([1, 0, 1]).bool(), -2.5))
nan_x = torch.tensor([[float("nan"), 1.0], [2.0, float("inf")]], dtype=torch.float64)
case("maskedFill", {"mask": enc(ints([[1, 0], [0, 1]])), "value": 0.0}, nan_x, lambda x: x.masked_fill(ints([[1, 0], [0, 1]]).bool(), 0.0))
case("maskedSelect", {"mask": enc(ints([[1], [0], [1]]))}, randn(3, 2), lambda x: x.masked_select(ints([[1], [0], [1]]).bool()))
case("maskedSelect", {"mask": enc(ints([[1, 0, 1, 1], [0, 1, 0, 0]]))}, randn(4), lambda x: x.masked_select(ints([[1, 0, 1, 1], [0, 1, 0, 0]]).bool()))

# splits
case("split", {"size": 2, "dim": 1}, randn(2, 5), lambda x: x.split(2, 1))
case("splitSizes", {"sizes": [1, 0, 3], "dim": -2}, randn(4, 2), lambda x: x.split([1, 0, 3], -2))
case("chunk", {"chunks": 4, "dim": 0}, randn(6, 2), lambda x: x.chunk(4, 0))
case("chunk", {"chunks": 3, "dim": 1}, randn(2, 7), lambda x: x.chunk(3, 1))
case("unbind", {"dim": -1}, randn(2, 3), lambda x: x.unbind(-1))

# copies that move elements
case("flip", {"dims": [0, -1]}, randn(2, 3, 2), lambda x: x.flip([0, -1]))
case("flip", {"dims": [0]}, randn(0, 2), lambda x: x.flip([0]))
case("roll", {"shifts": [-4], "dims": [1]}, randn(2, 3), lambda x: x.roll(-4, 1))
case("roll", {"shifts": [2, -1], "dims": [0, 1]}, randn(3, 4), lambda x: x.roll((2, -1), (0, 1)))
case("roll", {"shifts": [3], "dims": []}, randn(2, 3), lambda x: x.roll(3))
case("repeat", {"repeats": [2, 1, 3]}, randn(2, 2), lambda x: x.repeat(2, 1, 3))
case("repeat", {"repeats": [3]}, randn(), lambda x: x.repeat(3))
case("tile", {"reps": [2]}, randn(2, 3), lambda x: x.tile((2,)))
case("tile", {"reps": [2, 1, 2]}, randn(3), lambda x: x.tile((2, 1, 2)))
for d in (-1, 0, 2):
    case("tril", {"diagonal": d}, randn(2, 3, 4), lambda x, d=d: x.tril(d))
    case("triu", {"diagonal": d}, randn(4, 3), lambda x, d=d: x.triu(d))
case("tril", {"diagonal": 0}, nan_x, lambda x: x.tril(0))
case("pad", {"pads": [-1, 2, 1, -2], "value": 0.5}, randn(3, 4), lambda x: torch.nn.functional.pad(x, (-1, 2, 1, -2), value=0.5))
case("pad", {"pads": [-2, -1]}, randn(2, 3), lambda x: torch.nn.functional.pad(x, (-2, -1)))

# gather / indexSelect edges: rank 0 and empty
case("indexSelect", {"dim": 0, "index": enc(ints([0]))}, randn(), lambda x: x.index_select(0, ints([0])))
case("indexSelect", {"dim": 1, "index": enc(ints([], [0]))}, randn(2, 3), lambda x: x.index_select(1, ints([], [0])))
case("gather", {"dim": 0, "index": enc(ints([], [0]))}, randn(3), lambda x: x.gather(0, ints([], [0])))
case("gather", {"dim": 0, "index": enc(ints(0, []))}, randn(), lambda x: x.gather(0, ints(0, [])))

# not differentiable: oneHot and eye
one_hot = {"x": enc(ints([[2, 0], [1, 4]])), "numClasses": -1, "out": enc(torch.nn.functional.one_hot(ints([[2, 0], [1, 4]]), -1))}
one_hot6 = {"x": enc(ints([3, 0])), "numClasses": 6, "out": enc(torch.nn.functional.one_hot(ints([3, 0]), 6))}
eyes = [{"n": n, "m": m, "out": enc(torch.eye(n, m, dtype=torch.float64))} for n, m in ((2, 3), (3, 1), (0, 2))]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "indexing.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES, "oneHot": [one_hot, one_hot6], "eye": eyes}, f, separators=(",", ":"))
print(len(CASES), "cases")
