package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// This file solves the inverse geodesic problem on the WGS84 ellipsoid with the
// algorithm of C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43-55 (2013),
// https://doi.org/10.1007/s00190-012-0578-z, following the structure of his
// GeographicLib (MIT licence, https://geographiclib.sourceforge.io), with series to
// order 6. Only what the inverse problem needs (distance and azimuths) is kept.

// WGS84 ellipsoid.
const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563
)

const (
	geodOrder = 6
	nC3x      = geodOrder * (geodOrder - 1) / 2
	maxit1    = 20
	maxit2    = maxit1 + 53 + 10
	tiny      = 0x1p-511 // sqrt of the smallest normal float64
	tol0      = 0x1p-52  // machine epsilon
	tol1      = 200 * tol0
	tol2      = 0x1p-26 // sqrt(tol0)
	tolb      = tol0 * tol2
	xthresh   = 1000 * tol2
)

// ellipsoid holds the derived constants of an ellipsoid. It is read-only once built.
type ellipsoid struct {
	a, f, f1, e2, ep2, n, b, etol2 float64
	a3x                            [geodOrder]float64
	c3x                            [nC3x]float64
}

// wgs84 is computed once at package initialisation and never modified.
var wgs84 = newEllipsoid(wgs84A, wgs84F)

// DistanceGeodesic returns the length in metres of the shortest path (geodesic) between
// a and b on the WGS84 ellipsoid, accurate to about 15 nanometres. It uses Karney's
// algorithm, which converges everywhere, including for nearly antipodal points where
// Vincenty's method fails. A NaN coordinate or a latitude outside [-90, 90] gives NaN.
func DistanceGeodesic(a, b orb.Point) float64 {
	s, _, _ := wgs84.inverse(a[1], a[0], b[1], b[0])
	return s
}

func newEllipsoid(a, f float64) *ellipsoid {
	g := &ellipsoid{a: a, f: f}
	g.f1 = 1 - f
	g.e2 = f * (2 - f)
	g.ep2 = g.e2 / (g.f1 * g.f1)
	g.n = f / (2 - f)
	g.b = a * g.f1
	g.etol2 = 0.1 * tol2 / math.Sqrt(math.Max(0.001, math.Abs(f))*math.Min(1, 1-f/2)/2)
	g.a3coeff()
	g.c3coeff()
	return g
}

func polyval(n int, p []float64, x float64) float64 {
	if n < 0 {
		return 0
	}
	y := p[0]
	for i := 1; i <= n; i++ {
		y = y*x + p[i]
	}
	return y
}

func (g *ellipsoid) a3coeff() {
	coeff := [...]float64{
		-3, 128,
		-2, -3, 64,
		-1, -3, -1, 16,
		3, -1, -2, 8,
		1, -1, 2,
		1, 1,
	}
	o, k := 0, 0
	for j := geodOrder - 1; j >= 0; j-- {
		m := min(geodOrder-j-1, j)
		g.a3x[k] = polyval(m, coeff[o:], g.n) / coeff[o+m+1]
		k++
		o += m + 2
	}
}

func (g *ellipsoid) c3coeff() {
	coeff := [...]float64{
		3, 128,
		2, 5, 128,
		-1, 3, 3, 64,
		-1, 0, 1, 8,
		-1, 1, 4,
		5, 256,
		1, 3, 128,
		-3, -2, 3, 64,
		1, -3, 2, 32,
		7, 512,
		-10, 9, 384,
		5, -9, 5, 192,
		7, 512,
		-14, 7, 512,
		21, 2560,
	}
	o, k := 0, 0
	for l := 1; l < geodOrder; l++ {
		for j := geodOrder - 1; j >= l; j-- {
			m := min(geodOrder-j-1, j)
			g.c3x[k] = polyval(m, coeff[o:], g.n) / coeff[o+m+1]
			k++
			o += m + 2
		}
	}
}

func (g *ellipsoid) a3f(eps float64) float64 {
	return polyval(geodOrder-1, g.a3x[:], eps)
}

func (g *ellipsoid) c3f(eps float64, c []float64) {
	mult := 1.0
	o := 0
	for l := 1; l < geodOrder; l++ {
		m := geodOrder - l - 1
		mult *= eps
		c[l] = mult * polyval(m, g.c3x[o:], eps)
		o += m + 1
	}
}

func a1m1f(eps float64) float64 {
	coeff := [...]float64{1, 4, 64, 0, 256}
	m := geodOrder / 2
	t := polyval(m, coeff[:], eps*eps) / coeff[m+1]
	return (t + eps) / (1 - eps)
}

func c1f(eps float64, c []float64) {
	coeff := [...]float64{
		-1, 6, -16, 32,
		-9, 64, -128, 2048,
		9, -16, 768,
		3, -5, 512,
		-7, 1280,
		-7, 2048,
	}
	seriesCoeffs(eps, coeff[:], c)
}

func a2m1f(eps float64) float64 {
	coeff := [...]float64{-11, -28, -192, 0, 256}
	m := geodOrder / 2
	t := polyval(m, coeff[:], eps*eps) / coeff[m+1]
	return (t - eps) / (1 + eps)
}

func c2f(eps float64, c []float64) {
	coeff := [...]float64{
		1, 2, 16, 32,
		35, 64, 384, 2048,
		15, 80, 768,
		7, 35, 512,
		63, 1280,
		77, 2048,
	}
	seriesCoeffs(eps, coeff[:], c)
}

// seriesCoeffs evaluates the C1/C2 style coefficients c[1..6] from packed polynomials
// in eps².
func seriesCoeffs(eps float64, coeff []float64, c []float64) {
	eps2 := eps * eps
	d := eps
	o := 0
	for l := 1; l <= geodOrder; l++ {
		m := (geodOrder - l) / 2
		c[l] = d * polyval(m, coeff[o:], eps2) / coeff[o+m+1]
		o += m + 2
		d *= eps
	}
}

// sinCosSeries evaluates sum(c[i] sin(2ix), i=1..n) (sinp) or sum(c[i] cos((2i+1)x),
// i=0..n-1) by Clenshaw summation.
func sinCosSeries(sinp bool, sinx, cosx float64, c []float64) float64 {
	k := len(c)
	n := k
	if sinp {
		n--
	}
	ar := 2 * (cosx - sinx) * (cosx + sinx)
	var y0, y1 float64
	if n&1 != 0 {
		k--
		y0 = c[k]
	}
	for n /= 2; n > 0; n-- {
		k--
		y1 = ar*y0 - y1 + c[k]
		k--
		y0 = ar*y1 - y0 + c[k]
	}
	if sinp {
		return 2 * sinx * cosx * y0
	}
	return cosx * (y0 - y1)
}

// astroid solves k⁴+2k³-(x²+y²-1)k²-2y²k-y² = 0 for the positive root k.
func astroid(x, y float64) float64 {
	p, q := x*x, y*y
	r := (p + q - 1) / 6
	if q == 0 && r <= 0 {
		return 0
	}
	S := p * q / 4
	r2 := r * r
	r3 := r * r2
	disc := S * (S + 2*r3)
	u := r
	if disc >= 0 {
		T3 := S + r3
		if T3 < 0 {
			T3 -= math.Sqrt(disc)
		} else {
			T3 += math.Sqrt(disc)
		}
		T := math.Cbrt(T3)
		if T != 0 {
			u += T + r2/T
		}
	} else {
		ang := math.Atan2(math.Sqrt(-disc), -(S + r3))
		u += 2 * r * math.Cos(ang/3)
	}
	v := math.Sqrt(u*u + q)
	var uv float64
	if u < 0 {
		uv = q / (v - u)
	} else {
		uv = u + v
	}
	w := (uv - q) / (2 * v)
	return uv / (math.Sqrt(uv+w*w) + w)
}

func norm2(x, y float64) (float64, float64) {
	r := math.Hypot(x, y)
	return x / r, y / r
}

// angRound rounds tiny angles so that they underflow to zero (resolution 1/2^57 degree).
func angRound(x float64) float64 {
	const z = 1.0 / 16
	y := math.Abs(x)
	if y < z {
		y = z - (z - y)
	}
	return math.Copysign(y, x)
}

// twoSum returns s = round(u+v) and the rounding error t, u+v = s+t exactly.
func twoSum(u, v float64) (s, t float64) {
	s = u + v
	up := s - v
	vpp := s - up
	up -= u
	vpp -= v
	if s == 0 {
		return s, s
	}
	return s, -(up + vpp)
}

// angDiff returns y - x reduced to [-180, 180] and its rounding error.
func angDiff(x, y float64) (d, t float64) {
	d, t = twoSum(math.Remainder(-x, 360), math.Remainder(y, 360))
	d, t = twoSum(math.Remainder(d, 360), t)
	if d == 0 || math.Abs(d) == 180 {
		if t == 0 {
			d = math.Copysign(d, y-x)
		} else {
			d = math.Copysign(d, -t)
		}
	}
	return d, t
}

// sincosd returns the sine and cosine of x degrees, exact at multiples of 90°.
func sincosd(x float64) (s, c float64) {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return math.NaN(), math.NaN()
	}
	r := math.Mod(x, 360)
	q := int(math.RoundToEven(r / 90))
	r -= 90 * float64(q)
	s, c = math.Sincos(r * deg)
	switch ((q % 4) + 4) % 4 {
	case 1:
		s, c = c, -s
	case 2:
		s, c = -s, -c
	case 3:
		s, c = -c, s
	}
	c += 0
	if s == 0 {
		s = math.Copysign(s, x)
	}
	return s, c
}

// atan2d returns atan2(y, x) in degrees, reducing to the first octant first so that
// results at multiples of 90° are exact.
func atan2d(y, x float64) float64 {
	q := 0
	if math.Abs(y) > math.Abs(x) {
		q = 2
		x, y = y, x
	}
	if x < 0 {
		q++
		x = -x
	}
	ang := math.Atan2(y, x) * rad
	switch q {
	case 1:
		ang = math.Copysign(180, y) - ang
	case 2:
		ang = 90 - ang
	case 3:
		ang = -90 + ang
	}
	return ang
}

// lengths returns s12b (distance / b) and, with reduced, m12b (reduced length / b) and
// m0, for the geodesic with parameter eps between auxiliary arc points 1 and 2.
func (g *ellipsoid) lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2 float64,
	dist, reduced bool, c1a, c2a []float64) (s12b, m12b, m0 float64) {
	s12b, m12b, m0 = math.NaN(), math.NaN(), math.NaN()
	var A1, A2, m0x, J12 float64
	A1 = a1m1f(eps)
	c1f(eps, c1a)
	if reduced {
		A2 = a2m1f(eps)
		c2f(eps, c2a)
		m0x = A1 - A2
		A2 = 1 + A2
	}
	A1 = 1 + A1
	if dist {
		B1 := sinCosSeries(true, ssig2, csig2, c1a) - sinCosSeries(true, ssig1, csig1, c1a)
		s12b = A1 * (sig12 + B1)
		if reduced {
			B2 := sinCosSeries(true, ssig2, csig2, c2a) - sinCosSeries(true, ssig1, csig1, c2a)
			J12 = m0x*sig12 + (A1*B1 - A2*B2)
		}
	} else if reduced {
		for l := 1; l <= geodOrder; l++ {
			c2a[l] = A1*c1a[l] - A2*c2a[l]
		}
		J12 = m0x*sig12 + (sinCosSeries(true, ssig2, csig2, c2a) - sinCosSeries(true, ssig1, csig1, c2a))
	}
	if reduced {
		m0 = m0x
		m12b = dn2*(csig1*ssig2) - dn1*(ssig1*csig2) - csig1*csig2*J12
	}
	return s12b, m12b, m0
}

// inverseStart finds a starting azimuth for Newton's method; for short lines it solves
// the problem outright (sig12 >= 0, with salp2, calp2 and dnm).
func (g *ellipsoid) inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2, lam12, slam12, clam12 float64,
	c1a, c2a []float64) (sig12, salp1, calp1, salp2, calp2, dnm float64) {
	sig12 = -1
	salp2, calp2, dnm = math.NaN(), math.NaN(), math.NaN()
	sbet12 := sbet2*cbet1 - cbet2*sbet1
	cbet12 := cbet2*cbet1 + sbet2*sbet1
	sbet12a := sbet2 * cbet1
	sbet12a += cbet2 * sbet1
	shortline := cbet12 >= 0 && sbet12 < 0.5 && cbet2*lam12 < 0.5
	var somg12, comg12 float64
	if shortline {
		sbetm2 := (sbet1 + sbet2) * (sbet1 + sbet2)
		sbetm2 /= sbetm2 + (cbet1+cbet2)*(cbet1+cbet2)
		dnm = math.Sqrt(1 + g.ep2*sbetm2)
		omg12 := lam12 / (g.f1 * dnm)
		somg12, comg12 = math.Sincos(omg12)
	} else {
		somg12, comg12 = slam12, clam12
	}
	salp1 = cbet2 * somg12
	if comg12 >= 0 {
		calp1 = sbet12 + cbet2*sbet1*somg12*somg12/(1+comg12)
	} else {
		calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
	}
	ssig12 := math.Hypot(salp1, calp1)
	csig12 := sbet1*sbet2 + cbet1*cbet2*comg12

	switch {
	case shortline && ssig12 < g.etol2:
		salp2 = cbet1 * somg12
		if comg12 >= 0 {
			calp2 = sbet12 - cbet1*sbet2*(somg12*somg12/(1+comg12))
		} else {
			calp2 = sbet12 - cbet1*sbet2*(1-comg12)
		}
		salp2, calp2 = norm2(salp2, calp2)
		sig12 = math.Atan2(ssig12, csig12)
	case math.Abs(g.n) >= 0.1 || csig12 >= 0 || ssig12 >= 6*math.Abs(g.n)*math.Pi*cbet1*cbet1:
		// The zeroth-order spherical approximation is good enough.
	default:
		// Near-antipodal: scale to the astroid problem (f > 0 for WGS84).
		lam12x := math.Atan2(-slam12, -clam12)
		k2 := sbet1 * sbet1 * g.ep2
		eps := k2 / (2*(1+math.Sqrt(1+k2)) + k2)
		lamscale := g.f * cbet1 * g.a3f(eps) * math.Pi
		betscale := lamscale * cbet1
		x := lam12x / lamscale
		y := sbet12a / betscale
		if y > -tol1 && x > -1-xthresh {
			salp1 = math.Min(1, -x)
			calp1 = -math.Sqrt(1 - salp1*salp1)
		} else {
			k := astroid(x, y)
			omg12a := lamscale * (-x * k / (1 + k))
			somg12, comg12 = math.Sincos(omg12a)
			comg12 = -comg12
			salp1 = cbet2 * somg12
			calp1 = sbet12a - cbet2*sbet1*somg12*somg12/(1-comg12)
		}
	}
	if !(salp1 <= 0) {
		salp1, calp1 = norm2(salp1, calp1)
	} else {
		salp1, calp1 = 1, 0
	}
	return sig12, salp1, calp1, salp2, calp2, dnm
}

// lambda12 solves the hybrid problem: given alp1, the longitude difference reached on
// the latitude of point 2, and its derivative.
func (g *ellipsoid) lambda12(sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam120, clam120 float64,
	diffp bool, c1a, c2a, c3a []float64) (lam12, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, dlam12 float64) {
	if sbet1 == 0 && calp1 == 0 {
		calp1 = -tiny
	}
	salp0 := salp1 * cbet1
	calp0 := math.Hypot(calp1, salp1*sbet1)
	ssig1 = sbet1
	somg1 := salp0 * sbet1
	csig1 = calp1 * cbet1
	comg1 := csig1
	ssig1, csig1 = norm2(ssig1, csig1)

	if cbet2 != cbet1 {
		salp2 = salp0 / cbet2
	} else {
		salp2 = salp1
	}
	if cbet2 != cbet1 || math.Abs(sbet2) != -sbet1 {
		var t float64
		if cbet1 < -sbet1 {
			t = (cbet2 - cbet1) * (cbet1 + cbet2)
		} else {
			t = (sbet1 - sbet2) * (sbet1 + sbet2)
		}
		calp2 = math.Sqrt((calp1*cbet1)*(calp1*cbet1)+t) / cbet2
	} else {
		calp2 = math.Abs(calp1)
	}
	ssig2 = sbet2
	somg2 := salp0 * sbet2
	csig2 = calp2 * cbet2
	comg2 := csig2
	ssig2, csig2 = norm2(ssig2, csig2)

	sig12 = math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
	somg12 := math.Max(0, comg1*somg2-somg1*comg2)
	comg12 := comg1*comg2 + somg1*somg2
	eta := math.Atan2(somg12*clam120-comg12*slam120, comg12*clam120+somg12*slam120)

	k2 := calp0 * calp0 * g.ep2
	eps = k2 / (2*(1+math.Sqrt(1+k2)) + k2)
	g.c3f(eps, c3a)
	B312 := sinCosSeries(true, ssig2, csig2, c3a) - sinCosSeries(true, ssig1, csig1, c3a)
	domg12 := -g.f * g.a3f(eps) * salp0 * (sig12 + B312)
	lam12 = eta + domg12

	dlam12 = math.NaN()
	if diffp {
		if calp2 == 0 {
			dlam12 = -2 * g.f1 * dn1 / sbet1
		} else {
			_, dlam12, _ = g.lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, false, true, c1a, c2a)
			dlam12 *= g.f1 / (calp2 * cbet2)
		}
	}
	return lam12, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, dlam12
}

// inverse returns the geodesic distance s12 in metres and the azimuths azi1, azi2 in
// degrees between (lat1, lon1) and (lat2, lon2).
func (g *ellipsoid) inverse(lat1, lon1, lat2, lon2 float64) (s12, azi1, azi2 float64) {
	if !(math.Abs(lat1) <= 90) || !(math.Abs(lat2) <= 90) || !finite(lon1) || !finite(lon2) {
		return math.NaN(), math.NaN(), math.NaN()
	}
	lon12, lon12s := angDiff(lon1, lon2)
	lonsign := 1.0
	if lon12 < 0 {
		lonsign = -1
	}
	lon12 = lonsign * angRound(lon12)
	lon12s = angRound((180 - lon12) - lonsign*lon12s)
	lam12 := lon12 * deg
	var slam12, clam12 float64
	if lon12 > 90 {
		slam12, clam12 = sincosd(lon12s)
		clam12 = -clam12
	} else {
		slam12, clam12 = sincosd(lon12)
	}

	lat1 = angRound(lat1)
	lat2 = angRound(lat2)
	swapp := 1.0
	if math.Abs(lat1) < math.Abs(lat2) {
		swapp = -1
		lonsign = -lonsign
		lat1, lat2 = lat2, lat1
	}
	latsign := -1.0
	if lat1 < 0 {
		latsign = 1
	}
	lat1 *= latsign
	lat2 *= latsign

	sbet1, cbet1 := sincosd(lat1)
	sbet1 *= g.f1
	sbet1, cbet1 = norm2(sbet1, cbet1)
	cbet1 = math.Max(tiny, cbet1)
	sbet2, cbet2 := sincosd(lat2)
	sbet2 *= g.f1
	sbet2, cbet2 = norm2(sbet2, cbet2)
	cbet2 = math.Max(tiny, cbet2)

	if cbet1 < -sbet1 {
		if cbet2 == cbet1 {
			if sbet2 < 0 {
				sbet2 = sbet1
			} else {
				sbet2 = -sbet1
			}
		}
	} else if math.Abs(sbet2) == -sbet1 {
		cbet2 = cbet1
	}

	dn1 := math.Sqrt(1 + g.ep2*sbet1*sbet1)
	dn2 := math.Sqrt(1 + g.ep2*sbet2*sbet2)

	var c1a, c2a [geodOrder + 1]float64
	var c3a [geodOrder]float64

	var sig12, salp1, calp1, salp2, calp2, s12x float64
	meridian := lat1 == -90 || slam12 == 0
	if meridian {
		calp1, salp1 = clam12, slam12
		calp2, salp2 = 1, 0
		ssig1, csig1 := sbet1, calp1*cbet1
		ssig2, csig2 := sbet2, calp2*cbet2
		sig12 = math.Atan2(math.Max(0, csig1*ssig2-ssig1*csig2), csig1*csig2+ssig1*ssig2)
		var m12x float64
		s12x, m12x, _ = g.lengths(g.n, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, true, c1a[:], c2a[:])
		if sig12 < 1 || m12x >= 0 {
			if sig12 < 3*tiny || (sig12 < tol0 && (s12x < 0 || m12x < 0)) {
				sig12, s12x = 0, 0
			}
			s12x *= g.b
		} else {
			meridian = false // prolate and too close to antipodal; not for WGS84
		}
	}

	switch {
	case meridian:
	case sbet1 == 0 && (g.f <= 0 || lon12s >= g.f*180):
		// Along the equator.
		calp1, calp2 = 0, 0
		salp1, salp2 = 1, 1
		s12x = g.a * lam12
	default:
		var dnm float64
		sig12, salp1, calp1, salp2, calp2, dnm = g.inverseStart(sbet1, cbet1, dn1, sbet2, cbet2, dn2,
			lam12, slam12, clam12, c1a[:], c2a[:])
		if sig12 >= 0 {
			s12x = sig12 * g.b * dnm
			break
		}
		// Newton's method on alp1, keeping a bracket (alp1a, alp1b) of the root and
		// falling back to bisection when a step leaves it.
		var ssig1, csig1, ssig2, csig2, eps float64
		numit := 0
		tripn, tripb := false, false
		salp1a, calp1a := tiny, 1.0
		salp1b, calp1b := tiny, -1.0
		for ; numit < maxit2; numit++ {
			var v, dv float64
			v, salp2, calp2, sig12, ssig1, csig1, ssig2, csig2, eps, dv = g.lambda12(
				sbet1, cbet1, dn1, sbet2, cbet2, dn2, salp1, calp1, slam12, clam12,
				numit < maxit1, c1a[:], c2a[:], c3a[:])
			tolv := tol0
			if tripn {
				tolv = 8 * tol0
			}
			if tripb || !(math.Abs(v) >= tolv) {
				break
			}
			if v > 0 && (numit > maxit1 || calp1/salp1 > calp1b/salp1b) {
				salp1b, calp1b = salp1, calp1
			} else if v < 0 && (numit > maxit1 || calp1/salp1 < calp1a/salp1a) {
				salp1a, calp1a = salp1, calp1
			}
			if numit+1 < maxit1 && dv > 0 {
				dalp1 := -v / dv
				sdalp1, cdalp1 := math.Sincos(dalp1)
				nsalp1 := salp1*cdalp1 + calp1*sdalp1
				if nsalp1 > 0 && math.Abs(dalp1) < math.Pi {
					calp1 = calp1*cdalp1 - salp1*sdalp1
					salp1 = nsalp1
					salp1, calp1 = norm2(salp1, calp1)
					tripn = math.Abs(v) <= 16*tol0
					continue
				}
			}
			salp1 = (salp1a + salp1b) / 2
			calp1 = (calp1a + calp1b) / 2
			salp1, calp1 = norm2(salp1, calp1)
			tripn = false
			tripb = math.Abs(salp1a-salp1)+(calp1a-calp1) < tolb ||
				math.Abs(salp1-salp1b)+(calp1-calp1b) < tolb
		}
		s12x, _, _ = g.lengths(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2, true, false, c1a[:], c2a[:])
		s12x *= g.b
	}
	s12 = 0 + s12x

	if swapp < 0 {
		salp1, salp2 = salp2, salp1
		calp1, calp2 = calp2, calp1
	}
	salp1 *= swapp * lonsign
	calp1 *= swapp * latsign
	salp2 *= swapp * lonsign
	calp2 *= swapp * latsign
	return s12, atan2d(salp1, calp1), atan2d(salp2, calp2)
}
