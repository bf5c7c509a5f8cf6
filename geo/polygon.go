package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// edge is one side of a ring, from (ax, ay) to (bx, by).
type edge struct{ ax, ay, bx, by float64 }

// Cell states of a prepared polygon's grid.
const (
	cellOutside byte = iota // the whole (slightly enlarged) cell is outside
	cellInside              // the whole cell is inside
	cellEdge                // an edge passes through or near the cell: ray-cast its row
)

// polygon is the Region made by Polygon: a planar polygon in lon/lat prepared for fast
// point-in-polygon tests.
//
// The bounding box is covered by an nx × ny grid. Each cell is classified once as
// inside, outside, or crossed by an edge; a point in an inside or outside cell is
// answered by one lookup. A point in an edge cell is ray-cast against the edges of its
// grid row only (each row keeps its own copy of the edges whose latitude range meets it).
type polygon struct {
	minX, minY, maxX, maxY float64 // bounding box in the polygon's own longitudes
	wraps                  bool    // the box reaches ±180°: also test the point ±360°
	empty                  bool
	nx, ny                 int
	invDX, invDY           float64 // cells per degree (0 when the box is flat)
	cells                  []byte
	rowStart               []int32 // edges of row j: rowEdges[rowStart[j]:rowStart[j+1]]
	rowEdges               []edge
	pieces                 []orb.Bound
}

// Polygon returns the region inside the polygon p, with its boundary included.
//
// The first ring is the outer boundary and the others are holes; rings are combined
// with the even-odd rule, so a point inside a hole is outside the polygon. Edges are
// straight lines in longitude/latitude (planar, like shapely and GEOS), never great
// circles.
//
// # Edge rule
//
// The region is closed: a point exactly on an edge or a vertex, of the outer ring or of
// a hole, is contained. This is shapely's covers, not its contains (which excludes the
// boundary). Orientation tests are exact (a floating-point filter backed by rational
// arithmetic), so the answer on edges does not depend on rounding.
//
// # Longitudes
//
// Rings may be closed or not, in either orientation. Vertices keep the longitudes they
// are given, so a ring may use 0..360 or continue past 180° (170 to 190) to cross the
// antimeridian; a point is tested at its normalised longitude and at ±360° from it.
// Edges are never wrapped: an edge from 170 to -170 runs the long way round, 340°
// westward. To cross the antimeridian, use continuous longitudes or split the polygon at
// ±180° (RFC 7946) into a [MultiPolygon].
//
// A polygon whose outer ring has fewer than 3 distinct vertices, or with a NaN or
// infinite coordinate, contains nothing; degenerate holes are ignored.
func Polygon(p orb.Polygon) Region {
	return newPolygon(p)
}

// multiPolygon is the Region made by MultiPolygon.
type multiPolygon struct {
	parts  []*polygon
	pieces []orb.Bound
}

// MultiPolygon returns the union of the polygons of mp, each read as by [Polygon].
func MultiPolygon(mp orb.MultiPolygon) Region {
	m := &multiPolygon{}
	for _, p := range mp {
		pg := newPolygon(p)
		if pg.empty {
			continue
		}
		m.parts = append(m.parts, pg)
		m.pieces = append(m.pieces, pg.pieces...)
	}
	return m
}

// Contains reports whether any polygon contains p.
func (m *multiPolygon) Contains(p orb.Point) bool {
	for _, pg := range m.parts {
		if pg.Contains(p) {
			return true
		}
	}
	return false
}

// Bound covers all polygons.
func (m *multiPolygon) Bound() orb.Bound {
	bs := make([]orb.Bound, len(m.parts))
	for i, pg := range m.parts {
		bs[i] = pg.Bound()
	}
	return coverBounds(bs...)
}

func (m *multiPolygon) bounds() []orb.Bound { return m.pieces }

// Contains reports whether p is inside the polygon or on its boundary.
func (pg *polygon) Contains(p orb.Point) bool {
	y := p[1]
	if pg.empty || !(y >= pg.minY && y <= pg.maxY) {
		return false
	}
	x := normLon(p[0])
	if x >= pg.minX && x <= pg.maxX && pg.containsXY(x, y) {
		return true
	}
	if pg.wraps {
		if x2 := x + 360; x2 >= pg.minX && x2 <= pg.maxX && pg.containsXY(x2, y) {
			return true
		}
		if x2 := x - 360; x2 >= pg.minX && x2 <= pg.maxX && pg.containsXY(x2, y) {
			return true
		}
	}
	return false
}

// Bound returns the polygon's bounding box, normalised to [-180, 180] (all longitudes
// when the polygon crosses the antimeridian).
func (pg *polygon) Bound() orb.Bound {
	switch {
	case pg.empty:
		return emptyBound
	case pg.maxX-pg.minX >= 360:
		return orb.Bound{Min: orb.Point{-180, pg.minY}, Max: orb.Point{180, pg.maxY}}
	}
	return lonBound(pg.minX, pg.maxX, pg.minY, pg.maxY)
}

func (pg *polygon) bounds() []orb.Bound { return pg.pieces }

// containsXY tests a point already known to be inside the bounding box.
func (pg *polygon) containsXY(x, y float64) bool {
	i := int((x - pg.minX) * pg.invDX)
	if i >= pg.nx {
		i = pg.nx - 1
	} else if i < 0 {
		i = 0
	}
	j := int((y - pg.minY) * pg.invDY)
	if j >= pg.ny {
		j = pg.ny - 1
	} else if j < 0 {
		j = 0
	}
	switch pg.cells[j*pg.nx+i] {
	case cellInside:
		return true
	case cellOutside:
		return false
	}
	in, on := rayCast(pg.rowEdges[pg.rowStart[j]:pg.rowStart[j+1]], x, y)
	return in || on
}

// rayCast counts the crossings of the ray from (x, y) towards +x with the edges
// (even-odd rule) and reports whether the point lies on an edge.
//
// An edge counts when exactly one of its ends is above the ray (ay > y differs from
// by > y: the half-open rule, so a vertex on the ray is counted once) and the point is
// strictly on the side of the edge that puts the edge to its right. Collinear points
// within such an edge, points on a horizontal edge, and vertices are on the boundary.
// All comparisons are exact.
func rayCast(edges []edge, x, y float64) (inside, onEdge bool) {
	for k := range edges {
		e := &edges[k]
		aAbove, bAbove := e.ay > y, e.by > y
		if aAbove != bAbove {
			// Quick rejections before the orientation test: the edge lies wholly
			// to the left or right of the point.
			if e.ax < x && e.bx < x {
				continue
			}
			if e.ax > x && e.bx > x {
				inside = !inside
				continue
			}
			o := orient(e.ax, e.ay, e.bx, e.by, x, y)
			if o == 0 {
				return true, true
			}
			if (o > 0) == bAbove {
				inside = !inside
			}
			continue
		}
		if e.ay == y {
			if e.by == y {
				if (e.ax <= x && x <= e.bx) || (e.bx <= x && x <= e.ax) {
					return true, true
				}
			} else if e.ax == x {
				return true, true
			}
		} else if e.by == y && e.bx == x {
			return true, true
		}
	}
	return inside, false
}

// newPolygon prepares p.
func newPolygon(p orb.Polygon) *polygon {
	pg := &polygon{empty: true}
	var rings [][]orb.Point
	for k, r := range p {
		pts := []orb.Point(r)
		for _, v := range pts {
			if !finite(v[0]) || !finite(v[1]) {
				return pg
			}
		}
		if len(pts) >= 2 && pts[0] == pts[len(pts)-1] {
			pts = pts[:len(pts)-1]
		}
		if !threeDistinct(pts) {
			if k == 0 {
				return pg
			}
			continue
		}
		rings = append(rings, pts)
	}
	if len(rings) == 0 {
		return pg
	}
	pg.empty = false
	pg.minX, pg.minY = math.Inf(1), math.Inf(1)
	pg.maxX, pg.maxY = math.Inf(-1), math.Inf(-1)
	var edges []edge
	for _, pts := range rings {
		for i, a := range pts {
			b := pts[(i+1)%len(pts)]
			pg.minX, pg.maxX = math.Min(pg.minX, a[0]), math.Max(pg.maxX, a[0])
			pg.minY, pg.maxY = math.Min(pg.minY, a[1]), math.Max(pg.maxY, a[1])
			if a != b {
				edges = append(edges, edge{a[0], a[1], b[0], b[1]})
			}
		}
	}
	pg.wraps = pg.minX <= -180 || pg.maxX >= 180
	if pg.maxX-pg.minX >= 360 {
		pg.pieces = []orb.Bound{{Min: orb.Point{-180, pg.minY}, Max: orb.Point{180, pg.maxY}}}
	} else {
		pg.pieces = lonPieces(pg.minX, pg.maxX, pg.minY, pg.maxY)
	}
	pg.prepare(edges)
	return pg
}

// prepare builds the grid and the per-row edge lists.
func (pg *polygon) prepare(edges []edge) {
	side := int(math.Ceil(8 * math.Sqrt(float64(len(edges)))))
	side = min(max(side, 8), 1024)
	w, h := pg.maxX-pg.minX, pg.maxY-pg.minY
	pg.nx, pg.ny = side, side
	if !(w > 0) || math.IsInf(w, 0) || !(w*float64(side) < math.MaxFloat64) {
		pg.nx, w = 1, 0
	}
	if !(h > 0) || math.IsInf(h, 0) || !(h*float64(side) < math.MaxFloat64) {
		pg.ny, h = 1, 0
	}
	// An edge is copied into every row it spans and marks every cell it crosses, so
	// polygons with many long edges get fewer rows and columns: the copies stay within
	// about 16 per edge (short coastline edges span one or two rows).
	budget := float64(16*len(edges) + 4096)
	var sx, sy float64 // sums of the edges' extents relative to the box
	for _, e := range edges {
		if w > 0 {
			sx += math.Abs(e.bx-e.ax) / w
		}
		if h > 0 {
			sy += math.Abs(e.by-e.ay) / h
		}
	}
	if sy*float64(pg.ny) > budget {
		pg.ny = max(1, int(budget/sy))
	}
	if sx*float64(pg.nx) > budget {
		pg.nx = max(1, int(budget/sx))
	}
	if pg.nx == 1 {
		w = 0
	}
	if pg.ny == 1 {
		h = 0
	}
	if w > 0 {
		pg.invDX = float64(pg.nx) / w
	}
	if h > 0 {
		pg.invDY = float64(pg.ny) / h
	}
	// A box so thin that cells per degree overflow (subnormal extents) gets one column
	// or row: 0·Inf would be NaN.
	if math.IsInf(pg.invDX, 0) {
		pg.nx, w, pg.invDX = 1, 0, 0
	}
	if math.IsInf(pg.invDY, 0) {
		pg.ny, h, pg.invDY = 1, 0, 0
	}
	dx, dy := w/float64(pg.nx), h/float64(pg.ny)
	// Margin: far above the rounding error of mapping a coordinate to a cell index, so
	// a point's cell is always one whose enlarged extent contains the point.
	m := 1e-9 * (math.Abs(pg.minX) + math.Abs(pg.maxX) + math.Abs(pg.minY) + math.Abs(pg.maxY) + w + h)
	if math.IsInf(m, 0) {
		m = math.MaxFloat64
	}
	col := func(x float64) int {
		if pg.nx == 1 {
			return 0
		}
		i := math.Floor((x - pg.minX) * pg.invDX)
		return int(math.Min(math.Max(i, 0), float64(pg.nx-1)))
	}
	row := func(y float64) int {
		if pg.ny == 1 {
			return 0
		}
		j := math.Floor((y - pg.minY) * pg.invDY)
		return int(math.Min(math.Max(j, 0), float64(pg.ny-1)))
	}
	band := func(j int) (lo, hi float64) {
		if pg.ny == 1 {
			return math.Inf(-1), math.Inf(1)
		}
		return pg.minY + float64(j)*dy - m, pg.minY + float64(j+1)*dy + m
	}

	// Per-row edge lists (CSR).
	counts := make([]int32, pg.ny+1)
	for _, e := range edges {
		for j := row(math.Min(e.ay, e.by) - m); j <= row(math.Max(e.ay, e.by)+m); j++ {
			counts[j+1]++
		}
	}
	for j := 1; j <= pg.ny; j++ {
		counts[j] += counts[j-1]
	}
	pg.rowStart = counts
	pg.rowEdges = make([]edge, counts[pg.ny])
	fill := append([]int32(nil), counts[:pg.ny]...)
	pg.cells = make([]byte, pg.nx*pg.ny)
	for _, e := range edges {
		for j := row(math.Min(e.ay, e.by) - m); j <= row(math.Max(e.ay, e.by)+m); j++ {
			pg.rowEdges[fill[j]] = e
			fill[j]++
			// Mark the cells of row j the edge passes through or near.
			lo, hi := band(j)
			var xlo, xhi float64
			if e.ay == e.by || pg.ny == 1 {
				xlo, xhi = math.Min(e.ax, e.bx), math.Max(e.ax, e.bx)
			} else {
				t0 := clamp01((lo - e.ay) / (e.by - e.ay))
				t1 := clamp01((hi - e.ay) / (e.by - e.ay))
				xa, xb := e.ax+t0*(e.bx-e.ax), e.ax+t1*(e.bx-e.ax)
				xlo, xhi = math.Min(xa, xb), math.Max(xa, xb)
			}
			for i := col(xlo - m); i <= col(xhi+m); i++ {
				pg.cells[j*pg.nx+i] = cellEdge
			}
		}
	}
	// Classify the remaining cells: along a row, consecutive cells that no edge
	// touches share one state, found by ray-casting the centre of the first.
	for j := 0; j < pg.ny; j++ {
		re := pg.rowEdges[pg.rowStart[j]:pg.rowStart[j+1]]
		known, state := false, cellOutside
		for i := 0; i < pg.nx; i++ {
			k := j*pg.nx + i
			if pg.cells[k] == cellEdge {
				known = false
				continue
			}
			if !known {
				cx := pg.minX + (float64(i)+0.5)*dx
				cy := pg.minY + (float64(j)+0.5)*dy
				in, on := rayCast(re, cx, cy)
				if on {
					pg.cells[k] = cellEdge // cannot happen; stay exact if it does
					continue
				}
				known, state = true, cellOutside
				if in {
					state = cellInside
				}
			}
			pg.cells[k] = state
		}
	}
}

func clamp01(t float64) float64 { return math.Min(math.Max(t, 0), 1) }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// threeDistinct reports whether pts holds at least three distinct points.
func threeDistinct(pts []orb.Point) bool {
	if len(pts) < 3 {
		return false
	}
	a := pts[0]
	for i, b := range pts {
		if b == a {
			continue
		}
		for _, c := range pts[i+1:] {
			if c != a && c != b {
				return true
			}
		}
		return false
	}
	return false
}
