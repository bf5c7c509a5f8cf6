package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestMatrix(t *testing.T) {
	x, y := data(21, 80, 0.6, true, 0.05)
	z, _ := data(22, 80, 0, false, 0.1)
	flat := make([]float64, 80)
	for i := range flat {
		flat[i] = 2
	}
	names := []string{"temp", "size", "effort", "flat"}
	cols := [][]float64{x, y, z, flat}
	for _, m := range methods {
		cm, err := Matrix(names, cols, m)
		if err != nil {
			t.Fatal(err)
		}
		for i := range cols {
			for j := range cols {
				got := cm.At(i, j)
				if i == j {
					if names[i] == "flat" {
						if !math.IsNaN(got.R) {
							t.Errorf("%v diagonal of a constant column: %v, want NaN", m, got.R)
						}
					} else if got.R != 1 || got.P != 0 || got.N != countPairs(cols[i], cols[i]) {
						t.Errorf("%v diagonal %d: %+v", m, i, got)
					}
					continue
				}
				want, err := Correlate(cols[i], cols[j], m, nil)
				if err != nil && !errors.Is(err, ErrConstant) {
					t.Fatal(err)
				}
				sameCorr(t, names[i]+"/"+names[j], got, want, 1e-14) // tau-b is symmetric up to rounding
				if cm.R.At(i, j) != got.R && !math.IsNaN(got.R) || cm.N[i][j] != want.N {
					t.Errorf("%v: R or N disagree with At(%d, %d)", m, i, j)
				}
			}
		}
		if c, ok := cm.Pair("size", "temp"); !ok || c != cm.At(1, 0) {
			t.Errorf("Pair(size, temp) = %v, %v", c, ok)
		}
		if _, ok := cm.Pair("size", "salinity"); ok {
			t.Error("Pair with an unknown name reported ok")
		}
		s := cm.String()
		if lines := strings.Split(strings.TrimSpace(s), "\n"); len(lines) != 1+6 || !strings.Contains(lines[1], "temp") {
			t.Errorf("String():\n%s", s)
		}
		// Holm adjusts the 6 off-diagonal p-values as one family.
		adj := cm.Adjusted(Holm)
		var p []float64
		for i := range cols {
			for j := i + 1; j < len(cols); j++ {
				p = append(p, cm.P.At(i, j))
			}
		}
		want := AdjustP(p, Holm)
		k := 0
		for i := range cols {
			for j := i + 1; j < len(cols); j++ {
				if !near(adj.At(i, j), want[k], 0, 0) || !near(adj.At(j, i), want[k], 0, 0) {
					t.Errorf("Adjusted(%d, %d) = %v, want %v", i, j, adj.At(i, j), want[k])
				}
				k++
			}
		}
	}
	cm, err := Matrix(nil, cols[:2], MethodPearson)
	if err != nil || cm.Names[1] != "v2" {
		t.Errorf("default names: %v, %v", cm, err)
	}
	if _, err := Matrix(nil, nil, MethodPearson); !errors.Is(err, ErrInvalid) {
		t.Errorf("no columns: err = %v", err)
	}
	if _, err := MatrixWith(nil, cols, MethodPearson, &Options{Level: 2}); !errors.Is(err, ErrInvalid) {
		t.Errorf("bad options: err = %v", err)
	}
	var _ mat.Symmetric = cm.R
}

// Values computed with numpy implementations of statsmodels' multipletests
// ('holm', 'fdr_bh') on the classic Benjamini-Hochberg example.
func TestAdjustP(t *testing.T) {
	nan := math.NaN()
	p := []float64{0.001, 0.008, 0.039, 0.041, nan, 0.042, 0.06, 0.074, 0.205, 0.5}
	holm := []float64{0.009, 0.064, 0.273, 0.273, nan, 0.273, 0.273, 0.273, 0.41, 0.5}
	bh := []float64{0.009, 0.036, 0.0756, 0.0756, nan, 0.0756, 0.09, 0.09514285714285714, 0.230625, 0.5}
	for _, tt := range []struct {
		a    Adjustment
		want []float64
	}{{Holm, holm}, {BenjaminiHochberg, bh}} {
		got := AdjustP(p, tt.a)
		for i := range got {
			if !near(got[i], tt.want[i], 1e-12, 0) {
				t.Errorf("%v: %v, want %v", tt.a, got, tt.want)
				break
			}
		}
	}
}

func TestPartial(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 200
	x, y, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		z[i] = rng.NormFloat64()
		x[i] = z[i] + 0.5*rng.NormFloat64()
		y[i] = -z[i] + 0.3*x[i] + rng.NormFloat64()
	}
	x[7], z[11] = math.NaN(), math.NaN()
	got, err := Partial(x, y, z)
	if err != nil {
		t.Fatal(err)
	}
	// First-order partial correlation from the pairwise correlations of the
	// same complete rows.
	var xs, ys, zs []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(z[i]) {
			xs, ys, zs = append(xs, x[i]), append(ys, y[i]), append(zs, z[i])
		}
	}
	rxy, _ := Pearson(xs, ys)
	rxz, _ := Pearson(xs, zs)
	ryz, _ := Pearson(ys, zs)
	want := (rxy.R - rxz.R*ryz.R) / math.Sqrt((1-rxz.R*rxz.R)*(1-ryz.R*ryz.R))
	if got.N != n-2 || !near(got.R, want, 1e-12, 0) {
		t.Errorf("Partial = %+v, want r = %v, n = %d", got, want, n-2)
	}
	if wantP := tTestP(want, float64(n-2-3), TwoSided); !near(got.P, wantP, 1e-9, 0) {
		t.Errorf("P = %v, want %v (df = n-3)", got.P, wantP)
	}
	if lo, hi := fisherCI(want, 1/math.Sqrt(float64(n-2-4)), 0.95, TwoSided); !near(got.Lo, lo, 0, 1e-12) || !near(got.Hi, hi, 0, 1e-12) {
		t.Errorf("interval [%v, %v], want [%v, %v]", got.Lo, got.Hi, lo, hi)
	}
	// No controls: Pearson.
	if p0, _ := Partial(x, y); p0 != must(Pearson(x, y)) {
		t.Errorf("Partial without controls = %+v", p0)
	}
	// Collinear controls, and a control that explains x.
	z2 := make([]float64, n)
	for i := range z2 {
		z2[i] = 2*z[i] + 1
	}
	if _, err := Partial(x, y, z, z2); !errors.Is(err, ErrSingular) {
		t.Errorf("collinear controls: err = %v", err)
	}
	if _, err := Partial(z, y, z2); !errors.Is(err, ErrSingular) {
		t.Errorf("control explains x: err = %v", err)
	}
	if _, err := Partial(x[:4], y[:4], z[:4], z2[:4]); !errors.Is(err, ErrTooFew) {
		t.Errorf("4 rows, 2 controls: err = %v", err)
	}
}

func must(c Corr, err error) Corr {
	if err != nil {
		panic(err)
	}
	return c
}

func TestLagged(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 300
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	// y follows x by 3 steps.
	for i := range y {
		y[i] = 0.1 * rng.NormFloat64()
		if i >= 3 {
			y[i] += x[i-3]
		}
	}
	lags := []int{-5, -3, 0, 1, 3, 5, n - 2, n}
	got := Lagged(x, y, lags)
	best := 0
	for i, l := range got {
		if l.Lag != lags[i] {
			t.Errorf("lag %d reported as %d", lags[i], l.Lag)
		}
		if l.Err == nil && math.Abs(l.R) > math.Abs(got[best].R) {
			best = i
		}
	}
	if got[best].Lag != 3 || got[best].R < 0.99 || got[best].N != n-3 {
		t.Errorf("best lag %+v, want lag 3 with r > 0.99 and n = %d", got[best], n-3)
	}
	if want := must(Pearson(x[:n-3], y[3:])); got[4].Corr != want {
		t.Errorf("lag 3 = %+v, want %+v", got[4].Corr, want)
	}
	if want := must(Pearson(x[5:], y[:n-5])); got[0].Corr != want {
		t.Errorf("lag -5 = %+v, want %+v", got[0].Corr, want)
	}
	for _, l := range got[6:] {
		if !errors.Is(l.Err, ErrTooFew) || !math.IsNaN(l.R) {
			t.Errorf("lag %d: %+v, want ErrTooFew", l.Lag, l)
		}
	}
}

func TestBootstrap(t *testing.T) {
	x, y := data(31, 100, 0.8, false, 0.05)
	run := func(seed uint64) BootResult {
		b, err := Bootstrap(x, y, MethodPearson.Coefficient, 500, rand.New(rand.NewPCG(seed, 1)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := run(1), run(1)
	if a.Lo != b.Lo || a.Hi != b.Hi || a.SE != b.SE {
		t.Error("same seed, different results")
	}
	if c := run(2); c.Lo == a.Lo && c.Hi == a.Hi {
		t.Error("different seeds, same interval")
	}
	r := must(Pearson(x, y))
	if a.Stat != r.R || len(a.Reps)+a.Failed != 500 || !(a.Lo < r.R && r.R < a.Hi) {
		t.Errorf("Bootstrap = stat %v [%v, %v] with %d reps, r = %v", a.Stat, a.Lo, a.Hi, len(a.Reps), r.R)
	}
	// The percentile interval is close to Fisher's for this well-behaved case.
	if math.Abs(a.Lo-r.Lo) > 0.05 || math.Abs(a.Hi-r.Hi) > 0.05 || !(a.SE > 0.01 && a.SE < 0.1) {
		t.Errorf("bootstrap [%v, %v] se %v, Fisher [%v, %v]", a.Lo, a.Hi, a.SE, r.Lo, r.Hi)
	}
	if lo, hi := a.Interval(0.5); !(lo > a.Lo && hi < a.Hi) {
		t.Errorf("50%% interval [%v, %v] not inside the 95%% one", lo, hi)
	}
	// A statistic that fails on some resamples.
	f, err := Bootstrap([]float64{1, 1, 1, 2}, []float64{1, 2, 3, 4}, MethodPearson.Coefficient, 200, rand.New(rand.NewPCG(1, 1)))
	if err != nil || f.Failed == 0 || f.Failed+len(f.Reps) != 200 {
		t.Errorf("failing replicates: %d failed, %d kept, %v", f.Failed, len(f.Reps), err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	for _, tt := range []struct {
		name string
		err  error
		f    func() error
	}{
		{"nil rng", ErrInvalid, func() error { _, err := Bootstrap(x, y, MethodPearson.Coefficient, 10, nil); return err }},
		{"nil stat", ErrInvalid, func() error { _, err := Bootstrap(x, y, nil, 10, rng); return err }},
		{"n = 0", ErrInvalid, func() error { _, err := Bootstrap(x, y, MethodPearson.Coefficient, 0, rng); return err }},
		{"2 pairs", ErrTooFew, func() error {
			_, err := Bootstrap(x[:2], y[:2], MethodPearson.Coefficient, 10, rng)
			return err
		}},
	} {
		if err := tt.f(); !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
	}
}

func TestLinearFit(t *testing.T) {
	// scipy.stats.linregress(x, y), scipy 1.10.
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	y := []float64{2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1}
	f, err := LinearFit(x, y)
	if err != nil {
		t.Fatal(err)
	}
	want := Fit{Slope: 1.9976190476190478, Intercept: 0.0357142857142847, R: 0.9994194747958132, P: 4.888933612552949e-10,
		SlopeErr: 0.02780044426688155, InterceptErr: 0.14038536208101496, N: 8}
	if !near(f.Slope, want.Slope, 1e-12, 0) || !near(f.Intercept, want.Intercept, 1e-10, 0) || !near(f.R, want.R, 1e-12, 0) ||
		!near(f.P, want.P, 1e-9, 0) || !near(f.SlopeErr, want.SlopeErr, 1e-9, 0) || !near(f.InterceptErr, want.InterceptErr, 1e-9, 0) || f.N != 8 {
		t.Errorf("LinearFit = %+v\nwant %+v", f, want)
	}
	if got := f.Predict(10); !near(got, want.Intercept+10*want.Slope, 1e-12, 0) {
		t.Errorf("Predict(10) = %v", got)
	}
	if !strings.Contains(f.String(), "n=8") {
		t.Errorf("String() = %q", f.String())
	}
	if _, err := LinearFit([]float64{1, math.NaN()}, []float64{1, 2}); !errors.Is(err, ErrTooFew) {
		t.Errorf("one pair: err = %v", err)
	}
	if _, err := LinearFit([]float64{3, 3, 3}, []float64{1, 2, 3}); !errors.Is(err, ErrConstant) {
		t.Errorf("constant x: err = %v", err)
	}
	if c, err := LinearFit([]float64{1, 2, 3}, []float64{0.1, 0.1, 0.1}); err != nil || c.Slope != 0 || c.Intercept != 0.1 || c.P != 1 || c.R != 0 {
		t.Errorf("constant y: %+v, %v", c, err)
	}
}

func TestDetrend(t *testing.T) {
	y := []float64{1, 3.5, math.NaN(), 7, 9.5, 11}
	d, err := Detrend(nil, y)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := LinearFit([]float64{0, 1, 2, 3, 4, 5}, y)
	var sum float64
	for i, v := range d {
		if i == 2 {
			if !math.IsNaN(v) {
				t.Errorf("Detrend kept a value for NaN: %v", v)
			}
			continue
		}
		if !near(v, y[i]-f.Predict(float64(i)), 1e-12, 1e-12) {
			t.Errorf("Detrend[%d] = %v", i, v)
		}
		sum += v
	}
	if math.Abs(sum) > 1e-12 {
		t.Errorf("residuals sum to %v, want 0", sum)
	}
	if _, err := Detrend([]float64{1, 1, 1}, []float64{1, 2, 3}); !errors.Is(err, ErrConstant) {
		t.Errorf("constant x: err = %v", err)
	}
}

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	// numpy: mean 4, std(ddof=1) 3.5355339059327378, percentile 25/50/75 = 2, 3, 4.
	s := Describe([]float64{4, 2, nan, 10, 1, 3})
	want := Summary{N: 5, NaN: 1, Mean: 4, Std: 3.5355339059327378, Min: 1, Q1: 2, Median: 3, Q3: 4, Max: 10}
	if s != want {
		t.Errorf("Describe = %+v\nwant %+v", s, want)
	}
	if !strings.Contains(s.String(), "nan=1") {
		t.Errorf("String() = %q", s)
	}
	e := Describe([]float64{nan})
	if e.N != 0 || e.NaN != 1 || !math.IsNaN(e.Mean) || !math.IsNaN(e.Median) {
		t.Errorf("Describe(NaN) = %+v", e)
	}
	if one := Describe([]float64{7}); one.Mean != 7 || !math.IsNaN(one.Std) || one.Q3 != 7 {
		t.Errorf("Describe(7) = %+v", one)
	}
	// numpy.percentile([1, 2, 3, 4, 10], [0, 10, 90, 100]) = 1, 1.4, 7.6, 10.
	q := Quantiles([]float64{4, 2, nan, 10, 1, 3}, 0, 0.1, 0.9, 1, 1.5)
	for i, w := range []float64{1, 1.4, 7.6, 10, nan} {
		if !near(q[i], w, 1e-14, 0) {
			t.Errorf("Quantiles = %v", q)
			break
		}
	}
}

func TestBin(t *testing.T) {
	nan := math.NaN()
	// scipy.stats.binned_statistic(x, y, 'mean', bins=[0, 1, 2, 3]) gives
	// means 1, 2.5, 5: the last bin holds its upper edge 3, +Inf is out.
	x := []float64{0.5, 1.5, 1.7, 2.0, 2.5, 3.0, math.Inf(1), nan, 1.2, -1}
	y := []float64{1, 2, 3, 4, 5, 6, 7, 8, nan, 9}
	b, err := Bin(x, y, []float64{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []BinStat{
		{Lo: 0, Hi: 1, Count: 1, Mean: 1, Std: nan, Median: 1, Min: 1, Max: 1},
		{Lo: 1, Hi: 2, Count: 2, Mean: 2.5, Std: math.Sqrt(0.5), Median: 2.5, Min: 2, Max: 3},
		{Lo: 2, Hi: 3, Count: 3, Mean: 5, Std: 1, Median: 5, Min: 4, Max: 6},
	}
	for i := range want {
		g, w := b[i], want[i]
		if g.Lo != w.Lo || g.Hi != w.Hi || g.Count != w.Count || !near(g.Mean, w.Mean, 1e-15, 0) || !near(g.Std, w.Std, 1e-15, 0) ||
			g.Median != w.Median || g.Min != w.Min || g.Max != w.Max {
			t.Errorf("bin %d = %+v, want %+v", i, g, w)
		}
	}
	e, _ := Bin(x, y, []float64{10, 20})
	if e[0].Count != 0 || !math.IsNaN(e[0].Mean) {
		t.Errorf("empty bin = %+v", e[0])
	}
	for _, edges := range [][]float64{nil, {1}, {0, 0}, {0, 2, 1}, {0, nan}} {
		if _, err := Bin(x, y, edges); !errors.Is(err, ErrInvalid) {
			t.Errorf("edges %v: err = %v", edges, err)
		}
	}
}

func TestInterp(t *testing.T) {
	nan := math.NaN()
	// Argo-like pressures: out of order, a duplicate (mean of its values), NaN.
	p := []float64{5, 0, 2, 1, 2, nan, 7, math.Inf(1)}
	v := []float64{50, 0, 18, 10, 22, 99, nan, 3}
	got := Interp(p, v, []float64{0.5, 1.5, 3, 5, -1, 6, nan, 0, math.Inf(-1)})
	// numpy.interp([0.5, 1.5, 3, 5], [0, 1, 2, 5], [0, 10, 20, 50]) = 5, 15, 30, 50.
	want := []float64{5, 15, 30, 50, nan, nan, nan, 0, nan}
	for i := range want {
		if !near(got[i], want[i], 1e-14, 0) {
			t.Errorf("Interp = %v\nwant %v", got, want)
			break
		}
	}
	if p[0] != 5 || v[0] != 50 {
		t.Error("Interp modified its input")
	}
	if g := Interp([]float64{nan, nan}, []float64{1, 2}, []float64{1}); !math.IsNaN(g[0]) {
		t.Errorf("all-NaN input: %v", g)
	}
	if g := Interp([]float64{3, 3}, []float64{1, 2}, []float64{3, 4}); g[0] != 1.5 || !math.IsNaN(g[1]) {
		t.Errorf("one distinct x: %v", g)
	}
	if g := Interp(nil, nil, nil); len(g) != 0 {
		t.Errorf("empty: %v", g)
	}
}

// FuzzCorrelate checks that no input makes the correlations, the fit or the
// interpolation panic, and that the results stay in range.
func FuzzCorrelate(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint8(0))
	f.Add([]byte{0xff, 0xf8, 0, 0, 0, 0, 0, 1, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3}, uint8(3))
	f.Fuzz(func(t *testing.T, b []byte, mode uint8) {
		var x, y []float64
		for i := 0; i+1 < len(b); i += 2 {
			xv, yv := float64(int8(b[i])), float64(int8(b[i+1]))
			switch mode % 4 {
			case 1:
				xv /= 7
			case 2:
				if b[i] == 0 {
					xv = math.NaN()
				}
			case 3:
				if b[i] == 255 {
					xv = math.Inf(1)
				}
			}
			x, y = append(x, xv), append(y, yv)
		}
		for _, m := range methods {
			c, err := Correlate(x, y, m, nil)
			if err == nil && (!(math.Abs(c.R) <= 1) || !(c.P >= 0 && c.P <= 1)) {
				t.Fatalf("%v: %+v", m, c)
			}
		}
		_, _ = LinearFit(x, y)
		_ = Interp(x, y, y)
		_ = Describe(x)
		_, _ = Bin(x, y, []float64{-10, 0, 10})
	})
}
