package erddap

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// GridQuery is a griddap request being built: one or more data variables
// (or axis variables) sharing the same per-dimension constraints. Methods
// return the query so that calls chain; the first invalid argument is kept
// (see Err).
type GridQuery struct {
	dataset string
	vars    []string
	dims    []string             // dimension names in the order of the brackets
	subsets map[string]gridRange // per dimension; absent = all ([])
	info    *Info
	err     error
}

// gridRange is one bracket: [start:stride:stop], values (v) or indices.
type gridRange struct {
	start, stop string // already formatted: "12", "(2020-01-01T00:00:00Z)", "last-3"
	stride      int
	single      bool
	lo, hi      float64 // numeric values, for descending swaps (NaN if not numeric)
	byValue     bool
}

// NewGridQuery starts a griddap query of datasetID for the variables vars,
// which all get the same constraints.
func NewGridQuery(datasetID string, vars ...string) *GridQuery {
	q := &GridQuery{dataset: datasetID, subsets: map[string]gridRange{}}
	if datasetID == "" || strings.ContainsAny(datasetID, "/?&#%\" ") {
		q.setErr(errorf("invalid dataset ID %q", datasetID))
	}
	if len(vars) == 0 {
		q.setErr(errorf("NewGridQuery(%s): no variable", datasetID))
	}
	for _, v := range vars {
		if !varNameRe.MatchString(v) {
			q.setErr(errorf("NewGridQuery: invalid variable name %q", v))
		}
	}
	q.vars = append(q.vars, vars...)
	return q
}

// Err returns the first error met while building the query, or nil.
func (q *GridQuery) Err() error { return q.err }

func (q *GridQuery) setErr(err error) {
	if q.err == nil {
		q.err = err
	}
}

// WithInfo gives the dataset's metadata: the brackets then follow the
// dataset's dimension order (a dimension not constrained gets []), unknown
// dimension names are errors, and value ranges on a descending axis (a
// negative averageSpacing, such as latitude stored north to south) are
// swapped to [(hi):stride:(lo)] whatever order they were given in.
func (q *GridQuery) WithInfo(info *Info) *GridQuery {
	q.info = info
	return q
}

func (q *GridQuery) addDim(dim string, r gridRange) *GridQuery {
	if !varNameRe.MatchString(dim) {
		q.setErr(errorf("grid: invalid dimension name %q", dim))
		return q
	}
	if r.stride < 1 {
		q.setErr(errorf("grid: dimension %s: stride %d < 1", dim, r.stride))
		return q
	}
	if _, ok := q.subsets[dim]; !ok {
		q.dims = append(q.dims, dim)
	}
	q.subsets[dim] = r
	return q
}

// Index constrains dimension dim to the indices start, start+stride, ...,
// up to stop (0-based, inclusive): [start:stride:stop].
func (q *GridQuery) Index(dim string, start, stride, stop int) *GridQuery {
	if start < 0 || stop < start {
		q.setErr(errorf("grid: dimension %s: invalid index range %d..%d", dim, start, stop))
		return q
	}
	return q.addDim(dim, gridRange{start: strconv.Itoa(start), stop: strconv.Itoa(stop), stride: stride, lo: math.NaN(), hi: math.NaN()})
}

// Range constrains dimension dim to the axis values lo..hi (the nearest axis
// values are used), every stride-th index: [(lo):stride:(hi)]. lo and hi are
// numbers or time.Time values, or text sent as written: a number ("-67.00"),
// an ISO 8601 time ("2015-12-28", "2020-07-07T12:00:00Z"), "last" or
// "last-N" (N in the axis units, seconds for time).
func (q *GridQuery) Range(dim string, lo, hi any, stride int) *GridQuery {
	a, fa, err := gridValue(lo)
	if err != nil {
		q.setErr(fmt.Errorf("erddap: grid: dimension %s: %w", dim, err))
		return q
	}
	b, fb, err := gridValue(hi)
	if err != nil {
		q.setErr(fmt.Errorf("erddap: grid: dimension %s: %w", dim, err))
		return q
	}
	return q.addDim(dim, gridRange{start: a, stop: b, stride: stride, lo: fa, hi: fb, byValue: true})
}

// At constrains dimension dim to the single axis value nearest to v: [(v)].
func (q *GridQuery) At(dim string, v any) *GridQuery {
	a, fa, err := gridValue(v)
	if err != nil {
		q.setErr(fmt.Errorf("erddap: grid: dimension %s: %w", dim, err))
		return q
	}
	return q.addDim(dim, gridRange{start: a, stride: 1, single: true, lo: fa, hi: fa, byValue: true})
}

// Last constrains dimension dim to its last n indices: [last-(n-1):1:last]
// (just [last] for n = 1).
func (q *GridQuery) Last(dim string, n int) *GridQuery {
	if n < 1 {
		q.setErr(errorf("grid: dimension %s: Last(%d) < 1", dim, n))
		return q
	}
	if n == 1 {
		return q.addDim(dim, gridRange{start: "last", stride: 1, single: true, lo: math.NaN(), hi: math.NaN()})
	}
	return q.addDim(dim, gridRange{start: "last-" + strconv.Itoa(n-1), stop: "last", stride: 1, lo: math.NaN(), hi: math.NaN()})
}

var (
	lastRe     = regexp.MustCompile(`^last(-[0-9]+(\.[0-9]+)?)?$`)
	axisTextRe = regexp.MustCompile(`^(-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|[0-9]{4}-[0-9]{2}(-[0-9]{2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?Z?)?)?)$`)
)

// gridValue formats an axis value in parentheses, and its numeric value
// (seconds for times; NaN for last).
func gridValue(v any) (string, float64, error) {
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return "", 0, errorf("zero time.Time")
		}
		return "(" + formatTimeValue(x) + ")", float64(x.UnixNano()) / 1e9, nil
	case string:
		if lastRe.MatchString(x) {
			return "(" + x + ")", math.NaN(), nil
		}
		if axisTextRe.MatchString(x) {
			f, err := strconv.ParseFloat(x, 64)
			if err != nil {
				f = math.NaN() // an ISO time: no numeric order known
			}
			return "(" + x + ")", f, nil
		}
		return "", 0, errorf("axis value %q is neither a number, an ISO 8601 time nor last[-N]", x)
	}
	s, err := formatValue("=", v)
	if err != nil {
		return "", 0, err
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return "", 0, errorf("axis value %v is not a finite number", v)
	}
	return "(" + trimPointZero(s) + ")", f, nil
}

// trimPointZero keeps whole numbers short in griddap brackets ("24", not
// "24.0"); both forms are accepted by ERDDAP.
func trimPointZero(s string) string {
	return strings.TrimSuffix(s, ".0")
}

func (r gridRange) String(desc bool) string {
	if r.single {
		return "[" + r.start + "]"
	}
	start, stop := r.start, r.stop
	if r.byValue && !math.IsNaN(r.lo) && !math.IsNaN(r.hi) {
		if (desc && r.lo < r.hi) || (!desc && r.lo > r.hi) {
			start, stop = stop, start
		}
	}
	return "[" + start + ":" + strconv.Itoa(r.stride) + ":" + stop + "]"
}

// gridQueryString returns the unencoded query.
func (q *GridQuery) gridQueryString() (string, error) {
	if q.err != nil {
		return "", q.err
	}
	dims := q.dims
	desc := map[string]bool{}
	if q.info != nil {
		infoDims := q.info.Dimensions()
		if len(infoDims) > 0 {
			dims = dims[:0:0]
			known := map[string]bool{}
			for _, d := range infoDims {
				dims = append(dims, d.Name)
				known[d.Name] = true
				desc[d.Name] = d.Dimension != nil && d.Dimension.Descending()
			}
			for _, d := range q.dims {
				if !known[d] {
					return "", errorf("grid: %s has no dimension %q", q.dataset, d)
				}
			}
		}
		for _, v := range q.vars {
			if q.info.Variable(v) == nil {
				return "", errorf("grid: %s has no variable %q", q.dataset, v)
			}
		}
	}
	var sub strings.Builder
	for _, d := range dims {
		r, ok := q.subsets[d]
		if !ok {
			sub.WriteString("[]")
			continue
		}
		sub.WriteString(r.String(desc[d]))
	}
	var b strings.Builder
	for i, v := range q.vars {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v)
		b.WriteString(sub.String())
	}
	return b.String(), nil
}

// gridURL builds the griddap URL of q, or returns q's error.
func (c *Client) gridURL(q *GridQuery, fileType string) (string, error) {
	if q == nil {
		return "", errorf("nil *GridQuery")
	}
	ft, err := checkFileType(fileType)
	if err != nil {
		return "", err
	}
	qs, err := q.gridQueryString()
	if err != nil {
		return "", err
	}
	return c.base + "/griddap/" + escape(q.dataset) + ft + "?" + escape(qs), nil
}

// GridURL returns the griddap request URL of q for fileType (".nc", ".json",
// ".csv", ...), or "" when q holds an error (see GridQuery.Err). Brackets are
// sent as %5B and %5D (Tomcat rejects them raw), parentheses, colons and the
// commas between variables literally, and anything else outside
// A-Za-z0-9-_.!~'()*,:/ percent-encoded.
func (c *Client) GridURL(q *GridQuery, fileType string) string {
	u, err := c.gridURL(q, fileType)
	if err != nil {
		return ""
	}
	return u
}

// Axis is one dimension of a Grid.
type Axis struct {
	Name   string
	Units  string
	Values []float64   // the axis values (seconds since 1970-01-01T00:00:00Z for time)
	Times  []time.Time // for a time axis, the same values as times; nil otherwise
}

// Grid is a decoded griddap response: the axes and, for each data variable,
// its values in row-major order (the last axis varies fastest), NaN for
// missing.
type Grid struct {
	Axes  []Axis
	Shape []int                // len(Axes[i].Values) for each axis
	Names []string             // data variables in response order
	Units map[string]string    // units of each data variable
	Vars  map[string][]float64 // values, row-major, len = product of Shape
}

// Len returns the number of values of each data variable.
func (g *Grid) Len() int {
	n := 1
	for _, s := range g.Shape {
		n *= s
	}
	return n
}

// At returns variable name's value at the axis indices idx (one per axis),
// NaN when name is unknown or an index is out of range.
func (g *Grid) At(name string, idx ...int) float64 {
	vals, ok := g.Vars[name]
	if !ok || len(idx) != len(g.Shape) {
		return math.NaN()
	}
	off := 0
	for i, ix := range idx {
		if ix < 0 || ix >= g.Shape[i] {
			return math.NaN()
		}
		off = off*g.Shape[i] + ix
	}
	return vals[off]
}

// Grid runs a griddap query and decodes the .json response in pure Go.
// Every variable of q is returned with the axes. An axis-only query of one
// axis (NewGridQuery(id, "latitude").Index("latitude", 0, 1, 10)) gives a
// Grid with that axis and no variables. The response's rows (one
// per grid point, axes first) must form the full Cartesian product of the
// axis values in row-major order; anything else is an error.
func (c *Client) Grid(ctx context.Context, q *GridQuery) (*Grid, error) {
	u, err := c.gridURL(q, ".json")
	if err != nil {
		return nil, err
	}
	resp, err := c.get(ctx, u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	t, err := DecodeTable(resp.Body, ".json")
	if err != nil {
		return nil, fmt.Errorf("erddap: Grid %s: %w", q.dataset, err)
	}
	return gridFromTable(t, q.vars)
}

// gridFromTable splits a decoded griddap table into axes and variables:
// the columns named in vars are data, the ones before them axes.
func gridFromTable(t *Table, vars []string) (*Grid, error) {
	isVar := map[string]bool{}
	for _, v := range vars {
		isVar[v] = true
	}
	g := &Grid{Units: map[string]string{}, Vars: map[string][]float64{}}
	var axisCols []*Column
	for _, col := range t.Columns {
		if isVar[col.Name] {
			g.Names = append(g.Names, col.Name)
			g.Units[col.Name] = col.Units
			g.Vars[col.Name] = t.Float64s(col.Name)
		} else {
			axisCols = append(axisCols, col)
		}
	}
	if len(g.Names) == 0 {
		return nil, errorf("Grid: the response has none of the variables %v", vars)
	}
	if len(axisCols) == 0 && len(t.Columns) == 1 {
		// An axis-only query (latitude[0:1:10]): the one column is the axis.
		col := t.Columns[0]
		ax := Axis{Name: col.Name, Units: col.Units, Values: g.Vars[col.Name]}
		if col.Kind == Time {
			ax.Times = t.Times(col.Name)
		}
		return &Grid{Axes: []Axis{ax}, Shape: []int{t.Len()}, Units: map[string]string{}, Vars: map[string][]float64{}}, nil
	}
	n := t.Len()
	for _, col := range axisCols {
		vals := t.Float64s(col.Name)
		var uniq []float64
		seen := map[float64]bool{}
		for _, v := range vals {
			if !seen[v] {
				seen[v] = true
				uniq = append(uniq, v)
			}
		}
		ax := Axis{Name: col.Name, Units: col.Units, Values: uniq}
		if col.Kind == Time {
			ax.Times = make([]time.Time, len(uniq))
			for i, v := range uniq {
				ax.Times[i] = secondsTime(v)
			}
		}
		g.Axes = append(g.Axes, ax)
		g.Shape = append(g.Shape, len(uniq))
	}
	if g.Len() != n {
		return nil, errorf("Grid: %d rows are not the product of the axis lengths %v", n, g.Shape)
	}
	// Check the row-major layout.
	for a, col := range axisCols {
		vals := t.Float64s(col.Name)
		inner := 1
		for _, s := range g.Shape[a+1:] {
			inner *= s
		}
		for i, v := range vals {
			want := g.Axes[a].Values[(i/inner)%g.Shape[a]]
			if v != want && !(math.IsNaN(v) && math.IsNaN(want)) {
				return nil, errorf("Grid: row %d: axis %s is %v, want %v (rows not in row-major order)", i, col.Name, v, want)
			}
		}
	}
	return g, nil
}
