package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Region is a set of positions on the Earth, given as orb.Point{lon, lat} in degrees.
//
// Contains reports whether p is in the region. Points with a NaN coordinate are never
// contained. Longitudes are compared after normalisation to [-180, 180], so 0..360
// input is accepted, and -180 and 180 name the same meridian.
//
// Bound returns an orb.Bound covering every contained point, with longitudes in
// [-180, 180]. A region that crosses the antimeridian (or contains a pole, whose
// longitude is arbitrary) gets a bound spanning all longitudes; [Bounds] gives the
// exact pieces instead.
//
// Every Region made by this package is immutable and safe for concurrent use. [Filter]
// and [Index.InRegion] call Contains from several goroutines, so a caller's own Region
// implementation must be safe for concurrent use too.
type Region interface {
	Contains(p orb.Point) bool
	Bound() orb.Bound
}

// splitter is implemented by the package's regions: bounds returns lon/lat boxes
// (Min.X <= Max.X, longitudes in [-180, 180]) whose union covers the region.
type splitter interface {
	bounds() []orb.Bound
}

// emptyBound is the bound of a region that contains nothing (orb's convention:
// Min > Max, so IsEmpty reports true).
var emptyBound = orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}

// fullBound spans the whole globe.
var fullBound = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}

// Bounds returns boxes with longitudes in [-180, 180] and Min <= Max whose union covers
// every point that r contains: a region across the antimeridian comes back as two boxes,
// a box touching a pole adds a zero-height box along that pole, and a box touching one
// side of the ±180° meridian adds a zero-width box on the other side. Bounds returns nil
// for an empty region.
//
// For a Region from outside this package, Bounds uses r.Bound(), and reads a bound whose
// Min.X is greater than its Max.X as crossing the antimeridian.
func Bounds(r Region) []orb.Bound {
	if r == nil {
		return nil
	}
	if s, ok := r.(splitter); ok {
		b := s.bounds()
		return append([]orb.Bound(nil), b...)
	}
	b := r.Bound()
	if !(b.Min[1] <= b.Max[1]) {
		return nil
	}
	if b.Max[0]-b.Min[0] >= 360 {
		return []orb.Bound{{Min: orb.Point{-180, b.Min[1]}, Max: orb.Point{180, b.Max[1]}}}
	}
	return lonPieces(b.Min[0], b.Max[0], b.Min[1], b.Max[1])
}

// normLon brings a longitude into [-180, 180]. Values already in range are returned
// unchanged; values in [-540, 540] move by exactly 360 (the subtraction is exact), so
// 0..360 input maps back and forth without rounding. Non-finite input gives NaN.
func normLon(x float64) float64 {
	switch {
	case x >= -180 && x <= 180:
		return x
	case x > 180 && x <= 540:
		return x - 360
	case x < -180 && x >= -540:
		return x + 360
	case math.IsInf(x, 0) || math.IsNaN(x):
		return math.NaN()
	}
	x = math.Mod(x, 360) // exact, in (-360, 360)
	if x > 180 {
		x -= 360
	} else if x < -180 {
		x += 360
	}
	return x
}

// lonPieces returns the boxes covering longitudes eastward from west to east (both
// normalised first; west > east crosses the antimeridian) and latitudes [south, north],
// closing the ±180° seam: a piece that ends on one side of it gets a zero-width twin on
// the other.
func lonPieces(west, east, south, north float64) []orb.Bound {
	w, e := normLon(west), normLon(east)
	if math.IsNaN(w) || math.IsNaN(e) || !(south <= north) {
		return nil
	}
	var out []orb.Bound
	add := func(w, e float64) {
		out = append(out, orb.Bound{Min: orb.Point{w, south}, Max: orb.Point{e, north}})
	}
	if w <= e {
		add(w, e)
		if w == -180 && e < 180 {
			add(180, 180)
		}
		if e == 180 && w > -180 {
			add(-180, -180)
		}
		return out
	}
	add(w, 180)
	add(-180, e)
	return out
}

// coverBound returns the smallest orb.Bound covering all pieces.
func coverBound(pieces []orb.Bound) orb.Bound {
	if len(pieces) == 0 {
		return emptyBound
	}
	b := pieces[0]
	for _, p := range pieces[1:] {
		b.Min[0] = math.Min(b.Min[0], p.Min[0])
		b.Min[1] = math.Min(b.Min[1], p.Min[1])
		b.Max[0] = math.Max(b.Max[0], p.Max[0])
		b.Max[1] = math.Max(b.Max[1], p.Max[1])
	}
	return b
}

// lonBound returns the orb.Bound of the longitudes eastward from west to east and the
// latitudes [south, north]: the box itself, or all longitudes when it crosses the
// antimeridian.
func lonBound(west, east, south, north float64) orb.Bound {
	w, e := normLon(west), normLon(east)
	if math.IsNaN(w) || math.IsNaN(e) || !(south <= north) {
		return emptyBound
	}
	if w > e {
		w, e = -180, 180
	}
	return orb.Bound{Min: orb.Point{w, south}, Max: orb.Point{e, north}}
}

// coverBounds returns the smallest orb.Bound covering the non-empty bounds.
func coverBounds(bs ...orb.Bound) orb.Bound {
	var ok []orb.Bound
	for _, b := range bs {
		if !b.IsEmpty() {
			ok = append(ok, b)
		}
	}
	return coverBound(ok)
}

// inPieces reports whether (x, y), x normalised, lies in one of the boxes.
func inPieces(pieces []orb.Bound, x, y float64) bool {
	for _, b := range pieces {
		if y >= b.Min[1] && y <= b.Max[1] && x >= b.Min[0] && x <= b.Max[0] {
			return true
		}
	}
	return false
}

// box is the Region made by Box.
type box struct {
	west, south, east, north float64 // longitudes normalised; west > east crosses
	fullLon                  bool
	empty                    bool
	pieces                   []orb.Bound
}

// Box returns the region west <= lon <= east, south <= lat <= north (closed on every
// side), in degrees.
//
// Longitudes are normalised to [-180, 180], so 0..360 input works, and the box always
// runs eastward from west to east: when the normalised west is greater than the
// normalised east the box crosses the antimeridian (Box(170, -10, -170, 10) is 20° wide).
// When east-west >= 360 the box spans all longitudes (Box(-180, -90, 180, 90) and
// Box(0, -90, 360, 90) are the whole globe). A box whose north edge is 90 contains the
// North Pole at every longitude, and likewise for -90 and the South Pole.
//
// Latitudes are clamped to [-90, 90]. A box with south > north, or with a NaN edge,
// contains nothing.
func Box(west, south, east, north float64) Region {
	b := &box{south: math.Max(south, -90), north: math.Min(north, 90)}
	if math.IsNaN(west) || math.IsNaN(east) || math.IsNaN(south) || math.IsNaN(north) || !(b.south <= b.north) {
		b.empty = true
		return b
	}
	if east-west >= 360 {
		b.fullLon = true
		b.west, b.east = -180, 180
	} else {
		b.west, b.east = normLon(west), normLon(east)
		if math.IsNaN(b.west) || math.IsNaN(b.east) {
			b.empty = true
			return b
		}
	}
	if b.fullLon {
		b.pieces = []orb.Bound{{Min: orb.Point{-180, b.south}, Max: orb.Point{180, b.north}}}
	} else {
		b.pieces = lonPieces(b.west, b.east, b.south, b.north)
		if b.north == 90 {
			b.pieces = append(b.pieces, orb.Bound{Min: orb.Point{-180, 90}, Max: orb.Point{180, 90}})
		}
		if b.south == -90 {
			b.pieces = append(b.pieces, orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, -90}})
		}
	}
	return b
}

// Contains reports whether p is inside the box or on its edge.
func (b *box) Contains(p orb.Point) bool {
	x, y := p[0], p[1]
	if b.empty || !(y >= b.south && y <= b.north) {
		return false
	}
	x = normLon(x)
	if math.IsNaN(x) {
		return false
	}
	if b.fullLon || (y == 90 && b.north == 90) || (y == -90 && b.south == -90) {
		return true
	}
	if b.lonIn(x) {
		return true
	}
	// -180 and 180 are the same meridian.
	return (x == 180 && b.lonIn(-180)) || (x == -180 && b.lonIn(180))
}

func (b *box) lonIn(x float64) bool {
	if b.west <= b.east {
		return x >= b.west && x <= b.east
	}
	return x >= b.west || x <= b.east
}

// Bound returns the box itself, or a bound spanning all longitudes when the box crosses
// the antimeridian or touches a pole.
func (b *box) Bound() orb.Bound {
	switch {
	case b.empty:
		return emptyBound
	case b.fullLon || b.north == 90 || b.south == -90:
		// A box reaching a pole contains the pole, which is at every longitude.
		return orb.Bound{Min: orb.Point{-180, b.south}, Max: orb.Point{180, b.north}}
	}
	return lonBound(b.west, b.east, b.south, b.north)
}

func (b *box) bounds() []orb.Bound { return b.pieces }

// union is the Region made by Union.
type union struct {
	parts  []Region
	pieces []orb.Bound
}

// Union returns the region of points contained in any of rs. Nil regions are skipped;
// the union of nothing contains nothing.
func Union(rs ...Region) Region {
	u := &union{}
	for _, r := range rs {
		if r == nil {
			continue
		}
		if v, ok := r.(*union); ok {
			u.parts = append(u.parts, v.parts...)
		} else {
			u.parts = append(u.parts, r)
		}
	}
	for _, r := range u.parts {
		u.pieces = append(u.pieces, Bounds(r)...)
	}
	return u
}

// Contains reports whether any part contains p.
func (u *union) Contains(p orb.Point) bool {
	for _, r := range u.parts {
		if r.Contains(p) {
			return true
		}
	}
	return false
}

// Bound covers the bounds of all parts.
func (u *union) Bound() orb.Bound {
	bs := make([]orb.Bound, len(u.parts))
	for i, r := range u.parts {
		bs[i] = r.Bound()
	}
	return coverBounds(bs...)
}

func (u *union) bounds() []orb.Bound { return u.pieces }

// intersection is the Region made by Intersect.
type intersection struct {
	parts  []Region
	pieces []orb.Bound
}

// Intersect returns the region of points contained in every one of rs. Nil regions are
// skipped; the intersection of nothing contains nothing (not everything).
func Intersect(rs ...Region) Region {
	x := &intersection{}
	for _, r := range rs {
		if r != nil {
			x.parts = append(x.parts, r)
		}
	}
	if len(x.parts) == 0 {
		return x
	}
	x.pieces = Bounds(x.parts[0])
	for _, r := range x.parts[1:] {
		other := Bounds(r)
		var next []orb.Bound
		for _, a := range x.pieces {
			for _, b := range other {
				c := orb.Bound{
					Min: orb.Point{math.Max(a.Min[0], b.Min[0]), math.Max(a.Min[1], b.Min[1])},
					Max: orb.Point{math.Min(a.Max[0], b.Max[0]), math.Min(a.Max[1], b.Max[1])},
				}
				if c.Min[0] <= c.Max[0] && c.Min[1] <= c.Max[1] {
					next = append(next, c)
				}
			}
		}
		x.pieces = next
	}
	return x
}

// Contains reports whether every part contains p.
func (x *intersection) Contains(p orb.Point) bool {
	if len(x.parts) == 0 {
		return false
	}
	for _, r := range x.parts {
		if !r.Contains(p) {
			return false
		}
	}
	return true
}

// Bound is the intersection of the parts' bounds.
func (x *intersection) Bound() orb.Bound {
	if len(x.parts) == 0 || len(x.pieces) == 0 {
		return emptyBound
	}
	b := x.parts[0].Bound()
	for _, r := range x.parts[1:] {
		c := r.Bound()
		b = orb.Bound{
			Min: orb.Point{math.Max(b.Min[0], c.Min[0]), math.Max(b.Min[1], c.Min[1])},
			Max: orb.Point{math.Min(b.Max[0], c.Max[0]), math.Min(b.Max[1], c.Max[1])},
		}
		if b.IsEmpty() {
			return emptyBound
		}
	}
	return b
}

func (x *intersection) bounds() []orb.Bound { return x.pieces }
