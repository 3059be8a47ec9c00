"""Writes opinfo.json: PyTorch's own OpInfo samples (sample_inputs and, where an OpInfo defines them,
reference_inputs with NaN, +-inf and empty tensors) for the ops slope maps, in float64, each with
PyTorch's output(s), the vector-Jacobian product of a seeded cotangent, and the second-order term:
the gradient of <vjp, w> for a seeded w, by double backward. Run with Debian's python3-torch (1.13):

    /usr/bin/python3 autograd/src/test/resources/torch/opinfo.py

OpInfoTorchReferenceTest reads the JSON and decides per sample whether slope can express it (an
adapter per op name; a sample whose args or kwargs the adapter does not read is not expressible).
This script only records what PyTorch did, plus the reason when a sample cannot even be written
down neutrally (a complex number, a dtype argument, a callable).

Subsampling, to keep the JSONs a few MB: per OpInfo at most MAX_SAMPLES samples from sample_inputs
and MAX_REFERENCE from reference_inputs, evenly spaced in OpInfo's order (every k-th); a sample
whose tensors hold more than MAX_NUMEL elements in all is dropped first (a source's first sample
may hold 5 times as many, so that ops with only large samples keep one), as is a sample PyTorch
itself refuses. Tensor values are written in row-major order; "contiguous" says whether OpInfo's
tensor was a strided view, and the test then builds a strided view too (rank 2 and more). Numbers JSON cannot hold are written as the strings "nan",
"inf" and "-inf". The seeded cotangent and w are not stored: see seeded_like.

It also writes nn/src/test/resources/torch/opinfo_nn.json for nn's losses, distances and
normalizations (NN_OPS), read by nn's OpInfoNnTorchReferenceTest.
"""
import json
import math
import os
import random
import sys
import tempfile

STUB = tempfile.mkdtemp()
with open(os.path.join(STUB, "expecttest.py"), "w") as f:
    f.write("import unittest\nACCEPT = False\nclass TestCase(unittest.TestCase):\n    pass\n")
sys.path.insert(0, STUB)

import numpy  # noqa: E402
import torch  # noqa: E402
from torch.testing._internal.common_methods_invocations import op_db  # noqa: E402

MAX_SAMPLES, MAX_REFERENCE, MAX_NUMEL = 16, 8, 200

# The OpInfo names (name, or name.variant) of the ops slope maps; OpInfoTorchReferenceTest has one
# adapter per name.
OPS = [
    # arithmetic and element-wise
    "add", "sub", "mul", "div.no_rounding_mode", "true_divide", "neg", "pow", "rsub",
    "maximum", "minimum", "exp", "log", "log1p", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid",
    "erf", "square", "sign", "rsqrt", "reciprocal", "expm1", "log2", "log10", "tan", "atan", "asin",
    "acos", "sinh", "cosh", "atan2", "hypot", "lerp", "logaddexp", "logit",
    "clamp", "clamp_min", "clamp_max", "where",
    # activations
    "nn.functional.relu", "nn.functional.leaky_relu", "nn.functional.gelu", "nn.functional.softplus",
    "nn.functional.silu", "nn.functional.elu", "nn.functional.selu", "nn.functional.mish",
    "nn.functional.hardtanh", "nn.functional.hardsigmoid", "nn.functional.hardswish",
    "nn.functional.softsign", "nn.functional.tanhshrink",
    # reductions and scans
    "sum", "mean", "var", "std", "prod", "amax", "amin", "logsumexp", "norm", "linalg.vector_norm",
    "cumsum", "cumprod", "logcumsumexp", "sort", "topk", "kthvalue", "median",
    "softmax", "log_softmax",
    # linear algebra
    "matmul", "mm", "bmm", "addmm", "baddbmm", "einsum", "dot", "outer",
    # views and copies
    "reshape", "view", "permute", "transpose", "squeeze", "unsqueeze", "flatten", "narrow", "select",
    "split", "chunk", "unbind", "flip", "roll", "repeat", "tile", "tril", "triu", "expand", "cat",
    "stack", "nn.functional.pad.constant",
    # indexing
    "gather", "scatter_add", "index_select", "masked_fill", "masked_select", "index_put", "__getitem__",
    "slice",
    # more of the same families under their own OpInfo names
    "max.reduction_with_dim", "min.reduction_with_dim", "max.reduction_no_dim", "min.reduction_no_dim",
    "max.binary", "min.binary", "argmax", "argmin", "argsort", "msort", "all", "any",
    "eq", "ne", "gt", "ge", "lt", "le", "addmm.decomposed",
    "t", "mT", "contiguous", "clone", "expand_as", "reshape_as", "view_as", "ravel", "split_with_sizes",
    # convolution, pooling, resizing
    "nn.functional.conv1d", "nn.functional.conv2d", "nn.functional.max_pool2d",
    "nn.functional.avg_pool2d", "nn.functional.adaptive_avg_pool2d", "nn.functional.adaptive_max_pool2d",
    "nn.functional.interpolate.nearest", "nn.functional.interpolate.bilinear",
]

# The OpInfo names of the losses, distances and normalizations that slope's nn module has
# (dev.slope.nn.Losses, Distances, Normalization); written to nn/src/test/resources/torch/opinfo_nn.json
# for nn's OpInfoNnTorchReferenceTest.
NN_OPS = [
    "nn.functional.mse_loss", "nn.functional.l1_loss", "nn.functional.smooth_l1_loss", "nn.functional.huber_loss",
    "nn.functional.binary_cross_entropy", "nn.functional.binary_cross_entropy_with_logits",
    "nn.functional.cross_entropy", "nn.functional.nll_loss", "nn.functional.kl_div",
    "nn.functional.margin_ranking_loss", "nn.functional.cosine_embedding_loss", "nn.functional.gaussian_nll_loss",
    "nn.functional.poisson_nll_loss", "nn.functional.triplet_margin_loss", "nn.functional.multi_margin_loss",
    "nn.functional.cosine_similarity", "nn.functional.pairwise_distance", "nn.functional.normalize", "cdist",
    "nn.functional.group_norm", "nn.functional.instance_norm",
]

class Unwritable(Exception):
    pass


def number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


class Writer:
    """Turns a sample's input, args and kwargs into JSON, numbering its tensors."""

    def __init__(self, tuples=False):
        self.tensors = []
        self.tuples = tuples  # write tuples as {"tuple": [...]} (for __getitem__, where they differ from lists)

    def tensor_ref(self, t):
        for i, known in enumerate(self.tensors):
            if known is t:
                return {"tensor": i}
        self.tensors.append(t)
        return {"tensor": len(self.tensors) - 1}

    def value(self, v):
        if isinstance(v, torch.Tensor):
            if v.is_complex():
                raise Unwritable("a complex tensor")
            return self.tensor_ref(v)
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        if isinstance(v, int):
            return v
        if isinstance(v, float):
            return {"float": number(v)}
        if isinstance(v, complex):
            raise Unwritable("a complex number")
        if isinstance(v, torch.dtype):
            raise Unwritable("a dtype argument " + str(v))
        if isinstance(v, slice):
            return {"slice": [self.value(v.start), self.value(v.stop), self.value(v.step)]}
        if v is Ellipsis:
            return {"ellipsis": True}
        if self.tuples and isinstance(v, tuple):
            return {"tuple": [self.value(x) for x in v]}
        if isinstance(v, (list, tuple, torch.Size)):
            return [self.value(x) for x in v]
        raise Unwritable("an argument of type " + type(v).__name__)


def tensor_json(t):
    kind = "bool" if t.dtype == torch.bool else ("int" if not t.is_floating_point() else "float")
    flat = t.detach().clone().reshape(-1).tolist()
    return {"shape": list(t.shape), "kind": kind, "contiguous": t.is_contiguous(),
            "data": [number(x) if kind == "float" else (int(x) if kind == "int" else bool(x)) for x in flat]}


def outputs_of(result):
    if isinstance(result, torch.Tensor):
        return [result], False
    if isinstance(result, (tuple, list)) and all(isinstance(r, torch.Tensor) for r in result):
        return list(result), True
    raise Unwritable("an output of type " + type(result).__name__)


def seeded_like(t, phase):
    """The seeded cotangent / w: element k (row-major) is cos(1.3 k + phase); the Java test computes
    the same numbers, so they need not be stored."""
    k = torch.arange(t.numel(), dtype=torch.float64)
    return torch.cos(1.3 * k + phase).reshape(t.shape)


def record(op, sample, first):
    w = Writer(tuples=op.name == "__getitem__")
    case = {"input": w.value(sample.input), "args": w.value(list(sample.args)),
            "kwargs": {k: w.value(v) for k, v in sample.kwargs.items()}}
    numel = sum(t.numel() for t in w.tensors)
    if numel > MAX_NUMEL and not (first and numel <= 5 * MAX_NUMEL):
        return None
    if any(t.dtype not in (torch.float64, torch.int64, torch.bool) for t in w.tensors):
        raise Unwritable("a tensor of dtype " + str([t.dtype for t in w.tensors]))
    leaves = [t.detach().clone().requires_grad_(t.requires_grad and t.is_floating_point()) for t in w.tensors]
    # Rebuild the call on fresh leaves so that gradients land on the recorded tensors.
    swap = {id(t): leaf for t, leaf in zip(w.tensors, leaves)}

    def rebuild(v):
        if isinstance(v, torch.Tensor):
            return swap[id(v)]
        if isinstance(v, (list, tuple)) and not isinstance(v, torch.Size):
            return type(v)(rebuild(x) for x in v)
        return v

    result = op.op(rebuild(sample.input), *rebuild(list(sample.args)), **{k: rebuild(v) for k, v in sample.kwargs.items()})
    outs, is_tuple = outputs_of(result)
    case["tensors"] = [tensor_json(t) for t in w.tensors]
    case["outputs"] = [tensor_json(o) for o in outs]
    case["tuple"] = is_tuple
    diff_outs = [o for o in outs if o.is_floating_point() and o.requires_grad]
    wrt = [i for i, leaf in enumerate(leaves) if leaf.requires_grad]
    case["wrt"] = wrt
    cots = [seeded_like(o, 0.5 + j) for j, o in enumerate(diff_outs)]
    if not diff_outs or not wrt:
        case["vjp"], case["second"] = [], []
        return case
    vjp = torch.autograd.grad(diff_outs, [leaves[i] for i in wrt], cots, create_graph=True, allow_unused=True)
    vjp = [torch.zeros_like(leaves[i]) if g is None else g for i, g in zip(wrt, vjp)]
    case["vjp"] = [tensor_json(g) for g in vjp]
    ws = [seeded_like(g, 0.25 + i) for i, g in enumerate(vjp)]
    inner = sum((g * x).sum() for g, x in zip(vjp, ws))
    try:
        second = torch.autograd.grad(inner, [leaves[i] for i in wrt], allow_unused=True) if inner.requires_grad \
            else [None] * len(wrt)
    except RuntimeError as e:  # PyTorch has no double backward for it (hardsigmoid in 1.13)
        case["second"], case["no_second"] = None, str(e).splitlines()[0][:120]
        return case
    case["second"] = [tensor_json(torch.zeros_like(leaves[i]) if s is None else s) for i, s in zip(wrt, second)]
    return case


def write(ops, out):
    by_name = {o.name + ("." + o.variant_test_name if o.variant_test_name else ""): o for o in op_db}
    missing = [n for n in ops if n not in by_name]
    if missing:
        raise SystemExit("not in op_db: " + ", ".join(missing))
    torch.manual_seed(16)
    random.seed(16)  # OpInfo draws some parameters (eps, margins) with Python's random
    numpy.random.seed(16)
    cases = []
    for name in ops:
        op = by_name[name]
        sources = [("sample", op.sample_inputs, MAX_SAMPLES)]
        if op.reference_inputs_func is not None:
            sources.append(("reference", op.reference_inputs, MAX_REFERENCE))
        for source, make, cap in sources:
            recorded = []
            samples = iter(make("cpu", torch.float64, requires_grad=True))
            while True:
                try:
                    sample = next(samples)
                except StopIteration:
                    break
                except (RuntimeError, ValueError) as e:  # OpInfo's own generator fails (torch 1.13's `where`)
                    print(name, source, "generator stopped:", e, file=sys.stderr)
                    break
                try:
                    case = record(op, sample, first=not recorded)
                except Unwritable as e:
                    case = {"unwritable": str(e)}
                except (RuntimeError, ValueError, TypeError) as e:
                    # Not a sample of the op (torch 1.13's clamp samples meant for in-place broadcasting)
                    print(name, source, "PyTorch refuses a sample:", str(e).splitlines()[0][:120], file=sys.stderr)
                    continue
                if case is not None:
                    case["op"], case["source"] = name, source
                    recorded.append(case)
            step = max(1, math.ceil(len(recorded) / cap))
            cases.extend(recorded[::step][:cap])
    with open(out, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
    print(out, len(cases), "cases", os.path.getsize(out) // 1024, "KiB")


HERE = os.path.dirname(os.path.abspath(__file__))
write(OPS, os.path.join(HERE, "opinfo.json"))
write(NN_OPS, os.path.join(HERE, "..", "..", "..", "..", "..", "nn", "src", "test", "resources", "torch", "opinfo_nn.json"))
