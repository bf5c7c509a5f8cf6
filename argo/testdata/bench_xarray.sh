#!/usr/bin/env bash
# Side by side, on the same real single-cycle Argo files: xarray open_dataset +
# argopy-style decoding (../shared/bench/xarray_profiles.py, about 600 opens with
# --copies 30) and argo.ReadProfiles (the same 600 opens on 2 goroutines), plus
# libnetcdf reading the same variables. Needs Debian's python3-xarray.
set -euo pipefail
cd "$(dirname "$0")/../.."
export INSITU_REALDATA=${INSITU_REALDATA:-../shared/realdata}
files=$(INSITU_LIST_BENCH_FILES=1 go test -count=1 -run ListBenchFiles -v ./argo | sed -n 's/.*bench_test.go:[0-9]*: //p')
echo "files: $(echo $files | wc -w)"
for i in 1 2 3; do
	/usr/bin/python3 ../shared/bench/xarray_profiles.py --copies 30 $files
done
go test -run '^$' -bench 'ReadProfiles|LibnetcdfSame' -benchmem -count 3 ./argo
