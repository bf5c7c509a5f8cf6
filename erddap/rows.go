package erddap

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Row is one row of a streamed table (DecodeRows, Client.Rows). Values are
// looked up by column name or by index, and converted on request.
//
// A Row yielded by an iterator is reused: it is valid until the next
// iteration. Clone copies it. The zero Row has no columns.
type Row struct {
	st *rowState
}

// Len returns the number of columns.
func (r Row) Len() int {
	if r.st == nil {
		return 0
	}
	return len(r.st.cells)
}

// Names returns the column names in order.
func (r Row) Names() []string {
	if r.st == nil {
		return nil
	}
	names := make([]string, len(r.st.cols))
	for i, c := range r.st.cols {
		names[i] = c.Name
	}
	return names
}

// Column returns column i's metadata (Name, Units, Type, Kind, Attributes;
// no values). Its Kind is the kind the decoder has settled on so far: an
// inferred column may widen in a later row. It returns nil when i is out
// of range.
func (r Row) Column(i int) *Column {
	if r.st == nil || i < 0 || i >= len(r.st.cols) {
		return nil
	}
	return r.st.cols[i]
}

// Index returns the index of the column called name, or -1.
func (r Row) Index(name string) int {
	if r.st == nil {
		return -1
	}
	if i, ok := r.st.index[name]; ok {
		return i
	}
	return -1
}

// Line returns the 1-based line of the response where the row starts (0
// when unknown, as in .json).
func (r Row) Line() int {
	if r.st == nil {
		return 0
	}
	return r.st.line
}

// Number returns the 1-based number of the row in the response.
func (r Row) Number() int {
	if r.st == nil {
		return 0
	}
	return r.st.row
}

func (r Row) cellNamed(name string) *valueCell {
	i := r.Index(name)
	if i < 0 {
		return nil
	}
	return &r.st.cells[i]
}

func (r Row) cellAt(i int) *valueCell {
	if r.st == nil || i < 0 || i >= len(r.st.cells) {
		return nil
	}
	return &r.st.cells[i]
}

// Kind returns the kind of the value in column name (String when absent).
func (r Row) Kind(name string) Kind {
	if c := r.cellNamed(name); c != nil {
		return c.kind
	}
	return String
}

// IsMissing reports whether the value in column name is missing (NaN, null,
// empty); true when the column is absent.
func (r Row) IsMissing(name string) bool {
	c := r.cellNamed(name)
	return c == nil || c.missing
}

// Float64 returns the value in column name as float64: NaN when missing,
// absent or not a number; integers converted; times as seconds since
// 1970-01-01T00:00:00Z.
func (r Row) Float64(name string) float64 { return cellFloat(r.cellNamed(name)) }

// Float64At is Float64 by column index.
func (r Row) Float64At(i int) float64 { return cellFloat(r.cellAt(i)) }

// Int64 returns the value in column name as int64; ok is false when it is
// missing, absent, or not a whole number that fits.
func (r Row) Int64(name string) (v int64, ok bool) { return cellInt(r.cellNamed(name)) }

// Int64At is Int64 by column index.
func (r Row) Int64At(i int) (int64, bool) { return cellInt(r.cellAt(i)) }

// Uint64 returns the value in column name as uint64; ok is false when it is
// missing, absent, negative or not a whole number that fits.
func (r Row) Uint64(name string) (v uint64, ok bool) { return cellUint(r.cellNamed(name)) }

// Uint64At is Uint64 by column index.
func (r Row) Uint64At(i int) (uint64, bool) { return cellUint(r.cellAt(i)) }

// String returns the value in column name as text: a string value as is,
// numbers and times formatted, "" when missing or absent.
func (r Row) String(name string) string { return cellString(r.cellNamed(name)) }

// StringAt is String by column index.
func (r Row) StringAt(i int) string { return cellString(r.cellAt(i)) }

// Time returns the value in column name as a time: a Time value, an ISO
// string parsed, or a number read as seconds since 1970-01-01T00:00:00Z.
// It is the zero Time when missing, absent or not a time.
func (r Row) Time(name string) time.Time { return cellTime(r.cellNamed(name)) }

// TimeAt is Time by column index.
func (r Row) TimeAt(i int) time.Time { return cellTime(r.cellAt(i)) }

// Clone returns a copy of the row that stays valid after the iteration
// moves on.
func (r Row) Clone() Row {
	if r.st == nil {
		return r
	}
	st := &rowState{
		cols:  make([]*Column, len(r.st.cols)),
		index: r.st.index,
		cells: append([]valueCell(nil), r.st.cells...),
		line:  r.st.line,
		row:   r.st.row,
	}
	for i, c := range r.st.cols {
		cc := *c
		st.cols[i] = &cc
	}
	return Row{st: st}
}

func cellFloat(c *valueCell) float64 {
	if c == nil || c.missing {
		return math.NaN()
	}
	switch c.kind {
	case Float64:
		return c.f
	case Int64:
		return float64(c.i)
	case Uint64:
		return float64(c.u)
	case Time:
		return timeSeconds(c.t)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(c.s), 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

func cellInt(c *valueCell) (int64, bool) {
	if c == nil || c.missing {
		return 0, false
	}
	switch c.kind {
	case Int64:
		return c.i, true
	case Uint64:
		if c.u > math.MaxInt64 {
			return 0, false
		}
		return int64(c.u), true
	case Float64:
		if c.f != math.Trunc(c.f) || c.f < -(1<<63) || c.f >= 1<<63 {
			return 0, false
		}
		return int64(c.f), true
	case String:
		return scanInt([]byte(strings.TrimSpace(c.s)), false)
	}
	return 0, false
}

func cellUint(c *valueCell) (uint64, bool) {
	if c == nil || c.missing {
		return 0, false
	}
	switch c.kind {
	case Uint64:
		return c.u, true
	case Int64:
		if c.i < 0 {
			return 0, false
		}
		return uint64(c.i), true
	case Float64:
		if c.f != math.Trunc(c.f) || c.f < 0 || c.f >= 1<<64 {
			return 0, false
		}
		return uint64(c.f), true
	case String:
		return scanUint([]byte(strings.TrimSpace(c.s)), false)
	}
	return 0, false
}

func cellString(c *valueCell) string {
	if c == nil || c.missing {
		return ""
	}
	return cellText(c, "")
}

func cellTime(c *valueCell) time.Time {
	if c == nil || c.missing {
		return time.Time{}
	}
	switch c.kind {
	case Time:
		return c.t
	case String:
		t, _ := parseISOTime([]byte(c.s))
		return t
	}
	return secondsTime(cellFloat(c))
}
