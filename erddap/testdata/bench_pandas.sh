#!/bin/sh
# Side-by-side benchmark of the erddap package's .csv decoder and pandas on
# the same generated 1,000,000-row, 10-column ERDDAP .csv response (names
# line, units line, ISO times, NaN), in one run.
#
#   sh erddap/testdata/bench_pandas.sh          # from the module root
#   COUNT=5 sh erddap/testdata/bench_pandas.sh  # more repetitions
#
# The file is written to a temporary directory (never committed) by
# TestWriteBenchCSV, a pure function of the row count.
set -eu
cd "$(dirname "$0")/../.."
count=${COUNT:-3}
py=${PYTHON:-/usr/bin/python3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
f="$dir/bench1m.csv"
ERDDAP_BENCH_CSV="$f" ERDDAP_BENCH_WRITE=1 go test -count=1 -run '^TestWriteBenchCSV$' ./erddap/ >/dev/null
echo "file: $(wc -c <"$f") bytes, $(wc -l <"$f") lines"
head -3 "$f"
echo
echo "== Go: go test -run '^\$' -bench 'Benchmark(DecodeTableCSV|DecodeRowsCSV)' -benchmem -count $count ./erddap/"
ERDDAP_BENCH_CSV="$f" go test -run '^$' -bench 'Benchmark(DecodeTableCSV|DecodeRowsCSV)' -benchmem -count "$count" ./erddap/ | tee "$dir/go.txt"
echo
echo "== pandas ($("$py" -c 'import pandas; print(pandas.__version__)')): read_csv(f, skiprows=[1], parse_dates=['time']), best of $count"
for i in $(seq "$count"); do
	"$py" -c "import pandas as pd,sys,time; t=time.perf_counter(); df=pd.read_csv(sys.argv[1], skiprows=[1], parse_dates=['time']); s=time.perf_counter()-t; assert len(df)==1000000; print(s)" "$f"
done | tee "$dir/py.txt"
gobest=$(awk '/^BenchmarkDecodeTableCSV\/rows=1000000/ {print $3}' "$dir/go.txt" | sort -n | head -1)
pybest=$(sort -n "$dir/py.txt" | head -1)
echo
awk -v g="$gobest" -v p="$pybest" 'BEGIN { printf "DecodeTable 1M rows: Go %.3f s, pandas %.3f s, ratio %.1fx\n", g/1e9, p, p/(g/1e9) }'
