package stats

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// benchData mimics ../shared/bench/scipy_corr.py: x ~ N(0,1),
// y = 0.6x + 0.8 N(0,1), both rounded to 2 decimals (many ties). Go cannot
// replay numpy's generator; BenchmarkScipyData runs on numpy's own arrays.
func benchData(n int) (x, y []float64) {
	rng := rand.New(rand.NewPCG(12345, 1))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = 0.6*x[i] + 0.8*rng.NormFloat64()
		x[i] = math.Round(x[i]*100) / 100
		y[i] = math.Round(y[i]*100) / 100
	}
	return x, y
}

var corrFuncs = []struct {
	name string
	f    func(x, y []float64) (Corr, error)
}{
	{"pearson", Pearson},
	{"spearman", Spearman},
	{"kendall", Kendall},
}

func benchCorr(b *testing.B, f func(x, y []float64) (Corr, error), x, y []float64) {
	b.ReportAllocs()
	b.SetBytes(16 * int64(len(x)))
	var c Corr
	for b.Loop() {
		var err error
		if c, err = f(x, y); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(x)), "ns/pair")
	_ = c
}

// BenchmarkCorr runs on synthetic data that resembles scipy_corr.py's.
func BenchmarkCorr(b *testing.B) {
	for _, n := range []int{1000, 100_000, 1_000_000} {
		x, y := benchData(n)
		for _, cf := range corrFuncs {
			b.Run(fmt.Sprintf("%s/n=%d", cf.name, n), func(b *testing.B) { benchCorr(b, cf.f, x, y) })
		}
	}
}

// BenchmarkCorrDistinct runs on data without ties (the harder case for the
// sort).
func BenchmarkCorrDistinct(b *testing.B) {
	n := 1_000_000
	rng := rand.New(rand.NewPCG(1, 1))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = 0.6*x[i] + 0.8*rng.NormFloat64()
	}
	for _, cf := range corrFuncs {
		b.Run(fmt.Sprintf("%s/n=%d", cf.name, n), func(b *testing.B) { benchCorr(b, cf.f, x, y) })
	}
}

// BenchmarkScipyData runs on the arrays that scipy_corr.py --dump-dir wrote
// (x_<n>.f64, y_<n>.f64 in $INSITU_BENCH_CORR_DIR), so that the figures
// compare with scipy's on the very same data; stats/testdata/bench_corr.sh
// runs both sides. It logs the statistics for the comparison.
func BenchmarkScipyData(b *testing.B) {
	dir := os.Getenv("INSITU_BENCH_CORR_DIR")
	if dir == "" {
		b.Skip("INSITU_BENCH_CORR_DIR is not set (see stats/testdata/bench_corr.sh)")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "x_*.f64"))
	if len(files) == 0 {
		b.Fatalf("no x_<n>.f64 files in %s", dir)
	}
	var sizes []int
	for _, f := range files {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "x_"), ".f64"))
		if err == nil {
			sizes = append(sizes, n)
		}
	}
	sort.Ints(sizes)
	for _, n := range sizes {
		x := readBenchF64(b, filepath.Join(dir, fmt.Sprintf("x_%d.f64", n)), n)
		y := readBenchF64(b, filepath.Join(dir, fmt.Sprintf("y_%d.f64", n)), n)
		for _, cf := range corrFuncs {
			b.Run(fmt.Sprintf("%s/n=%d", cf.name, n), func(b *testing.B) {
				c, err := cf.f(x, y)
				if err != nil {
					b.Fatal(err)
				}
				b.Logf("statistic=%.17g pvalue=%.17g n=%d", c.R, c.P, c.N)
				benchCorr(b, cf.f, x, y)
			})
		}
	}
}

func readBenchF64(b *testing.B, path string, n int) []float64 {
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if len(raw) != 8*n {
		b.Fatalf("%s: %d bytes, want %d", path, len(raw), 8*n)
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	return v
}

func BenchmarkLinearFit(b *testing.B) {
	x, y := benchData(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LinearFit(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatrix(b *testing.B) {
	cols := make([][]float64, 6)
	for i := range cols {
		cols[i], _ = benchData(10_000)
		for j := range cols[i] {
			cols[i][j] += float64(i) * 0.01 * float64(j%7)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Matrix(nil, cols, MethodSpearman); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInterp interpolates a 2000-level Argo-like profile at 1000
// standard pressures.
func BenchmarkInterp(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	pres := make([]float64, 2000)
	temp := make([]float64, 2000)
	for i := range pres {
		pres[i] = float64(i) + rng.Float64() - 0.5
		temp[i] = 20 * math.Exp(-pres[i]/500)
	}
	pres[100], pres[101] = pres[101], pres[100] // not monotonic
	xnew := make([]float64, 1000)
	for i := range xnew {
		xnew[i] = 2 * float64(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Interp(pres, temp, xnew)
	}
}

func BenchmarkBin(b *testing.B) {
	x, y := benchData(1_000_000)
	edges := []float64{-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Bin(x, y, edges); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKendallExactP(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = kendallExactP(1000, 200_000, TwoSided)
	}
}
