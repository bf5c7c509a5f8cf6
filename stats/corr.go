package stats

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Sentinel errors. Functions wrap them with details; test with [errors.Is].
var (
	// ErrTooFew reports fewer pairs than the statistic needs (3 for a
	// correlation) once the pairs containing a NaN are dropped.
	ErrTooFew = errors.New("stats: too few pairs")
	// ErrConstant reports an input whose values are all equal, for which a
	// correlation is undefined (R is NaN).
	ErrConstant = errors.New("stats: constant input")
	// ErrTies reports that the exact Kendall p-value was requested for data
	// with ties, for which the exact null distribution does not apply.
	ErrTies = errors.New("stats: ties in the data")
	// ErrSingular reports controls or regressors that are collinear.
	ErrSingular = errors.New("stats: singular system")
	// ErrInvalid reports an invalid argument or option value.
	ErrInvalid = errors.New("stats: invalid argument")
)

// Method names a correlation coefficient.
type Method uint8

// The correlation coefficients.
const (
	MethodPearson  Method = iota + 1 // Pearson's product-moment r
	MethodSpearman                   // Spearman's rho: Pearson's r of the average ranks
	MethodKendall                    // Kendall's tau-b, adjusted for ties
)

// String returns "pearson", "spearman" or "kendall".
func (m Method) String() string {
	switch m {
	case MethodPearson:
		return "pearson"
	case MethodSpearman:
		return "spearman"
	case MethodKendall:
		return "kendall"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// PMethod says how a p-value is computed.
type PMethod uint8

// The ways of computing a p-value.
const (
	// PAuto chooses as scipy's method='auto' does: the exact distribution for
	// Kendall's tau when there are no ties and either n <= 33 or at most one
	// pair is discordant (or concordant); the asymptotic one otherwise.
	PAuto PMethod = iota
	// PAsymptotic uses Student's t with n-2 degrees of freedom for Pearson and
	// Spearman, and the normal approximation with the tie-corrected variance
	// for Kendall.
	PAsymptotic
	// PExact uses the exact permutation distribution of Kendall's tau (no
	// ties allowed; the cost grows as n³ in the worst case).
	PExact
)

// String returns "auto", "asymptotic" or "exact".
func (m PMethod) String() string {
	switch m {
	case PAuto:
		return "auto"
	case PAsymptotic:
		return "asymptotic"
	case PExact:
		return "exact"
	}
	return fmt.Sprintf("PMethod(%d)", uint8(m))
}

// Alternative is the alternative hypothesis of a test.
type Alternative uint8

// The alternative hypotheses. The zero value is TwoSided.
const (
	TwoSided Alternative = iota // the coefficient is not 0
	Less                        // the coefficient is negative
	Greater                     // the coefficient is positive
)

// String returns "two-sided", "less" or "greater".
func (a Alternative) String() string {
	switch a {
	case TwoSided:
		return "two-sided"
	case Less:
		return "less"
	case Greater:
		return "greater"
	}
	return fmt.Sprintf("Alternative(%d)", uint8(a))
}

// Corr is a correlation coefficient with its test and confidence interval.
type Corr struct {
	R float64 // the coefficient; NaN when undefined
	P float64 // p-value for the alternative asked (two-sided by default)
	N int     // pairs used: those without a NaN (and, with weights, with a positive weight)
	// Lo and Hi bound the confidence interval (95% unless [Options.Level] says
	// otherwise; one-sided alternatives give a one-sided interval, with -1 or 1
	// as the open end).
	Lo, Hi float64
	Method Method  // the coefficient computed
	PValue PMethod // how P was computed: PAsymptotic or PExact, never PAuto
}

// String formats c on one line, such as
// "pearson r=0.8165 p=0.09183 n=4 [-0.6254, 0.9960]".
func (c Corr) String() string {
	return fmt.Sprintf("%v r=%.4f p=%.4g n=%d [%.4f, %.4f]", c.Method, c.R, c.P, c.N, c.Lo, c.Hi)
}

// Options adjust a correlation. The zero value (or a nil *Options) means a
// two-sided test, a 95% interval, no weights and the automatic p-value method.
type Options struct {
	// Alternative is the alternative hypothesis of the p-value and the side of
	// the confidence interval.
	Alternative Alternative
	// Level is the confidence level of [Corr.Lo, Corr.Hi], in (0, 1); 0 means 0.95.
	Level float64
	// Weights, if not nil, are frequency weights, one per pair, for Pearson
	// and Spearman (Kendall returns ErrInvalid). A pair with weight w counts
	// as w copies of it: Pearson's r is the weighted r (gonum's
	// stat.Correlation), Spearman's rho uses the weighted average ranks, and
	// the p-value and interval use the sum of the weights as the sample size.
	// Pairs with a NaN or zero weight are dropped; negative weights are
	// invalid. len(Weights) must equal len(x).
	Weights []float64
	// PValue chooses how Kendall's p-value is computed (PAuto, PAsymptotic,
	// PExact). Pearson and Spearman always use Student's t (PAsymptotic);
	// asking them for PExact returns ErrInvalid.
	PValue PMethod
}

// z975 is the 0.975 quantile of the standard normal distribution, the factor
// of a two-sided 95% interval (scipy.special.ndtri(0.975)).
const z975 = 1.959963984540054

// Pearson returns Pearson's product-moment correlation of x and y, its
// two-sided p-value (Student's t with n-2 degrees of freedom, as
// scipy.stats.pearsonr) and the 95% Fisher z interval.
//
// Pairs where x or y is NaN are dropped; N counts the others. ±Inf values
// give an error. Fewer than 3 pairs give ErrTooFew and a constant x or y gives
// ErrConstant, with R, P, Lo and Hi set to NaN. Pearson panics if
// len(x) != len(y): that is a programming error, as in gonum.
//
// Pearson allocates nothing proportional to len(x).
func Pearson(x, y []float64) (Corr, error) {
	return Correlate(x, y, MethodPearson, nil)
}

// Spearman returns Spearman's rank correlation rho of x and y: Pearson's r of
// their ranks, with tied values given their average rank. The p-value uses
// Student's t with n-2 degrees of freedom (as scipy.stats.spearmanr) and the
// interval is the plain Fisher z interval (standard error 1/sqrt(n-3), no
// variance correction for rho). NaN pairs, errors and panics are as for
// [Pearson].
//
// Spearman allocates the ranks: 16 bytes per pair.
func Spearman(x, y []float64) (Corr, error) {
	return Correlate(x, y, MethodSpearman, nil)
}

// Kendall returns Kendall's tau-b of x and y (adjusted for ties), computed in
// O(n log n) with Knight's algorithm. The p-value is scipy.stats.kendalltau's
// with method='auto': exact when there are no ties and either n <= 33 or at
// most one pair is discordant (or concordant), otherwise the normal
// approximation with the tie-corrected variance; Corr.PValue says which.
//
// The interval is a Fisher z interval with the variance 0.437/(n-4) of
// Fieller, Hartley and Pearson (1957, Biometrika 44, 470-481); it is [-1, 1]
// for n <= 4. NaN pairs, errors and panics are as for [Pearson]; input whose
// values are all tied gives ErrConstant.
//
// Kendall allocates 16 bytes per pair.
func Kendall(x, y []float64) (Corr, error) {
	return Correlate(x, y, MethodKendall, nil)
}

// Correlate computes the correlation coefficient method of x and y with the
// options opts (nil means the defaults). See [Pearson], [Spearman] and
// [Kendall] for what each method does. It panics if len(x) != len(y), or if
// weights are given and len(opts.Weights) != len(x).
func Correlate(x, y []float64, method Method, opts *Options) (Corr, error) {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	c := Corr{R: math.NaN(), P: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Method: method, PValue: PAsymptotic}
	if o.Weights != nil && len(o.Weights) != len(x) {
		panic("stats: slice length mismatch")
	}
	if err := o.check(); err != nil {
		return c, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	switch method {
	case MethodPearson, MethodSpearman:
		if o.PValue == PExact {
			return c, fmt.Errorf("%w: exact p-value is only available for kendall", ErrInvalid)
		}
		var (
			r, n float64
			np   int
			err  error
		)
		switch {
		case o.Weights != nil:
			r, n, np, err = weightedCorr(x, y, o.Weights, method == MethodSpearman)
		case method == MethodPearson:
			r, np, err = pearsonR(x, y)
			n = float64(np)
		default:
			r, np, err = spearmanR(x, y)
			n = float64(np)
		}
		c.N = np
		if err != nil {
			return c, err
		}
		c.R = r
		c.P = tTestP(r, n-2, o.Alternative)
		c.Lo, c.Hi = fisherCI(r, 1/math.Sqrt(n-3), o.level(), o.Alternative)
		return c, nil
	case MethodKendall:
		if o.Weights != nil {
			return c, fmt.Errorf("%w: weights are not supported for kendall", ErrInvalid)
		}
		k, err := kendall(x, y)
		c.N = k.n
		if err != nil {
			return c, err
		}
		exact := k.xtie == 0 && k.ytie == 0
		switch o.PValue {
		case PAuto:
			exact = exact && (k.n <= 33 || min(k.dis, k.tot-k.dis) <= 1)
		case PExact:
			if !exact {
				return c, fmt.Errorf("%w: kendall: the exact p-value needs data without ties", ErrTies)
			}
		default:
			exact = false
		}
		c.R = k.tau()
		if exact {
			c.PValue = PExact
			c.P = kendallExactP(k.n, k.tot-k.dis, o.Alternative)
		} else {
			c.P = k.asymptoticP(o.Alternative)
		}
		if k.n > 4 {
			c.Lo, c.Hi = fisherCI(c.R, math.Sqrt(0.437/float64(k.n-4)), o.level(), o.Alternative)
		} else {
			c.Lo, c.Hi = -1, 1
		}
		return c, nil
	}
	return c, fmt.Errorf("%w: unknown method %v", ErrInvalid, method)
}

func (o *Options) check() error {
	if o.Alternative > Greater {
		return fmt.Errorf("unknown alternative %v", o.Alternative)
	}
	if o.Level != 0 && !(o.Level > 0 && o.Level < 1) {
		return fmt.Errorf("confidence level %v outside (0, 1)", o.Level)
	}
	if o.PValue > PExact {
		return fmt.Errorf("unknown p-value method %v", o.PValue)
	}
	return nil
}

func (o *Options) level() float64 {
	if o.Level == 0 {
		return 0.95
	}
	return o.Level
}

// tTestP returns the p-value of the correlation r with df degrees of freedom:
// t = r*sqrt(df/(1-r²)) follows Student's t with df degrees of freedom, so
// P(|T| >= |t|) = I_{1-r²}(df/2, 1/2), the regularized incomplete beta
// function (scipy's pearsonr computes the same through the beta distribution).
func tTestP(r, df float64, alt Alternative) float64 {
	if math.IsNaN(r) || !(df > 0) {
		return math.NaN()
	}
	r = math.Max(-1, math.Min(1, r))
	ar := math.Abs(r)
	x := (1 - ar) * (1 + ar) // 1-r² without cancellation near |r| = 1
	twoSided := regIncBeta(df/2, 0.5, x)
	switch alt {
	case Less:
		if r <= 0 {
			return twoSided / 2
		}
		return 1 - twoSided/2
	case Greater:
		if r >= 0 {
			return twoSided / 2
		}
		return 1 - twoSided/2
	}
	return twoSided
}

// regIncBeta is gonum's regularized incomplete beta function I_x(a, b)
// with x clamped to [0, 1] and NaN passed through instead of a panic.
func regIncBeta(a, b, x float64) float64 {
	if math.IsNaN(x) || !(a > 0) || !(b > 0) {
		return math.NaN()
	}
	return mathext.RegIncBeta(a, b, math.Max(0, math.Min(1, x)))
}

// fisherCI returns the Fisher z interval tanh(atanh(r) ∓ q*se), evaluated as
// written in IEEE arithmetic: se = +Inf gives [-1, 1], and |r| = 1 gives
// [r, r] (or NaN bounds when se is also +Inf).
func fisherCI(r, se, level float64, alt Alternative) (lo, hi float64) {
	if math.IsNaN(r) || math.IsNaN(se) {
		return math.NaN(), math.NaN()
	}
	z := math.Atanh(r)
	switch alt {
	case Less:
		return -1, math.Tanh(z + normalQuantile(level)*se)
	case Greater:
		return math.Tanh(z - normalQuantile(level)*se), 1
	}
	q := normalQuantile(0.5 + level/2)
	return math.Tanh(z - q*se), math.Tanh(z + q*se)
}

// normalQuantile is the standard normal quantile, exact to the last bit for
// the common 95% two-sided case.
func normalQuantile(p float64) float64 {
	if p == 0.975 {
		return z975
	}
	return distuv.UnitNormal.Quantile(p)
}

// pearsonR returns Pearson's r of the pairs of x and y without a NaN and the
// number of those pairs. It allocates nothing.
func pearsonR(x, y []float64) (r float64, n int, err error) {
	s := centeredSums(x, y, 1, 1)
	n = s.n
	switch {
	case n < 3:
		return math.NaN(), n, tooFew(n)
	case s.constX || s.constY:
		return math.NaN(), n, constantErr(s.constX, s.constY)
	}
	if !isNormal(s.sxx*s.syy) || !isFinite(s.sxy) {
		// Overflow or underflow of the squares: values beyond about 1e±150.
		// Scale by the largest magnitude and try again.
		ax, ay := maxAbs(x, y)
		if math.IsInf(ax, 0) || math.IsInf(ay, 0) {
			return math.NaN(), n, fmt.Errorf("%w: infinite value in the input", ErrInvalid)
		}
		s = centeredSums(x, y, 1/ax, 1/ay)
	}
	return clamp1(s.sxy / math.Sqrt(s.sxx*s.syy)), n, nil
}

func tooFew(n int) error {
	return fmt.Errorf("%w: %d pairs without NaN, need 3", ErrTooFew, n)
}

func constantErr(cx, cy bool) error {
	switch {
	case cx && cy:
		return fmt.Errorf("%w: x and y are constant", ErrConstant)
	case cx:
		return fmt.Errorf("%w: x is constant", ErrConstant)
	}
	return fmt.Errorf("%w: y is constant", ErrConstant)
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// isNormal reports whether v is a finite, positive, normal float64.
func isNormal(v float64) bool { return v >= 0x1p-1022 && v <= math.MaxFloat64 }

func clamp1(r float64) float64 {
	if r > 1 {
		return 1
	}
	if r < -1 {
		return -1
	}
	return r
}

type sums struct {
	n              int
	mx, my         float64 // means
	sxx, syy, sxy  float64 // centered sums of squares and products
	constX, constY bool
}

// block is the length of the runs summed before their total is added to the
// running sum: a cheap form of pairwise summation that keeps the rounding
// error of 10⁷-term sums near that of 10⁴-term ones.
const block = 2048

// centeredSums returns, over the pairs of x and y without a NaN, the number of
// pairs, the centered sums of squares and products of ax*x and ay*y, and
// whether x or y is constant. It makes two passes (the mean, then the
// centered sums with the compensation term of Chan, Golub and LeVeque, as
// gonum's stat.Correlation) and allocates nothing.
func centeredSums(x, y []float64, ax, ay float64) sums {
	var (
		s      sums
		sx, sy float64
		x0, y0 float64
	)
	s.constX, s.constY = true, true
	for lo := 0; lo < len(x); lo += block {
		hi := min(lo+block, len(x))
		var bx, by float64
		for i, xv := range x[lo:hi] {
			yv := y[lo+i]
			if xv != xv || yv != yv { // NaN
				continue
			}
			if s.n == 0 {
				x0, y0 = xv, yv
			}
			if xv != x0 {
				s.constX = false
			}
			if yv != y0 {
				s.constY = false
			}
			s.n++
			bx += xv
			by += yv
		}
		sx += bx
		sy += by
	}
	if s.n == 0 || s.constX || s.constY {
		s.mx, s.my = ax*x0, ay*y0
		return s
	}
	mx, my := ax*sx/float64(s.n), ay*sy/float64(s.n)
	var cx, cy float64
	for lo := 0; lo < len(x); lo += block {
		hi := min(lo+block, len(x))
		var bxx, byy, bxy, bx, by float64
		for i, xv := range x[lo:hi] {
			yv := y[lo+i]
			if xv != xv || yv != yv {
				continue
			}
			dx := ax*xv - mx
			dy := ay*yv - my
			bxx += dx * dx
			byy += dy * dy
			bxy += dx * dy
			bx += dx
			by += dy
		}
		s.sxx += bxx
		s.syy += byy
		s.sxy += bxy
		cx += bx
		cy += by
	}
	n := float64(s.n)
	s.sxx -= cx * cx / n
	s.syy -= cy * cy / n
	s.sxy -= cx * cy / n
	s.mx, s.my = mx+cx/n, my+cy/n
	return s
}

func maxAbs(x, y []float64) (ax, ay float64) {
	for i, xv := range x {
		yv := y[i]
		if xv != xv || yv != yv {
			continue
		}
		ax = math.Max(ax, math.Abs(xv))
		ay = math.Max(ay, math.Abs(yv))
	}
	return ax, ay
}

// weightedCorr returns the frequency-weighted Pearson r of x and y (of their
// weighted average ranks when ranks is true), the sum of the weights and the
// number of pairs used.
func weightedCorr(x, y, w []float64, ranks bool) (r, sumW float64, n int, err error) {
	var xs, ys, ws []float64
	for i, wv := range w {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) || math.IsNaN(wv) || wv == 0 {
			continue
		}
		if wv < 0 || math.IsInf(wv, 0) {
			return math.NaN(), 0, 0, fmt.Errorf("%w: weight %v", ErrInvalid, wv)
		}
		xs = append(xs, x[i])
		ys = append(ys, y[i])
		ws = append(ws, wv)
		sumW += wv
	}
	n = len(xs)
	if n < 3 {
		return math.NaN(), sumW, n, fmt.Errorf("%w: %d weighted pairs without NaN, need 3", ErrTooFew, n)
	}
	cx, cy := isConstant(xs), isConstant(ys)
	if cx || cy {
		return math.NaN(), sumW, n, constantErr(cx, cy)
	}
	if ranks {
		xs = weightedRanks(xs, ws)
		ys = weightedRanks(ys, ws)
	} else {
		for i := range xs {
			if math.IsInf(xs[i], 0) || math.IsInf(ys[i], 0) {
				return math.NaN(), sumW, n, fmt.Errorf("%w: infinite value in the input", ErrInvalid)
			}
		}
	}
	return clamp1(stat.Correlation(xs, ys, ws)), sumW, n, nil
}

func isConstant(x []float64) bool {
	for _, v := range x {
		if v != x[0] {
			return false
		}
	}
	return true
}
