#!/usr/bin/env bash
# Side by side on a full-size (3.25 M rows, ~300 MB) core profile index:
# pandas the way argopy's pandas engine does it (../shared/bench/pandas_index.py)
# and argo.OpenIndex / Index.Search on the same file with the same queries.
# Needs Debian's python3-pandas and python3-numpy; about 2.5 GB of RAM to generate.
set -euo pipefail
cd "$(dirname "$0")/../.."
big=${BIG_INDEX_DIR:-/tmp/bigindex}
idx=$big/ar_index_global_prof.txt
export INSITU_REALDATA=${INSITU_REALDATA:-../shared/realdata}
[ -f "$idx" ] || /usr/bin/python3 ../shared/bench/make_big_index.py --out-dir "$big"
q=$big/queries.json
# pandas: load only (peak RSS), then the full run (writes the queries the Go side reads)
/usr/bin/python3 ../shared/bench/pandas_index.py "$idx" --load-only --no-parse-dates
/usr/bin/python3 ../shared/bench/pandas_index.py "$idx" --write-queries "$q"
# Go: load (best of 3), search structures, the same 20 box searches and 100 WMOs; then peak RSS
export INSITU_BIG_INDEX=$idx INSITU_BIG_QUERIES=$q
go test -run '^$' -bench BigIndex -benchtime 3x -count 1 ./argo
go test -count=1 -run TestBigIndexMemory -v ./argo | grep -E 'rows|box'
