package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Partial returns the partial Pearson correlation of x and y given the
// controls: the correlation of the residuals of x and y after a
// least-squares regression (with intercept) on the controls. Rows where any
// of x, y or a control is NaN are dropped. With k controls the p-value uses
// Student's t with n-2-k degrees of freedom and the Fisher interval the
// standard error 1/sqrt(n-3-k), as pingouin's partial_corr. With no controls
// it is [Pearson].
//
// For a partial Spearman correlation, pass [Rank] of each variable (after
// dropping the incomplete rows yourself, so that the ranks are of the rows
// used).
//
// Fewer than k+3 complete rows give ErrTooFew; a constant x or y gives
// ErrConstant; controls that are collinear, or that explain x or y exactly,
// give ErrSingular. Partial panics if the slices differ in length.
func Partial(x, y []float64, controls ...[]float64) (Corr, error) {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	for _, z := range controls {
		if len(z) != len(x) {
			panic("stats: slice length mismatch")
		}
	}
	if len(controls) == 0 {
		return Pearson(x, y)
	}
	nan := math.NaN()
	c := Corr{R: nan, P: nan, Lo: nan, Hi: nan, Method: MethodPearson, PValue: PAsymptotic}
	var rows []int
	for i := range x {
		ok := !math.IsNaN(x[i]) && !math.IsNaN(y[i])
		for _, z := range controls {
			ok = ok && !math.IsNaN(z[i])
		}
		if ok {
			rows = append(rows, i)
		}
	}
	n, k := len(rows), len(controls)
	c.N = n
	if n < k+3 {
		return c, fmt.Errorf("%w: %d complete rows for %d controls, need %d", ErrTooFew, n, k, k+3)
	}
	xs, ys := make([]float64, n), make([]float64, n)
	z := mat.NewDense(n, k+1, nil)
	for r, i := range rows {
		xs[r], ys[r] = x[i], y[i]
		z.Set(r, 0, 1)
		for j, col := range controls {
			z.Set(r, j+1, col[i])
		}
	}
	if cx, cy := isConstant(xs), isConstant(ys); cx || cy {
		return c, constantErr(cx, cy)
	}
	var qr mat.QR
	qr.Factorize(z)
	if cond := qr.Cond(); !(cond < 1e12) {
		return c, fmt.Errorf("%w: controls are collinear (condition number %.3g)", ErrSingular, cond)
	}
	rx, err := residuals(&qr, z, xs)
	if err != nil {
		return c, err
	}
	ry, err := residuals(&qr, z, ys)
	if err != nil {
		return c, err
	}
	// Residuals that are rounding noise mean the controls explain x or y.
	if norm(rx) <= 1e-12*norm(centered(xs)) || norm(ry) <= 1e-12*norm(centered(ys)) {
		return c, fmt.Errorf("%w: the controls explain x or y exactly", ErrSingular)
	}
	r, _, err := pearsonR(rx, ry)
	if err != nil {
		return c, err
	}
	df := float64(n - 2 - k)
	c.R = r
	c.P = tTestP(r, df, TwoSided)
	c.Lo, c.Hi = fisherCI(r, 1/math.Sqrt(df-1), 0.95, TwoSided)
	return c, nil
}

// residuals returns v minus its least-squares fit on the columns of z.
func residuals(qr *mat.QR, z *mat.Dense, v []float64) ([]float64, error) {
	var beta, fit mat.VecDense
	if err := qr.SolveVecTo(&beta, false, mat.NewVecDense(len(v), v)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSingular, err)
	}
	fit.MulVec(z, &beta)
	res := make([]float64, len(v))
	for i := range v {
		res[i] = v[i] - fit.AtVec(i)
	}
	return res, nil
}

func norm(v []float64) float64 { return mat.Norm(mat.NewVecDense(len(v), v), 2) }

func centered(v []float64) []float64 {
	m := stat.Mean(v, nil)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x - m
	}
	return out
}

// LagCorr is the correlation at one lag of a cross-correlation.
type LagCorr struct {
	Lag int
	Corr
	// Err is the reason the correlation is undefined at this lag (wrapping
	// ErrTooFew or ErrConstant), or nil.
	Err error
}

// Lagged returns the Pearson cross-correlation of the series x and y (on the
// same regular time axis) at each of the integer lags: at lag k it
// correlates x[t] with y[t+k] over the t where both exist, so a positive
// lag means y follows x (x leads). Pairs with a NaN are dropped per lag.
// Where a lag leaves fewer than 3 pairs or a constant input, its R, P and
// interval are NaN and Err says why. The p-values are not adjusted for the
// number of lags, nor for autocorrelation of the series. Lagged panics if
// len(x) != len(y); it allocates only the result.
func Lagged(x, y []float64, lags []int) []LagCorr {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	out := make([]LagCorr, len(lags))
	n := len(x)
	for i, k := range lags {
		var xs, ys []float64
		switch {
		case k >= n || -k >= n:
		case k >= 0:
			xs, ys = x[:n-k], y[k:]
		default:
			xs, ys = x[-k:], y[:n+k]
		}
		c, err := Pearson(xs, ys)
		out[i] = LagCorr{Lag: k, Corr: c, Err: err}
	}
	return out
}

// BootResult is the result of [Bootstrap].
type BootResult struct {
	Stat   float64   // the statistic on the data
	Lo, Hi float64   // 95% percentile interval
	SE     float64   // standard deviation of the replicates (n-1 denominator)
	Reps   []float64 // the finite replicates, sorted
	Failed int       // replicates where the statistic was NaN or ±Inf
}

// Interval returns the percentile interval at the confidence level (for
// example 0.9): the (1-level)/2 and (1+level)/2 quantiles of the replicates,
// interpolated linearly as numpy's percentile (scipy.stats.bootstrap with
// method='percentile'). It returns NaN bounds when there are no replicates.
func (b BootResult) Interval(level float64) (lo, hi float64) {
	if len(b.Reps) == 0 {
		return math.NaN(), math.NaN()
	}
	return quantileSorted(b.Reps, (1-level)/2), quantileSorted(b.Reps, (1+level)/2)
}

// Bootstrap estimates the sampling distribution of statistic (for example
// MethodSpearman.Coefficient) on the pairs of x and y without a NaN by
// resampling those pairs with replacement n times, drawing from rng.
// It returns the statistic, the 95% percentile interval, the bootstrap
// standard error and the replicates. Replicates where statistic returns NaN or
// ±Inf (a constant resample, say) are counted in Failed and left out.
//
// Fewer than 3 pairs give ErrTooFew; n < 1, a nil statistic or a nil rng give
// ErrInvalid. The same rng state gives the same result. Bootstrap panics if
// len(x) != len(y).
func Bootstrap(x, y []float64, statistic func(x, y []float64) float64, n int, rng *rand.Rand) (BootResult, error) {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	nan := math.NaN()
	b := BootResult{Stat: nan, Lo: nan, Hi: nan, SE: nan}
	switch {
	case n < 1:
		return b, fmt.Errorf("%w: %d resamples", ErrInvalid, n)
	case statistic == nil:
		return b, fmt.Errorf("%w: nil statistic", ErrInvalid)
	case rng == nil:
		return b, fmt.Errorf("%w: nil random source", ErrInvalid)
	}
	m := countPairs(x, y)
	if m < 3 {
		return b, tooFew(m)
	}
	xs, ys := make([]float64, 0, m), make([]float64, 0, m)
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	b.Stat = statistic(xs, ys)
	bx, by := make([]float64, m), make([]float64, m)
	b.Reps = make([]float64, 0, n)
	for range n {
		for i := range bx {
			j := rng.IntN(m)
			bx[i], by[i] = xs[j], ys[j]
		}
		v := statistic(bx, by)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b.Failed++
			continue
		}
		b.Reps = append(b.Reps, v)
	}
	slices.Sort(b.Reps)
	b.Lo, b.Hi = b.Interval(0.95)
	if len(b.Reps) > 1 {
		b.SE = stat.StdDev(b.Reps, nil)
	}
	return b, nil
}

// Coefficient returns the coefficient m of x and y with the default options,
// or NaN where it is undefined: a statistic for [Bootstrap].
func (m Method) Coefficient(x, y []float64) float64 {
	c, err := Correlate(x, y, m, nil)
	if err != nil {
		return math.NaN()
	}
	return c.R
}
