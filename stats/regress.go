package stats

import (
	"fmt"
	"math"
)

// Fit is a least-squares line y = Intercept + Slope*x with the statistics of
// scipy.stats.linregress.
type Fit struct {
	Slope, Intercept float64
	R                float64 // Pearson's r of x and y
	P                float64 // two-sided p-value of the test that the slope is 0
	SlopeErr         float64 // standard error of Slope
	InterceptErr     float64 // standard error of Intercept
	N                int     // pairs used (those without a NaN)
}

// Predict returns Intercept + Slope*x.
func (f Fit) Predict(x float64) float64 { return f.Intercept + f.Slope*x }

// String formats f on one line.
func (f Fit) String() string {
	return fmt.Sprintf("y = %.6g + %.6g x (±%.3g) r=%.4f p=%.4g n=%d", f.Intercept, f.Slope, f.SlopeErr, f.R, f.P, f.N)
}

// tiny is scipy's TINY in linregress: it keeps the t statistic finite when
// |r| = 1, so a perfect fit gets a tiny non-zero p-value.
const tiny = 1e-20

// LinearFit fits y = a + b*x by least squares over the pairs without a NaN,
// with the semantics of scipy.stats.linregress: the p-value uses Student's t
// with n-2 degrees of freedom on t = r*sqrt(df/((1-r+1e-20)(1+r+1e-20))),
// SlopeErr = sqrt((1-r²) Syy/Sxx/df) and InterceptErr = SlopeErr *
// sqrt(Sxx/n + mean(x)²). Two pairs give the line through them with P = 0
// (or 1 if y is constant) and zero standard errors; a constant y gives a
// slope, R and standard errors of 0 and P = 1.
//
// Fewer than 2 pairs give ErrTooFew and a constant x gives ErrConstant.
// LinearFit panics if len(x) != len(y). It allocates nothing proportional to
// len(x).
func LinearFit(x, y []float64) (Fit, error) {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	nan := math.NaN()
	f := Fit{Slope: nan, Intercept: nan, R: nan, P: nan, SlopeErr: nan, InterceptErr: nan}
	s := centeredSums(x, y, 1, 1)
	f.N = s.n
	switch {
	case s.n < 2:
		return f, fmt.Errorf("%w: %d pairs without NaN, need 2", ErrTooFew, s.n)
	case s.constX:
		return f, fmt.Errorf("%w: x is constant, the slope is undefined", ErrConstant)
	case s.constY:
		f.Slope, f.Intercept, f.R, f.P, f.SlopeErr, f.InterceptErr = 0, s.my, 0, 1, 0, 0
		return f, nil
	}
	if !isNormal(s.sxx*s.syy) || !isFinite(s.sxy) {
		return f, fmt.Errorf("%w: x or y holds ±Inf or values beyond 1e±150", ErrInvalid)
	}
	n := float64(s.n)
	f.R = clamp1(s.sxy / math.Sqrt(s.sxx*s.syy))
	f.Slope = s.sxy / s.sxx
	f.Intercept = s.my - f.Slope*s.mx
	if s.n == 2 {
		f.P, f.SlopeErr, f.InterceptErr = 0, 0, 0
		return f, nil
	}
	df := n - 2
	r := f.R
	t := r * math.Sqrt(df/((1-r+tiny)*(1+r+tiny)))
	f.P = studentTwoSided(t, df)
	f.SlopeErr = math.Sqrt((1 - r) * (1 + r) * s.syy / s.sxx / df)
	f.InterceptErr = f.SlopeErr * math.Sqrt(s.sxx/n+s.mx*s.mx)
	return f, nil
}

// studentTwoSided returns P(|T| >= |t|) for Student's t with df degrees of
// freedom: I_{df/(df+t²)}(df/2, 1/2).
func studentTwoSided(t, df float64) float64 {
	if math.IsNaN(t) {
		return math.NaN()
	}
	if math.IsInf(t, 0) {
		return 0
	}
	return regIncBeta(df/2, 0.5, df/(df+t*t))
}

// Detrend returns y minus its least-squares line on x (see [LinearFit]); a
// nil x means the positions 0, 1, ..., len(y)-1, as scipy.signal.detrend.
// Positions where x or y is NaN are NaN in the result. Detrend panics if x is
// not nil and len(x) != len(y).
func Detrend(x, y []float64) ([]float64, error) {
	if x == nil {
		x = make([]float64, len(y))
		for i := range x {
			x[i] = float64(i)
		}
	}
	f, err := LinearFit(x, y)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(y))
	for i, yv := range y {
		if math.IsNaN(x[i]) {
			out[i] = math.NaN()
			continue
		}
		out[i] = yv - f.Predict(x[i])
	}
	return out, nil
}
