"""Reference fixture for issue 16's reductions, scans, sorting and linear algebra.

Run once with Debian's PyTorch 1.13 (the system python, not the test): writes reductions.json
beside this file: for each case the inputs, the output values (and indices), a seeded cotangent
and the vector-Jacobian product of every input, all in float64. NaN and infinities are written as
the strings "nan", "inf", "-inf" (JSON has no literal for them).
"""
import json
import math
import os

import torch

torch.manual_seed(16)
DT = torch.float64


def enc(t):
    def one(v):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    t = t.detach()
    return {"shape": list(t.shape), "data": [one(float(v)) for v in t.reshape(-1).tolist()]}


cases = []


def case(name, op, inputs, params, fn, indices=True):
    xs = [(x.clone() if torch.is_tensor(x) else torch.tensor(x, dtype=DT)).requires_grad_(True) for x in inputs]
    res = fn(*xs)
    idx = None
    if isinstance(res, tuple):
        res, idx = res
    entry = {"name": name, "op": op, "params": params, "inputs": [enc(x) for x in xs], "out": enc(res)}
    if idx is not None and indices:
        entry["indices"] = enc(idx.to(DT))
    if res.requires_grad and res.numel() > 0:
        u = torch.randn(res.shape, dtype=DT)
        gs = torch.autograd.grad(res, xs, u, allow_unused=True)
        entry["cotangent"] = enc(u)
        entry["grads"] = [enc(g if g is not None else torch.zeros_like(x)) for g, x in zip(gs, xs)]
    cases.append(entry)


r = lambda *s: torch.randn(*s, dtype=DT).tolist()
x34 = r(3, 4)

# std
case("std dim 1", "std", [x34], {"dims": [1], "correction": 1, "keepDim": False}, lambda x: x.std(1))
case("std all, correction 0", "std", [x34], {"dims": [], "correction": 0, "keepDim": False}, lambda x: x.std(unbiased=False))
case("std keepDim dim -2", "std", [x34], {"dims": [-2], "correction": 1, "keepDim": True}, lambda x: x.std(-2, keepdim=True))
case("std of a constant row: gradient 0", "std", [[[2.0, 2.0, 2.0], [1.0, 2.0, 4.0]]], {"dims": [1], "correction": 1, "keepDim": False},
     lambda x: x.std(1))
# prod
case("prod no zeros, dim 1", "prod", [x34], {"dim": 1, "keepDim": False}, lambda x: x.prod(1))
case("prod one zero", "prod", [[1.5, 0.0, -2.0, 3.0]], {"dim": None}, lambda x: x.prod())
case("prod two zeros", "prod", [[1.5, 0.0, -2.0, 0.0]], {"dim": None}, lambda x: x.prod())
case("prod zeros per row, keepDim", "prod", [[[0.0, 2.0, 3.0], [0.0, 0.0, 5.0], [1.0, 2.0, 3.0]]], {"dim": -1, "keepDim": True},
     lambda x: x.prod(-1, keepdim=True))
case("prod rank 0", "prod", [2.5], {"dim": None}, lambda x: x.prod())
case("prod of an empty dim", "prod", [torch.zeros(2, 0, dtype=DT)], {"dim": 1, "keepDim": False}, lambda x: x.prod(1))
# scans
case("cumsum dim 1", "cumsum", [x34], {"dim": 1}, lambda x: x.cumsum(1))
case("cumsum dim -2", "cumsum", [x34], {"dim": -2}, lambda x: x.cumsum(-2))
case("cumsum rank 0", "cumsum", [1.25], {"dim": 0}, lambda x: x.cumsum(0))
case("cumprod with zeros", "cumprod", [[[1.5, 0.0, -2.0, 0.0, 3.0], [2.0, -1.0, 0.5, 4.0, 0.0]]], {"dim": 1}, lambda x: x.cumprod(1))
case("cumprod dim 0", "cumprod", [x34], {"dim": 0}, lambda x: x.cumprod(0))
case("logcumsumexp far apart", "logcumsumexp", [[-1000.0, 0.0, 3.0, -2.0]], {"dim": 0}, lambda x: x.logcumsumexp(0))
case("logcumsumexp dim 1", "logcumsumexp", [x34], {"dim": 1}, lambda x: x.logcumsumexp(1))
# sorting
case("sort ascending dim -1", "sort", [x34], {"dim": -1, "descending": False}, lambda x: tuple(x.sort(-1)))
case("sort descending dim 0", "sort", [x34], {"dim": 0, "descending": True}, lambda x: tuple(x.sort(0, descending=True)))
case("sort stable with ties", "sort", [[3.0, 1.0, 3.0, 1.0, 2.0]], {"dim": 0, "descending": False},
     lambda x: tuple(torch.sort(x, stable=True, dim=0)))
case("sort descending stable with ties", "sort", [[3.0, 1.0, 3.0, 1.0, 2.0]], {"dim": 0, "descending": True},
     lambda x: tuple(torch.sort(x, stable=True, dim=0, descending=True)))
case("sort with nan", "sort", [[1.0, float("nan"), -1.0]], {"dim": 0, "descending": False}, lambda x: tuple(x.sort(0)))
case("topk 2 largest", "topk", [x34], {"k": 2, "dim": -1, "largest": True}, lambda x: tuple(x.topk(2, -1)))
case("topk 3 smallest dim 0", "topk", [x34], {"k": 3, "dim": 0, "largest": False}, lambda x: tuple(x.topk(3, 0, largest=False)))
case("kthvalue 2 dim 1", "kthvalue", [x34], {"k": 2, "dim": 1, "keepDim": False}, lambda x: tuple(x.kthvalue(2, 1)))
case("kthvalue 3 dim 0 keepDim", "kthvalue", [x34], {"k": 3, "dim": 0, "keepDim": True}, lambda x: tuple(x.kthvalue(3, 0, keepdim=True)))
case("median dim 1 (even count: lower)", "median", [x34], {"dim": 1, "keepDim": False}, lambda x: tuple(x.median(1)))
case("median dim 0 keepDim", "median", [x34], {"dim": 0, "keepDim": True}, lambda x: tuple(x.median(0, keepdim=True)))
case("median all", "median", [x34], {"dim": None}, lambda x: x.median())
case("median all with ties: gradient split", "median", [[2.0, 2.0, 1.0, 5.0, 2.0, 0.0]], {"dim": None}, lambda x: x.median())
case("median dim 1 with NaN: the first NaN", "median", [[[1.0, float("nan"), 3.0, float("nan")], [4.0, 2.0, 1.0, 0.0]]],
     {"dim": 1, "keepDim": False}, lambda x: tuple(x.median(1)))
case("median all with NaN", "median", [[1.0, float("nan"), 3.0]], {"dim": None}, lambda x: x.median())
case("kthvalue with NaN largest", "kthvalue", [[1.0, float("nan"), 3.0]], {"k": 3, "dim": 0, "keepDim": False},
     lambda x: tuple(x.kthvalue(3, 0)))
case("topk with NaN largest", "topk", [[1.0, float("nan"), 3.0]], {"k": 1, "dim": 0, "largest": True}, lambda x: tuple(x.topk(1, 0)))
# all / any (1/0 in slope; bool in torch)
for name, data in [("mixed", [[1.0, 0.0, 2.0], [3.0, 4.0, 5.0]]), ("empty", torch.zeros(0, 3, dtype=DT))]:
    for op in ("all", "any"):
        case(op + " " + name + " all dims", op, [data], {"dim": None}, lambda x, op=op: getattr(x, op)().to(DT))
        case(op + " " + name + " dim 1", op, [data], {"dim": 1, "keepDim": False}, lambda x, op=op: getattr(x, op)(1).to(DT))
        case(op + " " + name + " dim 0 keepDim", op, [data], {"dim": 0, "keepDim": True},
             lambda x, op=op: getattr(x, op)(0, keepdim=True).to(DT))
# norm
vn = torch.linalg.vector_norm
for p in [2.0, 3.0, 1.0, 0.5, 1.5, 0.0, -1.0, -0.5, float("inf"), float("-inf")]:
    ps = "inf" if p == float("inf") else "-inf" if p == float("-inf") else p
    case("norm p=%s" % ps, "norm", [x34], {"p": ps, "dims": [], "keepDim": False}, lambda x, p=p: vn(x, p))
    case("norm p=%s dim 1" % ps, "norm", [x34], {"p": ps, "dims": [1], "keepDim": True}, lambda x, p=p: vn(x, p, 1, keepdim=True))
    case("norm p=%s at zero" % ps, "norm", [[0.0, 0.0, 0.0]], {"p": ps, "dims": [], "keepDim": False}, lambda x, p=p: vn(x, p))
    case("norm p=%s with a zero element" % ps, "norm", [[[0.0, 1.5, -2.0], [0.0, 0.0, 0.0]]], {"p": ps, "dims": [1], "keepDim": False},
         lambda x, p=p: vn(x, p, 1))
# linear algebra
case("addmm", "addmm", [r(2, 4), r(2, 3), r(3, 4)], {"beta": 1.0, "alpha": 1.0}, lambda i, a, b: torch.addmm(i, a, b))
case("addmm beta alpha, broadcast input", "addmm", [r(4), r(2, 3), r(3, 4)], {"beta": 0.5, "alpha": -2.0},
     lambda i, a, b: torch.addmm(i, a, b, beta=0.5, alpha=-2.0))
case("addmm beta 0 ignores NaN input", "addmm", [[[float("nan")] * 4] * 2, r(2, 3), r(3, 4)], {"beta": 0.0, "alpha": 1.5},
     lambda i, a, b: torch.addmm(i, a, b, beta=0.0, alpha=1.5))
case("baddbmm", "baddbmm", [r(2, 2, 4), r(2, 2, 3), r(2, 3, 4)], {"beta": 0.25, "alpha": 3.0},
     lambda i, a, b: torch.baddbmm(i, a, b, beta=0.25, alpha=3.0))
EQS = [("ij,jk->ik", [(2, 3), (3, 4)]), ("ij,jk", [(2, 3), (3, 4)]), ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]),
       ("ii->", [(3, 3)]), ("ii->i", [(3, 3)]), ("i,i->", [(4,), (4,)]), ("i,j->ij", [(2,), (3,)]), ("ij->ji", [(2, 3)]),
       ("ij->", [(2, 3)]), ("...ij,...jk->...ik", [(2, 2, 3), (3, 4)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]),
       ("iij->j", [(2, 2, 3)]), ("ij,ij->i", [(3, 4), (3, 4)]), ("b...,b...->b", [(2, 3, 2), (2, 3, 2)])]
for eq, shapes in EQS:
    case("einsum " + eq, "einsum", [r(*s) for s in shapes], {"equation": eq}, lambda *xs, eq=eq: torch.einsum(eq, *xs))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reductions.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=0)
print(len(cases), "cases ->", out)
