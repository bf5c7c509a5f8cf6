package erddap

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonSource reads ERDDAP's .json table:
// {"table":{"columnNames":[...],"columnTypes":[...],"columnUnits":[...],"rows":[[...],...]}}
type jsonSource struct {
	dec  *json.Decoder
	fast *jsonRows // nil: rows through dec's tokens
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

func newJSONSource(r io.Reader, st *rowState, slow bool) (tableSource, error) {
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
			s := &jsonSource{dec: dec}
			if !slow {
				s.fast = &jsonRows{lr: newLineReader(io.MultiReader(dec.Buffered(), r)), base: dec.InputOffset()}
			}
			return s, nil
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
	if j := s.fast; j != nil {
		st.offset = j.offset()
		ok, err := j.row(st)
		if err != nil {
			st.offset = j.offset()
			var de *DecodeError
			if errors.As(err, &de) {
				return false, err
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return false, st.truncated("the JSON document ends early")
			}
			if errors.Is(err, errJSONSyntax) {
				return false, &DecodeError{Row: st.row, Offset: st.offset, Err: err}
			}
			return false, readError(err)
		}
		if ok {
			return true, nil
		}
		// The rows' "]" is read: check the rest with a decoder.
		s.done = true
		// A decoder cannot start inside an object: replay a prefix that
		// puts it where the rows end, then let it read the rest.
		const prefix = `{"table":{"rows":[]`
		base := j.offset() - int64(len(prefix))
		rest := append([]byte(prefix), j.lr.buf[j.lr.pos:j.lr.end]...)
		dec := json.NewDecoder(io.MultiReader(bytes.NewReader(rest), j.lr.r))
		err = nil
		for range 6 {
			if _, err = dec.Token(); err != nil {
				break
			}
		}
		if err == nil {
			err = jsonTail(dec)
		}
		if err != nil {
			err = jsonDecodeErr(st, dec, err)
			var de *DecodeError
			if errors.As(err, &de) {
				de.Offset = base + dec.InputOffset()
			}
			return false, err
		}
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
		if err := jsonTail(dec); err != nil {
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

// jsonTail reads what follows the rows' "]": the "}" of the table, other
// keys of the outer object, its "}", and the end of the input.
func jsonTail(dec *json.Decoder) error {
	for depth := 2; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('}'):
			depth--
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("erddap: data after the JSON document")
		}
		return err
	}
	return nil
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

// jsonRows scans the rows of a .json table ("[[...],[...]]" after the
// opening "[") byte by byte from one reusable buffer, for ERDDAP's rows of
// scalars: strings, numbers, null, true and false. It accepts exactly what
// encoding/json accepts there (strict escapes, no control characters in
// strings, the JSON number grammar; invalid UTF-8 becomes U+FFFD byte by
// byte), without a token allocation per value. FuzzDecodeJSON checks it
// against the encoding/json token path.
type jsonRows struct {
	lr    *lineReader
	base  int64 // input offset where lr starts
	began bool  // a row has been read (a ',' or ']' comes next)
	str   []byte
}

func (j *jsonRows) offset() int64 {
	return j.base + j.lr.read - int64(j.lr.end-j.lr.pos)
}

// ensure makes n bytes available at lr.pos if the input has them.
func (j *jsonRows) ensure(n int) error {
	for j.lr.end-j.lr.pos < n && !j.lr.eof {
		if err := j.lr.fill(); err != nil {
			return err
		}
	}
	return nil
}

// peek skips white space and returns the next byte (io.ErrUnexpectedEOF at
// the end of the input).
func (j *jsonRows) peek() (byte, error) {
	lr := j.lr
	for {
		for lr.pos < lr.end {
			switch c := lr.buf[lr.pos]; c {
			case ' ', '\t', '\n', '\r':
				lr.pos++
			default:
				return c, nil
			}
		}
		if lr.eof {
			return 0, io.ErrUnexpectedEOF
		}
		if err := lr.fill(); err != nil {
			return 0, err
		}
	}
}

var errJSONSyntax = errors.New("erddap: invalid JSON in a row")

// row reads the next row into st: false at the closing "]" of the rows.
func (j *jsonRows) row(st *rowState) (bool, error) {
	c, err := j.peek()
	if err != nil {
		return false, err
	}
	if j.began {
		switch c {
		case ']':
			j.lr.pos++
			return false, nil
		case ',':
			j.lr.pos++
			if c, err = j.peek(); err != nil {
				return false, err
			}
		default:
			return false, fmt.Errorf("%w: %q after a row, want ',' or ']'", errJSONSyntax, c)
		}
	} else if c == ']' {
		j.lr.pos++
		return false, nil
	}
	j.began = true
	if c != '[' {
		return false, fmt.Errorf("%w: %q, want a row '['", errJSONSyntax, c)
	}
	st.row++
	j.lr.pos++
	n := 0
	for {
		c, err := j.peek()
		if err != nil {
			return false, err
		}
		if c == ']' && n == 0 {
			j.lr.pos++
			break
		}
		if n >= len(st.cells) {
			return false, st.fail(-1, fmt.Errorf("erddap: row has more than %d values", len(st.cells)))
		}
		if err := j.value(st, n, c); err != nil {
			return false, err
		}
		n++
		if c, err = j.peek(); err != nil {
			return false, err
		}
		j.lr.pos++
		if c == ']' {
			break
		}
		if c != ',' {
			return false, fmt.Errorf("%w: %q after a value, want ',' or ']'", errJSONSyntax, c)
		}
		if c, err = j.peek(); err != nil {
			return false, err
		}
		if c == ']' {
			return false, fmt.Errorf("%w: ']' after ','", errJSONSyntax)
		}
	}
	if n != len(st.cells) {
		return false, st.fail(-1, fmt.Errorf("erddap: row has %d values, want %d", n, len(st.cells)))
	}
	return true, nil
}

// value reads one scalar starting with c into cell i.
func (j *jsonRows) value(st *rowState, i int, c byte) error {
	lr := j.lr
	switch {
	case c == '"':
		return j.stringValue(st, i)
	case c == 'n' || c == 't' || c == 'f':
		lit := "null"
		if c == 't' {
			lit = "true"
		} else if c == 'f' {
			lit = "false"
		}
		if err := j.ensure(len(lit)); err != nil {
			return err
		}
		if lr.end-lr.pos < len(lit) {
			return io.ErrUnexpectedEOF
		}
		if string(lr.buf[lr.pos:lr.pos+len(lit)]) != lit {
			return fmt.Errorf("%w: bad literal", errJSONSyntax)
		}
		lr.pos += len(lit)
		switch c {
		case 'n':
			st.setNull(i)
			return nil
		case 't':
			return st.setJSONNumberBytes(i, []byte("1"))
		}
		return st.setJSONNumberBytes(i, []byte("0"))
	case c == '-' || isDig(c):
		k := lr.pos
		for {
			for k < lr.end && isNumByte(lr.buf[k]) {
				k++
			}
			if k < lr.end || lr.eof {
				break
			}
			off := k - lr.pos
			if err := lr.fill(); err != nil {
				return err
			}
			k = lr.pos + off
		}
		num := lr.buf[lr.pos:k]
		if k == lr.end {
			// A number must be followed by a delimiter: the row goes on.
			return io.ErrUnexpectedEOF
		}
		if !isJSONNumber(num) {
			return fmt.Errorf("%w: bad number %q", errJSONSyntax, clipText(num))
		}
		lr.pos = k
		return st.setJSONNumberBytes(i, num)
	}
	return fmt.Errorf("%w: unexpected %q", errJSONSyntax, c)
}

func isNumByte(c byte) bool {
	return isDig(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// isJSONNumber checks the JSON number grammar
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && isDig(b[i]) {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i == len(b) || !isDig(b[i]) {
			return false
		}
		for i < len(b) && isDig(b[i]) {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i == len(b) || !isDig(b[i]) {
			return false
		}
		for i < len(b) && isDig(b[i]) {
			i++
		}
	}
	return i == len(b)
}

// stringValue reads a JSON string (lr.pos at its opening quote) into cell i.
func (j *jsonRows) stringValue(st *rowState, i int) error {
	lr := j.lr
	k := lr.pos + 1
	esc, high := false, false
	for {
		for k < lr.end {
			c := lr.buf[k]
			if c == '"' {
				goto done
			}
			if c == '\\' {
				esc = true
				k += 2
				continue
			}
			if c < 0x20 {
				return fmt.Errorf("%w: control character in a string", errJSONSyntax)
			}
			if c >= 0x80 {
				high = true
			}
			k++
		}
		if lr.eof {
			return io.ErrUnexpectedEOF
		}
		off := k - lr.pos
		if err := lr.fill(); err != nil {
			return err
		}
		k = lr.pos + off
	}
done:
	raw := lr.buf[lr.pos+1 : k]
	lr.pos = k + 1
	if esc {
		out, ok := jsonUnescape(j.str[:0], raw)
		if !ok {
			return fmt.Errorf("%w: bad escape in a string", errJSONSyntax)
		}
		j.str = out
		raw = out
		high = hasHighBit(out)
	}
	if high && !utf8.Valid(raw) {
		var fixed []byte
		for len(raw) > 0 {
			r, size := utf8.DecodeRune(raw)
			fixed = utf8.AppendRune(fixed, r) // RuneError for each invalid byte
			raw = raw[size:]
		}
		raw = fixed
	}
	return st.setJSONStringBytes(i, raw)
}

// jsonUnescape decodes the escapes of a JSON string body, strictly: \" \\
// \/ \b \f \n \r \t and \uXXXX (unpaired surrogates become U+FFFD).
func jsonUnescape(dst, b []byte) ([]byte, bool) {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' {
			dst = append(dst, b[i])
			continue
		}
		if i+1 >= len(b) {
			return nil, false
		}
		switch b[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			if _, ok := hexRune(b[i+2:]); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		// One escape at a time through the lenient decoder.
		n := 2
		if b[i+1] == 'u' {
			n = 6
			if r, _ := hexRune(b[i+2:]); utf16.IsSurrogate(r) && i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
				if r2, ok := hexRune(b[i+8:]); ok && utf16.DecodeRune(r, r2) != utf8.RuneError {
					n = 12
				}
			}
		}
		dst = unescapeAppend(dst, b[i:i+n])
		i += n - 1
	}
	return dst, true
}
