package geo

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// splitMix64 is the generator of testdata/shapely_random.py (Steele, Lea, Flood 2014),
// reimplemented bit for bit so both sides draw the same points.
type splitMix64 struct{ state uint64 }

func (r *splitMix64) next() uint64 {
	r.state += 0x9E3779B97F4A7C15
	z := r.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// float returns a float64 in [0, 1): the top 53 bits times 2^-53.
func (r *splitMix64) float() float64 {
	return float64(r.next()>>11) * 0x1p-53
}

// uniform returns a value in [lo, hi), rounding like Python's lo + u*(hi-lo).
func (r *splitMix64) uniform(lo, hi float64) float64 {
	w := hi - lo
	return lo + float64(r.float()*w)
}

// randomPoints returns n points uniform in [w, e] × [s, n] (lon may exceed 180).
func randomPoints(seed uint64, n int, w, s, e, nth float64) []orb.Point {
	r := &splitMix64{seed}
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{r.uniform(w, e), r.uniform(s, nth)}
	}
	return pts
}

// naiveContains is a slow, independent reference for a closed even-odd polygon: a point
// is inside when on an edge (tested with exact orientation) or when the crossing number
// of a rightward ray is odd (the classic half-open rule).
func naiveContains(p orb.Polygon, x, y float64) bool {
	in := false
	for _, r := range p {
		n := len(r)
		if n > 1 && r[0] == r[n-1] {
			n--
		}
		for i := 0; i < n; i++ {
			a, b := r[i], r[(i+1)%n]
			if onSegment(a, b, x, y) {
				return true
			}
			if (a[1] > y) != (b[1] > y) {
				// Float intersection when clearly decided, exact otherwise.
				xi := a[0] + (y-a[1])*(b[0]-a[0])/(b[1]-a[1])
				tol := 1e-9 * (math.Abs(a[0]) + math.Abs(b[0]) + math.Abs(x) + 1e-300)
				var left bool
				if math.Abs(x-xi) > tol {
					left = x < xi
				} else {
					left = ratLess(x, crossingX(a, b, y))
				}
				if left {
					in = !in
				}
			}
		}
	}
	return in
}

func onSegment(a, b orb.Point, x, y float64) bool {
	if x < math.Min(a[0], b[0]) || x > math.Max(a[0], b[0]) || y < math.Min(a[1], b[1]) || y > math.Max(a[1], b[1]) {
		return false
	}
	return orient(a[0], a[1], b[0], b[1], x, y) == 0 // orient is checked against orientExact in TestOrient
}

// crossingX returns, exactly, the x where the segment a-b meets the line at y.
func crossingX(a, b orb.Point, y float64) *big.Rat {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	t := new(big.Rat).Quo(new(big.Rat).Sub(r(y), r(a[1])), new(big.Rat).Sub(r(b[1]), r(a[1])))
	dx := new(big.Rat).Sub(r(b[0]), r(a[0]))
	return new(big.Rat).Add(r(a[0]), new(big.Rat).Mul(t, dx))
}

func ratLess(x float64, v *big.Rat) bool {
	return new(big.Rat).SetFloat64(x).Cmp(v) < 0
}
