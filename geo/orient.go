package geo

import (
	"math"
	"math/big"
)

// orientErr is Shewchuk's ccwerrboundA, (3 + 16ε)ε with ε = 2^-53: when the floating-point
// determinant exceeds orientErr times the sum of the magnitudes of its two products, its
// sign is exact ("Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
// Predicates", 1997).
const orientErr = (3 + 16*0x1p-53) * 0x1p-53

// orientTiny is the magnitude below which the filter is not trusted (underflow).
const orientTiny = 0x1p-900

// orient returns the exact sign of the cross product (a - c) × (b - c): +1 when a, b, c
// turn counter-clockwise (c is left of the directed line a→b), -1 when clockwise, 0 when
// collinear. A floating-point filter decides nearly every case; the rest are computed
// exactly with rational arithmetic.
func orient(ax, ay, bx, by, cx, cy float64) int {
	l := (ax - cx) * (by - cy)
	r := (ay - cy) * (bx - cx)
	det := l - r
	bound := orientErr * (math.Abs(l) + math.Abs(r))
	if det > bound && det > orientTiny {
		return 1
	}
	if -det > bound && -det > orientTiny {
		return -1
	}
	return orientExact(ax, ay, bx, by, cx, cy)
}

// orientExact computes the sign of (a - c) × (b - c) exactly. Non-finite input is
// reported as collinear.
func orientExact(ax, ay, bx, by, cx, cy float64) int {
	for _, v := range [...]float64{ax, ay, bx, by, cx, cy} {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return 0
		}
	}
	rat := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	dx1 := new(big.Rat).Sub(rat(ax), rat(cx))
	dy2 := new(big.Rat).Sub(rat(by), rat(cy))
	dy1 := new(big.Rat).Sub(rat(ay), rat(cy))
	dx2 := new(big.Rat).Sub(rat(bx), rat(cx))
	l := new(big.Rat).Mul(dx1, dy2)
	r := new(big.Rat).Mul(dy1, dx2)
	return l.Cmp(r)
}
