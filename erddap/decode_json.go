package erddap

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// jsonSource reads ERDDAP's .json table:
// {"table":{"columnNames":[...],"columnTypes":[...],"columnUnits":[...],"rows":[[...],...]}}
type jsonSource struct {
	dec  *json.Decoder
	done bool
}

func jsonDecodeErr(st *rowState, dec *json.Decoder, err error) error {
	st.offset = dec.InputOffset()
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return st.truncated("the JSON document ends early")
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return err
	}
	return &DecodeError{Row: st.row, Offset: st.offset, Err: fmt.Errorf("erddap: invalid JSON: %w", err)}
}

func jsonExpect(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return fmt.Errorf("erddap: got %v, want %q", tok, string(d))
	}
	return nil
}

func newJSONSource(r io.Reader, st *rowState) (tableSource, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	fail := func(err error) (tableSource, error) { return nil, jsonDecodeErr(st, dec, err) }
	if err := jsonExpect(dec, '{'); err != nil {
		return fail(err)
	}
	for {
		if !dec.More() {
			return fail(errors.New(`erddap: no "table" object`))
		}
		key, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		if key == "table" {
			break
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return fail(err)
		}
	}
	if err := jsonExpect(dec, '{'); err != nil {
		return fail(err)
	}
	var names, types []string
	var units []*string
	for {
		if !dec.More() {
			return fail(errors.New(`erddap: no "rows" in the table`))
		}
		key, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		switch key {
		case "columnNames":
			err = dec.Decode(&names)
		case "columnTypes":
			err = dec.Decode(&types)
		case "columnUnits":
			err = dec.Decode(&units)
		case "rows":
			if names == nil {
				return fail(errors.New(`erddap: "rows" before "columnNames"`))
			}
			if types != nil && len(types) != len(names) {
				return fail(fmt.Errorf("erddap: %d columnTypes for %d columnNames", len(types), len(names)))
			}
			if units != nil && len(units) != len(names) {
				return fail(fmt.Errorf("erddap: %d columnUnits for %d columnNames", len(units), len(names)))
			}
			cols := make([]*Column, len(names))
			for i, n := range names {
				cols[i] = &Column{Name: n}
				if types != nil {
					cols[i].Type = types[i]
				}
				if units != nil && units[i] != nil {
					cols[i].Units = *units[i]
				}
			}
			if err := st.setColumns(cols, types != nil); err != nil {
				return nil, err
			}
			if err := jsonExpect(dec, '['); err != nil {
				return fail(err)
			}
			return &jsonSource{dec: dec}, nil
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return fail(err)
		}
	}
}

func (s *jsonSource) global() []Attribute { return nil }

func (s *jsonSource) next(st *rowState) (bool, error) {
	if s.done {
		return false, nil
	}
	dec := s.dec
	st.offset = dec.InputOffset()
	if !dec.More() {
		// End of rows: "]", "}" (table), then optional other keys, "}".
		s.done = true
		if err := jsonExpect(dec, ']'); err != nil {
			return false, jsonDecodeErr(st, dec, err)
		}
		for depth := 2; depth > 0; {
			tok, err := dec.Token()
			if err != nil {
				return false, jsonDecodeErr(st, dec, err)
			}
			switch tok {
			case json.Delim('}'):
				depth--
			default:
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return false, jsonDecodeErr(st, dec, err)
				}
			}
		}
		if _, err := dec.Token(); err != io.EOF {
			if err == nil {
				err = errors.New("erddap: data after the JSON document")
			}
			return false, jsonDecodeErr(st, dec, err)
		}
		return false, nil
	}
	st.row++
	if err := jsonExpect(dec, '['); err != nil {
		return false, jsonDecodeErr(st, dec, err)
	}
	if err := readJSONValues(dec, st); err != nil {
		return false, jsonDecodeErr(st, dec, err)
	}
	return true, nil
}

// readJSONValues reads the values of a row array after its "[", and the "]".
func readJSONValues(dec *json.Decoder, st *rowState) error {
	n := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if n >= len(st.cells) {
			return st.fail(-1, fmt.Errorf("erddap: row has more than %d values", len(st.cells)))
		}
		if err := st.setJSON(n, tok); err != nil {
			return err
		}
		n++
	}
	if err := jsonExpect(dec, ']'); err != nil {
		return err
	}
	if n != len(st.cells) {
		return st.fail(-1, fmt.Errorf("erddap: row has %d values, want %d", n, len(st.cells)))
	}
	return nil
}

// setJSON sets cell i from a JSON token.
func (st *rowState) setJSON(i int, tok json.Token) error {
	switch v := tok.(type) {
	case nil:
		st.setNull(i)
		return nil
	case string:
		return st.setJSONString(i, v)
	case json.Number:
		return st.setJSONNumber(i, string(v))
	case bool:
		if v {
			return st.setJSONNumber(i, "1")
		}
		return st.setJSONNumber(i, "0")
	}
	return st.fail(i, fmt.Errorf("erddap: unexpected JSON %v in a row", tok))
}

// jsonlSource reads .jsonlCSV1 (a names line, then one array per line),
// .jsonlCSV (arrays only; columns are named "column1", ...) and .jsonlKVP
// (one object per line, the first object's keys name the columns).
type jsonlSource struct {
	dec    *json.Decoder
	kvp    bool
	header int // lines before the first row
	first  bool
	seen   []bool
}

func newJSONLSource(r io.Reader, ft string, st *rowState) (tableSource, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	s := &jsonlSource{dec: dec, kvp: ft == "jsonlKVP", first: true}
	if ft == "jsonlCSV1" {
		st.line = 1
		var names []string
		if err := dec.Decode(&names); err != nil {
			if err == io.EOF {
				return nil, st.truncated("empty response: no column names")
			}
			return nil, jsonDecodeErr(st, dec, err)
		}
		cols := make([]*Column, len(names))
		for i, n := range names {
			cols[i] = &Column{Name: n}
		}
		if err := st.setColumns(cols, false); err != nil {
			return nil, err
		}
		s.header, s.first = 1, false
	}
	return s, nil
}

func (s *jsonlSource) global() []Attribute { return nil }

func (s *jsonlSource) next(st *rowState) (bool, error) {
	dec := s.dec
	st.offset = dec.InputOffset()
	tok, err := dec.Token()
	if err == io.EOF {
		return false, nil
	}
	st.row++
	st.line = s.header + st.row
	if err != nil {
		return false, jsonDecodeErr(st, dec, err)
	}
	if s.kvp {
		if tok != json.Delim('{') {
			return false, st.fail(-1, fmt.Errorf("erddap: got %v, want a JSON object", tok))
		}
		if err := s.readObject(st); err != nil {
			return false, jsonDecodeErr(st, dec, err)
		}
		return true, nil
	}
	if tok != json.Delim('[') {
		return false, st.fail(-1, fmt.Errorf("erddap: got %v, want a JSON array", tok))
	}
	if s.first {
		// .jsonlCSV: the first row fixes the number of columns.
		s.first = false
		var toks []json.Token
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				return false, jsonDecodeErr(st, dec, err)
			}
			if d, ok := t.(json.Delim); ok {
				return false, st.fail(-1, fmt.Errorf("erddap: nested JSON %v in a row", d))
			}
			toks = append(toks, t)
		}
		if err := jsonExpect(dec, ']'); err != nil {
			return false, jsonDecodeErr(st, dec, err)
		}
		cols := make([]*Column, len(toks))
		for i := range toks {
			cols[i] = &Column{Name: "column" + strconv.Itoa(i+1)}
		}
		if err := st.setColumns(cols, false); err != nil {
			return false, err
		}
		for i, t := range toks {
			if err := st.setJSON(i, t); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	if err := readJSONValues(dec, st); err != nil {
		return false, jsonDecodeErr(st, dec, err)
	}
	return true, nil
}

// readObject reads a .jsonlKVP object after its "{".
func (s *jsonlSource) readObject(st *rowState) error {
	dec := s.dec
	if s.first {
		s.first = false
		var names []string
		var toks []json.Token
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return err
			}
			name, _ := k.(string)
			v, err := dec.Token()
			if err != nil {
				return err
			}
			if _, ok := v.(json.Delim); ok {
				return st.fail(-1, fmt.Errorf("erddap: nested JSON value for %q", name))
			}
			for _, n := range names {
				if n == name {
					return st.fail(-1, fmt.Errorf("erddap: key %q repeated", name))
				}
			}
			names = append(names, name)
			toks = append(toks, v)
		}
		if err := jsonExpect(dec, '}'); err != nil {
			return err
		}
		cols := make([]*Column, len(names))
		for i, n := range names {
			cols[i] = &Column{Name: n}
		}
		if err := st.setColumns(cols, false); err != nil {
			return err
		}
		s.seen = make([]bool, len(names))
		for i, t := range toks {
			if err := st.setJSON(i, t); err != nil {
				return err
			}
		}
		return nil
	}
	clear(s.seen)
	n := 0
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := k.(string)
		i, ok := st.index[name]
		if !ok || s.seen[i] {
			if ok {
				return st.fail(i, errors.New("erddap: key repeated"))
			}
			return st.fail(-1, fmt.Errorf("erddap: unknown key %q (not in the first row)", name))
		}
		s.seen[i] = true
		v, err := dec.Token()
		if err != nil {
			return err
		}
		if _, ok := v.(json.Delim); ok {
			return st.fail(i, errors.New("erddap: nested JSON value"))
		}
		if err := st.setJSON(i, v); err != nil {
			return err
		}
		n++
	}
	if err := jsonExpect(dec, '}'); err != nil {
		return err
	}
	if n != len(st.cells) {
		for i, ok := range s.seen {
			if !ok {
				return st.fail(i, errors.New("erddap: key missing from the row"))
			}
		}
	}
	return nil
}
