package chart

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Map is a lon/lat map: an equirectangular projection whose scale is right
// at the map's middle latitude (one degree of longitude is drawn cos(lat)
// as wide as one degree of latitude), with a labelled graticule. It is the
// plot a scientist sketches to see where data are, not a cartographic
// product: there are no coastlines.
//
// A map whose bound has Min.X > Max.X crosses the antimeridian (the
// library's rule for boxes): longitudes east of it are drawn past 180°
// and labelled as the western longitudes they are.
type Map struct {
	Plot                     *plot.Plot
	west, east, south, north float64 // east > west; east may exceed 180
}

// NewMap returns an empty map of the bound b with a title.
func NewMap(title string, b orb.Bound) *Map {
	m := &Map{west: b.Min[0], east: b.Max[0], south: b.Min[1], north: b.Max[1]}
	if m.east < m.west { // across the antimeridian
		m.east += 360
	}
	if m.east == m.west {
		m.west, m.east = m.west-0.5, m.east+0.5
	}
	if m.north == m.south {
		m.south, m.north = m.south-0.5, m.north+0.5
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "longitude"
	p.Y.Label.Text = "latitude"
	lonStep := gridStep(m.east - m.west)
	latStep := gridStep(m.north - m.south)
	p.X.Tick.Marker = degreeTicks(lonStep, lonLabel)
	p.Y.Tick.Marker = degreeTicks(latStep, latLabel)
	grid := plotter.NewGrid() // drawn at the major ticks: the graticule
	grid.Vertical.Color = color.Gray{0xc8}
	grid.Horizontal.Color = color.Gray{0xc8}
	grid.Vertical.Dashes = nil
	grid.Horizontal.Dashes = nil
	p.Add(grid)
	p.BackgroundColor = color.RGBA{0xf4, 0xf8, 0xfc, 0xff} // a pale sea
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.Padding = vg.Millimeter
	m.Plot = p
	return m
}

// x returns the drawing abscissa of a longitude: the longitude itself, or
// plus 360° for the eastern part of a map across the antimeridian.
func (m *Map) x(lon float64) float64 {
	lon = math.Mod(lon+540, 360) - 180 // normalise to [-180, 180)
	if lon < m.west {
		lon += 360
	}
	return lon
}

// inside reports whether p falls on the map.
func (m *Map) inside(p orb.Point) bool {
	x, y := m.x(p[0]), p[1]
	return !math.IsNaN(x) && !math.IsNaN(y) && x >= m.west && x <= m.east && y >= m.south && y <= m.north
}

// xys converts points to plot coordinates, dropping those off the map.
func (m *Map) xys(pts []orb.Point) plotter.XYs {
	out := make(plotter.XYs, 0, len(pts))
	for _, p := range pts {
		if m.inside(p) {
			out = append(out, plotter.XY{X: m.x(p[0]), Y: p[1]})
		}
	}
	return out
}

// Points adds a layer of points with a legend label ("" for none). Points
// off the map or with a NaN coordinate are left out; it returns how many
// were drawn.
func (m *Map) Points(label string, pts []orb.Point, c color.Color, shape draw.GlyphDrawer, radius vg.Length) (int, error) {
	xys := m.xys(pts)
	if len(xys) == 0 {
		return 0, nil
	}
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return 0, fmt.Errorf("chart: %w", err)
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Shape: shape, Radius: radius}
	m.Plot.Add(s)
	if label != "" {
		m.Plot.Legend.Add(label, s)
	}
	return len(xys), nil
}

// Line adds a polyline (a float's track, say), broken where a point is off
// the map.
func (m *Map) Line(pts []orb.Point, c color.Color, width vg.Length) error {
	var run plotter.XYs
	flush := func() error {
		if len(run) > 1 {
			l, err := plotter.NewLine(run)
			if err != nil {
				return fmt.Errorf("chart: %w", err)
			}
			l.LineStyle = draw.LineStyle{Color: c, Width: width}
			m.Plot.Add(l)
		}
		run = nil
		return nil
	}
	for _, p := range pts {
		if !m.inside(p) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		run = append(run, plotter.XY{X: m.x(p[0]), Y: p[1]})
	}
	return flush()
}

// Label writes text next to a position.
func (m *Map) Label(p orb.Point, text string) error {
	if !m.inside(p) {
		return nil
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: m.x(p[0]), Y: p[1]}}, Labels: []string{text}})
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	l.Offset = vg.Point{X: vg.Millimeter * 1.5, Y: vg.Millimeter * 1.5}
	m.Plot.Add(l)
	return nil
}

// Height returns the image height, in pixels, that keeps the map's aspect
// for an image width: the axes and title take a fixed margin.
func (m *Map) Height(width int) int {
	const marginX, marginY = 80, 90 // pixels taken by the axes, labels and title
	mid := (m.south + m.north) / 2 * math.Pi / 180
	aspect := (m.north - m.south) / ((m.east - m.west) * math.Max(math.Cos(mid), 0.2))
	h := int(float64(width-marginX)*aspect) + marginY
	return min(max(h, 240), 3*width)
}

// Save fixes the axes to the map's bound and writes a PNG of the given
// width; the height follows the map's aspect (see Height).
func (m *Map) Save(path string, width int) error {
	m.Plot.X.Min, m.Plot.X.Max = m.west, m.east
	m.Plot.Y.Min, m.Plot.Y.Max = m.south, m.north
	return Save(m.Plot, path, width, m.Height(width))
}

// gridStep picks a graticule spacing giving at most 8 lines over span degrees.
func gridStep(span float64) float64 {
	for _, s := range []float64{0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45, 60, 90} {
		if span/s <= 8 {
			return s
		}
	}
	return 90
}

// degreeTicks puts a labelled tick (and so a graticule line) at every
// multiple of step.
func degreeTicks(step float64, label func(v, step float64) string) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for i := math.Ceil(lo/step - 1e-9); i*step <= hi+1e-9; i++ {
			v := i * step
			ts = append(ts, plot.Tick{Value: v, Label: label(v, step)})
		}
		return ts
	})
}

// deg formats an absolute number of degrees with the decimals step needs.
func deg(v, step float64) string {
	prec := 0
	for s := step; s < 1-1e-9 && prec < 3; s *= 10 {
		prec++
	}
	if step == 0.25 || step == 0.05 {
		prec = 2
	}
	return strconv.FormatFloat(math.Abs(v), 'f', prec, 64) + "°"
}

func lonLabel(v, step float64) string {
	v = math.Mod(v+540, 360) - 180 // the unwrapped abscissa back to [-180, 180)
	switch {
	case math.Abs(v) < 1e-9:
		return "0°"
	case math.Abs(math.Abs(v)-180) < 1e-9:
		return "180°"
	case v < 0:
		return deg(v, step) + "W"
	}
	return deg(v, step) + "E"
}

func latLabel(v, step float64) string {
	switch {
	case math.Abs(v) < 1e-9:
		return "0°"
	case v < 0:
		return deg(v, step) + "S"
	}
	return deg(v, step) + "N"
}

// Fit returns a bound around the points, padded by a tenth of its size and
// at least minSpan degrees wide and high. When the points sit on both sides
// of the antimeridian and are closer together across it, the bound crosses
// it (Min.X > Max.X). Points with a NaN coordinate are ignored; with none
// left, Fit returns the whole world.
func Fit(pts []orb.Point, minSpan float64) orb.Bound {
	var lons, lats []float64
	for _, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			continue
		}
		lons = append(lons, math.Mod(p[0]+540, 360)-180)
		lats = append(lats, p[1])
	}
	if len(lons) == 0 {
		return orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	}
	w, e := minmax(lons)
	// The same longitudes in [0, 360): a smaller span means the points
	// gather around 180°.
	shifted := make([]float64, len(lons))
	for i, l := range lons {
		shifted[i] = math.Mod(l+360, 360)
	}
	if w2, e2 := minmax(shifted); e2-w2 < e-w {
		w, e = w2, e2
	}
	s, n := minmax(lats)
	padX := math.Max((e-w)*0.1, (minSpan-(e-w))/2)
	padY := math.Max((n-s)*0.1, (minSpan-(n-s))/2)
	w, e = w-padX, e+padX
	s, n = math.Max(s-padY, -90), math.Min(n+padY, 90)
	if e-w >= 360 {
		return orb.Bound{Min: orb.Point{-180, s}, Max: orb.Point{180, n}}
	}
	norm := func(l float64) float64 { return math.Mod(l+540, 360) - 180 }
	west, east := norm(w), norm(e)
	if east == -180 && e > w { // keep a bound ending at 180° closed there
		east = 180
	}
	return orb.Bound{Min: orb.Point{west, s}, Max: orb.Point{east, n}}
}

func minmax(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}
