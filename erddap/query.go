package erddap

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Constraint is one tabledap constraint, variable op value, e.g.
// {"time", ">=", time.Date(...)}. Op is one of = != < <= > >= =~.
type Constraint struct {
	Var   string
	Op    string
	Value any // number, string, time.Time, Expr
}

// Expr is a right-hand side sent as written, after validation: a relative
// time ("now-7days", "now+2hours", "now") or a function of a variable
// ("min(time)", "max(time)-1day", "min(time)+1day"). See Relative.
type Expr string

// Relative returns a relative-time Expr such as "now-7days". The text is
// validated when the query is built.
func Relative(s string) Expr { return Expr(s) }

var exprRe = regexp.MustCompile(`^(now|(min|max)\([A-Za-z_][A-Za-z0-9_]*\))(\s*[-+ ]\s*[0-9]+(\.[0-9]+)?\s*(millis|milliseconds?|seconds?|minutes?|hours?|days?|months?|years?))?$`)

// Validate reports whether e has ERDDAP's grammar:
// now|min(var)|max(var), optionally followed by (+|-)N and a unit
// (second, minute, hour, day, month, year, singular or plural).
func (e Expr) Validate() error {
	if !exprRe.MatchString(string(e)) {
		return errorf("invalid expression %q (want now[+-N units], min(var) or max(var) with an optional offset)", string(e))
	}
	return nil
}

// TableQuery is a tabledap request being built: results variables,
// constraints and server-side functions. Methods return the query so that
// calls chain. The first invalid argument is remembered (see Err): the query
// then builds no URL and Client methods return that error.
type TableQuery struct {
	dataset     string
	vars        []string
	constraints []Constraint
	funcs       []string // unencoded function calls, e.g. orderBy("time")
	err         error
}

// NewTableQuery starts a query of the tabledap dataset datasetID: all
// variables, no constraint.
func NewTableQuery(datasetID string) *TableQuery {
	q := &TableQuery{dataset: datasetID}
	if datasetID == "" || strings.ContainsAny(datasetID, "/?&#%\" ") {
		q.setErr(errorf("invalid dataset ID %q", datasetID))
	}
	return q
}

// Dataset returns the dataset ID.
func (q *TableQuery) Dataset() string { return q.dataset }

// Err returns the first error met while building the query, or nil.
func (q *TableQuery) Err() error { return q.err }

func (q *TableQuery) setErr(err error) {
	if q.err == nil {
		q.err = err
	}
}

// Clone returns a deep copy of q.
func (q *TableQuery) Clone() *TableQuery {
	c := *q
	c.vars = append([]string(nil), q.vars...)
	c.constraints = append([]Constraint(nil), q.constraints...)
	c.funcs = append([]string(nil), q.funcs...)
	return &c
}

var varNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Select appends results variables (ERDDAP returns all when none is given).
// An empty or malformed name is an error (ERDDAP would answer 400
// `Unrecognized variable=""`).
func (q *TableQuery) Select(vars ...string) *TableQuery {
	for _, v := range vars {
		if !varNameRe.MatchString(v) {
			q.setErr(errorf("Select: invalid variable name %q", v))
			continue
		}
		q.vars = append(q.vars, v)
	}
	return q
}

// Variables returns the selected results variables.
func (q *TableQuery) Variables() []string { return append([]string(nil), q.vars...) }

// Constraints returns the query's constraints in order.
func (q *TableQuery) Constraints() []Constraint {
	return append([]Constraint(nil), q.constraints...)
}

var operators = map[string]bool{"=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true, "=~": true}

// Where appends the constraint variable op value. op is one of = != < <= > >=
// =~ ("~=" is an error, as on the server). value is an integer or float
// (NaN is sent as NaN, so Where(v, "!=", math.NaN()) drops missing values),
// a string (sent double-quoted with \ " newline and tab escaped), a
// time.Time (ISO 8601 UTC, fractional seconds when present), or an Expr
// (Relative("now-7days"), Expr("max(time)-1day")). With =~ the value is a
// Java regular expression that must match the whole value; numbers are
// quoted.
func (q *TableQuery) Where(variable, op string, value any) *TableQuery {
	if !varNameRe.MatchString(variable) {
		q.setErr(errorf("Where: invalid variable name %q", variable))
		return q
	}
	if !operators[op] {
		if op == "~=" {
			q.setErr(errorf("Where(%s): operator ~= is not valid: use =~", variable))
		} else {
			q.setErr(errorf("Where(%s): invalid operator %q (want = != < <= > >= =~)", variable, op))
		}
		return q
	}
	if _, err := formatValue(op, value); err != nil {
		q.setErr(fmt.Errorf("erddap: Where(%s%s): %w", variable, op, err))
		return q
	}
	q.constraints = append(q.constraints, Constraint{Var: variable, Op: op, Value: value})
	return q
}

// Distinct appends distinct(): sorted rows, duplicates removed.
func (q *TableQuery) Distinct() *TableQuery {
	q.funcs = append(q.funcs, "distinct()")
	return q
}

// OrderBy appends orderBy("a,b"): rows sorted by those variables, which must
// be results variables.
func (q *TableQuery) OrderBy(vars ...string) *TableQuery {
	return q.orderFunc("orderBy", strings.Join(vars, ","))
}

// OrderByMax appends orderByMax(spec), e.g. "station,time/1day,temp".
func (q *TableQuery) OrderByMax(spec string) *TableQuery { return q.orderFunc("orderByMax", spec) }

// OrderByMin appends orderByMin(spec).
func (q *TableQuery) OrderByMin(spec string) *TableQuery { return q.orderFunc("orderByMin", spec) }

// OrderByMinMax appends orderByMinMax(spec).
func (q *TableQuery) OrderByMinMax(spec string) *TableQuery {
	return q.orderFunc("orderByMinMax", spec)
}

// OrderByClosest appends orderByClosest(spec), e.g. "station,time/2hours".
func (q *TableQuery) OrderByClosest(spec string) *TableQuery {
	return q.orderFunc("orderByClosest", spec)
}

// OrderByCount appends orderByCount(spec), e.g. "station,time/1day".
func (q *TableQuery) OrderByCount(spec string) *TableQuery {
	return q.orderFunc("orderByCount", spec)
}

// OrderByLimit appends orderByLimit(spec), e.g. "station,time/1day,10".
func (q *TableQuery) OrderByLimit(spec string) *TableQuery {
	return q.orderFunc("orderByLimit", spec)
}

// OrderByMean appends orderByMean(spec).
func (q *TableQuery) OrderByMean(spec string) *TableQuery { return q.orderFunc("orderByMean", spec) }

// OrderBySum appends orderBySum(spec) (recent ERDDAP versions only).
func (q *TableQuery) OrderBySum(spec string) *TableQuery { return q.orderFunc("orderBySum", spec) }

var orderSpecRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(/[0-9.]+[A-Za-z]*(:[0-9.]+)?)?(,[A-Za-z_][A-Za-z0-9_]*(/[0-9.]+[A-Za-z]*(:[0-9.]+)?)?)*(,[0-9]+)?$`)

func (q *TableQuery) orderFunc(name, spec string) *TableQuery {
	spec = strings.ReplaceAll(spec, " ", "")
	if !orderSpecRe.MatchString(spec) {
		q.setErr(errorf("%s: invalid specification %q", name, spec))
		return q
	}
	q.funcs = append(q.funcs, name+"("+quote(spec)+")")
	return q
}

// Units appends units("UDUNITS") or units("UCUM").
func (q *TableQuery) Units(system string) *TableQuery {
	if system != "UDUNITS" && system != "UCUM" {
		q.setErr(errorf("Units: %q is neither UDUNITS nor UCUM", system))
		return q
	}
	q.funcs = append(q.funcs, "units("+quote(system)+")")
	return q
}

// AddVariablesWhere appends addVariablesWhere("attr","value"): the results
// gain every variable whose attribute attr equals value (no filtering).
func (q *TableQuery) AddVariablesWhere(attr, value string) *TableQuery {
	if !varNameRe.MatchString(attr) {
		q.setErr(errorf("AddVariablesWhere: invalid attribute name %q", attr))
		return q
	}
	q.funcs = append(q.funcs, "addVariablesWhere("+quote(attr)+","+quote(value)+")")
	return q
}

// quote double-quotes s with ERDDAP's escapes: \\ \" \n \t (and \r).
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// formatNumber writes a float as Python's repr does (what argopy and
// erddapy send): shortest round-trip digits, ".0" for whole numbers,
// exponent form below 1e-4 and from 1e16; NaN as NaN.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	a := math.Abs(f)
	if f == 0 || (a >= 1e-4 && a < 1e16) {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// formatTime writes t in UTC as 2006-01-02T15:04:05Z, with fractional
// seconds when t has any.
func formatTimeValue(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.999999999Z")
}

// formatValue renders a constraint value (unencoded).
func formatValue(op string, v any) (string, error) {
	var s string
	quoted := false
	switch x := v.(type) {
	case nil:
		return "", errorf("nil value")
	case string:
		return quote(x), nil
	case Expr:
		if op == "=~" {
			return "", errorf("expression %q cannot be used with =~", string(x))
		}
		if err := x.Validate(); err != nil {
			return "", err
		}
		return string(x), nil
	case time.Time:
		if x.IsZero() {
			return "", errorf("zero time.Time")
		}
		s = formatTimeValue(x)
	case float64:
		s = formatNumber(x)
	case float32:
		s = formatNumber(float64(x))
		if !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) {
			s = strconv.FormatFloat(float64(x), 'g', -1, 32)
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				s = formatNumber(f)
			}
		}
	case int:
		s = strconv.FormatInt(int64(x), 10)
	case int8:
		s = strconv.FormatInt(int64(x), 10)
	case int16:
		s = strconv.FormatInt(int64(x), 10)
	case int32:
		s = strconv.FormatInt(int64(x), 10)
	case int64:
		s = strconv.FormatInt(x, 10)
	case uint:
		s = strconv.FormatUint(uint64(x), 10)
	case uint8:
		s = strconv.FormatUint(uint64(x), 10)
	case uint16:
		s = strconv.FormatUint(uint64(x), 10)
	case uint32:
		s = strconv.FormatUint(uint64(x), 10)
	case uint64:
		s = strconv.FormatUint(x, 10)
	case fmt.Stringer:
		return quote(x.String()), nil
	default:
		return "", errorf("unsupported value type %T", v)
	}
	if op == "=~" && !quoted {
		return quote(s), nil
	}
	return s, nil
}

// escape percent-encodes s for a query: every byte except A-Z a-z 0-9 and
// - _ . ! ~ ' ( ) * , : / is written %XX (so " < > = [ ] | + space % & are
// %22 %3C %3E %3D %5B %5D %7C %2B %20 %25 %26, and non-ASCII characters are
// their UTF-8 bytes).
func escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !keep(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hexd = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hexd[c>>4], hexd[c&15])
		}
	}
	return string(b)
}

func keep(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '_', '.', '!', '~', '\'', '(', ')', '*', ',', ':', '/':
		return true
	}
	return false
}

// queryString returns the encoded query (without '?'): variables joined by a
// literal ',', then '&' and each constraint (the variable as is, operator and
// value encoded) and each function call (encoded).
func (q *TableQuery) queryString() (string, error) {
	if q.err != nil {
		return "", q.err
	}
	var b strings.Builder
	for i, v := range q.vars {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(v)
	}
	for _, c := range q.constraints {
		val, err := formatValue(c.Op, c.Value)
		if err != nil {
			return "", fmt.Errorf("erddap: Where(%s%s): %w", c.Var, c.Op, err)
		}
		b.WriteByte('&')
		b.WriteString(c.Var)
		b.WriteString(escape(c.Op + val))
	}
	for _, f := range q.funcs {
		b.WriteByte('&')
		b.WriteString(escape(f))
	}
	return b.String(), nil
}

// tableURL builds the tabledap URL of q, or returns q's error.
func (c *Client) tableURL(q *TableQuery, fileType string) (string, error) {
	if q == nil {
		return "", errorf("nil *TableQuery")
	}
	ft, err := checkFileType(fileType)
	if err != nil {
		return "", err
	}
	qs, err := q.queryString()
	if err != nil {
		return "", err
	}
	u := c.base + "/tabledap/" + escape(q.dataset) + ft
	if qs != "" {
		u += "?" + qs
	}
	return u, nil
}

// TableURL returns the tabledap request URL of q for fileType (".csv",
// ".nc", ".json", ...; the dot is optional). It returns "" when q holds an
// error (see TableQuery.Err) or fileType is malformed; the Client methods
// that fetch report that error.
//
// The encoding is canonical: a literal ',' between variables and '&' between
// constraints and functions; each constraint's operator and value, and each
// function call, percent-encoded (see the package documentation). The URL is
// sent as is, never re-encoded.
func (c *Client) TableURL(q *TableQuery, fileType string) string {
	u, err := c.tableURL(q, fileType)
	if err != nil {
		return ""
	}
	return u
}

var fileTypeRe = regexp.MustCompile(`^\.[A-Za-z][A-Za-z0-9_]*$`)

func checkFileType(ft string) (string, error) {
	if ft != "" && ft[0] != '.' {
		ft = "." + ft
	}
	if !fileTypeRe.MatchString(ft) {
		return "", errorf("invalid file type %q", ft)
	}
	return ft, nil
}
