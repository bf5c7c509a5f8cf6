package thredds

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Table is a decoded NCSS point response: named columns of text values,
// with units where the server gave them.
type Table struct {
	Columns []string
	Units   []string // "" where unknown
	cols    [][]string
	n       int
}

// Len returns the number of rows.
func (t *Table) Len() int { return t.n }

// Index returns the position of a column, or -1.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Unit returns the units of a column ("" when unknown or absent).
func (t *Table) Unit(name string) string {
	if i := t.Index(name); i >= 0 {
		return t.Units[i]
	}
	return ""
}

// Strings returns a column's values as text, or nil when there is no such
// column.
func (t *Table) Strings(name string) []string {
	i := t.Index(name)
	if i < 0 {
		return nil
	}
	return append([]string(nil), t.cols[i]...)
}

// Float64s returns a column as numbers: NaN where a value is empty, not a
// number, or infinite. It returns nil when there is no such column.
func (t *Table) Float64s(name string) []float64 {
	i := t.Index(name)
	if i < 0 {
		return nil
	}
	out := make([]float64, t.n)
	for j, s := range t.cols[i] {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsInf(v, 0) {
			v = math.NaN()
		}
		out[j] = v
	}
	return out
}

// Times returns a column as UTC times (zero where a value is not a date,
// see [ParseTime]), or nil when there is no such column.
func (t *Table) Times(name string) []time.Time {
	i := t.Index(name)
	if i < 0 {
		return nil
	}
	out := make([]time.Time, t.n)
	for j, s := range t.cols[i] {
		out[j], _ = ParseTime(s)
	}
	return out
}

// Row returns the values of row i, in column order.
func (t *Table) Row(i int) []string {
	out := make([]string, len(t.cols))
	for c := range t.cols {
		out[c] = t.cols[c][i]
	}
	return out
}

// column returns the index of a column, adding it when new.
func (t *Table) column(name, units string) int {
	if i := t.Index(name); i >= 0 {
		if t.Units[i] == "" {
			t.Units[i] = units
		}
		return i
	}
	t.Columns = append(t.Columns, name)
	t.Units = append(t.Units, units)
	t.cols = append(t.cols, make([]string, t.n))
	return len(t.Columns) - 1
}

// newRow appends an empty row.
func (t *Table) newRow() {
	for i := range t.cols {
		t.cols[i] = append(t.cols[i], "")
	}
	t.n++
}

// splitUnit reads a TDS CSV header field: `name[unit="K"]` gives name and K.
func splitUnit(h string) (name, units string) {
	h = strings.TrimSpace(h)
	i := strings.Index(h, "[unit=")
	if i < 0 || !strings.HasSuffix(h, "]") {
		return h, ""
	}
	u := strings.Trim(h[i+len("[unit="):len(h)-1], `"'`)
	return strings.TrimSpace(h[:i]), u
}

// DecodeCSV decodes an NCSS CSV response (grid-as-point, point or station):
// a header of `name[unit="..."]` fields, then one row per record.
func DecodeCSV(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.LazyQuotes = true // the header holds bare quotes: lat[unit="degrees_north"]
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("thredds: NCSS CSV: empty response")
	}
	if err != nil {
		return nil, fmt.Errorf("thredds: NCSS CSV: %w", err)
	}
	t := &Table{}
	for _, h := range head {
		name, u := splitUnit(h)
		t.Columns = append(t.Columns, name)
		t.Units = append(t.Units, u)
	}
	t.cols = make([][]string, len(head))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("thredds: NCSS CSV: %w", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		for i := range t.cols {
			v := ""
			if i < len(rec) {
				v = rec[i]
			}
			t.cols[i] = append(t.cols[i], v)
		}
		t.n++
	}
	return t, nil
}

// DecodeXMLTable decodes an NCSS XML response: grid-as-point
// (<grid><point><data name units>), station (<stationFeatureCollection>
// <stationFeature date><station name latitude longitude altitude/><data>)
// or point (<pointFeatureCollection><pointFeature date><location .../>
// <data>) collections. Each child of the root is a row: its attributes
// (date) and the attributes of its non-data children become columns (a
// station's name becomes column "station"), and each data element a column
// with its units.
func DecodeXMLTable(r io.Reader) (*Table, error) {
	dec := xml.NewDecoder(r)
	t := &Table{}
	depth := 0
	inData := -1 // column index of the open <data> element, or -1
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("thredds: NCSS XML: %w", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2:
				t.newRow()
				for _, a := range e.Attr {
					t.cols[t.column(a.Name.Local, "")][t.n-1] = a.Value
				}
			case depth == 3 && t.n > 0 && e.Name.Local == "data":
				var name, units string
				for _, a := range e.Attr {
					switch a.Name.Local {
					case "name":
						name = a.Value
					case "units":
						units = a.Value
					}
				}
				inData = t.column(name, units)
				text.Reset()
			case depth == 3 && t.n > 0:
				for _, a := range e.Attr {
					col := a.Name.Local
					if col == "name" {
						col = e.Name.Local
					}
					t.cols[t.column(col, "")][t.n-1] = a.Value
				}
			}
		case xml.CharData:
			if inData >= 0 {
				text.Write(e)
			}
		case xml.EndElement:
			if depth == 3 && inData >= 0 {
				t.cols[inData][t.n-1] = strings.TrimSpace(text.String())
				inData = -1
			}
			depth--
		}
	}
	return t, nil
}
