package stats

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/interp"
)

// Interp interpolates y(x) linearly at each of xnew, for data such as an
// Argo profile's PRES, whose values are not always in order. It drops the
// pairs where x is NaN or ±Inf or y is NaN, sorts the rest by x, and replaces
// pairs with the same x by one point with their mean y. It returns NaN for a
// NaN xnew, for xnew outside [min x, max x] (no extrapolation), and
// everywhere when no pair is left; a single distinct x gives its y at that x
// only. It never panics on NaN input, and it does not modify its arguments.
// The interpolation itself is gonum's interp.PiecewiseLinear.
//
// Interp panics if len(x) != len(y).
func Interp(x, y, xnew []float64) []float64 {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	type point struct{ x, y float64 }
	pts := make([]point, 0, len(x))
	for i, xv := range x {
		if math.IsNaN(xv) || math.IsInf(xv, 0) || math.IsNaN(y[i]) {
			continue
		}
		pts = append(pts, point{xv, y[i]})
	}
	slices.SortStableFunc(pts, func(a, b point) int { return cmp.Compare(a.x, b.x) })
	xs := make([]float64, 0, len(pts))
	ys := make([]float64, 0, len(pts))
	for i := 0; i < len(pts); {
		j, sum := i, 0.0
		for j < len(pts) && pts[j].x == pts[i].x {
			sum += pts[j].y
			j++
		}
		xs = append(xs, pts[i].x)
		ys = append(ys, sum/float64(j-i))
		i = j
	}
	out := make([]float64, len(xnew))
	switch len(xs) {
	case 0:
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	case 1:
		for i, v := range xnew {
			out[i] = math.NaN()
			if v == xs[0] {
				out[i] = ys[0]
			}
		}
		return out
	}
	var pl interp.PiecewiseLinear
	pl.Fit(xs, ys) // never fails: xs increases strictly and has 2 or more values
	lo, hi := xs[0], xs[len(xs)-1]
	for i, v := range xnew {
		if !(v >= lo && v <= hi) {
			out[i] = math.NaN()
			continue
		}
		out[i] = pl.Predict(v)
	}
	return out
}
