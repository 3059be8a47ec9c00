#!/usr/bin/env bash
# Regenerates the lecture gallery (docs/lectures.md): runs every demonstration (`slope lecture all`) into
# docs/lectures/NAME/ (PNG plots, DOT graphs, CSV data) and keeps what they printed in
# docs/lectures/output.txt. The PNG and DOT files and output.txt are committed; the CSV files are
# not (some are megabytes; rerun to get them). About a minute on 2 cores. Graphviz (Debian:
# graphviz) renders the backprop graphs to PNG; without it they stay DOT files.
#
#   ./lectures.sh              every demonstration, full mode
#   ./lectures.sh --quick      the tests' quick mode (fewer steps and seeds)
set -euo pipefail
cd "$(dirname "$0")"
extra=""
[ "${1:-}" = "--quick" ] && extra=" --quick"
rm -rf docs/lectures
mkdir -p docs/lectures
mvn -B -q -DskipTests package exec:exec -pl examples -am -Dslope.args="lecture all --out docs/lectures$extra" \
  | grep -v '^WARNING: Using incubator modules' | sed 's/\x1b\[[0-9;]*m//g' | tee docs/lectures/output.txt.tmp
mv docs/lectures/output.txt.tmp docs/lectures/output.txt
