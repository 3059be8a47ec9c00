#!/usr/bin/python3
"""The speed tables of docs/speed.md, in Markdown, from one run of `slope bench` (slope.json) and peers.py (peers.json).

Every figure stands beside what judges it, all measured in the same run on the same machine (the
machines differ: AVX-512 or AVX2, shared cores): matmul GFLOP/s as a fraction of the FMA peak and
beside numpy/OpenBLAS; element-wise and reduction GB/s as a fraction of the triad bandwidth and beside
numpy; the MLP step and the small autograd ops as a ratio of PyTorch's time. The report opens with a
Targets table: each target of issues 7 and 18 with its ratio from this one run, met or missed ("not run"
where its benchmark was not in the run), under the CPU model.

    /usr/bin/python3 examples/src/main/python/report.py --slope out/bench/slope.json --peers out/bench/peers.json
"""

import argparse
import json
import os
import sys

# (benchmark, params) -> target; ratios of throughput ("at least") or of time ("at most").
MATMUL_TARGETS = {("F32", 1024): "≥ 0.95x OpenBLAS, ≥ 75% of peak", ("F64", 1024): "≥ 0.9x OpenBLAS"}
ELEMENTWISE_TARGET = 0.70      # of the triad bandwidth, on arrays larger than the caches
MLP_TARGET = 0.6               # slope's time / PyTorch's best time
MLP_COLD_TARGET = 1.3          # the MLP step after 50 warm-up steps / its steady state (time)
CNN_TARGET = 1.0               # the CNN step: slope's time / PyTorch's best time
SMALL_TARGETS = {"SmallOpBench.add": 0.25, "SmallOpBench.addSumBackward": 0.2}
SMALL_NAMES = {"SmallOpBench.add": "`a + b`", "SmallOpBench.addSumBackward": "`(a + b).sum().backward()`"}


def fmt_time(seconds):
    """A time in the unit that reads best: 812 ns, 3.41 us, 1.20 ms, 2.05 s."""
    if seconds is None:
        return "–"
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} us"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_num(x, digits=1):
    return "–" if x is None else f"{x:,.{digits}f}"


def fmt_pct(x):
    return "–" if x is None else f"{100 * x:.0f}%"


def fmt_ratio(x):
    return "–" if x is None else f"{x:.2f}x"


def div(a, b):
    return None if a is None or b is None or b == 0 else a / b


def table(headers, rows):
    """A Markdown table, first column left-aligned and the others right-aligned; a line if there are no rows."""
    if not rows:
        return "(not measured in this run)"
    out = ["| " + " | ".join(headers) + " |",
           "|" + "|".join("---:" if i else "---" for i in range(len(headers))) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def elements(n):
    """1000 -> 1e3, 10000000 -> 1e7; other counts with separators."""
    s = str(n)
    if s.startswith("1") and set(s[1:]) <= {"0"} and len(s) > 3:
        return f"1e{len(s) - 1}"
    return f"{int(n):,}"


class Run:
    """One JSON document (slope's or the peers') with look-ups by benchmark and parameters."""

    def __init__(self, doc):
        self.doc = doc or {}
        self.results = self.doc.get("results", [])

    def find(self, benchmark, threads=None, **params):
        want = {k: str(v) for k, v in params.items()}
        for r in self.results:
            if r["benchmark"] == benchmark and all(r.get("params", {}).get(k) == v for k, v in want.items()) \
                    and (threads is None or r.get("threads") == threads):
                return r
        return None

    def limit(self, name, threads=None):
        """The named limit (fma-f32, fma-f64, triad) on `threads`, or the most any thread count reached
        (2 threads on a quiet machine; 1 where another job held the second core meanwhile)."""
        found = [f["median"] for f in self.doc.get("limits", []) if f["name"] == name and (threads is None or f["threads"] == threads)]
        return max(found) if found else None

    def params(self, benchmark, key):
        vals = {r["params"][key] for r in self.results if r["benchmark"] == benchmark and key in r.get("params", {})}
        return sorted(vals, key=lambda v: (len(v), v))


def seconds(r):
    return None if r is None else r["seconds"]


def throughput(r):
    return None if r is None else r.get("throughput")


def header(slope, peers):
    m, p = slope.doc.get("machine", {}), peers.doc.get("machine", {})
    cpu = m.get("cpuModel") or p.get("cpu_model", "?")
    fam = m.get("cpuFamilyModel") or p.get("cpu_family_model", "?")
    lines = [f"Measured on **{cpu}** ({fam}, {m.get('simd') or p.get('simd', '?')}, L3 {m.get('l3', '?')}, "
             f"{m.get('cores') or p.get('cores', '?')} cores), {slope.doc.get('date', '?')[:10]}."]
    if m:
        lines.append(f"slope: {m.get('java')}, backend {m.get('backend')}; Vector API preferred species "
                     f"{m.get('vectorBits')}-bit ({m.get('floatLanes')} float, {m.get('doubleLanes')} double lanes); "
                     f"load average before the run {m.get('loadAverage')}.")
    if p:
        blas = p.get("blas", {}).get("openblas", {})
        lines.append(f"Peers: numpy {p.get('numpy', '?')} on OpenBLAS "
                     f"{(blas.get('config') or '?').split(' ')[1] if blas.get('config') else '?'} "
                     f"(kernel {p.get('blas', {}).get('kernel', '?')}), PyTorch {p.get('torch', '–')} "
                     f"({p.get('torch_cpu_capability', '?')}); OPENBLAS_CORETYPE/L2_SIZE "
                     f"{'set: ' + str(p.get('environment')) if any(k in p.get('environment', {}) for k in ('OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE')) else 'unset'}.")
        if m and p.get("cpu_model") and (p.get("cpu_model") != m.get("cpuModel") or p.get("cpu_family_model") != m.get("cpuFamilyModel")):
            lines.append("**Warning: slope and the peers ran on different CPUs; the ratios mean nothing.**")
    if slope.doc.get("settings", {}).get("quick") or peers.doc.get("settings", {}).get("quick"):
        lines.append("**Quick smoke run** (1 fork, few short iterations, a subset of sizes): not figures to quote.")
    else:
        n = sorted({r.get("samples") for r in slope.results if isinstance(r.get("samples"), int)})
        runs = peers.doc.get("settings", {}).get("runs")
        lines.append(f"Each figure is a median: slope's over {'/'.join(map(str, n)) or '?'} measured JMH iterations "
                     f"(all forks)" + (f", the peers' over {runs} timed runs." if runs else "."))
    return "\n".join(lines)


def limits_table(slope):
    rows = []
    for name, label, unit in (("fma-f32", "FMA peak, F32", "GFLOP/s"), ("fma-f64", "FMA peak, F64", "GFLOP/s"),
                              ("triad", "triad bandwidth", "GB/s")):
        cells = []
        for threads in (1, 2):
            f = [f for f in slope.doc.get("limits", []) if f["name"] == name and f["threads"] == threads]
            cells.append(f"{fmt_num(f[0]['median'])} {unit} (best {fmt_num(f[0]['best'])})" if f else "–")
        if cells != ["–", "–"]:
            rows.append([label] + cells)
    return table(["machine limit, same run: median (best)", "1 thread", "2 threads"], rows)


def matmul_pairs(slope, peers, benchmark, key):
    """(parameter, dtype, slope's result, OpenBLAS's result, FMA peak) of each product that either side measured."""
    for dtype in ("F32", "F64"):
        peak = slope.limit("fma-" + dtype.lower())
        for v in slope.params(benchmark, key) or peers.params(benchmark, key):
            s, p = slope.find(benchmark, dtype=dtype, **{key: v}), peers.find(benchmark, dtype=dtype, **{key: v})
            if s is not None or p is not None:
                yield v, dtype, s, p, peak


def matmul_table(slope, peers):
    rows = [[n, dtype, fmt_time(seconds(s)), fmt_num(throughput(s)), fmt_pct(div(throughput(s), peak)),
             fmt_num(throughput(p)), fmt_pct(div(throughput(p), peak)), fmt_ratio(div(throughput(s), throughput(p))),
             MATMUL_TARGETS.get((dtype, int(n)), "")] for n, dtype, s, p, peak in matmul_pairs(slope, peers, "MatmulBench.matmul", "n")]
    return table(["n", "dtype", "slope time", "slope GFLOP/s", "of FMA peak", "OpenBLAS GFLOP/s", "of FMA peak",
                  "slope / OpenBLAS", "target"], rows)


def elementwise_table(slope, peers, suffix=""):
    triad = slope.limit("triad")
    rows = []
    for op in ("add", "mul", "exp"):
        name = "ElementwiseBench." + op + suffix
        for size in slope.params(name, "size") or peers.params(name, "size"):
            s, p = slope.find(name, size=size), peers.find(name, size=size)
            frac = div(throughput(s), triad)
            target = f"≥ {ELEMENTWISE_TARGET:.0%} of triad" + verdict_at_least(frac, ELEMENTWISE_TARGET) \
                if int(size) >= 10_000_000 else ""
            rows.append([op, elements(size), fmt_time(seconds(s)), fmt_num(throughput(s)), fmt_pct(frac),
                         fmt_time(seconds(p)), fmt_num(throughput(p)), fmt_ratio(div(seconds(p), seconds(s))), target])
    return table(["op", "elements", "slope time", "slope GB/s", "of triad", "numpy time", "numpy GB/s",
                  "numpy time / slope time", "target"], rows)


def reduction_table(slope):
    triad = slope.limit("triad")
    rows = []
    for method, label in (("sumLast", "sum, last axis"), ("sumAll", "sum, all"),
                          ("logSumExpLast", "logSumExp, last axis"), ("logSumExpAll", "logSumExp, all")):
        name = "ReductionBench." + method
        for size in slope.params(name, "size"):
            s = slope.find(name, size=size)
            rows.append([label, f"{s.get('elements', size):,}", fmt_time(seconds(s)), fmt_num(throughput(s)),
                         fmt_pct(div(throughput(s), triad))])
    return table(["op (F32, rows of 1024)", "elements", "slope time", "GB/s (one read)", "of triad"], rows)


def mlp_table(slope, peers):
    peak = slope.limit("fma-f32")
    s = slope.find("MlpStepBench.step")
    torch = [r for r in peers.results if r["benchmark"] == "MlpStepBench.step"]
    best = min(torch, key=lambda r: r["seconds"]) if torch else None
    if s is None and not torch:
        return table([], [])
    rows = [["slope", fmt_time(seconds(s)), fmt_num(throughput(s)), fmt_pct(div(throughput(s), peak)), ""]]
    for r in sorted(torch, key=lambda r: r["threads"]):
        rows.append([f"PyTorch, {r['threads']} thread{'s' if r['threads'] > 1 else ''}" + (" (best)" if r is best else ""),
                     fmt_time(r["seconds"]), fmt_num(r.get("throughput")), fmt_pct(div(r.get("throughput"), peak)), ""])
    ratio = div(seconds(s), seconds(best))
    rows.append(["**slope / PyTorch's best (time)**", fmt_ratio(ratio), "", "", f"≤ {MLP_TARGET}x" + verdict(ratio, MLP_TARGET)])
    return table(["MLP 784-256-128-10, batch 128, Adam: one step", "time", "GFLOP/s", "of F32 FMA peak", "target"], rows)


def small_table(slope, peers):
    rows = []
    for name, target in SMALL_TARGETS.items():
        s, p = slope.find(name), peers.find(name)
        if s is None and p is None:
            continue
        ratio = div(seconds(s), seconds(p))
        rows.append([SMALL_NAMES[name], fmt_time(seconds(s)), fmt_time(seconds(p)), fmt_ratio(ratio),
                     f"≤ {target}x" + verdict(ratio, target)])
    return table(["1-element F32, requires_grad", "slope", "PyTorch", "slope / PyTorch (time)", "target"], rows)


def small_matmul(run, dtype, n):
    """The square product n x n of one run: SmallMatmulBench's, else MatmulBench's (runs that had only one of them)."""
    return run.find("SmallMatmulBench.matmul", shape=n, dtype=dtype) or run.find("MatmulBench.matmul", n=n, dtype=dtype)


def best_time(run, benchmark):
    """The fastest result of a benchmark over its thread counts (PyTorch's best, as a user would pick it), or None."""
    found = [r for r in run.results if r["benchmark"] == benchmark]
    return min(found, key=lambda r: r["seconds"]) if found else None


def target_row(label, value, goal, met):
    """A row of the Targets table: the measured figure, the goal and whether it is met ("not run" without a figure)."""
    if value is None:
        return [label, "not run", goal, "–"]
    return [label, value, goal, "met" if met else "missed"]


def targets_table(slope, peers):
    """Each target of issues 7 and 18 with its ratio from this one run, met or missed."""
    rows = []
    for n, goal in ((64, 0.9), (256, 1.0)):
        r = div(throughput(small_matmul(slope, "F32", n)), throughput(small_matmul(peers, "F32", n)))
        rows.append(target_row(f"small matmul F32 n = {n}: slope / OpenBLAS (GFLOP/s)", r and fmt_ratio(r), f"≥ {goal:.1f}x",
                               r is not None and r >= goal))
    peak = slope.limit("fma-f32")
    s, p = slope.find("MatmulBench.matmul", n=1024, dtype="F32"), peers.find("MatmulBench.matmul", n=1024, dtype="F32")
    r, f = div(throughput(s), throughput(p)), div(throughput(s), peak)
    rows.append(target_row("matmul F32 n = 1024: slope / OpenBLAS, of the FMA peak", r and f and f"{fmt_ratio(r)}, {fmt_pct(f)}",
                           "≥ 0.95x, ≥ 75%", r is not None and f is not None and r >= 0.95 and f >= 0.75))
    r = div(throughput(slope.find("MatmulBench.matmul", n=1024, dtype="F64")), throughput(peers.find("MatmulBench.matmul", n=1024, dtype="F64")))
    rows.append(target_row("matmul F64 n = 1024: slope / OpenBLAS", r and fmt_ratio(r), "≥ 0.9x", r is not None and r >= 0.9))
    for label, num, den, goal in (
            ("CNN step: slope / PyTorch's best (time)", seconds(slope.find("CnnStepBench.step")),
             seconds(best_time(peers, "CnnStepBench.step")), CNN_TARGET),
            ("MLP step after 50 steps / steady state (time)", seconds(slope.find("MlpColdBench.after50")),
             seconds(slope.find("MlpStepBench.step")), MLP_COLD_TARGET),
            ("MLP step, steady: slope / PyTorch's best (time)", seconds(slope.find("MlpStepBench.step")),
             seconds(best_time(peers, "MlpStepBench.step")), MLP_TARGET)):
        r = div(num, den)
        rows.append(target_row(label, r and fmt_ratio(r), f"≤ {goal}x", r is not None and r <= goal))
    triad = slope.limit("triad")
    for op in ("add", "mul", "exp"):
        f = div(throughput(slope.find(f"ElementwiseBench.{op}Out", size=10_000_000)), triad)
        rows.append(target_row(f"element-wise {op} 1e7 into an existing output: of the triad", f and fmt_pct(f),
                               f"≥ {ELEMENTWISE_TARGET:.0%}", f is not None and f >= ELEMENTWISE_TARGET))
    for name, goal in SMALL_TARGETS.items():
        r = div(seconds(slope.find(name)), seconds(peers.find(name)))
        rows.append(target_row(f"{SMALL_NAMES[name]} through autograd: slope / PyTorch (time)", r and fmt_ratio(r), f"≤ {goal}x",
                               r is not None and r <= goal))
    return table(["target (ratio from this run)", "measured", "goal", "verdict"], rows)


def cpu_line(slope, peers):
    """The CPU model (lscpu's "Model name", /proc/cpuinfo's "model name") and its widest vector flag."""
    m, p = slope.doc.get("machine", {}), peers.doc.get("machine", {})
    simd = m.get("simd") or p.get("simd")
    flag = {"AVX-512": "avx512f", "AVX2": "avx2"}.get(simd, simd or "?")
    return f"CPU: **{m.get('cpuModel') or p.get('cpu_model', '?')}** ({m.get('cpuFamilyModel') or p.get('cpu_family_model', '?')}), flags: {flag}."


def small_matmul_table(slope, peers):
    rows = [[shape, dtype, fmt_time(seconds(s)), fmt_num(throughput(s)), fmt_pct(div(throughput(s), peak)),
             fmt_time(seconds(p)), fmt_num(throughput(p)), fmt_ratio(div(throughput(s), throughput(p)))]
            for shape, dtype, s, p, peak in matmul_pairs(slope, peers, "SmallMatmulBench.matmul", "shape")]
    return table(["m x k x n (or n)", "dtype", "slope time", "slope GFLOP/s", "of FMA peak", "OpenBLAS time", "OpenBLAS GFLOP/s",
                  "slope / OpenBLAS"], rows)


def verdict(ratio, at_most):
    return "" if ratio is None else (" (met)" if ratio <= at_most else " (missed)")


def verdict_at_least(value, at_least):
    return "" if value is None else (" (met)" if value >= at_least else " (missed)")


def report(slope_doc, peers_doc):
    slope, peers = Run(slope_doc), Run(peers_doc)
    parts = ["## Targets", "", cpu_line(slope, peers), "", targets_table(slope, peers), "",
             "## Speed", "", header(slope, peers), "", limits_table(slope), "",
             "### Matmul, c = a @ b (n x n)", "", matmul_table(slope, peers), "",
             "### Small products (SmallMatmulBench: squares and the MLP 784-256-128-10's products at batch 128;"
             " /At, /Bt: a transposed operand)", "", small_matmul_table(slope, peers), "",
             "### Element-wise, F32, a new output (GB/s as STREAM counts: add/mul 12, exp 8 bytes an element)", "",
             elementwise_table(slope, peers), "",
             "### Element-wise, F32, into an existing output (`x.add(y, out)`; numpy's `out=`)", "",
             elementwise_table(slope, peers, "Out"), "",
             "### Reductions", "", reduction_table(slope), "",
             "(1e7 F32 elements are 40 MB an array: where the L3 is 32 MB, part of an input stays cached between"
             " calls, so a reduction, which only reads, can pass the triad figure.)", "",
             "### MLP training step", "", mlp_table(slope, peers), "",
             "### One small op through autograd", "", small_table(slope, peers), ""]
    return "\n".join(parts)


def load(path, what):
    if not path or not os.path.exists(path):
        print(f"report.py: no {what} at {path}; its columns are left empty", file=sys.stderr)
        return None
    with open(path) as f:
        return json.load(f)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--slope", default="out/bench/slope.json", help="slope bench's JSON (default %(default)s)")
    p.add_argument("--peers", default="out/bench/peers.json", help="peers.py's JSON (default %(default)s)")
    p.add_argument("--out", help="also write the Markdown to this file")
    args = p.parse_args()
    text = report(load(args.slope, "slope results"), load(args.peers, "peer results"))
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
