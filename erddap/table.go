package erddap

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Kind is the Go representation a Column's values are held in.
type Kind uint8

// The kinds of a Column. Integer kinds keep ERDDAP's byte, short, int and long
// (Int64) and ubyte, ushort, uint and ulong (Uint64) exact; missing integers are
// flagged in Column.Missing. float and double are Float64 with NaN for
// missing. String columns whose units are "UTC" (or an ISO pattern such as
// "yyyy-MM-dd'T'HH:mm:ssZ") are Time, with the zero time for missing.
const (
	String  Kind = iota // Go string; ERDDAP String and char; "" for missing
	Float64             // float64; ERDDAP float and double; NaN for missing
	Int64               // int64; ERDDAP byte, short, int, long (and boolean as 0/1)
	Uint64              // uint64; ERDDAP ubyte, ushort, uint, ulong
	Time                // time.Time in UTC; the zero Time for missing
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case String:
		return "String"
	case Float64:
		return "Float64"
	case Int64:
		return "Int64"
	case Uint64:
		return "Uint64"
	case Time:
		return "Time"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Attribute is one metadata attribute of a variable or of the dataset
// (NC_GLOBAL), as an .nccsv response declares it. Exactly one of the value
// slices is set, chosen by Type: Strings for String and char, Float64s for
// float and double, Int64s for byte, short, int and long, Uint64s for ubyte,
// ushort, uint and ulong.
type Attribute struct {
	Name     string
	Type     string // ERDDAP type of the values: String, char, byte, ..., double
	Strings  []string
	Float64s []float64
	Int64s   []int64
	Uint64s  []uint64
}

// Len returns the number of values.
func (a *Attribute) Len() int {
	return len(a.Strings) + len(a.Float64s) + len(a.Int64s) + len(a.Uint64s)
}

// String returns the values as text, joined by ", ". Floats are written with
// the shortest representation that reads back to the same value.
func (a *Attribute) String() string {
	if a.Strings != nil {
		return strings.Join(a.Strings, ", ")
	}
	var b strings.Builder
	n := a.Len()
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		switch {
		case a.Float64s != nil:
			bits := 64
			if a.Type == "float" {
				bits = 32
			}
			b.WriteString(strconv.FormatFloat(a.Float64s[i], 'g', -1, bits))
		case a.Int64s != nil:
			b.WriteString(strconv.FormatInt(a.Int64s[i], 10))
		case a.Uint64s != nil:
			b.WriteString(strconv.FormatUint(a.Uint64s[i], 10))
		}
	}
	return b.String()
}

// Float64 returns the i-th value converted to float64 (NaN for a string that
// is not a number, or an index out of range).
func (a *Attribute) Float64(i int) float64 {
	switch {
	case i < 0:
	case i < len(a.Float64s):
		return a.Float64s[i]
	case i < len(a.Int64s):
		return float64(a.Int64s[i])
	case i < len(a.Uint64s):
		return float64(a.Uint64s[i])
	case i < len(a.Strings):
		if f, err := strconv.ParseFloat(strings.TrimSpace(a.Strings[i]), 64); err == nil {
			return f
		}
	}
	return math.NaN()
}

// Column is one column of a Table: its metadata, and its values in the slice
// its Kind selects (Strings for String, Float64s for Float64, Int64s for
// Int64, Uint64s for Uint64, Times for Time). The other slices are nil.
type Column struct {
	Name  string
	Units string // "" when the response has none
	// Type is the ERDDAP data type: String char byte ubyte short ushort int
	// uint long ulong float double boolean, as declared by the response
	// (.json, .nccsv), given as a hint, or inferred from the values (.csv and
	// other layouts without declared types: "String", "long" or "double").
	Type       string
	Kind       Kind
	Attributes []Attribute // from .nccsv metadata; nil for other layouts

	Strings  []string
	Float64s []float64 // NaN for missing
	Int64s   []int64   // 0 where Missing
	Uint64s  []uint64  // 0 where Missing
	Times    []time.Time
	// Missing flags the missing values of an Int64 or Uint64 column; it is
	// nil when no value is missing (and for the other kinds, which hold NaN,
	// "" or the zero Time instead).
	Missing []bool

	declared bool // the type came from the response or a hint: no promotion
}

// Attr returns the attribute called name, or nil.
func (c *Column) Attr(name string) *Attribute {
	for i := range c.Attributes {
		if c.Attributes[i].Name == name {
			return &c.Attributes[i]
		}
	}
	return nil
}

// Len returns the number of values in the column.
func (c *Column) Len() int {
	switch c.Kind {
	case String:
		return len(c.Strings)
	case Float64:
		return len(c.Float64s)
	case Int64:
		return len(c.Int64s)
	case Uint64:
		return len(c.Uint64s)
	case Time:
		return len(c.Times)
	}
	return 0
}

// IsMissing reports whether value i is missing (NaN, "", the zero Time, or a
// flagged integer).
func (c *Column) IsMissing(i int) bool {
	switch c.Kind {
	case String:
		return c.Strings[i] == ""
	case Float64:
		return math.IsNaN(c.Float64s[i])
	case Time:
		return c.Times[i].IsZero()
	}
	return c.Missing != nil && c.Missing[i]
}

// Table is a decoded tabledap response held in typed columns.
type Table struct {
	Columns []*Column   // in the response's order
	Global  []Attribute // the *GLOBAL* attributes of an .nccsv response; nil otherwise
}

// Len returns the number of rows.
func (t *Table) Len() int {
	if t == nil || len(t.Columns) == 0 {
		return 0
	}
	return t.Columns[0].Len()
}

// Names returns the column names in order.
func (t *Table) Names() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// GlobalAttr returns the global attribute called name, or nil.
func (t *Table) GlobalAttr(name string) *Attribute {
	for i := range t.Global {
		if t.Global[i].Name == name {
			return &t.Global[i]
		}
	}
	return nil
}

// Float64s returns the column's values as float64, with NaN for missing
// values. Integer columns are converted (values beyond 2^53 lose
// precision: use Int64s or Uint64s for those), times become seconds since
// 1970-01-01T00:00:00Z, and strings are parsed (NaN when not a number). It
// returns nil when the column is absent. The slice of a Float64 column is
// the column's own; others are fresh copies.
func (t *Table) Float64s(column string) []float64 {
	c := t.Column(column)
	if c == nil {
		return nil
	}
	switch c.Kind {
	case Float64:
		return c.Float64s
	case Int64:
		out := make([]float64, len(c.Int64s))
		for i, v := range c.Int64s {
			if c.Missing != nil && c.Missing[i] {
				out[i] = math.NaN()
			} else {
				out[i] = float64(v)
			}
		}
		return out
	case Uint64:
		out := make([]float64, len(c.Uint64s))
		for i, v := range c.Uint64s {
			if c.Missing != nil && c.Missing[i] {
				out[i] = math.NaN()
			} else {
				out[i] = float64(v)
			}
		}
		return out
	case Time:
		out := make([]float64, len(c.Times))
		for i, v := range c.Times {
			out[i] = timeSeconds(v)
		}
		return out
	}
	out := make([]float64, len(c.Strings))
	for i, s := range c.Strings {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			f = math.NaN()
		}
		out[i] = f
	}
	return out
}

// Strings returns the column's values as text: a String column's own slice,
// or the others formatted ("" for missing, times as RFC 3339 in UTC). It
// returns nil when the column is absent.
func (t *Table) Strings(column string) []string {
	c := t.Column(column)
	if c == nil {
		return nil
	}
	if c.Kind == String {
		return c.Strings
	}
	out := make([]string, c.Len())
	for i := range out {
		out[i] = c.format(i)
	}
	return out
}

// Int64s returns an integer column's values and a missing-value mask (nil
// when none is missing). Float64 columns are converted when every value is
// a whole number that fits in int64 (NaN becomes missing); Uint64 columns
// when every value fits. ok is false when the column is absent or cannot be
// converted exactly.
func (t *Table) Int64s(column string) (values []int64, missing []bool, ok bool) {
	c := t.Column(column)
	if c == nil {
		return nil, nil, false
	}
	switch c.Kind {
	case Int64:
		return c.Int64s, c.Missing, true
	case Uint64:
		out := make([]int64, len(c.Uint64s))
		for i, v := range c.Uint64s {
			if v > math.MaxInt64 {
				return nil, nil, false
			}
			out[i] = int64(v)
		}
		return out, c.Missing, true
	case Float64:
		out := make([]int64, len(c.Float64s))
		for i, f := range c.Float64s {
			switch {
			case math.IsNaN(f):
				if missing == nil {
					missing = make([]bool, len(c.Float64s))
				}
				missing[i] = true
			case f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63:
				return nil, nil, false
			default:
				out[i] = int64(f)
			}
		}
		return out, missing, true
	}
	return nil, nil, false
}

// Uint64s is Int64s for unsigned values: a Uint64 column's own values, or an
// Int64 column whose values are all non-negative.
func (t *Table) Uint64s(column string) (values []uint64, missing []bool, ok bool) {
	c := t.Column(column)
	if c == nil {
		return nil, nil, false
	}
	switch c.Kind {
	case Uint64:
		return c.Uint64s, c.Missing, true
	case Int64:
		out := make([]uint64, len(c.Int64s))
		for i, v := range c.Int64s {
			if v < 0 {
				return nil, nil, false
			}
			out[i] = uint64(v)
		}
		return out, c.Missing, true
	}
	return nil, nil, false
}

// Times returns a Time column's values (the zero Time for missing). A
// String column is parsed as ISO 8601 (zero for what does not parse) and a
// numeric column is read as seconds since 1970-01-01T00:00:00Z, ERDDAP's
// time unit. It returns nil when the column is absent.
func (t *Table) Times(column string) []time.Time {
	c := t.Column(column)
	if c == nil {
		return nil
	}
	switch c.Kind {
	case Time:
		return c.Times
	case String:
		out := make([]time.Time, len(c.Strings))
		for i, s := range c.Strings {
			out[i], _ = parseISOTime([]byte(s))
		}
		return out
	}
	fs := t.Float64s(column)
	out := make([]time.Time, len(fs))
	for i, f := range fs {
		out[i] = secondsTime(f)
	}
	return out
}

// format returns value i as text ("" for missing).
func (c *Column) format(i int) string {
	switch c.Kind {
	case String:
		return c.Strings[i]
	case Float64:
		return floatText(c.Float64s[i], c.Type)
	case Int64:
		if c.Missing != nil && c.Missing[i] {
			return ""
		}
		return strconv.FormatInt(c.Int64s[i], 10)
	case Uint64:
		if c.Missing != nil && c.Missing[i] {
			return ""
		}
		return strconv.FormatUint(c.Uint64s[i], 10)
	case Time:
		return timeText(c.Times[i])
	}
	return ""
}

func floatText(f float64, typ string) string {
	if math.IsNaN(f) {
		return ""
	}
	bits := 64
	if typ == "float" {
		bits = 32
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// timeSeconds returns t as seconds since 1970-01-01T00:00:00Z (NaN for the
// zero Time).
func timeSeconds(t time.Time) float64 {
	if t.IsZero() {
		return math.NaN()
	}
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// secondsTime converts seconds since 1970-01-01T00:00:00Z to a UTC time (the
// zero Time for NaN or an infinite value).
func secondsTime(f float64) time.Time {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		return time.Time{}
	}
	sec := math.Floor(f)
	ns := math.Round((f - sec) * 1e9)
	return time.Unix(int64(sec), int64(ns)).UTC()
}
