package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// EarthRadius is the mean Earth radius in metres (IUGG R1 = (2a + b) / 3 of WGS84), used by
// the spherical functions: [Distance], [Bearing], [Destination], [Circle], [Index] and
// [Match].
const EarthRadius = 6371008.8

const (
	deg = math.Pi / 180
	rad = 180 / math.Pi
)

// Distance returns the great-circle distance in metres between a and b on a sphere of
// radius [EarthRadius], by the haversine formula. It is symmetric, accurate to rounding
// for short distances and to about 0.1 m for nearly antipodal points, and within 0.6% of
// the ellipsoidal distance ([DistanceGeodesic]). A NaN coordinate gives NaN.
func Distance(a, b orb.Point) float64 {
	return 2 * EarthRadius * math.Asin(math.Sqrt(haversin(a, b)))
}

// haversin returns sin²(θ/2) of the central angle θ between a and b, in [0, 1].
func haversin(a, b orb.Point) float64 {
	lat1, lat2 := a[1]*deg, b[1]*deg
	s1 := math.Sin((lat2 - lat1) / 2)
	s2 := math.Sin((b[0] - a[0]) * deg / 2)
	h := s1*s1 + math.Cos(lat1)*math.Cos(lat2)*s2*s2
	return math.Min(h, 1)
}

// Bearing returns the initial great-circle bearing from a to b in degrees clockwise from
// north, in [0, 360). The bearing from a point to itself, or from a pole, is
// conventional (0 or 180); NaN input gives NaN.
func Bearing(a, b orb.Point) float64 {
	lat1, lat2 := a[1]*deg, b[1]*deg
	dlon := (b[0] - a[0]) * deg
	y := math.Sin(dlon) * math.Cos(lat2)
	x := math.Cos(lat1)*math.Sin(lat2) - math.Sin(lat1)*math.Cos(lat2)*math.Cos(dlon)
	brg := math.Atan2(y, x) * rad
	if brg < 0 {
		brg += 360
	}
	if brg >= 360 {
		brg = 0
	}
	return brg
}

// Destination returns the point reached by travelling distance metres from p along the
// great circle with initial bearing (degrees clockwise from north), on a sphere of
// radius [EarthRadius]. The longitude is normalised to [-180, 180].
func Destination(p orb.Point, bearing, distance float64) orb.Point {
	lat1, lon1 := p[1]*deg, p[0]*deg
	brg := bearing * deg
	d := distance / EarthRadius
	sinLat1, cosLat1 := math.Sincos(lat1)
	sinD, cosD := math.Sincos(d)
	sinLat2 := sinLat1*cosD + cosLat1*sinD*math.Cos(brg)
	sinLat2 = math.Max(-1, math.Min(1, sinLat2))
	lat2 := math.Asin(sinLat2)
	lon2 := lon1 + math.Atan2(math.Sin(brg)*sinD*cosLat1, cosD-sinLat1*sinLat2)
	return orb.Point{normLon(lon2 * rad), lat2 * rad}
}

// chordOf returns the chord length on the unit sphere of a great-circle distance in
// metres, capped at the diameter 2.
func chordOf(metres float64) float64 {
	theta := metres / EarthRadius
	if theta >= math.Pi {
		return 2
	}
	return 2 * math.Sin(theta/2)
}

// unitVector returns the point on the unit sphere for p (lon, lat in degrees).
func unitVector(p orb.Point) (x, y, z float64) {
	sinLat, cosLat := math.Sincos(p[1] * deg)
	sinLon, cosLon := math.Sincos(p[0] * deg)
	return cosLat * cosLon, cosLat * sinLon, sinLat
}

// circle is the Region made by Circle.
type circle struct {
	center orb.Point
	radius float64
	all    bool // the cap covers the whole sphere
	empty  bool
	box    *box // covers the cap
}

// Circle returns the spherical cap of points whose great-circle distance from center,
// as computed by [Distance] (haversine on a sphere of radius [EarthRadius]), is at most
// radius metres. Distances are measured on the sphere, so the circle is round on the
// globe: it crosses the antimeridian and covers a pole when it reaches them. A radius
// of at least half the Earth's circumference (π·EarthRadius) covers the whole globe;
// a negative or NaN radius, or a NaN center, gives an empty region.
func Circle(center orb.Point, radius float64) Region {
	c := &circle{center: orb.Point{normLon(center[0]), center[1]}, radius: radius}
	if math.IsNaN(c.center[0]) || !(center[1] >= -90 && center[1] <= 90) || !(radius >= 0) {
		c.empty = true
		return c
	}
	if radius >= math.Pi*EarthRadius {
		c.all = true
		c.box = Box(-180, -90, 180, 90).(*box)
		return c
	}
	// Latitude extent is exact; the longitude half-width is that of the meridians
	// tangent to the cap. Both are widened by 1e-9° (0.1 mm) against rounding.
	const pad = 1e-9
	d := radius / EarthRadius * rad
	south, north := c.center[1]-d-pad, c.center[1]+d+pad
	if north >= 90 || south <= -90 {
		c.box = Box(-180, math.Max(south, -90), 180, math.Min(north, 90)).(*box)
		return c
	}
	s := math.Sin(radius/EarthRadius) / math.Cos(c.center[1]*deg)
	if s >= 1 {
		c.box = Box(-180, south, 180, north).(*box)
		return c
	}
	dlon := math.Asin(s)*rad + pad
	c.box = Box(c.center[0]-dlon, south, c.center[0]+dlon, north).(*box)
	return c
}

// Contains reports whether p is within the radius of the center (boundary included).
func (c *circle) Contains(p orb.Point) bool {
	if c.empty || !(p[1] >= -90 && p[1] <= 90) || math.IsNaN(normLon(p[0])) {
		return false
	}
	if c.all {
		return true
	}
	if !c.box.Contains(p) {
		return false
	}
	return Distance(c.center, p) <= c.radius
}

// Bound returns a box covering the cap (all longitudes when it reaches a pole or crosses
// the antimeridian).
func (c *circle) Bound() orb.Bound {
	if c.empty {
		return emptyBound
	}
	return c.box.Bound()
}

func (c *circle) bounds() []orb.Bound {
	if c.empty {
		return nil
	}
	return c.box.pieces
}
