package geo

import (
	"fmt"
	"iter"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// maxGridCells bounds the number of cells of a Grid (64 Mi).
const maxGridCells = 1 << 26

// Grid is a regular longitude/latitude grid of DLon × DLat degree cells whose south-west
// corner is Bound.Min. Cell (i, j) covers longitudes [Min.X + i·DLon, Min.X + (i+1)·DLon)
// and latitudes [Min.Y + j·DLat, Min.Y + (j+1)·DLat); the last column and row also take
// the points exactly on the grid's east and north edges, so the grid as a whole is
// closed like every region of this package. When the extent is not a multiple of the
// cell size, the last column or row is cut at the bound.
//
// Longitudes follow the package rule: a Bound whose Min.X is greater than its Max.X
// crosses the antimeridian (Min.X = 170, Max.X = -170 is a 20° band), 0..360 input works,
// and a grid 360° wide wraps all the way round.
type Grid struct {
	Bound      orb.Bound
	DLon, DLat float64
}

// Dims returns the number of columns and rows, or an error wrapping [ErrInvalidArgument]
// when the grid is malformed (non-positive or non-finite cell size, non-finite or
// inverted latitude bound, more than 2^26 cells).
func (g Grid) Dims() (nx, ny int, err error) {
	width, err := g.width()
	if err != nil {
		return 0, 0, err
	}
	h := g.Bound.Max[1] - g.Bound.Min[1]
	nx = cellCount(width, g.DLon)
	ny = cellCount(h, g.DLat)
	if nx*ny > maxGridCells || nx <= 0 || ny <= 0 {
		return 0, 0, fmt.Errorf("%w: grid: %d × %d cells (at most %d)", ErrInvalidArgument, nx, ny, maxGridCells)
	}
	return nx, ny, nil
}

// cellCount returns ceil(extent/step), ignoring a last sliver thinner than 1e-9 cells
// that comes only from rounding (360/0.1 = 3600.0000000000005), and at least 1.
func cellCount(extent, step float64) int {
	n := math.Ceil(extent/step - 1e-9)
	if n < 1 {
		return 1
	}
	if n > maxGridCells {
		return maxGridCells + 1
	}
	return int(n)
}

// width returns the longitude extent of the grid, checking the grid.
func (g Grid) width() (float64, error) {
	b := g.Bound
	for _, v := range [...]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1], g.DLon, g.DLat} {
		if !finite(v) {
			return 0, fmt.Errorf("%w: grid: non-finite bound or cell size", ErrInvalidArgument)
		}
	}
	if !(g.DLon > 0) || !(g.DLat > 0) {
		return 0, fmt.Errorf("%w: grid: cell size %g × %g is not positive", ErrInvalidArgument, g.DLon, g.DLat)
	}
	if b.Min[1] > b.Max[1] || b.Min[1] < -90 || b.Max[1] > 90 {
		return 0, fmt.Errorf("%w: grid: latitudes [%g, %g] are not within [-90, 90] in order", ErrInvalidArgument, b.Min[1], b.Max[1])
	}
	w := b.Max[0] - b.Min[0]
	if w < 0 {
		w += 360
	}
	if w > 360 || w < 0 {
		return 0, fmt.Errorf("%w: grid: longitudes [%g, %g] span more than 360°", ErrInvalidArgument, b.Min[0], b.Max[0])
	}
	return w, nil
}

// Cell returns the column and row of the cell holding p, and false when p is outside
// the grid (or the grid is malformed, or p has a NaN coordinate).
func (g Grid) Cell(p orb.Point) (i, j int, ok bool) {
	nx, ny, err := g.Dims()
	if err != nil {
		return 0, 0, false
	}
	w, _ := g.width()
	return g.cell(p, w, nx, ny)
}

func (g Grid) cell(p orb.Point, width float64, nx, ny int) (i, j int, ok bool) {
	y := p[1]
	if !(y >= g.Bound.Min[1] && y <= g.Bound.Max[1]) {
		return 0, 0, false
	}
	x := normLon(p[0])
	if math.IsNaN(x) {
		return 0, 0, false
	}
	d := x - g.Bound.Min[0]
	for d < 0 {
		d += 360
	}
	for d >= 360 {
		d -= 360
	}
	if d > width {
		return 0, 0, false
	}
	i = min(int(d/g.DLon), nx-1)
	j = min(int((y-g.Bound.Min[1])/g.DLat), ny-1)
	return i, j, true
}

// Center returns the centre of cell (i, j), longitude normalised to [-180, 180].
func (g Grid) Center(i, j int) orb.Point {
	b := g.cellFrame(i, j)
	return orb.Point{normLon((b.Min[0] + b.Max[0]) / 2), (b.Min[1] + b.Max[1]) / 2}
}

// CellBound returns the extent of cell (i, j). Longitudes are normalised to [-180, 180];
// for a cell that straddles the antimeridian Min.X is greater than Max.X.
func (g Grid) CellBound(i, j int) orb.Bound {
	b := g.cellFrame(i, j)
	b.Min[0], b.Max[0] = normLon(b.Min[0]), normLon(b.Max[0])
	if b.Max[0] == -180 && b.Min[0] > -180 {
		b.Max[0] = 180
	}
	return b
}

// cellFrame returns the cell extent in the grid's own longitudes (Min.X onward).
func (g Grid) cellFrame(i, j int) orb.Bound {
	w, _ := g.width()
	x0 := g.Bound.Min[0] + float64(i)*g.DLon
	x1 := math.Min(x0+g.DLon, g.Bound.Min[0]+w)
	y0 := g.Bound.Min[1] + float64(j)*g.DLat
	y1 := math.Min(y0+g.DLat, g.Bound.Max[1])
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// Binned holds per-cell statistics from [Grid.Bin]. The slices are indexed by
// j*NX + i for column i and row j.
type Binned struct {
	Grid   Grid
	NX, NY int
	Count  []int     // points (with a non-NaN value, when values were given)
	Mean   []float64 // NaN for empty cells or without values
	Std    []float64 // population standard deviation (ddof = 0, like numpy.std); NaN as Mean
	Min    []float64
	Max    []float64
}

// Cell is the statistics of one grid cell.
type Cell struct {
	I, J                int
	Center              orb.Point
	Bound               orb.Bound // as Grid.CellBound
	Count               int
	Mean, Std, Min, Max float64
}

// Bin counts points per cell and, when values is not nil (it must then have one value
// per point), computes the mean, standard deviation, minimum and maximum of the values
// per cell. Points outside the grid or with a NaN coordinate are skipped, and so are
// NaN values (the point is then not counted either). It returns an error wrapping
// [ErrInvalidArgument] for a malformed grid or mismatched lengths.
func (g Grid) Bin(points []orb.Point, values []float64) (*Binned, error) {
	nx, ny, err := g.Dims()
	if err != nil {
		return nil, err
	}
	if values != nil && len(values) != len(points) {
		return nil, fmt.Errorf("%w: grid: %d values for %d points", ErrInvalidArgument, len(values), len(points))
	}
	w, _ := g.width()
	n := nx * ny
	b := &Binned{Grid: g, NX: nx, NY: ny, Count: make([]int, n)}
	var mean, m2, lo, hi []float64
	if values != nil {
		mean, m2 = make([]float64, n), make([]float64, n)
		lo, hi = make([]float64, n), make([]float64, n)
	}
	for k, p := range points {
		var v float64
		if values != nil {
			if v = values[k]; math.IsNaN(v) {
				continue
			}
		}
		i, j, ok := g.cell(p, w, nx, ny)
		if !ok {
			continue
		}
		c := j*nx + i
		b.Count[c]++
		if values == nil {
			continue
		}
		// Welford's update.
		cnt := float64(b.Count[c])
		if b.Count[c] == 1 {
			lo[c], hi[c] = v, v
		} else {
			lo[c], hi[c] = math.Min(lo[c], v), math.Max(hi[c], v)
		}
		d := v - mean[c]
		mean[c] += d / cnt
		m2[c] += d * (v - mean[c])
	}
	b.Mean, b.Std, b.Min, b.Max = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for c := range n {
		if values == nil || b.Count[c] == 0 {
			b.Mean[c], b.Std[c], b.Min[c], b.Max[c] = math.NaN(), math.NaN(), math.NaN(), math.NaN()
			continue
		}
		b.Mean[c] = mean[c]
		b.Std[c] = math.Sqrt(m2[c] / float64(b.Count[c]))
		b.Min[c], b.Max[c] = lo[c], hi[c]
	}
	return b, nil
}

// Cell returns the statistics of cell (i, j).
func (b *Binned) Cell(i, j int) Cell {
	c := j*b.NX + i
	return Cell{
		I: i, J: j,
		Center: b.Grid.Center(i, j),
		Bound:  b.Grid.CellBound(i, j),
		Count:  b.Count[c],
		Mean:   b.Mean[c], Std: b.Std[c], Min: b.Min[c], Max: b.Max[c],
	}
}

// Cells yields the cells holding at least one point, row by row from the south-west.
func (b *Binned) Cells() iter.Seq[Cell] {
	return func(yield func(Cell) bool) {
		for j := 0; j < b.NY; j++ {
			for i := 0; i < b.NX; i++ {
				if b.Count[j*b.NX+i] == 0 {
					continue
				}
				if !yield(b.Cell(i, j)) {
					return
				}
			}
		}
	}
}

// FeatureCollection returns one Polygon feature per non-empty cell, for drawing the grid
// on a map, with properties i, j, count, mean, std, min and max (null when NaN). A cell
// that straddles the antimeridian becomes a MultiPolygon split at ±180° (RFC 7946).
func (b *Binned) FeatureCollection() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for c := range b.Cells() {
		props := geojson.Properties{
			"i": c.I, "j": c.J, "count": c.Count,
			"mean": c.Mean, "std": c.Std, "min": c.Min, "max": c.Max,
		}
		fc.Append(newFeature(boundGeometry(c.Bound), props))
	}
	return fc
}

// boundGeometry returns a lon/lat box as a Polygon, or as a MultiPolygon split at ±180°
// when Min.X > Max.X.
func boundGeometry(b orb.Bound) orb.Geometry {
	if b.Min[0] <= b.Max[0] {
		return b.ToPolygon()
	}
	west := orb.Bound{Min: b.Min, Max: orb.Point{180, b.Max[1]}}
	east := orb.Bound{Min: orb.Point{-180, b.Min[1]}, Max: b.Max}
	return orb.MultiPolygon{west.ToPolygon(), east.ToPolygon()}
}
