package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// data returns n seeded pairs y = a*x + noise; with ties, values are rounded
// to a grid of step 0.25; a fraction nanFrac of x and y are NaN.
func data(seed uint64, n int, a float64, ties bool, nanFrac float64) (x, y []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = a*x[i] + rng.NormFloat64()
		if ties {
			x[i] = math.Round(4*x[i]) / 4
			y[i] = math.Round(4*y[i]) / 4
		}
		if rng.Float64() < nanFrac {
			x[i] = math.NaN()
		}
		if rng.Float64() < nanFrac {
			y[i] = math.NaN()
		}
	}
	return x, y
}

func dropNaNPairs(x, y []float64) (xs, ys []float64) {
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	return xs, ys
}

var methods = []Method{MethodPearson, MethodSpearman, MethodKendall}

func sameCorr(t *testing.T, name string, got, want Corr, tol float64) {
	t.Helper()
	if got.N != want.N || got.Method != want.Method || got.PValue != want.PValue ||
		!near(got.R, want.R, tol, tol) || !near(got.P, want.P, 1e3*tol, 1e-300) ||
		!near(got.Lo, want.Lo, tol, tol) || !near(got.Hi, want.Hi, tol, tol) {
		t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
	}
}

// Known values from scipy 1.10 (scipy.stats.pearsonr, spearmanr, kendalltau
// with alternative=..., and PearsonRResult.confidence_interval).
func TestOptionsAgainstScipy(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	y := []float64{2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1}
	y2 := []float64{1, 3, 2, 4, 6, 5, 8, 7}
	y3 := []float64{1, 3, 2, 4, 6, 5, 7, 7}
	tests := []struct {
		name   string
		x, y   []float64
		method Method
		opts   Options
		r, p   float64
		lo, hi float64 // NaN: not checked
		pm     PMethod
	}{
		{"pearson less", x, y, MethodPearson, Options{Alternative: Less}, 0.999419474795813, 0.9999999997555533, -1, math.NaN(), PAsymptotic},
		{"pearson greater", x, y, MethodPearson, Options{Alternative: Greater}, 0.999419474795813, 2.444466806279278e-10, 0.9974745821192864, 1, PAsymptotic},
		{"pearson 90%", x, y, MethodPearson, Options{Level: 0.9}, 0.999419474795813, 4.888933612552949e-10, 0.9974745821192864, 0.9998666529620083, PAsymptotic},
		{"pearson 95%", x, y, MethodPearson, Options{}, 0.999419474795813, 4.888933612552949e-10, 0.9966537550674996, 0.9998994024260276, PAsymptotic},
		{"spearman greater", x, y2, MethodSpearman, Options{Alternative: Greater}, 0.9285714285714287, 0.00043148409144998847, math.NaN(), 1, PAsymptotic},
		{"kendall exact greater", x, y2, MethodKendall, Options{Alternative: Greater}, 0.7857142857142856, 0.0027529761904761907, math.NaN(), 1, PExact},
		{"kendall exact less", x, y2, MethodKendall, Options{Alternative: Less}, 0.7857142857142856, 0.9991319444444444, -1, math.NaN(), PExact},
		{"kendall ties greater", x, y3, MethodKendall, Options{Alternative: Greater}, 0.836501912571304, 0.0020683685493383228, math.NaN(), 1, PAsymptotic},
		{"kendall ties less", x, y3, MethodKendall, Options{Alternative: Less}, 0.836501912571304, 0.9979316314506617, -1, math.NaN(), PAsymptotic},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Correlate(tt.x, tt.y, tt.method, &tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !near(c.R, tt.r, 1e-12, 0) || !near(c.P, tt.p, 1e-9, 0) || c.PValue != tt.pm || c.N != len(tt.x) {
				t.Errorf("got %+v, want r=%v p=%v %v", c, tt.r, tt.p, tt.pm)
			}
			if !math.IsNaN(tt.lo) && !near(c.Lo, tt.lo, 0, 1e-12) || !math.IsNaN(tt.hi) && !near(c.Hi, tt.hi, 0, 1e-12) {
				t.Errorf("interval [%v, %v], want [%v, %v]", c.Lo, c.Hi, tt.lo, tt.hi)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		x, y []float64
		opts *Options
		want error
	}{
		{"empty", nil, nil, nil, ErrTooFew},
		{"two pairs", []float64{1, 2}, []float64{3, 4}, nil, ErrTooFew},
		{"NaN leaves two", []float64{1, 2, nan, 4}, []float64{3, 4, 5, nan}, nil, ErrTooFew},
		{"constant x", []float64{0.1, 0.1, 0.1, 0.1}, []float64{1, 2, 3, 4}, nil, ErrConstant},
		{"constant y after NaN", []float64{1, 2, 3, 4}, []float64{5, 5, 6, 5}, nil, nil},
		{"constant y", []float64{1, 2, 3, 4}, []float64{5, 5, nan, 5}, nil, ErrConstant},
		{"bad level", []float64{1, 2, 3}, []float64{1, 3, 2}, &Options{Level: 1.5}, ErrInvalid},
		{"bad alternative", []float64{1, 2, 3}, []float64{1, 3, 2}, &Options{Alternative: 9}, ErrInvalid},
		{"negative weight", []float64{1, 2, 3}, []float64{1, 3, 2}, &Options{Weights: []float64{1, -1, 1}}, ErrInvalid},
	}
	for _, tt := range tests {
		for _, m := range methods {
			if m == MethodKendall && tt.opts != nil && tt.opts.Weights != nil {
				continue
			}
			c, err := Correlate(tt.x, tt.y, m, tt.opts)
			if tt.want == nil {
				if err != nil {
					t.Errorf("%s %v: %v", tt.name, m, err)
				}
				continue
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("%s %v: err = %v, want %v", tt.name, m, err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "stats: ") {
				t.Errorf("%s %v: error %q lacks the package prefix", tt.name, m, err)
			}
			if !math.IsNaN(c.R) || !math.IsNaN(c.P) || !math.IsNaN(c.Lo) || !math.IsNaN(c.Hi) {
				t.Errorf("%s %v: %+v, want NaN numbers with an error", tt.name, m, c)
			}
		}
	}
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{2, 1, 4, 3, 6}
	if _, err := Correlate(x, y, MethodPearson, &Options{PValue: PExact}); !errors.Is(err, ErrInvalid) {
		t.Errorf("pearson exact: err = %v, want ErrInvalid", err)
	}
	if _, err := Correlate(x, y, MethodKendall, &Options{Weights: []float64{1, 1, 1, 1, 1}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("kendall weights: err = %v, want ErrInvalid", err)
	}
	if _, err := Correlate(x, []float64{1, 1, 2, 3, 4}, MethodKendall, &Options{PValue: PExact}); !errors.Is(err, ErrTies) {
		t.Errorf("kendall exact with ties: err = %v, want ErrTies", err)
	}
	if _, err := Correlate(x, y, Method(0), nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("method 0: err = %v, want ErrInvalid", err)
	}
	if _, err := Pearson([]float64{1, 2, math.Inf(1)}, []float64{1, 2, 3}); !errors.Is(err, ErrInvalid) {
		t.Errorf("pearson with +Inf: err = %v, want ErrInvalid", err)
	}
	// Ranks make ±Inf an ordinary extreme value.
	if c, err := Spearman([]float64{1, 2, math.Inf(1)}, []float64{1, 2, 3}); err != nil || c.R != 1 {
		t.Errorf("spearman with +Inf: %v, %v; want R = 1", c, err)
	}
}

func TestLengthMismatchPanics(t *testing.T) {
	for _, m := range methods {
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%v: no panic on mismatched lengths", m)
				}
			}()
			_, _ = Correlate([]float64{1, 2, 3}, []float64{1, 2}, m, nil)
		}()
	}
}

func TestNaNPairsDropped(t *testing.T) {
	x, y := data(1, 200, 0.5, true, 0.1)
	xs, ys := dropNaNPairs(x, y)
	for _, m := range methods {
		got, err1 := Correlate(x, y, m, nil)
		want, err2 := Correlate(xs, ys, m, nil)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if got != want {
			t.Errorf("%v: with NaN %+v, filtered %+v", m, got, want)
		}
		if got.N != len(xs) {
			t.Errorf("%v: N = %d, want %d", m, got.N, len(xs))
		}
	}
}

// Properties: symmetry, |R| <= 1, invariance of the rank correlations under
// increasing transforms and sign flip under decreasing ones, on data with
// and without ties and NaN.
func TestProperties(t *testing.T) {
	transforms := []struct {
		name       string
		f          func(float64) float64
		decreasing bool
	}{
		{"exp", math.Exp, false},
		{"cube", func(v float64) float64 { return v * v * v }, false},
		{"affine", func(v float64) float64 { return 3*v - 100 }, false},
		{"atan", math.Atan, false},
		{"negate", func(v float64) float64 { return -v }, true},
		{"reciprocal shift", func(v float64) float64 { return 1 / (v + 100) }, true},
	}
	for seed := range uint64(40) {
		n := 3 + int(seed*seed)%300
		x, y := data(seed, n, float64(seed%5)-2, seed%2 == 0, float64(seed%3)*0.05)
		for _, m := range methods {
			c, err := Correlate(x, y, m, nil)
			if err != nil {
				if errors.Is(err, ErrTooFew) || errors.Is(err, ErrConstant) {
					continue
				}
				t.Fatal(err)
			}
			if !(math.Abs(c.R) <= 1) || !(c.P >= 0 && c.P <= 1) || !(c.Lo <= c.R && c.R <= c.Hi) && c.N > 3 {
				t.Errorf("seed %d %v: out of range: %+v", seed, m, c)
			}
			r, _ := Correlate(y, x, m, nil)
			sameCorr(t, "symmetry "+m.String(), r, c, 1e-14)
			if m == MethodPearson {
				continue
			}
			for _, tr := range transforms {
				fx := make([]float64, len(x))
				for i, v := range x {
					fx[i] = tr.f(v)
				}
				got, err := Correlate(fx, y, m, nil)
				if err != nil {
					t.Fatal(err)
				}
				want := c
				if tr.decreasing {
					want.R, want.Lo, want.Hi = -c.R, -c.Hi, -c.Lo
				}
				sameCorr(t, m.String()+" under "+tr.name, got, want, 1e-13)
			}
		}
	}
}

// Spearman's rho is Pearson's r of the ranks.
func TestSpearmanIsPearsonOfRanks(t *testing.T) {
	x, y := data(3, 500, -0.3, true, 0)
	s, err := Spearman(x, y)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Pearson(Rank(x), Rank(y))
	if err != nil {
		t.Fatal(err)
	}
	sameCorr(t, "spearman vs pearson of ranks", s, Corr{R: p.R, P: p.P, N: p.N, Lo: p.Lo, Hi: p.Hi, Method: MethodSpearman, PValue: PAsymptotic}, 1e-13)
}

// kendallNaive counts pairs in O(n²) for tau-b.
func kendallNaive(x, y []float64) (tau float64, con, dis, xt, yt int64) {
	var tot int64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			tot++
			dx, dy := x[i]-x[j], y[i]-y[j]
			switch {
			case dx == 0 && dy == 0:
				xt++
				yt++
			case dx == 0:
				xt++
			case dy == 0:
				yt++
			case dx*dy > 0:
				con++
			default:
				dis++
			}
		}
	}
	return float64(con-dis) / math.Sqrt(float64(tot-xt)*float64(tot-yt)), con, dis, xt, yt
}

func TestKendallMatchesNaive(t *testing.T) {
	for seed := range uint64(30) {
		n := 3 + int(seed*97)%1500
		x, y := data(seed, n, float64(seed%3)-1, seed%3 != 0, 0)
		if seed%5 == 0 { // heavy ties: a few distinct values
			for i := range x {
				x[i], y[i] = math.Round(x[i]), math.Round(y[i]/2)
			}
		}
		k, err := kendall(x, y)
		if err != nil {
			if errors.Is(err, ErrConstant) {
				continue
			}
			t.Fatal(err)
		}
		tau, _, dis, xt, yt := kendallNaive(x, y)
		if k.dis != dis || k.xtie != xt || k.ytie != yt {
			t.Errorf("seed %d n %d: dis, xtie, ytie = %d, %d, %d; naive %d, %d, %d", seed, n, k.dis, k.xtie, k.ytie, dis, xt, yt)
		}
		if !near(k.tau(), tau, 1e-13, 1e-15) {
			t.Errorf("seed %d: tau %v, naive %v", seed, k.tau(), tau)
		}
	}
}

// The exact p-values against the distribution counted over all
// permutations of n = 7.
func TestKendallExactEnumeration(t *testing.T) {
	const n = 7
	perm := []int{0, 1, 2, 3, 4, 5, 6}
	counts := make([]int, n*(n-1)/2+1) // by number of concordant pairs
	total := 0
	var visit func(k int)
	visit = func(k int) {
		if k == n {
			con := 0
			for i := range n {
				for j := i + 1; j < n; j++ {
					if perm[i] < perm[j] {
						con++
					}
				}
			}
			counts[con]++
			total++
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			visit(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	visit(0)
	tail := func(lo, hi int) float64 {
		s := 0
		for c := lo; c <= hi; c++ {
			s += counts[c]
		}
		return float64(s) / float64(total)
	}
	tot := n * (n - 1) / 2
	for c := 0; c <= tot; c++ {
		lower, upper := tail(0, c), tail(c, tot)
		two := math.Min(1, 2*math.Min(lower, upper))
		for _, tt := range []struct {
			alt  Alternative
			want float64
		}{{TwoSided, two}, {Less, lower}, {Greater, upper}} {
			if got := kendallExactP(n, int64(c), tt.alt); !near(got, tt.want, 1e-13, 0) {
				t.Errorf("c=%d %v: p = %v, want %v", c, tt.alt, got, tt.want)
			}
		}
	}
}

// The recurrence with power-of-two rescaling (n >= 171) against the
// closed form for at most one discordant pair, and symmetry of the tails.
func TestKendallExactLargeN(t *testing.T) {
	for _, n := range []int{40, 170, 171, 300} {
		// c = 2 by the recurrence: (count(0)+count(1)+count(2)) * 2 / n!,
		// with count(1) = n-1 and count(2) = (n-2)(n+1)/2.
		want := 2 * (1 + float64(n-1) + float64(n-2)*float64(n+1)/2) * math.Exp(-lgammaInt(n+1))
		if got := kendallExactP(n, 2, TwoSided); !near(got, want, 1e-11, 1e-300) {
			t.Errorf("n=%d c=2: p = %v, want %v", n, got, want)
		}
		tot := int64(n) * int64(n-1) / 2
		c := tot/2 - int64(n)
		if a, b := kendallExactP(n, c, Less), kendallExactP(n, tot-c, Greater); !near(a, b, 1e-12, 0) {
			t.Errorf("n=%d: P(C<=%d) = %v but P(C>=%d) = %v", n, c, a, tot-c, b)
		}
	}
}

func TestRank(t *testing.T) {
	nan := math.NaN()
	got := Rank([]float64{3, 1, 4, 1, 5, nan, 9, 2, 6, 5, 3, 5, math.Copysign(0, -1), 0})
	want := []float64{6.5, 3.5, 8, 3.5, 10, nan, 13, 5, 12, 10, 6.5, 10, 1.5, 1.5}
	for i := range want {
		if !near(got[i], want[i], 0, 0) {
			t.Fatalf("Rank = %v, want %v", got, want)
		}
	}
}

// sortPairs against the standard library, on keys with many and few ties,
// signs, infinities and sizes around the insertion-sort threshold.
func TestSortPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	gens := []func() float64{
		rng.NormFloat64,
		func() float64 { return math.Round(rng.NormFloat64() * 3) },
		func() float64 { return float64(rng.IntN(2)) },
		func() float64 { return math.Ldexp(rng.Float64()-0.5, rng.IntN(2000)-1000) },
		func() float64 {
			return [...]float64{math.Inf(-1), -1, 0, math.Copysign(0, -1), 1, math.Inf(1)}[rng.IntN(6)]
		},
	}
	for _, n := range []int{0, 1, 2, 23, 24, 25, 100, 1000, 30000} {
		for g, gen := range gens {
			for _, lex := range []bool{false, true} {
				for k := range 2 {
					s := make([]uint64, 2*n)
					for i := range s {
						s[i] = sortKey(gen())
					}
					type pr struct{ a, b uint64 }
					want := make([]pr, n)
					for i := range want {
						want[i] = pr{s[2*i], s[2*i+1]}
					}
					sortPairs(s, k, lex)
					slices.SortStableFunc(want, func(p, q pr) int {
						kp, kq, op, oq := p.a, q.a, p.b, q.b
						if k == 1 {
							kp, kq, op, oq = p.b, q.b, p.a, q.a
						}
						switch {
						case kp != kq:
							return cmpU(kp, kq)
						case lex:
							return cmpU(op, oq)
						}
						return 0
					})
					got := make([]pr, n)
					for i := range got {
						got[i] = pr{s[2*i], s[2*i+1]}
					}
					// Without lex, equal keys may come in any order: compare
					// the keys, and the multiset of pairs.
					for i := range got {
						kg, kw := got[i].a, want[i].a
						if k == 1 {
							kg, kw = got[i].b, want[i].b
						}
						if kg != kw || lex && got[i] != want[i] {
							t.Fatalf("n=%d gen=%d lex=%v k=%d: position %d differs", n, g, lex, k, i)
						}
					}
					less := func(p, q pr) int {
						if c := cmpU(p.a, q.a); c != 0 {
							return c
						}
						return cmpU(p.b, q.b)
					}
					slices.SortFunc(got, less)
					slices.SortFunc(want, less)
					if !slices.Equal(got, want) {
						t.Fatalf("n=%d gen=%d: pairs were not permuted together", n, g)
					}
				}
			}
		}
	}
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSortKeyOrder(t *testing.T) {
	v := []float64{math.Inf(-1), -math.MaxFloat64, -1, -math.SmallestNonzeroFloat64, 0, math.SmallestNonzeroFloat64, 1, math.MaxFloat64, math.Inf(1)}
	for i := 1; i < len(v); i++ {
		if !(sortKey(v[i-1]) < sortKey(v[i])) {
			t.Errorf("key(%v) >= key(%v)", v[i-1], v[i])
		}
	}
	if sortKey(math.Copysign(0, -1)) != sortKey(0) {
		t.Error("-0 and +0 have different keys")
	}
}

// Integer frequency weights give the result of repeating the pairs.
func TestWeightsAreFrequencies(t *testing.T) {
	x, y := data(5, 60, 0.4, true, 0.05)
	rng := rand.New(rand.NewPCG(9, 9))
	w := make([]float64, len(x))
	var rx, ry []float64
	for i := range w {
		w[i] = float64(rng.IntN(4)) // includes 0: dropped
		for range int(w[i]) {
			rx, ry = append(rx, x[i]), append(ry, y[i])
		}
	}
	for _, m := range []Method{MethodPearson, MethodSpearman} {
		got, err := Correlate(x, y, m, &Options{Weights: w})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Correlate(rx, ry, m, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got.N >= want.N {
			t.Errorf("%v: N = %d counts pairs, want fewer than the %d replicated", m, got.N, want.N)
		}
		got.N = want.N
		sameCorr(t, m.String()+" weighted", got, want, 1e-12)
	}
}

func TestPearsonExtremeMagnitudes(t *testing.T) {
	x, y := data(11, 100, 0.7, false, 0)
	want, _ := Pearson(x, y)
	for _, scale := range []float64{1e-200, 1e-160, 1e160, 1e200} {
		sx := make([]float64, len(x))
		for i, v := range x {
			sx[i] = v * scale
		}
		got, err := Pearson(sx, y)
		if err != nil {
			t.Fatalf("scale %g: %v", scale, err)
		}
		if !near(got.R, want.R, 1e-13, 0) {
			t.Errorf("scale %g: r = %v, want %v", scale, got.R, want.R)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	x, y := data(2, 10000, 0.5, true, 0.01)
	if a := testing.AllocsPerRun(10, func() { _, _ = Pearson(x, y) }); a != 0 {
		t.Errorf("Pearson: %v allocations, want 0", a)
	}
	if a := testing.AllocsPerRun(10, func() { _, _ = LinearFit(x, y) }); a != 0 {
		t.Errorf("LinearFit: %v allocations, want 0", a)
	}
	// Spearman and Kendall allocate the one pair buffer.
	for _, f := range []func(x, y []float64) (Corr, error){Spearman, Kendall} {
		if a := testing.AllocsPerRun(10, func() { _, _ = f(x, y) }); a != 1 {
			t.Errorf("%v allocations, want 1", a)
		}
	}
}

func TestStrings(t *testing.T) {
	// scipy: r = 0.8, p = 0.19999999999999996, interval [-0.6969534452993225, 0.9956002504665856].
	c, _ := Pearson([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4})
	if got, want := c.String(), "pearson r=0.8000 p=0.2 n=4 [-0.6970, 0.9956]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	for _, s := range []string{MethodKendall.String(), PExact.String(), Greater.String(), Method(9).String(), Holm.String()} {
		if s == "" {
			t.Error("empty String()")
		}
	}
}

// Both inversion counters against the O(n²) count, with the merge sort on
// sizes around its insertion-sorted runs of 32.
func TestInversions(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, n := range []int{0, 1, 2, 31, 32, 33, 64, 65, 1000, 5000} {
		for _, u := range []int{1, 3, 50, fenwickMax} {
			a := make([]uint64, n)
			for i := range a {
				a[i] = uint64(rng.IntN(u))
			}
			var want int64
			for i := range a {
				for j := i + 1; j < n; j++ {
					if a[i] > a[j] {
						want++
					}
				}
			}
			if got := inversionsFenwick(slices.Clone(a), u); got != want {
				t.Errorf("n=%d u=%d: Fenwick counts %d, want %d", n, u, got, want)
			}
			if got := inversions(slices.Clone(a), make([]uint64, n)); got != want {
				t.Errorf("n=%d u=%d: merge sort counts %d, want %d", n, u, got, want)
			}
		}
	}
}
