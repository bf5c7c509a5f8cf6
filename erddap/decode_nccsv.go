package erddap

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// nccsvSource reads NCCSV (.nccsv, .nccsvMetadata): metadata lines
// "variable,attribute,value[,value...]" (with *GLOBAL* and *DATA_TYPE*), a
// line *END_METADATA*, the column names, data rows, and *END_DATA*.
type nccsvSource struct {
	lr     *lineReader
	fs     fieldSplitter
	glob   []Attribute
	done   bool
	suffix []string // per column: the NCCSV type suffix a data value may carry
	fills  []attrFill
}

// attrFill holds a column's _FillValue and missing_value values.
type attrFill struct {
	f []float64
	i []int64
	u []uint64
}

func newNCCSVSource(r io.Reader, metaOnly bool, st *rowState) (tableSource, error) {
	s := &nccsvSource{lr: newLineReader(r)}
	vars := map[string]*Column{}
	var order []*Column
	col := func(name string) *Column {
		c := vars[name]
		if c == nil {
			c = &Column{Name: name}
			vars[name] = c
			order = append(order, c)
		}
		return c
	}
	for {
		rec, complete, err := s.lr.record(true)
		st.line = s.lr.start
		if err == io.EOF || (err == nil && !complete) {
			if err == io.EOF {
				st.line = s.lr.line + 1
			}
			return nil, st.truncated("no *END_METADATA* line")
		}
		if err != nil {
			return nil, readError(err)
		}
		if string(rec) == "*END_METADATA*" {
			break
		}
		if len(rec) == 0 {
			continue
		}
		if err := s.fs.split(rec, ',', true); err != nil {
			return nil, &DecodeError{Line: st.line, Err: err}
		}
		f := s.fs.fields
		if len(f) < 3 {
			return nil, &DecodeError{Line: st.line, Err: errors.New("erddap: an NCCSV metadata line needs variable,attribute,value")}
		}
		v, a := string(f[0]), string(f[1])
		if v == "" || a == "" {
			return nil, &DecodeError{Line: st.line, Err: errors.New("erddap: NCCSV metadata line with an empty variable or attribute name")}
		}
		switch {
		case a == "*DATA_TYPE*":
			if v == "*GLOBAL*" {
				return nil, &DecodeError{Line: st.line, Err: errors.New("erddap: *DATA_TYPE* of *GLOBAL*")}
			}
			typ := string(f[2])
			if _, ok := kindOf(typ, ""); !ok {
				return nil, &DecodeError{Line: st.line, Column: v, Err: fmt.Errorf("erddap: unknown *DATA_TYPE* %q", typ)}
			}
			col(v).Type = typ
		case strings.HasPrefix(a, "*"):
			// *SCALAR* and future markers: not columns of the data section.
		default:
			attr := parseNCCSVAttr(a, f[2:], s.fs.quoted[2:])
			if v == "*GLOBAL*" {
				s.glob = append(s.glob, attr)
				continue
			}
			c := col(v)
			c.Attributes = append(c.Attributes, attr)
			if a == "units" {
				c.Units = attr.String()
			}
		}
	}
	if metaOnly {
		s.done = true
		s.setSuffixes(order)
		return s, st.setColumns(order, true)
	}
	rec, complete, err := s.lr.record(true)
	st.line = s.lr.start
	if err == io.EOF || (err == nil && !complete) {
		if err == io.EOF {
			st.line = s.lr.line + 1
		}
		return nil, st.truncated("no column names after *END_METADATA*")
	}
	if err != nil {
		return nil, readError(err)
	}
	if err := s.fs.split(rec, ',', true); err != nil {
		return nil, &DecodeError{Line: st.line, Err: err}
	}
	cols := make([]*Column, len(s.fs.fields))
	for i, f := range s.fs.fields {
		name := string(f)
		if c := vars[name]; c != nil {
			cc := *c
			cols[i] = &cc
		} else {
			cols[i] = &Column{Name: name}
		}
	}
	s.setSuffixes(cols)
	return s, st.setColumns(cols, true)
}

var nccsvSuffix = map[string]string{
	"byte": "b", "ubyte": "ub", "short": "s", "ushort": "us", "int": "i", "uint": "ui",
	"long": "L", "ulong": "uL", "float": "f", "double": "d",
}

func (s *nccsvSource) setSuffixes(cols []*Column) {
	s.suffix = make([]string, len(cols))
	s.fills = make([]attrFill, len(cols))
	for i, c := range cols {
		s.suffix[i] = nccsvSuffix[c.Type]
		for _, a := range c.Attributes {
			if a.Name == "_FillValue" || a.Name == "missing_value" {
				s.fills[i].f = append(s.fills[i].f, a.Float64s...)
				s.fills[i].i = append(s.fills[i].i, a.Int64s...)
				s.fills[i].u = append(s.fills[i].u, a.Uint64s...)
			}
		}
	}
}

// isFill reports whether the valueCell holds one of the column's fill values.
func (f *attrFill) isFill(c *valueCell) bool {
	if c.missing {
		return false
	}
	switch c.kind {
	case Float64:
		for _, v := range f.f {
			if c.f == v {
				return true
			}
		}
		for _, v := range f.i {
			if c.f == float64(v) {
				return true
			}
		}
	case Int64:
		for _, v := range f.i {
			if c.i == v {
				return true
			}
		}
		for _, v := range f.u {
			if c.i >= 0 && uint64(c.i) == v {
				return true
			}
		}
	case Uint64:
		for _, v := range f.u {
			if c.u == v {
				return true
			}
		}
		for _, v := range f.i {
			if v >= 0 && c.u == uint64(v) {
				return true
			}
		}
	}
	return false
}

func (s *nccsvSource) global() []Attribute { return s.glob }

func (s *nccsvSource) rowsHint() int { return s.lr.rowsHint() }

func (s *nccsvSource) next(st *rowState) (bool, error) {
	if s.done {
		return false, nil
	}
	rec, complete, err := s.lr.record(true)
	if err == io.EOF {
		st.line = s.lr.line + 1
		return false, st.truncated("no *END_DATA* line")
	}
	if err != nil {
		return false, readError(err)
	}
	st.line = s.lr.start
	if string(rec) == "*END_DATA*" {
		s.done = true
		return false, nil
	}
	st.row++
	if !complete {
		return false, st.truncated("the last row has no final newline")
	}
	if err := s.fs.split(rec, ',', true); err != nil {
		return false, st.fail(-1, err)
	}
	if len(s.fs.fields) != len(st.cells) {
		return false, st.fail(-1, fmt.Errorf("erddap: row has %d fields, want %d", len(s.fs.fields), len(st.cells)))
	}
	for i, f := range s.fs.fields {
		if suf := s.suffix[i]; suf != "" && len(f) > len(suf) && string(f[len(f)-len(suf):]) == suf {
			body := f[:len(f)-len(suf)]
			if c := body[len(body)-1]; isDig(c) || c == '.' || isNaNToken(body) {
				f = body
			}
		}
		if err := st.setText(i, f, true); err != nil {
			return false, err
		}
		if fl := &s.fills[i]; (fl.f != nil || fl.i != nil || fl.u != nil) && fl.isFill(&st.cells[i]) {
			st.setNull(i)
		}
	}
	return true, nil
}

// parseNCCSVAttr types an NCCSV attribute from its values: 'c' chars,
// "quoted" strings, numbers with a type suffix (7b 0ub -30000s 1us 1i 1ui
// 1L 0uL 1.5f 2.0d NaNf), bare integers as int and bare decimals as double;
// anything else is a String (the fields joined with commas).
func parseNCCSVAttr(name string, fields [][]byte, quoted []bool) Attribute {
	a := Attribute{Name: name}
	f0 := fields[0]
	if isCharLit(f0) {
		a.Type = "char"
		for _, f := range fields {
			if !isCharLit(f) {
				return stringAttr(name, fields, quoted)
			}
			a.Strings = append(a.Strings, string(unescapeAppend(nil, f[1:len(f)-1])))
		}
		return a
	}
	if quoted[0] {
		return stringAttr(name, fields, quoted)
	}
	typ, _ := numberType(f0)
	if typ == "" {
		return stringAttr(name, fields, quoted)
	}
	a.Type = typ
	k, _ := kindOf(typ, "")
	for j, f := range fields {
		t, body := numberType(f)
		if t != typ || quoted[j] {
			return stringAttr(name, fields, quoted)
		}
		switch k {
		case Int64:
			v, ok := scanInt(body, true)
			if !ok {
				return stringAttr(name, fields, quoted)
			}
			a.Int64s = append(a.Int64s, v)
		case Uint64:
			v, ok := scanUint(body, true)
			if !ok {
				return stringAttr(name, fields, quoted)
			}
			a.Uint64s = append(a.Uint64s, v)
		default:
			v, ok := scanFloat(body, true)
			if !ok {
				return stringAttr(name, fields, quoted)
			}
			a.Float64s = append(a.Float64s, v)
		}
	}
	return a
}

func isCharLit(f []byte) bool {
	return len(f) >= 3 && f[0] == '\'' && f[len(f)-1] == '\''
}

// numberType returns the NCCSV type of a numeric attribute value and its
// text without the suffix, or "" when it is not a number.
func numberType(f []byte) (string, []byte) {
	for _, sfx := range [...]struct{ s, t string }{
		{"uL", "ulong"}, {"ub", "ubyte"}, {"us", "ushort"}, {"ui", "uint"},
		{"L", "long"}, {"b", "byte"}, {"s", "short"}, {"i", "int"}, {"f", "float"}, {"d", "double"},
	} {
		if len(f) > len(sfx.s) && string(f[len(f)-len(sfx.s):]) == sfx.s {
			body := f[:len(f)-len(sfx.s)]
			k, _ := kindOf(sfx.t, "")
			switch k {
			case Int64:
				if _, ok := scanInt(body, true); ok {
					return sfx.t, body
				}
			case Uint64:
				if _, ok := scanUint(body, true); ok {
					return sfx.t, body
				}
			default:
				if isNaNToken(body) {
					return sfx.t, body
				}
				if _, ok := scanFloat(body, true); ok {
					return sfx.t, body
				}
			}
			return "", nil
		}
	}
	if isIntToken(f) {
		if _, ok := scanInt(f, true); ok {
			return "int", f
		}
	}
	if isNaNToken(f) {
		return "double", f
	}
	if _, ok := scanFloat(f, false); ok {
		return "double", f
	}
	return "", nil
}

func stringAttr(name string, fields [][]byte, quoted []bool) Attribute {
	a := Attribute{Name: name, Type: "String"}
	if len(fields) == 1 || quoted[0] {
		for _, f := range fields {
			a.Strings = append(a.Strings, string(unescapeAppend(nil, f)))
		}
		return a
	}
	var b []byte
	for j, f := range fields {
		if j > 0 {
			b = append(b, ',')
		}
		b = unescapeAppend(b, f)
	}
	a.Strings = []string{string(b)}
	return a
}
