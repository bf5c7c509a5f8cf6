#!/usr/bin/env bash
# bench_corr.sh: the stats correlations against scipy/numpy, side by side in one run on the same data.
#
#   bash stats/testdata/bench_corr.sh            # n = 1e6 and 1e7, best of 3 on each side
#   SIZES=1000000 bash stats/testdata/bench_corr.sh
#
# 1. ../shared/bench/scipy_corr.py draws the data (seeded numpy, rounded to 2 decimals: many ties),
#    times scipy.stats.pearsonr, spearmanr, kendalltau and numpy.corrcoef (best of 3) and writes the
#    arrays as raw little-endian float64 (x_<n>.f64, y_<n>.f64) to $OUT.
# 2. go test runs BenchmarkScipyData on those very arrays (-benchtime 1x -count 3: three single runs).
# 3. A summary prints both sides, the ratios, Go's bytes allocated per call and both statistics.
#
# Needs Debian's python3-numpy and python3-scipy (/usr/bin/python3). Environment: SIZES, OUT
# (default /tmp/insitu-bench-corr), INSITU_SHARED (default: ../shared beside the module root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${INSITU_SHARED:-$root/../shared}
sizes=${SIZES:-1000000,10000000}
out=${OUT:-/tmp/insitu-bench-corr}
mkdir -p "$out"

echo "== scipy/numpy: $shared/bench/scipy_corr.py --sizes $sizes --repeat 3 --dump-dir $out" >&2
/usr/bin/python3 "$shared/bench/scipy_corr.py" --sizes "$sizes" --repeat 3 --dump-dir "$out" | tee "$out/scipy.jsonl"

echo "== go: INSITU_BENCH_CORR_DIR=$out go test -run '^\$' -bench '^BenchmarkScipyData\$' -benchmem -benchtime 1x -count 3 ./stats" >&2
(cd "$root" && INSITU_BENCH_CORR_DIR="$out" go test -run '^$' -bench '^BenchmarkScipyData$' -benchmem \
	-benchtime 1x -count 3 -timeout 30m ./stats) | tee "$out/go.txt"

/usr/bin/python3 - "$out" <<'EOF'
import json, re, sys
out = sys.argv[1]
py = {}
for line in open(out + "/scipy.jsonl"):
    r = json.loads(line)
    if "seconds" in r:
        py[(r["task"], r["n"])] = r
go, stat = {}, {}
name = None
for line in open(out + "/go.txt"):
    m = re.match(r"BenchmarkScipyData/(\w+)/n=(\d+)-\d+\s+\d+\s+(\d+) ns/op.*?(\d+) B/op", line)
    if m:
        key = (m[1], int(m[2]))
        sec, bop = int(m[3]) / 1e9, int(m[4])
        best = go.get(key)
        go[key] = (min(sec, best[0]), min(bop, best[1])) if best else (sec, bop)
        continue
    m = re.search(r"BenchmarkScipyData/(\w+)/n=(\d+)", line)
    if m:
        name = (m[1], int(m[2]))
    m = re.search(r"statistic=(\S+) pvalue=(\S+)", line)
    if m and name:
        stat[name] = (float(m[1]), float(m[2]))
peer = {"pearson": ["pearsonr", "corrcoef"], "spearman": ["spearmanr"], "kendall": ["kendalltau"]}
print("\n| method | n | Go s (best of 3) | Go B/op (least of 3) | peer | peer s (best of 3) | peer / Go | Go statistic | peer statistic |")
print("|---|---|---|---|---|---|---|---|---|")
for (meth, n), (sec, bop) in sorted(go.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    for p in peer[meth]:
        r = py.get((p, n))
        if not r:
            continue
        s = stat.get((meth, n), (float("nan"),))[0]
        print(f"| {meth} | {n:.0e} | {sec:.4f} | {bop} | {p} | {r['seconds']:.4f} | {r['seconds'] / sec:.2f}× | {s:.15f} | {r['statistic']:.15f} |")
EOF
