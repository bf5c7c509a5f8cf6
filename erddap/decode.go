package erddap

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrTruncated reports a response that ends before its end: mid-row, inside
// a quoted string, without the final newline, or (.nccsv) without
// *END_DATA*. Decoders wrap it in a *DecodeError; test with errors.Is.
var ErrTruncated = errors.New("erddap: response is truncated")

var errNoColumns = errors.New("erddap: a row with no columns")

// ErrFileType reports a file type the decoders cannot read.
var ErrFileType = errors.New("erddap: unsupported file type")

// DecodeError is a malformed response: a ragged row, a value that does not
// fit its column's declared type, a bad quote, or a truncated body
// (Err wraps ErrTruncated). Line is the 1-based line of the response where
// the row starts (0 when unknown, as inside a .json document, where Offset
// is the byte offset instead); Row is the 1-based data row (0 for the
// header); Column is the column's name when one value is at fault.
type DecodeError struct {
	Line   int
	Row    int
	Offset int64
	Column string
	Err    error
}

// Error returns "erddap: line L (row R), column "c": message".
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("erddap: ")
	switch {
	case e.Line > 0:
		b.WriteString("line " + strconv.Itoa(e.Line))
		if e.Row > 0 {
			b.WriteString(" (row " + strconv.Itoa(e.Row) + ")")
		}
	case e.Row > 0:
		b.WriteString("row " + strconv.Itoa(e.Row) + " (offset " + strconv.FormatInt(e.Offset, 10) + ")")
	default:
		b.WriteString("offset " + strconv.FormatInt(e.Offset, 10))
	}
	if e.Column != "" {
		b.WriteString(", column " + strconv.Quote(e.Column))
	}
	b.WriteString(": ")
	msg := e.Err.Error()
	b.WriteString(strings.TrimPrefix(msg, "erddap: "))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error { return e.Err }

// DecodeOptions tunes DecodeTable and DecodeRows. The zero value is ready to
// use.
type DecodeOptions struct {
	// Types maps column names to ERDDAP data types ("String", "char",
	// "byte", ..., "long", "ulong", "float", "double") or "time", for
	// layouts that do not declare types (.csv, .csvp, .csv0, .tsv*,
	// .jsonlCSV1, .jsonlCSV, .jsonlKVP) or to override declared ones. A
	// hinted column is strict: a value that does not parse is a *DecodeError.
	Types map[string]string

	slowJSON bool // tests: read .json rows with encoding/json tokens
}

// DecodeTable decodes a whole tabledap response into typed columns.
//
// fileType is the ERDDAP file type of the body, with or without the dot:
// ".csv", ".csvp", ".csv0", ".tsv", ".tsvp", ".tsv0", ".json",
// ".jsonlCSV1", ".jsonlCSV", ".jsonlKVP", ".nccsv" or ".nccsvMetadata"
// (columns and attributes only). Layouts without column names (.csv0,
// .tsv0, .jsonlCSV) name the columns column1, column2, ...; .jsonlKVP takes
// them from the first object.
//
// Column types come from the response when it declares them (.json
// columnTypes, .nccsv *DATA_TYPE*): long and ulong are exact, String
// columns with units "UTC" (or an ISO pattern such as
// "yyyy-MM-dd'T'HH:mm:ssZ") are Time. Layouts without declared types are
// inferred, column by column, from the first value that is not missing:
// a column whose units are "UTC" is Time (strict); an integer makes it Int64
// ("long"), a decimal number Float64 ("double"), an ISO 8601 time Time, any
// other text String. A later value that does not fit widens the column
// (Int64 to Uint64 when a never-negative column exceeds int64, integers to
// Float64, anything to String; earlier values are then formatted), so an
// inferred column never fails. An integer column with a
// missing value (NaN, null or empty) stays Int64 or Uint64 and flags the
// value in Column.Missing; Table.Float64s turns it into NaN. Use
// DecodeOptions.Types for exact types with the untyped layouts.
//
// Strings have ERDDAP's JSON-style escapes (\n, \t, \", \\, \u20ac)
// decoded; in the CSV and TSV layouts bytes that are not valid UTF-8 are
// read as ISO-8859-1, ERDDAP's charset for them. A ragged row, a value that
// does not fit a declared type, or a body that stops mid-row or before its
// end marker gives a *DecodeError, never a shorter table. In .nccsv, whose
// data section carries raw values, numbers equal to a column's _FillValue
// or missing_value attribute are missing, as ERDDAP's other layouts write
// them. An error reading r is returned wrapped (errors.Is sees, say,
// context.Canceled); a single line longer than 64 MiB is refused.
func DecodeTable(r io.Reader, fileType string) (*Table, error) {
	return DecodeOptions{}.DecodeTable(r, fileType)
}

// DecodeRows streams a tabledap response row by row, with the types and
// rules of DecodeTable. It reads the body as the loop asks for rows and
// holds one row at a time, so memory does not grow with the row count.
//
// The Row yielded is reused: it is valid until the next iteration (use
// Row.Clone to keep one). A decoding error is yielded once, as the last
// element. The caller owns r (DecodeRows does not close it).
func DecodeRows(r io.Reader, fileType string) iter.Seq2[Row, error] {
	return DecodeOptions{}.DecodeRows(r, fileType)
}

// DecodeTable is DecodeTable with these options.
func (o DecodeOptions) DecodeTable(r io.Reader, fileType string) (*Table, error) {
	src, st, err := o.open(r, fileType)
	if err != nil {
		return nil, err
	}
	var b tableBuilder
	for {
		ok, err := src.next(st)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if len(st.cells) == 0 {
			return nil, st.fail(-1, errNoColumns)
		}
		b.add(st)
		if b.n == 1 {
			if h, ok := src.(interface{ rowsHint() int }); ok {
				b.reserve(h.rowsHint())
			}
		}
	}
	return b.finish(st, src.global()), nil
}

// DecodeRows is DecodeRows with these options.
func (o DecodeOptions) DecodeRows(r io.Reader, fileType string) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		src, st, err := o.open(r, fileType)
		if err != nil {
			yield(Row{}, err)
			return
		}
		for {
			ok, err := src.next(st)
			if err != nil {
				yield(Row{}, err)
				return
			}
			if !ok {
				return
			}
			if len(st.cells) == 0 {
				yield(Row{}, st.fail(-1, errNoColumns))
				return
			}
			for i := range st.cols {
				st.cols[i].Kind = st.kinds[i]
			}
			if !yield(Row{st: st}, nil) {
				return
			}
		}
	}
}

// tableSource is one layout's reader: it fills st.cells with the next row.
type tableSource interface {
	next(st *rowState) (bool, error)
	global() []Attribute
}

func decodeFileType(ft string) string {
	ft = strings.TrimPrefix(strings.TrimSpace(ft), ".")
	switch strings.ToLower(ft) {
	case "csv":
		return "csv"
	case "csvp":
		return "csvp"
	case "csv0":
		return "csv0"
	case "tsv":
		return "tsv"
	case "tsvp":
		return "tsvp"
	case "tsv0":
		return "tsv0"
	case "json":
		return "json"
	case "jsonlcsv1":
		return "jsonlCSV1"
	case "jsonlcsv":
		return "jsonlCSV"
	case "jsonlkvp":
		return "jsonlKVP"
	case "nccsv":
		return "nccsv"
	case "nccsvmetadata":
		return "nccsvMetadata"
	}
	return ""
}

func (o DecodeOptions) open(r io.Reader, fileType string) (tableSource, *rowState, error) {
	st := &rowState{hints: o.Types}
	var src tableSource
	var err error
	switch ft := decodeFileType(fileType); ft {
	case "csv", "csvp", "csv0", "tsv", "tsvp", "tsv0":
		src, err = newCSVSource(r, ft, st)
	case "json":
		src, err = newJSONSource(r, st, o.slowJSON)
	case "jsonlCSV1", "jsonlCSV", "jsonlKVP":
		src, err = newJSONLSource(r, ft, st)
	case "nccsv", "nccsvMetadata":
		src, err = newNCCSVSource(r, ft == "nccsvMetadata", st)
	default:
		return nil, nil, fmt.Errorf("%w %q (want .csv, .csvp, .csv0, .tsv, .tsvp, .tsv0, .json, .jsonlCSV1, .jsonlCSV, .jsonlKVP, .nccsv)", ErrFileType, fileType)
	}
	if err != nil {
		return nil, nil, err
	}
	return src, st, nil
}

// cell is one decoded value of the current row.
type valueCell struct {
	kind      Kind
	missing   bool
	undecided bool // missing, in a column whose kind is not known yet
	f         float64
	i         int64
	u         uint64
	s         string
	t         time.Time
}

// rowState is the decoding state shared by a tableSource, the tableBuilder and
// the Rows a DecodeRows yields.
type rowState struct {
	cols     []*Column // metadata (no values)
	kinds    []Kind    // current kind of each column (inferred ones widen)
	decided  []bool
	declared []bool
	isChar   []bool
	neg      []bool // an inferred Int64 column has had a negative value
	intern   []map[string]string
	index    map[string]int
	cells    []valueCell
	hints    map[string]string

	line    int   // line where the current row starts (0 if unknown)
	row     int   // 1-based data row
	offset  int64 // byte offset (JSON)
	scratch []byte
}

// setColumns installs the columns; Type/Units/Attributes must be set, and
// typed says whether Type was declared by the response.
func (st *rowState) setColumns(cols []*Column, typed bool) error {
	st.cols = cols
	n := len(cols)
	st.kinds = make([]Kind, n)
	st.decided = make([]bool, n)
	st.declared = make([]bool, n)
	st.isChar = make([]bool, n)
	st.neg = make([]bool, n)
	st.intern = make([]map[string]string, n)
	st.cells = make([]valueCell, n)
	st.index = make(map[string]int, n)
	for i, c := range cols {
		if _, dup := st.index[c.Name]; !dup {
			st.index[c.Name] = i
		}
		typ := c.Type
		decl := typed && typ != ""
		if h, ok := st.hints[c.Name]; ok {
			typ, decl = h, true
			if strings.EqualFold(h, "time") {
				typ = "String"
				if !isISOTimeUnits(c.Units) {
					c.Units = "UTC"
				}
			}
		}
		if decl {
			k, ok := kindOf(typ, c.Units)
			if !ok {
				return &DecodeError{Column: c.Name, Err: fmt.Errorf("erddap: unknown data type %q", typ)}
			}
			c.Type, c.Kind, c.declared = typ, k, true
			st.kinds[i], st.decided[i], st.declared[i] = k, true, true
			st.isChar[i] = typ == "char"
		} else if isISOTimeUnits(c.Units) {
			c.Type, c.Kind, c.declared = "String", Time, true
			st.kinds[i], st.decided[i], st.declared[i] = Time, true, true
		}
		if st.kinds[i] == String || !st.decided[i] {
			st.intern[i] = make(map[string]string)
		}
	}
	return nil
}

// isISOTimeUnits reports whether units mark an ISO time String column.
func isISOTimeUnits(u string) bool {
	return u == "UTC" || strings.HasPrefix(u, "yyyy-MM-dd")
}

// kindOf maps an ERDDAP data type to a Kind.
func kindOf(typ, units string) (Kind, bool) {
	switch typ {
	case "String", "string", "char":
		if typ != "char" && isISOTimeUnits(units) {
			return Time, true
		}
		return String, true
	case "byte", "short", "int", "long", "boolean":
		return Int64, true
	case "ubyte", "ushort", "uint", "ulong":
		return Uint64, true
	case "float", "double":
		return Float64, true
	}
	return 0, false
}

func (st *rowState) fail(i int, err error) error {
	e := &DecodeError{Line: st.line, Row: st.row, Offset: st.offset, Err: err}
	if i >= 0 && i < len(st.cols) {
		e.Column = st.cols[i].Name
	}
	return e
}

// setNull records a missing value (JSON null).
func (st *rowState) setNull(i int) {
	c := &st.cells[i]
	*c = valueCell{kind: st.kinds[i], missing: true, undecided: !st.decided[i]}
	if c.kind == Float64 {
		c.f = math.NaN()
	}
}

// setText sets cell i from the text of a CSV, TSV or NCCSV field; esc says
// whether backslash escapes are to be decoded in string values.
func (st *rowState) setText(i int, b []byte, esc bool) error {
	if st.kinds[i] == String && st.decided[i] {
		s := st.str(i, b, esc)
		st.cells[i] = valueCell{kind: String, s: s, missing: s == ""}
		return nil
	}
	if len(b) == 0 || isNaNToken(b) {
		st.setNull(i)
		if !st.decided[i] && len(b) > 0 {
			st.cells[i].s = "NaN"
		}
		return nil
	}
	return st.setValue(i, b, esc, false)
}

// setValue parses b (not missing) into cell i by the column's kind; fromJSONString
// says b is a JSON string value (already unescaped).
func (st *rowState) setValue(i int, b []byte, esc, jsonString bool) error {
	c := &st.cells[i]
	k := st.kinds[i]
	if !st.decided[i] {
		// Infer from this first non-missing value.
		switch {
		case !jsonString && isIntToken(b):
			k = Int64
		case !jsonString && isFloatToken(b):
			k = Float64
		case looksISO(b):
			if _, ok := parseISOTime(b); ok {
				k = Time
			} else {
				k = String
			}
		default:
			k = String
		}
		st.kinds[i], st.decided[i] = k, true
		if k == String && st.intern[i] == nil {
			st.intern[i] = make(map[string]string)
		}
	}
	switch k {
	case String:
		s := st.str(i, b, esc)
		*c = valueCell{kind: String, s: s, missing: s == ""}
		return nil
	case Float64:
		if !jsonString {
			if f, ok := scanFloat(b, st.declared[i]); ok {
				*c = valueCell{kind: Float64, f: f}
				return nil
			}
		}
	case Int64:
		if !jsonString {
			if v, ok := scanInt(b, st.declared[i]); ok {
				*c = valueCell{kind: Int64, i: v}
				if v < 0 {
					st.neg[i] = true
				}
				return nil
			}
			if st.cols[i].Type == "boolean" {
				switch string(b) {
				case "true":
					*c = valueCell{kind: Int64, i: 1}
					return nil
				case "false":
					*c = valueCell{kind: Int64}
					return nil
				}
			}
			if !st.declared[i] {
				if u, ok := scanUint(b, false); ok && !st.neg[i] {
					st.kinds[i] = Uint64 // beyond int64, never negative: ulong
					*c = valueCell{kind: Uint64, u: u}
					return nil
				}
				if f, ok := scanFloat(b, false); ok {
					st.kinds[i] = Float64
					*c = valueCell{kind: Float64, f: f}
					return nil
				}
			}
		}
	case Uint64:
		if !jsonString {
			if v, ok := scanUint(b, st.declared[i]); ok {
				*c = valueCell{kind: Uint64, u: v}
				return nil
			}
			if !st.declared[i] {
				if f, ok := scanFloat(b, false); ok {
					st.kinds[i] = Float64
					*c = valueCell{kind: Float64, f: f}
					return nil
				}
			}
		}
	case Time:
		if t, ok := parseISOTime(b); ok {
			*c = valueCell{kind: Time, t: t}
			return nil
		}
	}
	if st.declared[i] {
		what := "number"
		switch k {
		case Time:
			what = "ISO 8601 time"
		case Int64, Uint64:
			what = "integer"
		}
		if jsonString {
			return st.fail(i, fmt.Errorf("erddap: string %q in a %s column", clipText(b), st.cols[i].Type))
		}
		return st.fail(i, fmt.Errorf("erddap: invalid %s %q for type %s", what, clipText(b), st.cols[i].Type))
	}
	// An inferred column widens to String.
	st.kinds[i] = String
	if st.intern[i] == nil {
		st.intern[i] = make(map[string]string)
	}
	s := st.str(i, b, esc)
	*c = valueCell{kind: String, s: s, missing: s == ""}
	return nil
}

// setJSONString sets cell i from a JSON string value.
func (st *rowState) setJSONString(i int, s string) error {
	if st.kinds[i] == String && st.decided[i] {
		st.cells[i] = valueCell{kind: String, s: st.internString(i, s), missing: s == ""}
		return nil
	}
	if s == "" && (st.kinds[i] == Time || !st.decided[i]) {
		st.setNull(i)
		return nil
	}
	return st.setValue(i, []byte(s), false, true)
}

// setJSONStringBytes is setJSONString without a string allocation for
// interned values.
func (st *rowState) setJSONStringBytes(i int, b []byte) error {
	if st.kinds[i] == String && st.decided[i] {
		st.cells[i] = valueCell{kind: String, s: st.str(i, b, false), missing: len(b) == 0}
		return nil
	}
	if len(b) == 0 && (st.kinds[i] == Time || !st.decided[i]) {
		st.setNull(i)
		return nil
	}
	return st.setValue(i, b, false, true)
}

// setJSONNumberBytes is setJSONNumber on bytes.
func (st *rowState) setJSONNumberBytes(i int, b []byte) error {
	if st.kinds[i] == String && st.decided[i] {
		if st.declared[i] {
			return st.fail(i, fmt.Errorf("erddap: number %s in a %s column", clipText(b), st.cols[i].Type))
		}
		st.cells[i] = valueCell{kind: String, s: st.str(i, b, false)}
		return nil
	}
	if st.kinds[i] == Time && st.decided[i] {
		return st.fail(i, fmt.Errorf("erddap: number %s in a time column", clipText(b)))
	}
	return st.setValue(i, b, false, false)
}

// setJSONNumber sets cell i from a JSON number literal.
func (st *rowState) setJSONNumber(i int, s string) error {
	if st.kinds[i] == String && st.decided[i] {
		if st.declared[i] {
			return st.fail(i, fmt.Errorf("erddap: number %s in a %s column", clipText([]byte(s)), st.cols[i].Type))
		}
		st.cells[i] = valueCell{kind: String, s: st.internString(i, s)}
		return nil
	}
	if st.kinds[i] == Time && st.decided[i] {
		return st.fail(i, fmt.Errorf("erddap: number %s in a time column", clipText([]byte(s))))
	}
	return st.setValue(i, []byte(s), false, false)
}

func clipText(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// str decodes a string field: ISO-8859-1 bytes to UTF-8, JSON-style escapes
// when esc, a char column's 'x' quoting; and interns the result.
func (st *rowState) str(i int, b []byte, esc bool) string {
	if hasHighBit(b) && !utf8.Valid(b) {
		st.scratch = latin1Append(st.scratch[:0], b)
		b = st.scratch
	}
	if esc && hasBackslash(b) {
		out := unescapeAppend(nil, b)
		b = out
	}
	if st.isChar[i] && len(b) >= 3 && b[0] == '\'' && b[len(b)-1] == '\'' {
		b = b[1 : len(b)-1]
	}
	m := st.intern[i]
	if m != nil {
		if s, ok := m[string(b)]; ok {
			return s
		}
	}
	s := string(b)
	if m != nil && len(m) < 2048 && len(s) <= 64 {
		m[s] = s
	}
	return s
}

func (st *rowState) internString(i int, s string) string {
	if st.isChar[i] && len(s) >= 3 && s[0] == '\'' && s[len(s)-1] == '\'' {
		s = s[1 : len(s)-1]
	}
	m := st.intern[i]
	if m == nil {
		return s
	}
	if v, ok := m[s]; ok {
		return v
	}
	if len(m) < 2048 && len(s) <= 64 {
		m[s] = s
	}
	return s
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

func hasBackslash(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}

func latin1Append(dst, b []byte) []byte {
	for _, c := range b {
		if c < 0x80 {
			dst = append(dst, c)
		} else {
			dst = utf8.AppendRune(dst, rune(c))
		}
	}
	return dst
}

// unescapeAppend decodes JSON-style backslash escapes (\n \t \r \b \f \"
// \\ \/ \' \uXXXX, surrogate pairs joined). An unknown escape is kept as
// written.
func unescapeAppend(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			dst = append(dst, c)
			continue
		}
		i++
		switch b[i] {
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case '"', '\\', '/', '\'':
			dst = append(dst, b[i])
		case 'u':
			r, ok := hexRune(b[i+1:])
			if !ok {
				dst = append(dst, '\\', 'u')
				continue
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					if r2, ok := hexRune(b[i+3:]); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							dst = utf8.AppendRune(dst, d)
							i += 6
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
		default:
			dst = append(dst, '\\', b[i])
		}
	}
	return dst
}

func hexRune(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func isNaNToken(b []byte) bool {
	return len(b) == 3 && b[0] == 'N' && b[1] == 'a' && b[2] == 'N'
}

// isIntToken reports whether b is an optionally signed decimal integer.
func isIntToken(b []byte) bool {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isFloatToken reports whether b parses as a float64.
func isFloatToken(b []byte) bool {
	_, ok := scanFloat(b, false)
	return ok
}

var pow10tab = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// scanFloat parses a decimal number. The common case (at most 15
// significant digits, a small exponent) is computed exactly without
// allocating (one correctly rounded multiplication or division, as
// strconv's own fast path); anything else goes to strconv.ParseFloat.
// NaN and infinities are accepted only when allowSpecial.
func scanFloat(b []byte, allowSpecial bool) (float64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	var mant uint64
	nd, exp, sawDigit, sawDot := 0, 0, false, false
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			sawDigit = true
			if c == '0' && nd == 0 {
				if sawDot {
					exp--
				}
				continue
			}
			if nd < 19 {
				mant = mant*10 + uint64(c-'0')
				nd++
				if sawDot {
					exp--
				}
			} else {
				return scanFloatSlow(b, allowSpecial)
			}
			continue
		}
		if c == '.' && !sawDot {
			sawDot = true
			continue
		}
		break
	}
	if !sawDigit {
		return scanFloatSlow(b, allowSpecial)
	}
	if i < len(b) {
		if b[i] != 'e' && b[i] != 'E' {
			return 0, false
		}
		i++
		eneg := false
		if i < len(b) && (b[i] == '-' || b[i] == '+') {
			eneg = b[i] == '-'
			i++
		}
		if i == len(b) {
			return 0, false
		}
		e := 0
		for ; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			if e < 10000 {
				e = e*10 + int(c-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if mant>>53 != 0 || exp < -22 || exp > 22 {
		if mant == 0 {
			if neg {
				return math.Copysign(0, -1), true
			}
			return 0, true
		}
		return scanFloatSlow(b, allowSpecial)
	}
	f := float64(mant)
	if exp < 0 {
		f /= pow10tab[-exp]
	} else {
		f *= pow10tab[exp]
	}
	if neg {
		f = -f
	}
	return f, true
}

func scanFloatSlow(b []byte, allowSpecial bool) (float64, bool) {
	if len(b) == 0 || len(b) > 400 {
		return 0, false
	}
	// strconv accepts underscores only with base prefixes, hex floats and
	// "inf"/"infinity"; keep to plain decimal text unless specials are allowed.
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			if !allowSpecial {
				return 0, false
			}
			s := strings.ToLower(strings.TrimLeft(string(b), "+-"))
			if s != "inf" && s != "infinity" && s != "nan" {
				return 0, false
			}
			break
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, true // ±Inf or 0, as Java would read it
		}
		return 0, false
	}
	return f, true
}

// scanInt parses a decimal int64 without allocating. A declared column also
// accepts a whole float such as "10.0".
func scanInt(b []byte, declared bool) (int64, bool) {
	neg := false
	d := b
	if len(d) > 0 && (d[0] == '-' || d[0] == '+') {
		neg = d[0] == '-'
		d = d[1:]
	}
	if len(d) == 0 {
		return 0, false
	}
	var u uint64
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// scanUint parses a decimal uint64 without allocating.
func scanUint(b []byte, _ bool) (uint64, bool) {
	d := b
	if len(d) > 0 && d[0] == '+' {
		d = d[1:]
	}
	if len(d) == 0 || len(d) > 20 {
		return 0, false
	}
	var u uint64
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		if u > math.MaxUint64/10 {
			return 0, false
		}
		n := u*10 + uint64(c-'0')
		if n < u*10 {
			return 0, false
		}
		u = n
	}
	return u, true
}

// looksISO is a cheap pre-check: "dddd-dd-dd".
func looksISO(b []byte) bool {
	return len(b) >= 10 && isDig(b[0]) && isDig(b[1]) && isDig(b[2]) && isDig(b[3]) &&
		b[4] == '-' && isDig(b[5]) && isDig(b[6]) && b[7] == '-' && isDig(b[8]) && isDig(b[9])
}

func isDig(c byte) bool { return c >= '0' && c <= '9' }

func twoDigits(b []byte) int { return int(b[0]-'0')*10 + int(b[1]-'0') }

// parseISOTime parses an ISO 8601 time as ERDDAP writes it, at any
// precision: "2017-03-23", "2017-03-23T00Z", "2017-03-23T00:45Z",
// "2017-03-23T00:45:00Z", "2017-03-23T00:45:00.123456789Z"; a space may
// replace the T; the zone is Z, ±hh:mm, ±hhmm, ±hh or absent (UTC). It does
// not use time.Parse and does not allocate.
func parseISOTime(b []byte) (time.Time, bool) {
	if !looksISO(b) {
		return time.Time{}, false
	}
	year := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + twoDigits(b[2:])
	month, day := twoDigits(b[5:]), twoDigits(b[8:])
	if month < 1 || month > 12 || day < 1 || day > monthDays(month, year) {
		return time.Time{}, false
	}
	var hh, mm, ss, ns int
	p := b[10:]
	if len(p) > 0 && (p[0] == 'T' || p[0] == ' ') {
		p = p[1:]
		if len(p) < 2 || !isDig(p[0]) || !isDig(p[1]) {
			return time.Time{}, false
		}
		hh, p = twoDigits(p), p[2:]
		if len(p) > 0 && p[0] == ':' {
			if len(p) < 3 || !isDig(p[1]) || !isDig(p[2]) {
				return time.Time{}, false
			}
			mm, p = twoDigits(p[1:]), p[3:]
			if len(p) > 0 && p[0] == ':' {
				if len(p) < 3 || !isDig(p[1]) || !isDig(p[2]) {
					return time.Time{}, false
				}
				ss, p = twoDigits(p[1:]), p[3:]
				if len(p) > 0 && (p[0] == '.' || p[0] == ',') {
					p = p[1:]
					n := 0
					for len(p) > 0 && isDig(p[0]) {
						if n < 9 {
							ns = ns*10 + int(p[0]-'0')
						}
						n++
						p = p[1:]
					}
					if n == 0 {
						return time.Time{}, false
					}
					for ; n < 9; n++ {
						ns *= 10
					}
				}
			}
		}
		if hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm != 0 || ss != 0 || ns != 0)) {
			return time.Time{}, false
		}
	}
	off := 0
	switch {
	case len(p) == 0:
	case len(p) == 1 && p[0] == 'Z':
	case p[0] == '+' || p[0] == '-':
		z := p[1:]
		if len(z) < 2 || !isDig(z[0]) || !isDig(z[1]) {
			return time.Time{}, false
		}
		zh, zm := twoDigits(z), 0
		z = z[2:]
		if len(z) > 0 && z[0] == ':' {
			z = z[1:]
		}
		if len(z) == 2 && isDig(z[0]) && isDig(z[1]) {
			zm = twoDigits(z)
		} else if len(z) != 0 {
			return time.Time{}, false
		}
		if zh > 23 || zm > 59 {
			return time.Time{}, false
		}
		off = zh*3600 + zm*60
		if p[0] == '-' {
			off = -off
		}
	default:
		return time.Time{}, false
	}
	sec := daysFromCivil(year, month, day)*86400 + int64(hh*3600+mm*60+ss-off)
	return time.Unix(sec, int64(ns)).UTC(), true
}

func leapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthDays(m, y int) int {
	switch m {
	case 2:
		if leapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// tableBuilder collects rows into a Table's columns.
type tableBuilder struct {
	cols []*Column
	set  []bool     // kind known
	pend [][]string // missing tokens seen before the kind was known
	n    int
}

func (b *tableBuilder) init(st *rowState) {
	b.cols = make([]*Column, len(st.cols))
	b.set = make([]bool, len(st.cols))
	b.pend = make([][]string, len(st.cols))
	for i, c := range st.cols {
		b.cols[i] = &Column{Name: c.Name, Units: c.Units, Type: c.Type, Kind: st.kinds[i],
			Attributes: c.Attributes, declared: c.declared}
		b.set[i] = st.decided[i]
	}
}

func (b *tableBuilder) add(st *rowState) {
	if b.cols == nil {
		b.init(st)
	}
	for i := range st.cells {
		c := &st.cells[i]
		col := b.cols[i]
		if !b.set[i] {
			if c.undecided {
				b.pend[i] = append(b.pend[i], c.s)
				continue
			}
			b.set[i] = true
			col.Kind = c.kind
			b.materialize(i)
		}
		if c.kind != col.Kind && !c.undecided {
			b.promote(col, c.kind)
		}
		appendCell(col, c)
	}
	b.n++
}

// reserve grows the decided columns for n more rows.
func (b *tableBuilder) reserve(n int) {
	if n <= 0 {
		return
	}
	n = min(n+n/8+16, 1<<24) // beyond, doubling takes over
	for i, col := range b.cols {
		if !b.set[i] {
			continue
		}
		switch col.Kind {
		case Float64:
			col.Float64s = slices.Grow(col.Float64s, n)
		case Int64:
			col.Int64s = slices.Grow(col.Int64s, n)
		case Uint64:
			col.Uint64s = slices.Grow(col.Uint64s, n)
		case Time:
			col.Times = slices.Grow(col.Times, n)
		default:
			col.Strings = slices.Grow(col.Strings, n)
		}
	}
}

// grow doubles a full slice (append grows large slices by 1.25x, copying
// the column several times over).
func grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s
	}
	return slices.Grow(s, max(len(s), 256))
}

func appendCell(col *Column, c *valueCell) {
	switch col.Kind {
	case Float64:
		f := c.f
		switch {
		case c.missing:
			f = math.NaN()
		case c.kind == Int64:
			f = float64(c.i)
		case c.kind == Uint64:
			f = float64(c.u)
		}
		col.Float64s = append(grow(col.Float64s), f)
	case Int64:
		if c.missing && col.Missing == nil {
			col.Missing = make([]bool, len(col.Int64s), cap(col.Int64s))
		}
		if col.Missing != nil {
			col.Missing = append(grow(col.Missing), c.missing)
		}
		col.Int64s = append(grow(col.Int64s), c.i)
	case Uint64:
		if c.missing && col.Missing == nil {
			col.Missing = make([]bool, len(col.Uint64s), cap(col.Uint64s))
		}
		if col.Missing != nil {
			col.Missing = append(grow(col.Missing), c.missing)
		}
		col.Uint64s = append(grow(col.Uint64s), c.u)
	case Time:
		col.Times = append(grow(col.Times), c.t)
	default:
		s := c.s
		if c.kind != String {
			s = cellText(c, "")
		}
		col.Strings = append(grow(col.Strings), s)
	}
}

// cellText formats a cell as text ("" when missing).
func cellText(c *valueCell, typ string) string {
	if c.missing {
		return c.s
	}
	switch c.kind {
	case Float64:
		return floatText(c.f, typ)
	case Int64:
		return strconv.FormatInt(c.i, 10)
	case Uint64:
		return strconv.FormatUint(c.u, 10)
	case Time:
		return timeText(c.t)
	}
	return c.s
}

// materialize fills an undecided column's pending missing values in its
// new kind.
func (b *tableBuilder) materialize(i int) {
	col, p := b.cols[i], b.pend[i]
	b.pend[i] = nil
	if len(p) == 0 {
		return
	}
	switch col.Kind {
	case Float64:
		for range p {
			col.Float64s = append(grow(col.Float64s), math.NaN())
		}
	case Int64:
		col.Int64s = make([]int64, len(p))
		col.Missing = make([]bool, len(p))
		for j := range col.Missing {
			col.Missing[j] = true
		}
	case Uint64:
		col.Uint64s = make([]uint64, len(p))
		col.Missing = make([]bool, len(p))
		for j := range col.Missing {
			col.Missing[j] = true
		}
	case Time:
		col.Times = make([]time.Time, len(p))
	default:
		col.Strings = p
	}
}

// promote widens an inferred column to kind k, converting its values.
func (b *tableBuilder) promote(col *Column, k Kind) {
	if k == String {
		n := col.Len()
		ss := make([]string, n)
		for j := range n {
			ss[j] = col.format(j)
		}
		*col = Column{Name: col.Name, Units: col.Units, Type: col.Type, Attributes: col.Attributes, Kind: String, Strings: ss}
		return
	}
	if k == Uint64 && col.Kind == Int64 {
		us := make([]uint64, len(col.Int64s), max(len(col.Int64s), 16)*2)
		for j, v := range col.Int64s {
			us[j] = uint64(v)
		}
		col.Kind, col.Uint64s, col.Int64s = Uint64, us, nil
		return
	}
	if k == Float64 && (col.Kind == Int64 || col.Kind == Uint64) {
		n := col.Len()
		fs := make([]float64, n, max(n, 16)*2)
		for j := range n {
			switch {
			case col.Missing != nil && col.Missing[j]:
				fs[j] = math.NaN()
			case col.Kind == Int64:
				fs[j] = float64(col.Int64s[j])
			default:
				fs[j] = float64(col.Uint64s[j])
			}
		}
		*col = Column{Name: col.Name, Units: col.Units, Type: col.Type, Attributes: col.Attributes, Kind: Float64, Float64s: fs}
		return
	}
	// Not reached for the widenings the parser makes; keep text.
	b.promote(col, String)
}

func (b *tableBuilder) finish(st *rowState, global []Attribute) *Table {
	if b.cols == nil {
		b.init(st)
	}
	t := &Table{Columns: b.cols, Global: global}
	for i, col := range b.cols {
		if !b.set[i] {
			p := b.pend[i]
			col.Kind = String
			for _, s := range p {
				if s == "NaN" {
					col.Kind = Float64
					break
				}
			}
			b.materialize(i)
			if col.Kind == String && col.Strings == nil {
				col.Strings = []string{}
			}
		}
		if !col.declared {
			switch col.Kind {
			case Float64:
				col.Type = "double"
			case Int64:
				col.Type = "long"
			case Uint64:
				col.Type = "ulong"
			default:
				col.Type = "String"
			}
			if col.Kind == Time && col.Units == "" {
				col.Units = "UTC"
			}
		}
		// Empty tables still have non-nil slices of their kind.
		switch col.Kind {
		case Float64:
			if col.Float64s == nil {
				col.Float64s = []float64{}
			}
		case Int64:
			if col.Int64s == nil {
				col.Int64s = []int64{}
			}
		case Uint64:
			if col.Uint64s == nil {
				col.Uint64s = []uint64{}
			}
		case Time:
			if col.Times == nil {
				col.Times = []time.Time{}
			}
		default:
			if col.Strings == nil {
				col.Strings = []string{}
			}
		}
	}
	return t
}

// truncated returns a DecodeError wrapping ErrTruncated.
func (st *rowState) truncated(what string) error {
	return &DecodeError{Line: st.line, Row: st.row, Offset: st.offset, Err: fmt.Errorf("%w: %s", ErrTruncated, what)}
}
