#!/usr/bin/env bash
# Times the main job as a whole process, start-up included, beside the same job in PyTorch, in one
# run on this machine: `./slope train` (with and without the JDK's AOT cache) and
# examples/src/main/python/train_digits.py (an MLP 64-128-10, Adam, cosine, 15 epochs of batch 32 on
# the same digits, a checkpoint per epoch, CSV and two PNG plots), each with its floor: the JVM
# starting slope (`./slope --version`) and Python importing torch. hyperfine runs each command
# (1 warm-up run, then --runs N, 10 by default) and the report gives medians, CPU time and the
# ratios to PyTorch, in out/startup/report.md.
#
#   ./startup.sh [--runs N]
#
# Needs hyperfine and Debian's python3-torch (and python3-matplotlib for PyTorch's plots):
#   apt-get install hyperfine python3-torch python3-matplotlib
set -euo pipefail
cd "$(dirname "$0")"
runs=10
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "startup.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
python=/usr/bin/python3   # Debian's, with python3-torch (not a pyenv python3 first on PATH)
command -v hyperfine >/dev/null || { echo "startup.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
"$python" -c "import torch" 2>/dev/null || { echo "startup.sh: needs Debian's python3-torch for $python" >&2; exit 2; }

out=out/startup
mkdir -p "$out"
./slope --version >/dev/null   # builds the jars and the AOT cache if they are missing or stale
echo "== $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 1 --runs "$runs" --export-json "$out/hyperfine.json" \
  -n "slope: ./slope train" "./slope train --quiet --out $out/slope" \
  -n "slope without the AOT cache" "env SLOPE_AOT=0 ./slope train --quiet --out $out/slope-no-aot" \
  -n "PyTorch: train_digits.py" "$python examples/src/main/python/train_digits.py --out $out/torch" \
  -n "floor: ./slope --version" "./slope --version" \
  -n "floor: python3 -c 'import torch'" "$python -c 'import torch'"
"$python" - "$out/hyperfine.json" <<'EOF' | tee "$out/report.md"
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
torch = next(r for r in results if r["command"].startswith("PyTorch"))
t_med = statistics.median(torch["times"])
print("| command | median wall (s) | min-max (s) | mean CPU, user + sys (s) | wall / PyTorch's |")
print("|---|---:|---:|---:|---:|")
for r in results:
    med = statistics.median(r["times"])
    cpu = r["user"] + r["system"]
    print(f"| {r['command']} | {med:.2f} | {min(r['times']):.2f}-{max(r['times']):.2f} | {cpu:.2f} | {med / t_med:.2f}x |")
EOF
