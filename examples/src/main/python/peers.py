#!/usr/bin/python3
"""The peers of slope's benchmarks, measured on this machine: what a user would otherwise run.

- numpy/OpenBLAS matmul, F32 and F64, n = 64, 256, 512, 1024, on 2 threads (the machine's cores), and the
  small products of SmallMatmulBench (n = 32 .. 256, the MLP's forward and backward shapes);
- numpy element-wise add, mul and exp (F32) at 1e3 .. 1e7 elements, into a new array and with out=
  (numpy runs these on one thread);
- PyTorch's training step of the MLP 784-256-128-10 (ReLU), batch 128, F32, cross-entropy, Adam,
  on 1 thread and on 2 (the report takes its best, as a user would);
- PyTorch's training step of the CNN of `slope train --model cnn` (conv 1->8 and 8->16, 3x3, padding 1,
  each with ReLU and 2x2 max-pool, linear 784->10), batch 64 of 1x28x28, F32, cross-entropy, Adam, on
  1 thread and on 2 (the report takes its best);
- PyTorch's cost of one small op through autograd: a 1-element add with requires_grad, and
  (a + b).sum().backward().

Each figure is the median of several timed runs, each run a loop long enough to time well. Names and
parameters are those of slope's JMH benchmarks, so report.py can set them side by side.

Run it with Debian's python3 (python3-numpy, python3-torch), with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset in this command alone (some machines preset them for older OpenBLAS builds,
which slows a current one); never change them in tests or CI:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 examples/src/main/python/peers.py --out out/bench/peers.json

The JSON names the OpenBLAS kernel that ran (threadpoolctl where it is installed, else OpenBLAS's
own openblas_get_corename through ctypes).
"""

import argparse
import ctypes
import datetime
import io
import json
import os
import platform
import statistics
import sys
import time
from contextlib import redirect_stdout

MATMUL_N = [64, 256, 512, 1024]
# SmallMatmulBench's shapes: "MxKxN" is a[m, k] @ b[k, n] (a single n: square); /At makes a the transpose of a
# stored [k, m] matrix, /Bt makes b that of a stored [n, k] one (the backward products of a linear layer)
SMALL_SHAPES = ["32", "64", "128", "256",
                "128x784x256", "784x128x256/At", "128x256x784/Bt",
                "128x256x128", "256x128x128/At", "128x128x256/Bt",
                "128x128x10", "128x128x10/At", "128x10x128/Bt"]
SIZES = [1000, 10000, 100000, 1000000, 10000000]
QUICK_MATMUL_N = [64, 256]          # as `slope bench --quick`
QUICK_SIZES = [1000, 10000000]
MLP_WIDTHS = [784, 256, 128, 10]
MLP_BATCH = 128
CNN_BATCH = 64
CNN_IMAGE = (1, 28, 28)
CNN_CLASSES = 10
SEED = 7


def cpu_info():
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if ":" in line:
                    k, v = line.split(":", 1)
                    fields.setdefault(k.strip(), v.strip())
    except OSError:
        pass
    flags = f" {fields.get('flags', '')} "
    simd = "AVX-512" if " avx512f " in flags else "AVX2" if " avx2 " in flags else "other"
    try:
        with open("/proc/loadavg") as f:
            load = " ".join(f.read().split()[:3])
    except OSError:
        load = "?"
    return {
        "cpu_model": fields.get("model name", platform.processor() or "?"),
        "cpu_family_model": f"family {fields.get('cpu family', '?')} model {fields.get('model', '?')}",
        "simd": simd,
        "cores": os.cpu_count(),
        "load_average": load,
    }


def loaded_openblas():
    """Path of the OpenBLAS library this process has loaded (through numpy), or None."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "openblas" in os.path.basename(path) and ".so" in path:
                    return path
    except OSError:
        pass
    return None


class OpenBlas:
    """OpenBLAS's own C API through ctypes: its kernel (core) name, config and thread count."""

    def __init__(self):
        self.path = loaded_openblas()
        self.lib = None
        if self.path:
            try:
                self.lib = ctypes.CDLL(self.path)
                self.lib.openblas_get_corename.restype = ctypes.c_char_p
                self.lib.openblas_get_config.restype = ctypes.c_char_p
            except (OSError, AttributeError):
                self.lib = None

    def set_threads(self, n):
        if self.lib is not None:
            self.lib.openblas_set_num_threads(int(n))

    def info(self):
        if self.lib is None:
            return {"library": self.path}
        return {
            "library": self.path,
            "corename": self.lib.openblas_get_corename().decode(),
            "config": self.lib.openblas_get_config().decode(),
            "num_threads": self.lib.openblas_get_num_threads(),
        }


def blas_info(numpy, openblas):
    """Which BLAS and which kernel runs: threadpoolctl if importable, else OpenBLAS's corename, else numpy.show_config."""
    info = {"openblas": openblas.info()}
    try:
        import threadpoolctl
        info["threadpoolctl"] = threadpoolctl.threadpool_info()
    except ImportError:
        info["threadpoolctl"] = "not installed (Debian: python3-threadpoolctl); kernel from openblas_get_corename"
    if openblas.lib is None:
        out = io.StringIO()
        with redirect_stdout(out):
            numpy.show_config()
        info["numpy_show_config"] = out.getvalue()
    info["kernel"] = info["openblas"].get("corename", "unknown")
    return info


def measure(fn, runs, target):
    """Median seconds per call of fn over `runs` timed loops of about `target` seconds each."""
    end = time.perf_counter() + min(0.2, target)
    while time.perf_counter() < end:  # warm up: allocator, caches, lazy initialization
        fn()
    calls = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        dt = time.perf_counter() - t0
        if dt >= target / 4 or calls >= 1 << 22:
            break
        calls *= 2
    calls = max(1, int(calls * target / max(dt, 1e-9)))
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - t0) / calls)
    return statistics.median(samples), samples


def result(peer, benchmark, params, threads, seconds, samples, flops=0.0, nbytes=0.0):
    r = {"peer": peer, "benchmark": benchmark, "params": {k: str(v) for k, v in params.items()},
         "threads": threads, "seconds": seconds, "samples": samples}
    if flops:
        r.update(flops=flops, throughput=flops / seconds / 1e9, throughput_unit="GFLOP/s")
    elif nbytes:
        r.update(bytes=nbytes, throughput=nbytes / seconds / 1e9, throughput_unit="GB/s")
    return r


def log(r):
    unit = f"  {r['throughput']:8.2f} {r['throughput_unit']}" if "throughput" in r else ""
    params = ",".join(f"{k}={v}" for k, v in r["params"].items())
    print(f"  {r['peer']:<6} {r['benchmark']:<28} {params:<20} {r['threads']} thr {r['seconds'] * 1e6:12.2f} us{unit}",
          flush=True)


def small_dims(shape):
    """(m, k, n) of a SmallMatmulBench shape, as SmallMatmulBench.dims reads it."""
    d = [int(x) for x in shape.split("/")[0].split("x")]
    return (d[0], d[0], d[0]) if len(d) == 1 else tuple(d)


def small_operands(np, rng, dtype, shape):
    """a and b of a small product, transposed views where the shape says so (numpy hands them to OpenBLAS as such)."""
    m, k, n = small_dims(shape)
    a = rng.standard_normal((k, m)).astype(dtype).T if shape.endswith("/At") else rng.standard_normal((m, k)).astype(dtype)
    b = rng.standard_normal((n, k)).astype(dtype).T if shape.endswith("/Bt") else rng.standard_normal((k, n)).astype(dtype)
    return a, b


def numpy_benchmarks(np, openblas, matmul_n, sizes, runs, target):
    out = []
    rng = np.random.default_rng(SEED)
    openblas.set_threads(2)
    for dtype, name in ((np.float32, "F32"), (np.float64, "F64")):
        for n in matmul_n:
            a = rng.standard_normal((n, n)).astype(dtype)
            b = rng.standard_normal((n, n)).astype(dtype)
            med, samples = measure(lambda: a @ b, runs, target)
            out.append(result("numpy", "MatmulBench.matmul", {"dtype": name, "n": n}, 2, med, samples, flops=2.0 * n ** 3))
            log(out[-1])
        for shape in SMALL_SHAPES:
            a, b = small_operands(np, rng, dtype, shape)
            m, k, n = small_dims(shape)
            med, samples = measure(lambda: a @ b, runs, target)
            out.append(result("numpy", "SmallMatmulBench.matmul", {"dtype": name, "shape": shape}, 2, med, samples,
                              flops=2.0 * m * k * n))
            log(out[-1])
    for size in sizes:
        x = rng.standard_normal(size).astype(np.float32)
        y = rng.standard_normal(size).astype(np.float32)
        z = np.empty_like(x)
        for op, fn, nbytes in (("add", lambda: x + y, 12), ("mul", lambda: x * y, 12), ("exp", lambda: np.exp(x), 8),
                               ("addOut", lambda: np.add(x, y, out=z), 12), ("mulOut", lambda: np.multiply(x, y, out=z), 12),
                               ("expOut", lambda: np.exp(x, out=z), 8)):
            med, samples = measure(fn, runs, target)
            out.append(result("numpy", "ElementwiseBench." + op, {"size": size}, 1, med, samples, nbytes=nbytes * size))
            log(out[-1])
    return out


def torch_benchmarks(torch, openblas, runs, target, thread_counts):
    out = []
    F = torch.nn.functional
    macs = sum(MLP_WIDTHS[i] * MLP_WIDTHS[i + 1] for i in range(len(MLP_WIDTHS) - 1))
    for threads in thread_counts:
        torch.set_num_threads(threads)
        openblas.set_threads(threads)  # torch's Linear runs OpenBLAS's sgemm (BLAS_INFO=generic on Debian)
        torch.manual_seed(SEED)
        layers = []
        for i in range(len(MLP_WIDTHS) - 1):
            layers.append(torch.nn.Linear(MLP_WIDTHS[i], MLP_WIDTHS[i + 1]))
            if i + 2 < len(MLP_WIDTHS):
                layers.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.randn(MLP_BATCH, MLP_WIDTHS[0])
        y = torch.randint(0, MLP_WIDTHS[-1], (MLP_BATCH,))

        def step():
            opt.zero_grad(set_to_none=True)  # as slope's zeroGrad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()

        med, samples = measure(step, runs, target)
        out.append(result("torch", "MlpStepBench.step", {}, threads, med, samples, flops=3 * 2.0 * MLP_BATCH * macs))
        log(out[-1])

    out += cnn_step(torch, openblas, runs, target, thread_counts)

    torch.set_num_threads(1)
    a = torch.randn(1, requires_grad=True)
    b = torch.randn(1, requires_grad=True)

    def add_sum_backward():
        (a + b).sum().backward()

    for name, fn in (("SmallOpBench.add", lambda: a + b), ("SmallOpBench.addSumBackward", add_sum_backward)):
        med, samples = measure(fn, runs, target)
        out.append(result("torch", name, {}, 1, med, samples))
        log(out[-1])
    return out


def cnn_step(torch, openblas, runs, target, thread_counts):
    """The CNN step of CnnStepBench: the model of slope's Models.build("cnn", ...), fused Adam as slope's."""
    out = []
    F = torch.nn.functional
    c, h, w = CNN_IMAGE
    macs = CNN_BATCH * (8 * c * 9 * h * w + 16 * 8 * 9 * (h // 2) * (w // 2) + 16 * (h // 4) * (w // 4) * CNN_CLASSES)
    for threads in thread_counts:
        torch.set_num_threads(threads)
        openblas.set_threads(threads)
        torch.manual_seed(SEED)
        nn = torch.nn
        model = nn.Sequential(nn.Conv2d(c, 8, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(8, 16, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(16 * (h // 4) * (w // 4), CNN_CLASSES))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        x = torch.randn(CNN_BATCH, c, h, w)
        y = torch.randint(0, CNN_CLASSES, (CNN_BATCH,))

        def step():
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            return loss.item()

        med, samples = measure(step, runs, target)
        out.append(result("torch", "CnnStepBench.step", {}, threads, med, samples, flops=3 * 2.0 * macs))
        log(out[-1])
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default="out/bench/peers.json", help="JSON file to write (default %(default)s)")
    p.add_argument("--quick", action="store_true", help="smoke run: 3 short runs, matmul 64/256, sizes 1e3 and 1e7")
    p.add_argument("--runs", type=int, help="timed runs per figure (default 7, quick 3)")
    p.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    args = p.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    target = 0.05 if args.quick else 0.3

    machine = cpu_info()
    preset = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                                          "OMP_NUM_THREADS") if k in os.environ}
    if "OPENBLAS_CORETYPE" in preset or "OPENBLAS_L2_SIZE" in preset:
        print("peers.py: OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are set; run with "
              "`env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE` to measure OpenBLAS's own kernel choice", file=sys.stderr)
    import numpy as np
    openblas = OpenBlas()
    machine.update(python=platform.python_version(), executable=sys.executable, numpy=np.__version__,
                   blas=blas_info(np, openblas), environment=preset)
    torch = None
    if not args.no_torch:
        try:
            import torch
            torch.set_num_threads(1)
            cap = [l.split(":", 1)[1].strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
            machine.update(torch=torch.__version__, torch_cpu_capability=cap[0] if cap else "?")
        except ImportError:
            print("peers.py: no PyTorch (Debian: python3-torch); its figures are left out", file=sys.stderr)
            torch = None
    print(f"peers on {machine['cpu_model']} ({machine['cpu_family_model']}, {machine['simd']}), {machine['cores']} cores; "
          f"numpy {np.__version__}, OpenBLAS kernel {machine['blas']['kernel']}"
          + (f", torch {torch.__version__} ({machine['torch_cpu_capability']})" if torch else "")
          + f"; load average {machine['load_average']}", flush=True)

    results = numpy_benchmarks(np, openblas, QUICK_MATMUL_N if args.quick else MATMUL_N,
                               QUICK_SIZES if args.quick else SIZES, runs, target)
    if torch is not None:
        results += torch_benchmarks(torch, openblas, runs, target, [t for t in (1, 2) if t <= (os.cpu_count() or 1)])
    machine["blas"]["openblas_after"] = openblas.info()

    doc = {"tool": "peers.py", "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
           "settings": {"quick": args.quick, "runs": runs, "seconds_per_run": target},
           "machine": machine, "results": results}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=2)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
