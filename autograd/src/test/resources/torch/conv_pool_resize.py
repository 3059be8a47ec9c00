"""Writes conv_pool_resize.json: PyTorch's conv1d/conv2d, max/avg/adaptive pooling, max_unpool2d and
interpolate on F64 inputs with the options slope maps (groups, dilation, non-square windows, padding
"same", ceil mode, count_include_pad, divisor_override, unbatched inputs, ties), each with the output
and the vector-Jacobian product of a seeded cotangent. Run with Debian's python3-torch (1.13):
    /usr/bin/python3 conv_pool_resize.py   (from this folder; the test only reads the JSON)
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(16)
cases = []


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def case(name, op, inputs, args, fn, index_output=False):
    leaves = {k: v.clone().requires_grad_(v.is_floating_point()) for k, v in inputs.items()}
    result = fn(**leaves)
    out, indices = (result if isinstance(result, tuple) else (result, None))
    cot = torch.randn(out.shape, dtype=torch.float64)
    grads = torch.autograd.grad(out, [v for v in leaves.values() if v.requires_grad], cot, allow_unused=True)
    names = [k for k, v in leaves.items() if v.requires_grad]
    entry = {"name": name, "op": op, "args": args, "inputs": {k: t(v) for k, v in inputs.items()},
             "out": t(out), "cotangent": t(cot),
             "grads": {k: t(g if g is not None else torch.zeros_like(leaves[k])) for k, g in zip(names, grads)}}
    if indices is not None:
        entry["indices"] = t(indices)
    cases.append(entry)


def r(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def conv2d(name, x, w, b, stride, padding, dilation, groups):
    inputs = {"x": x, "w": w} if b is None else {"x": x, "w": w, "b": b}
    case(name, "conv2d", inputs, {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups},
         lambda x, w, b=None: F.conv2d(x, w, b, stride, padding, dilation, groups))


conv2d("conv2d non-square stride and padding", r(2, 3, 5, 6), r(4, 3, 3, 2), r(4), [2, 1], [1, 0], [1], 1)
conv2d("conv2d depthwise, dilation 2", r(2, 3, 6, 6), r(6, 1, 3, 3), r(6), [1], [1], [2], 3)
conv2d("conv2d groups 2, no bias, dilation 2x1", r(1, 4, 6, 5), r(4, 2, 2, 3), None, [1, 2], [0, 1], [2, 1], 2)
conv2d("conv2d unbatched", r(3, 5, 5), r(2, 3, 3, 3), r(2), [1], [0], [1], 1)
conv2d("conv2d padding same, even kernel", r(1, 2, 5, 6), r(3, 2, 4, 3), r(3), [1], "same", [1, 2], 1)
conv2d("conv2d padding valid, unbatched", r(2, 4, 5), r(2, 2, 2, 2), None, [1], "valid", [1], 1)


def conv1d(name, x, w, b, stride, padding, dilation, groups):
    inputs = {"x": x, "w": w} if b is None else {"x": x, "w": w, "b": b}
    case(name, "conv1d", inputs, {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups},
         lambda x, w, b=None: F.conv1d(x, w, b, stride, padding, dilation, groups))


conv1d("conv1d groups 2, dilation 2, stride 2", r(2, 4, 9), r(6, 2, 3), r(6), 2, 1, 2, 2)
conv1d("conv1d unbatched, padding same", r(3, 7), r(2, 3, 4), None, 1, "same", 1, 1)
conv1d("conv1d depthwise", r(2, 3, 8), r(3, 1, 3), r(3), 1, 2, 1, 3)


def max_pool(name, x, kernel, stride, padding, dilation, ceil):
    case(name, "maxPool2d", {"x": x}, {"kernel": kernel, "stride": stride, "padding": padding, "dilation": dilation, "ceilMode": ceil},
         lambda x: F.max_pool2d(x, kernel, stride, padding, dilation, ceil, return_indices=True))


max_pool("maxPool2d 3x2, stride 2x1, padding 1, ceil mode", r(2, 3, 7, 6), [3, 2], [2, 1], [1], [1], True)
max_pool("maxPool2d dilation 2, unbatched", r(2, 7, 7), [2], [2], [0], [2], False)
max_pool("maxPool2d ties go to the first maximum", torch.round(r(1, 2, 5, 5)), [2], [1], [0], [1], False)
max_pool("maxPool2d ceil mode adds a last window", r(1, 1, 6, 6), [3], [2], [0], [1], True)
max_pool("maxPool2d ceil mode drops a window starting in the padding", r(1, 1, 5, 5), [2], [2], [1], [1], True)


def avg_pool(name, x, kernel, stride, padding, ceil, include, divisor):
    case(name, "avgPool2d", {"x": x}, {"kernel": kernel, "stride": stride, "padding": padding, "ceilMode": ceil,
                                       "countIncludePad": include, "divisorOverride": divisor},
         lambda x: F.avg_pool2d(x, kernel, stride, padding, ceil, include, divisor if divisor > 0 else None))


avg_pool("avgPool2d ceil mode, padding excluded", r(1, 2, 6, 7), [3], [2], [1], True, False, 0)
avg_pool("avgPool2d ceil mode, padding included", r(1, 2, 6, 7), [3], [2], [1], True, True, 0)
avg_pool("avgPool2d divisorOverride, non-square", r(2, 1, 5, 7), [2, 3], [1, 2], [1], False, True, 5)
avg_pool("avgPool2d unbatched", r(2, 5, 5), [2], [2], [0], False, True, 0)


def adaptive(name, op, x, size):
    fn = F.adaptive_avg_pool2d if op == "adaptiveAvgPool2d" else (lambda x, s: F.adaptive_max_pool2d(x, s, return_indices=True))
    case(name, op, {"x": x}, {"size": size}, lambda x: fn(x, size))


adaptive("adaptiveAvgPool2d overlapping windows", "adaptiveAvgPool2d", r(2, 3, 7, 5), [3, 4])
adaptive("adaptiveAvgPool2d to 1x1", "adaptiveAvgPool2d", r(2, 2, 4, 5), [1, 1])
adaptive("adaptiveAvgPool2d unbatched, upsizing", "adaptiveAvgPool2d", r(2, 3, 2), [5, 3])
adaptive("adaptiveMaxPool2d overlapping windows", "adaptiveMaxPool2d", r(2, 2, 7, 5), [3, 2])
adaptive("adaptiveMaxPool2d unbatched", "adaptiveMaxPool2d", r(2, 6, 6), [4, 4])
adaptive("adaptiveMaxPool2d ties", "adaptiveMaxPool2d", torch.round(r(1, 1, 5, 5)), [2, 3])


def interp(name, x, size, scale, mode, align):
    kw = {"mode": mode}
    if mode != "nearest":
        kw["align_corners"] = align
    case(name, "interpolate", {"x": x}, {"size": size, "scale": scale, "mode": mode, "alignCorners": align},
         lambda x: F.interpolate(x, size=one(size), scale_factor=one(scale), **kw))


def one(v):
    """PyTorch takes one number or one per axis; a list of one is slope's 'one for all axes'."""
    return v[0] if v is not None and len(v) == 1 else v


interp("nearest to a size", r(1, 2, 3, 4), [5, 7], None, "nearest", False)
interp("nearest scale 2", r(1, 1, 3, 3), None, [2.0], "nearest", False)
interp("nearest scale 1.7 and 0.6", r(2, 1, 5, 6), None, [1.7, 0.6], "nearest", False)
interp("nearest 1-d", r(2, 2, 5), [7], None, "nearest", False)
interp("bilinear to a size", r(1, 2, 3, 4), [5, 3], None, "bilinear", False)
interp("bilinear to a size, align corners", r(1, 2, 3, 4), [5, 3], None, "bilinear", True)
interp("bilinear scale 1.5 and 0.6", r(2, 1, 4, 5), None, [1.5, 0.6], "bilinear", False)
interp("bilinear scale, align corners", r(1, 1, 4, 5), None, [1.5], "bilinear", True)
interp("bilinear to 1x1, align corners", r(1, 1, 4, 5), [1, 1], None, "bilinear", True)


def unpool(name, x, kernel, stride, padding, output_size):
    _, idx = F.max_pool2d(x, kernel, stride, padding, return_indices=True)
    pooled = torch.randn(idx.shape, dtype=torch.float64)
    case(name, "maxUnpool2d", {"x": pooled, "indices": idx.int()},
         {"kernel": kernel, "stride": stride, "padding": padding, "outputSize": output_size},
         lambda x, indices: F.max_unpool2d(x, indices.long(), one(kernel), one(stride), one(padding), output_size))


unpool("maxUnpool2d default size", r(1, 2, 4, 6), [2], [2], [0], None)
unpool("maxUnpool2d given size", r(2, 1, 5, 7), [2], [2], [0], [5, 7])
unpool("maxUnpool2d unbatched, padding", r(2, 6, 6), [3], [3], [1], [6, 6])

with open("conv_pool_resize.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(len(cases), "cases")
