#!/usr/bin/env bash
# Point-in-polygon side by side: shapely 1.8 (../shared/bench/shapely_pip.py) and geo.Filter
# on the 3.25 M positions of a full-size Argo profile index, one after the other, best of 3.
#
#   geo/testdata/bench_pip.sh [BIG_DIR] [PIP_DIR]
#
# BIG_DIR (default /tmp/bigindex) holds ar_index_global_prof.txt; it is generated with
# make_big_index.py when missing (40-50 s, 2.5 GB RAM). PIP_DIR (default /tmp/pip) receives
# shapely's matching rows and polygons, which TestShapelyBigIndex then compares with geo's.
# Set LOOP=1 to also time shapely's prepared-geometry Python loop (about 25 s per polygon).
# Needs Debian's python3-shapely python3-pandas python3-numpy (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIG=${1:-/tmp/bigindex}
PIP=${2:-/tmp/pip}
BENCH=../shared/bench
INDEX=$BIG/ar_index_global_prof.txt

if [ ! -f "$INDEX" ]; then
	/usr/bin/python3 "$BENCH/make_big_index.py" --out-dir "$BIG" --no-gz
fi

echo "== shapely: min of 3 runs per method (shapely_pip.py --repeat 3)"
skip=--skip-loop
if [ "${LOOP:-0}" = 1 ]; then skip=; fi
/usr/bin/python3 "$BENCH/shapely_pip.py" "$INDEX" --out-dir "$PIP" --repeat 3 $skip

echo "== geo: go test -bench BenchmarkPIP, 3 runs of 50 iterations, min reported"
export INSITU_BIG_INDEX=$INDEX INSITU_PIP_DIR=$PIP
go test -count=1 -run '^TestShapelyBigIndex$' -v ./geo/ | grep -E '^(---|ok|FAIL)|positions'
go test -run '^$' -bench '^BenchmarkPIP$' -benchtime 50x -count 3 ./geo/ |
	awk '/^BenchmarkPIP/ { n = $1; t = $3; if (!(n in best) || t < best[n]) best[n] = t }
	     END { for (n in best) printf "%-30s %10.3f ms\n", n, best[n] / 1e6 }' | sort
