#!/usr/bin/env bash
# Measures slope's CPU speed beside this machine's limits and its peers, in one run on this machine:
# builds slope, runs `slope bench` (JMH, plus the FMA peak and triad bandwidth), runs the numpy and
# PyTorch peers (examples/src/main/python/peers.py, Debian's python3) and prints the speed
# tables of docs/speed.md (report.py), also written to OUT/report.md.
#
#   ./bench.sh                 the full suite (about 20 minutes on 2 cores: JMH 2 forks x (5 + 5) s per case)
#   ./bench.sh --quick         a smoke run of about 2 minutes: 1 fork, short iterations, a subset of sizes
#   ./bench.sh --out DIR       results elsewhere than out/bench
#   ./bench.sh [--quick] -- --include Matmul --param n=1024
#                              everything after -- goes to `slope bench` (see `slope bench --help`)
#   ./bench.sh --skip-slope    peers and report only;  --skip-peers: slope and report only
#
# Run it on a quiet machine: another job on the 2 cores lowers every figure (the load average before
# the run is printed with the results). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for the peers'
# command alone; tests and CI keep them as they are.
set -euo pipefail
cd "$(dirname "$0")"

out=out/bench
quick=()
skip_slope=false
skip_peers=false
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --out) out="${2:?--out needs a folder}"; shift ;;
    --skip-slope) skip_slope=true ;;
    --skip-peers) skip_peers=true ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$out" in *[[:space:]]*) echo "bench.sh: --out must not contain spaces" >&2; exit 2 ;; esac
python=/usr/bin/python3   # Debian's, with python3-numpy and python3-torch (not a pyenv python3 first on PATH)

mkdir -p "$out"
start=$SECONDS
if ! $skip_slope; then
  echo "== slope bench (JMH; the JVM forks JDK 25 through exec:exec)"
  # (sed drops the colour resets that Debian's Maven prints even in batch mode)
  mvn -B -q -DskipTests package exec:exec -pl examples -am \
    -Dslope.args="bench --out $out ${quick[*]} ${bench_args[*]}" 2>&1 | sed -u 's/\x1b\[0m//g'
fi
if ! $skip_peers; then
  echo "== peers: numpy/OpenBLAS and PyTorch ($python)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" examples/src/main/python/peers.py --out "$out/peers.json" "${quick[@]}"
fi
echo "== report ($((SECONDS - start)) s)"
echo
"$python" examples/src/main/python/report.py --slope "$out/slope.json" --peers "$out/peers.json" --out "$out/report.md"
