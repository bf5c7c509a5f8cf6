package erddap

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// ChunkOptions says how Chunks splits a tabledap query. A zero size leaves
// that axis whole.
type ChunkOptions struct {
	Time time.Duration // time window length (argopy: 90 days)
	Lon  float64       // longitude step in degrees (argopy: 20)
	Lat  float64       // latitude step in degrees (argopy: 20)

	// Variable names; "" means "time", "longitude" and "latitude".
	TimeVar, LonVar, LatVar string
}

// DefaultChunkOptions returns argopy's chunk sizes: 90-day windows and
// 20°×20° boxes.
func DefaultChunkOptions() ChunkOptions {
	return ChunkOptions{Time: 90 * 24 * time.Hour, Lon: 20, Lat: 20}
}

// bound is the lower and upper constraint of one variable in a query.
type bound struct {
	lo, hi     int // indices in the constraints
	loV, hiV   float64
	loT, hiT   time.Time
	isTime     bool // values given as time.Time
	varName    string
	step       float64
	stepDur    time.Duration
	loOp, hiOp string
}

// Chunks splits q into smaller queries along time windows and
// longitude/latitude sub-boxes, using q's own bounds on those variables
// (both a lower bound, > or >=, and an upper bound, < or <=, are needed on
// every axis that is split; values are numbers, or time.Time for time).
//
// The chunks partition q's rows: each window is half-open, [start, end),
// except the last one of an axis, which keeps q's own upper bound and
// operator; the first keeps q's lower bound. No row is counted twice and
// none is lost. Chunks are ordered time window first, then longitude, then
// latitude. Other constraints, variables and functions are copied into every
// chunk (a distinct() stays exact, since chunks are disjoint; an orderBy
// sorts within each chunk only).
//
// ERDDAP compares floats with a small tolerance in >= and <=: a value
// within that tolerance of a boundary may, in rare cases, come back in two
// adjacent chunks.
func Chunks(q *TableQuery, opts ChunkOptions) ([]*TableQuery, error) {
	if q == nil {
		return nil, errorf("Chunks: nil query")
	}
	if q.err != nil {
		return nil, q.err
	}
	if opts.Time < 0 || opts.Lon < 0 || opts.Lat < 0 || math.IsNaN(opts.Lon) || math.IsNaN(opts.Lat) {
		return nil, errorf("Chunks: negative or NaN chunk size")
	}
	names := [3]string{opts.TimeVar, opts.LonVar, opts.LatVar}
	for i, d := range [3]string{"time", "longitude", "latitude"} {
		if names[i] == "" {
			names[i] = d
		}
	}
	chunks := []*TableQuery{q.Clone()}
	for axis, name := range names {
		var step float64
		var dur time.Duration
		switch axis {
		case 0:
			if opts.Time == 0 {
				continue
			}
			dur, step = opts.Time, opts.Time.Seconds()
		case 1:
			step = opts.Lon
		case 2:
			step = opts.Lat
		}
		if step == 0 {
			continue
		}
		b, err := findBound(q, name)
		if err != nil {
			return nil, err
		}
		b.step, b.stepDur = step, dur
		var next []*TableQuery
		for _, c := range chunks {
			next = append(next, b.split(c)...)
		}
		chunks = next
	}
	return chunks, nil
}

// findBound locates the single lower and upper bound of name in q.
func findBound(q *TableQuery, name string) (*bound, error) {
	b := &bound{lo: -1, hi: -1, varName: name}
	for i, c := range q.constraints {
		if c.Var != name {
			continue
		}
		var lower bool
		switch c.Op {
		case ">", ">=":
			lower = true
		case "<", "<=":
		default:
			continue
		}
		var v float64
		var t time.Time
		isTime := false
		switch x := c.Value.(type) {
		case time.Time:
			t, isTime = x.UTC(), true
			v = float64(x.UnixNano()) / 1e9
		default:
			f, ok := toFloat(c.Value)
			if !ok {
				return nil, errorf("Chunks: %s%s%v: value must be a number or a time.Time", c.Var, c.Op, c.Value)
			}
			v = f
		}
		if lower {
			if b.lo >= 0 {
				return nil, errorf("Chunks: %s has two lower bounds", name)
			}
			b.lo, b.loV, b.loT, b.loOp = i, v, t, c.Op
			b.isTime = isTime
		} else {
			if b.hi >= 0 {
				return nil, errorf("Chunks: %s has two upper bounds", name)
			}
			b.hi, b.hiV, b.hiT, b.hiOp = i, v, t, c.Op
			if isTime != b.isTime && b.lo >= 0 {
				return nil, errorf("Chunks: %s bounds mix time.Time and numbers", name)
			}
			b.isTime = isTime
		}
	}
	if b.lo < 0 || b.hi < 0 {
		return nil, errorf("Chunks: cannot split on %s: the query needs both a lower (> or >=) and an upper (< or <=) bound on it", name)
	}
	if math.IsNaN(b.loV) || math.IsNaN(b.hiV) || math.IsInf(b.loV, 0) || math.IsInf(b.hiV, 0) {
		return nil, errorf("Chunks: %s bounds must be finite", name)
	}
	return b, nil
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// maxChunksPerAxis guards against a tiny step on a wide range.
const maxChunksPerAxis = 100000

// split cuts c along b's axis.
func (b *bound) split(c *TableQuery) []*TableQuery {
	span := b.hiV - b.loV
	n := 1
	if span > 0 {
		n = int(math.Ceil(span / b.step))
		if n < 1 {
			n = 1
		}
		if n > maxChunksPerAxis {
			n = maxChunksPerAxis
		}
	}
	if n == 1 {
		return []*TableQuery{c}
	}
	edge := func(k int) any { // the k-th inner boundary, 1 <= k < n
		if b.isTime {
			return b.loT.Add(time.Duration(k) * b.stepDur)
		}
		return b.loV + float64(k)*b.step
	}
	out := make([]*TableQuery, 0, n)
	for k := range n {
		q := c.Clone()
		if k > 0 {
			q.constraints[b.lo] = Constraint{Var: b.varName, Op: ">=", Value: edge(k)}
		}
		if k < n-1 {
			q.constraints[b.hi] = Constraint{Var: b.varName, Op: "<", Value: edge(k + 1)}
		}
		out = append(out, q)
	}
	return out
}

// TableChunked splits q with Chunks, fetches the chunks with Table (at most
// the client's concurrency at a time) and appends their rows in chunk order.
// A chunk with no rows (ErrNoData) counts as empty; when every chunk is
// empty the error matches ErrNoData, as for Table. Any other failed chunk
// fails the whole call: the result is never silently shorter.
func (c *Client) TableChunked(ctx context.Context, q *TableQuery, opts ChunkOptions) (*Table, error) {
	chunks, err := Chunks(q, opts)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tables := make([]*Table, len(chunks))
	errs := make([]error, len(chunks))
	work := make(chan int)
	var wg sync.WaitGroup
	workers := min(cap(c.sem), len(chunks))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				t, err := c.Table(ctx, chunks[i])
				if err != nil && !errors.Is(err, ErrNoData) {
					cancel()
				}
				tables[i], errs[i] = t, err
			}
		}()
	}
feed:
	for i := range chunks {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	// The first real failure wins over the cancellations it caused.
	for i, err := range errs {
		if err != nil && !errors.Is(err, ErrNoData) && !errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("erddap: TableChunked: chunk %d of %d: %w", i+1, len(chunks), err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("erddap: TableChunked: %w", err)
	}
	var noData error
	var out *Table
	for i := range chunks {
		if errs[i] != nil {
			noData = errs[i]
			continue
		}
		if tables[i] == nil {
			continue
		}
		if out == nil {
			out = tables[i]
			continue
		}
		if err := appendTables(out, tables[i]); err != nil {
			return nil, fmt.Errorf("erddap: TableChunked: chunk %d of %d: %w", i+1, len(chunks), err)
		}
	}
	if out == nil {
		if noData != nil {
			return nil, fmt.Errorf("erddap: TableChunked: every chunk is empty: %w", noData)
		}
		return nil, errorf("TableChunked: no chunk returned a table")
	}
	return out, nil
}

// appendTables appends src's rows to dst. Columns are matched by name and
// must be the same set; kinds that differ between chunks (an inferred type)
// are widened to Float64 when both are numeric.
func appendTables(dst, src *Table) error {
	if len(dst.Columns) != len(src.Columns) {
		return errorf("chunks have different columns: %q and %q", dst.Names(), src.Names())
	}
	n0, n1 := dst.Len(), src.Len()
	for _, d := range dst.Columns {
		s := src.Column(d.Name)
		if s == nil {
			return errorf("chunks have different columns: %q and %q", dst.Names(), src.Names())
		}
		if d.Kind != s.Kind {
			if !numericKind(d.Kind) || !numericKind(s.Kind) {
				return errorf("column %s is %v in one chunk and %v in another", d.Name, d.Kind, s.Kind)
			}
			toFloatColumn(d)
			s = cloneAsFloat(s)
		}
		if d.Missing != nil || s.Missing != nil {
			m := d.Missing
			if m == nil {
				m = make([]bool, n0, n0+n1)
			}
			if s.Missing != nil {
				m = append(m, s.Missing...)
			} else {
				m = append(m, make([]bool, n1)...)
			}
			d.Missing = m
		}
		switch d.Kind {
		case String:
			d.Strings = append(d.Strings, s.Strings...)
		case Float64:
			d.Float64s = append(d.Float64s, s.Float64s...)
		case Int64:
			d.Int64s = append(d.Int64s, s.Int64s...)
		case Uint64:
			d.Uint64s = append(d.Uint64s, s.Uint64s...)
		case Time:
			d.Times = append(d.Times, s.Times...)
		}
	}
	return nil
}

func numericKind(k Kind) bool { return k == Float64 || k == Int64 || k == Uint64 }

func toFloatColumn(c *Column) {
	if c.Kind == Float64 {
		return
	}
	t := &Table{Columns: []*Column{c}}
	c.Float64s = t.Float64s(c.Name)
	c.Int64s, c.Uint64s, c.Missing = nil, nil, nil
	c.Kind = Float64
}

func cloneAsFloat(c *Column) *Column {
	cp := *c
	toFloatColumn(&cp)
	return &cp
}
