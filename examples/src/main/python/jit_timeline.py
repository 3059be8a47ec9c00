#!/usr/bin/python3
"""When the JIT compiles what: a timeline of HotSpot's compilations from a LogCompilation file (issue 18).

Why a cold MLP step is slow is a question of when C2 compiles its Vector API kernels: before that they
run in the interpreter or C1, where every vector is an object. This script reads the XML log that

    java -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=jit.xml ...

writes, and prints for each compilation of a method whose name contains PATTERN (default: slope's
classes) when it was queued, when a compiler thread took it, when it was installed, how long it waited
and how long it took (seconds since JVM start), its tier (1-3 C1, 4 C2) and whether it was on-stack
replacement (OSR). Then, per tier, the compilers' busy time in all and by package (slope, the Vector API,
the JDK), and C2's busy time per quarter second: a C2 thread busy all the time means compilations queue.

    /usr/bin/python3 examples/src/main/python/jit_timeline.py jit.xml [--pattern Sgemm] [--tier 4]
"""

import argparse
import collections
import re

QUEUED = re.compile(r"<task_queued ([^>]*)>")
TASK = re.compile(r"<task ([^>]*)>(.*?)<task_done ([^>]*)/>", re.S)


def attrs(text):
    """The attributes of one XML element as a dict of strings."""
    return dict(re.findall(r"(\w+)='([^']*)'", text))


def compilations(log):
    """Each compilation as a dict: id, method, tier, osr, queued, start, done (seconds), ok."""
    found = {}
    for m in QUEUED.finditer(log):
        a = attrs(m.group(1))
        found[a["compile_id"]] = {"id": int(a["compile_id"]), "method": a["method"], "tier": int(a.get("level", 4)),
                                  "osr": a.get("compile_kind") == "osr", "queued": float(a["stamp"])}
    for m in TASK.finditer(log):
        a, done = attrs(m.group(1)), attrs(m.group(3))
        c = found.setdefault(a["compile_id"], {"id": int(a["compile_id"]), "method": a["method"],
                                               "tier": int(a.get("level", 4)), "osr": "osr_bci" in a,
                                               "queued": float(a["stamp"])})
        c.update(start=float(a["stamp"]), done=float(done["stamp"]), ok=done.get("success") == "1")
    return sorted((c for c in found.values() if "done" in c), key=lambda c: c["queued"])


def package(method):
    """slope, vector (the Vector API and its VM support) or jdk: where a compiled method comes from."""
    if method.startswith("dev.slope."):
        return "slope"
    if method.startswith(("jdk.incubator.vector.", "jdk.internal.vm.vector.")):
        return "vector"
    return "jdk"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("log", help="the file of -XX:LogFile")
    p.add_argument("--pattern", default="dev.slope.", help="list the compilations of methods containing this")
    p.add_argument("--tier", type=int, help="list only this tier (4: C2)")
    args = p.parse_args()
    with open(args.log, errors="replace") as f:
        all_ = compilations(f.read())
    print(" queued   start    done    wait    took tier     method")
    for c in all_:
        if args.pattern in c["method"] and (args.tier is None or c["tier"] == args.tier):
            name = " ".join(c["method"].split(" ")[:2]).replace("dev.slope.autograd.backend.cpu.", "")
            print(f"{c['queued']:7.3f} {c['start']:7.3f} {c['done']:7.3f} {c['start'] - c['queued']:7.3f} "
                  f"{c['done'] - c['start']:7.3f}  {c['tier']}{' OSR' if c['osr'] else '    '}  {name}{'' if c['ok'] else ' (failed)'}")
    busy = collections.defaultdict(float)
    for c in all_:
        busy[(c["tier"] == 4, package(c["method"]))] += c["done"] - c["start"]
    for c2 in (False, True):
        parts = ", ".join(f"{pkg} {busy[(c2, pkg)]:.2f} s" for pkg in ("slope", "vector", "jdk"))
        print(f"{'C2' if c2 else 'C1'} busy {sum(busy[(c2, pkg)] for pkg in ('slope', 'vector', 'jdk')):.2f} s: {parts}")
    quarters = collections.defaultdict(float)
    for c in all_:
        if c["tier"] == 4:
            quarters[int(c["done"] * 4)] += c["done"] - c["start"]
    print("C2 busy per quarter second (ending at): " + ", ".join(f"{(q + 1) / 4:.2f} s {t:.2f}" for q, t in sorted(quarters.items())))


if __name__ == "__main__":
    main()
