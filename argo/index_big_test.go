package argo

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/insitu-go/insitu/geo"
)

// The full-size index benchmarks read a 3.25 M-row core index generated
// outside the repository (../shared/bench/make_big_index.py) and the queries
// ../shared/bench/pandas_index.py drew (--write-queries), so both sides run
// the same searches: see argo/testdata/bench_index.sh and BENCHMARKS.md.
//
//	INSITU_BIG_INDEX=/tmp/bigindex/ar_index_global_prof.txt INSITU_BIG_QUERIES=/tmp/bigq.json \
//	    go test -run '^$' -bench BigIndex -benchtime 3x ./argo

type bigQueries struct {
	Boxes [][]any `json:"boxes"`
	WMOs  []int   `json:"wmos"`
}

func bigIndexEnv(tb testing.TB) (string, *bigQueries) {
	path := os.Getenv("INSITU_BIG_INDEX")
	if path == "" {
		tb.Skip("INSITU_BIG_INDEX is unset (a full-size index made by make_big_index.py)")
	}
	var q bigQueries
	if qp := os.Getenv("INSITU_BIG_QUERIES"); qp != "" {
		b, err := os.ReadFile(qp)
		if err != nil {
			tb.Fatal(err)
		}
		if err := json.Unmarshal(b, &q); err != nil {
			tb.Fatal(err)
		}
	}
	return path, &q
}

// boxQuery turns a pandas box [lon0, lon1, lat0, lat1, t0, t1] (closed dates)
// into a Query: End one second past t1 gives the same closed bound on
// whole-second index dates.
func boxQuery(b []any) Query {
	f := func(i int) float64 { return b[i].(float64) }
	t0, _ := time.Parse("2006-01-02T15:04:05", b[4].(string))
	t1, _ := time.Parse("2006-01-02T15:04:05", b[5].(string))
	return Query{Region: geo.Box(f(0), f(2), f(1), f(3)), Start: t0, End: t1.Add(time.Second)}
}

func BenchmarkBigIndex(b *testing.B) {
	path, q := bigIndexEnv(b)
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := OpenIndex(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	ix, err := OpenIndex(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("prepare", func(b *testing.B) {
		for b.Loop() {
			ix.buildGrid()
			ix.buildWMOOrder()
		}
	})
	ix.Prepare()
	if len(q.Boxes) > 0 {
		b.Run("20-box-searches", func(b *testing.B) {
			rows := 0
			for b.Loop() {
				rows = 0
				for _, box := range q.Boxes {
					rows += len(ix.SearchRows(boxQuery(box)))
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(q.Boxes)), "µs/search")
		})
	}
	if len(q.WMOs) > 0 {
		wmos := make([]string, len(q.WMOs))
		for i, w := range q.WMOs {
			wmos[i] = strconv.Itoa(w)
		}
		b.Run("100-wmo-search", func(b *testing.B) {
			rows := 0
			for b.Loop() {
				rows = len(ix.SearchRows(Query{Platforms: wmos}))
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// TestBigIndexMemory loads the full-size index and logs the peak RSS of the
// process, the number to compare with the file size and pandas' peak.
func TestBigIndexMemory(t *testing.T) {
	path, q := bigIndexEnv(t)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	ix, err := OpenIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("rows %d, load %v, file %d MB, peak RSS %d MB (%.2fx the file), heap in use %d MB",
		ix.Len(), load, st.Size()>>20, ru.Maxrss>>10, float64(ru.Maxrss<<10)/float64(st.Size()), ms.HeapInuse>>20)
	// same row counts as pandas for every box (the JSON carries no counts: log them)
	for i, box := range q.Boxes {
		t.Logf("box %d: %d rows", i, len(ix.SearchRows(boxQuery(box))))
	}
}
