package erddap

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Dataset is one row of a search, categorize or listing result
// (/search/index, /search/advanced, /info/index, /tabledap/index, ...).
// Cells absent from the response (older servers have no Accessible or Email
// column) are "".
type Dataset struct {
	ID          string
	Title       string
	Summary     string
	Institution string
	Protocol    string // "griddap" or "tabledap": whichever URL cell is non-empty ("" if neither)
	Accessible  string // "public" or "log in" on servers that report it

	GridDAP    string // data access URLs; "" when not offered
	TableDAP   string
	Subset     string
	Graph      string // "Make A Graph"
	WMS        string
	Files      string
	Info       string // metadata (/info/<id>/index.html)
	Background string // "Background Info"
	RSS        string
	Email      string
	FGDC       string
	ISO        string // "ISO 19115"
}

// datasetsFromTable reads datasets by header name.
func datasetsFromTable(t *Table) ([]Dataset, error) {
	id := t.Strings("Dataset ID")
	if id == nil {
		return nil, errorf("listing has no \"Dataset ID\" column (columns %q)", t.Names())
	}
	col := func(name string) []string {
		s := t.Strings(name)
		if s == nil {
			return make([]string, len(id))
		}
		return s
	}
	title, summary, inst := col("Title"), col("Summary"), col("Institution")
	grid, table, subset, graph := col("griddap"), col("tabledap"), col("Subset"), col("Make A Graph")
	wms, files, info, bg := col("wms"), col("files"), col("Info"), col("Background Info")
	rss, email, fgdc, iso, acc := col("RSS"), col("Email"), col("FGDC"), col("ISO 19115"), col("Accessible")
	out := make([]Dataset, len(id))
	for i := range id {
		d := Dataset{
			ID: id[i], Title: title[i], Summary: summary[i], Institution: inst[i], Accessible: acc[i],
			GridDAP: grid[i], TableDAP: table[i], Subset: subset[i], Graph: graph[i], WMS: wms[i],
			Files: files[i], Info: info[i], Background: bg[i], RSS: rss[i], Email: email[i],
			FGDC: fgdc[i], ISO: iso[i],
		}
		switch {
		case d.GridDAP != "":
			d.Protocol = "griddap"
		case d.TableDAP != "":
			d.Protocol = "tabledap"
		}
		out[i] = d
	}
	return out, nil
}

// allStrings decodes a discovery .json response (search, listing, info,
// categorize: every cell a string or null) into String columns. It unmarshals
// the rows straight into strings (discoveryJSON), several times faster than
// the general decoder; a body of another shape goes through DecodeTable.
func allStrings(data []byte) (*Table, error) {
	names, cells, ok := discoveryJSON(data)
	if !ok {
		return DecodeTable(bytes.NewReader(data), ".json")
	}
	nRows := 0
	if len(names) > 0 {
		nRows = len(cells) / len(names)
	}
	t := &Table{Columns: make([]*Column, len(names))}
	for j, n := range names {
		col := make([]string, nRows)
		for i := range col {
			col[i] = cells[i*len(names)+j]
		}
		t.Columns[j] = &Column{Name: n, Type: "String", Kind: String, Strings: col}
	}
	return t, nil
}

// SearchQuery selects datasets. With only Text (and paging) set, Search
// uses the full-text search (/search/index.json); with any other field, the
// advanced search (/search/advanced.json).
type SearchQuery struct {
	// Text is the full-text search: words are ANDed, "a phrase" is quoted,
	// -word excludes.
	Text string

	// Advanced-search categories; "" means any ((ANY) is sent).
	Protocol     string // "griddap" or "tabledap"
	CDMDataType  string // e.g. "TimeSeries", "Trajectory", "Grid"
	Institution  string
	IOOSCategory string
	Keywords     string
	LongName     string
	StandardName string
	VariableName string

	// Box restricts to datasets intersecting a longitude/latitude box; nil
	// means anywhere. Unset bounds are not sent (ERDDAP 2.10 rejects
	// placeholders for them).
	Box *Box
	// MinTime and MaxTime restrict to datasets with data in that period; the
	// zero time means unbounded.
	MinTime, MaxTime time.Time

	// ItemsPerPage is the page size used while following pages (default
	// 1000). Search always reads every page.
	ItemsPerPage int
}

// Box is a longitude/latitude box in degrees.
type Box struct {
	MinLon, MaxLon, MinLat, MaxLat float64
}

func (q SearchQuery) advanced() bool {
	return q.Protocol != "" || q.CDMDataType != "" || q.Institution != "" || q.IOOSCategory != "" ||
		q.Keywords != "" || q.LongName != "" || q.StandardName != "" || q.VariableName != "" ||
		q.Box != nil || !q.MinTime.IsZero() || !q.MaxTime.IsZero()
}

// formEscape encodes a form value with %20 for spaces.
func formEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// searchURL returns the URL of one page of q.
func (c *Client) searchURL(q SearchQuery, page, perPage int) (string, error) {
	var b strings.Builder
	b.WriteString("page=" + strconv.Itoa(page) + "&itemsPerPage=" + strconv.Itoa(perPage))
	if !q.advanced() {
		if strings.TrimSpace(q.Text) == "" {
			return "", errorf("Search: empty query")
		}
		b.WriteString("&searchFor=" + formEscape(q.Text))
		return c.base + "/search/index.json?" + b.String(), nil
	}
	b.WriteString("&searchFor=" + formEscape(q.Text))
	cat := func(name, v string) {
		if v == "" {
			v = "(ANY)"
		}
		b.WriteString("&" + name + "=" + formEscape(v))
	}
	cat("protocol", q.Protocol)
	cat("cdm_data_type", q.CDMDataType)
	cat("institution", q.Institution)
	cat("ioos_category", q.IOOSCategory)
	cat("keywords", q.Keywords)
	cat("long_name", q.LongName)
	cat("standard_name", q.StandardName)
	cat("variableName", q.VariableName)
	if q.Box != nil {
		for _, kv := range []struct {
			k string
			v float64
		}{{"minLon", q.Box.MinLon}, {"maxLon", q.Box.MaxLon}, {"minLat", q.Box.MinLat}, {"maxLat", q.Box.MaxLat}} {
			if math.IsNaN(kv.v) || math.IsInf(kv.v, 0) {
				return "", errorf("Search: %s is %v", kv.k, kv.v)
			}
			b.WriteString("&" + kv.k + "=" + strconv.FormatFloat(kv.v, 'f', -1, 64))
		}
	}
	if !q.MinTime.IsZero() {
		b.WriteString("&minTime=" + formEscape(formatTimeValue(q.MinTime)))
	}
	if !q.MaxTime.IsZero() {
		b.WriteString("&maxTime=" + formEscape(formatTimeValue(q.MaxTime)))
	}
	return c.base + "/search/advanced.json?" + b.String(), nil
}

// Search finds datasets and returns every match, following pages until a
// page comes back short, so nothing is silently truncated. A search with no
// match returns an empty slice and a nil error (ERDDAP answers it with a 404
// "Your query produced no matching results", which Search absorbs).
func (c *Client) Search(ctx context.Context, q SearchQuery) ([]Dataset, error) {
	per := q.ItemsPerPage
	if per <= 0 {
		per = 1000
	}
	return c.pagedDatasets(ctx, per, func(page int) (string, error) { return c.searchURL(q, page, per) })
}

// pagedDatasets reads listing pages until a short page.
func (c *Client) pagedDatasets(ctx context.Context, per int, pageURL func(page int) (string, error)) ([]Dataset, error) {
	out := []Dataset{}
	for page := 1; ; page++ {
		u, err := pageURL(page)
		if err != nil {
			return nil, err
		}
		data, err := c.getAll(ctx, u)
		if errors.Is(err, ErrNoData) {
			return out, nil // no match at all, or no further page
		}
		var e *Error
		if page > 1 && errors.As(err, &e) && e.StatusCode == http.StatusNotFound {
			return out, nil // a page past the end, whatever its wording
		}
		if err != nil {
			return nil, err
		}
		t, err := allStrings(data)
		if err != nil {
			return nil, fmt.Errorf("erddap: %s: %w", redactURL(u), err)
		}
		ds, err := datasetsFromTable(t)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
		if len(ds) < per {
			return out, nil
		}
	}
}

// Datasets lists every dataset of the server (/info/index.json), or only the
// griddap or tabledap ones when protocol is "griddap" or "tabledap"
// (/griddap/index.json, /tabledap/index.json), following pages.
func (c *Client) Datasets(ctx context.Context, protocol string) ([]Dataset, error) {
	dir := "info"
	switch protocol {
	case "":
	case "griddap", "tabledap":
		dir = protocol
	default:
		return nil, errorf("Datasets: protocol %q is neither griddap nor tabledap", protocol)
	}
	const per = 1000
	return c.pagedDatasets(ctx, per, func(page int) (string, error) {
		return c.base + "/" + dir + "/index.json?page=" + strconv.Itoa(page) + "&itemsPerPage=" + strconv.Itoa(per), nil
	})
}

// Category is one value of a categorize attribute, with the URL listing its
// datasets.
type Category struct {
	Value string
	URL   string
}

// Categories lists the values of a categorize attribute (such as
// "standard_name", "ioos_category", "institution", "keywords",
// "cdm_data_type"): /categorize/{attr}/index.json.
func (c *Client) Categories(ctx context.Context, attr string) ([]Category, error) {
	if !varNameRe.MatchString(attr) {
		return nil, errorf("Categories: invalid attribute %q", attr)
	}
	u := c.base + "/categorize/" + attr + "/index.json?page=1&itemsPerPage=1000000"
	data, err := c.getAll(ctx, u)
	if err != nil {
		return nil, err
	}
	t, err := allStrings(data)
	if err != nil {
		return nil, fmt.Errorf("erddap: Categories: %w", err)
	}
	vals, urls := t.Strings("Category"), t.Strings("URL")
	if vals == nil {
		return nil, errorf("Categories: response has no Category column (%q)", t.Names())
	}
	out := make([]Category, len(vals))
	for i := range vals {
		out[i].Value = vals[i]
		if urls != nil {
			out[i].URL = urls[i]
		}
	}
	return out, nil
}

// Categorize lists the datasets whose attribute attr has the value value
// (/categorize/{attr}/{value}/index.json), following pages. ERDDAP keys
// categories in lower case; value is sent as given. No dataset gives an
// empty slice and a nil error.
func (c *Client) Categorize(ctx context.Context, attr, value string) ([]Dataset, error) {
	if !varNameRe.MatchString(attr) {
		return nil, errorf("Categorize: invalid attribute %q", attr)
	}
	if value == "" {
		return nil, errorf("Categorize(%s): empty value", attr)
	}
	const per = 1000
	return c.pagedDatasets(ctx, per, func(page int) (string, error) {
		return c.base + "/categorize/" + attr + "/" + url.PathEscape(value) + "/index.json?page=" +
			strconv.Itoa(page) + "&itemsPerPage=" + strconv.Itoa(per), nil
	})
}

// AllDatasets queries the server's allDatasets tabledap dataset (one row
// per dataset: datasetID, title, minLongitude, maxTime, ...), with optional
// constraints, e.g. Constraint{"cdm_data_type", "=", "TrajectoryProfile"}.
func (c *Client) AllDatasets(ctx context.Context, where ...Constraint) (*Table, error) {
	q := NewTableQuery("allDatasets")
	for _, w := range where {
		q.Where(w.Var, w.Op, w.Value)
	}
	u, err := c.tableURL(q, ".json")
	if err != nil {
		return nil, err
	}
	data, err := c.getAll(ctx, u)
	if err != nil {
		return nil, err
	}
	t, err := DecodeTable(strings.NewReader(string(data)), ".json")
	if err != nil {
		return nil, fmt.Errorf("erddap: AllDatasets: %w", err)
	}
	return t, nil
}

// Version returns the server's ERDDAP version ("2.23", "2.02_axiom-r1"),
// from /version.
func (c *Client) Version(ctx context.Context) (string, error) {
	data, err := c.getAll(ctx, c.base+"/version")
	if err != nil {
		return "", err
	}
	s := strings.TrimSpace(string(data))
	v, ok := strings.CutPrefix(s, "ERDDAP_version=")
	if !ok || v == "" || strings.ContainsAny(v, "\n<") {
		return "", errorf("Version: unexpected answer %q", snippet(data))
	}
	return v, nil
}

// Info is a dataset's metadata, from /info/{datasetID}/index.json: global
// attributes, variables with their data types and attributes, and for a
// griddap dataset its dimensions.
type Info struct {
	DatasetID string
	Global    []Attribute // NC_GLOBAL attributes in response order
	Variables []*Variable // in response order (griddap: dimensions first)
}

// Variable is one variable (or griddap dimension) of an Info.
type Variable struct {
	Name       string
	DataType   string     // ERDDAP type: String, char, byte, short, int, long, float, double, ...
	Dimensions []string   // for a griddap data variable, its dimensions in order
	Dimension  *Dimension // non-nil for a griddap dimension (axis variable)
	Attributes []Attribute
	raw        map[string]string // attribute values as sent
}

// Dimension describes a griddap axis, from the info "dimension" row
// ("nValues=2496, evenlySpaced=false, averageSpacing=1 day 0h 6m 56s" or
// "nValues=1, onlyValue=0.0").
type Dimension struct {
	NValues        int
	EvenlySpaced   bool
	AverageSpacing float64 // in the axis units; seconds for a time axis; 0 when a single value
	OnlyValue      float64 // the value of a one-value axis; NaN otherwise
	Text           string  // the row's Value as sent
}

// Descending reports whether the axis values decrease (a negative average
// spacing), as for latitude stored north to south. Request such an axis as
// [(hi):stride:(lo)] (GridQuery.WithInfo does it).
func (d *Dimension) Descending() bool { return d.AverageSpacing < 0 }

// Attr returns the variable's attribute called name, or nil.
func (v *Variable) Attr(name string) *Attribute {
	for i := range v.Attributes {
		if v.Attributes[i].Name == name {
			return &v.Attributes[i]
		}
	}
	return nil
}

// Variable returns the variable (or dimension) called name, or nil.
func (in *Info) Variable(name string) *Variable {
	for _, v := range in.Variables {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Attribute returns attribute name of variable varName ("" or "NC_GLOBAL"
// for a global attribute), or nil.
func (in *Info) Attribute(varName, name string) *Attribute {
	if varName == "" || varName == "NC_GLOBAL" {
		for i := range in.Global {
			if in.Global[i].Name == name {
				return &in.Global[i]
			}
		}
		return nil
	}
	v := in.Variable(varName)
	if v == nil {
		return nil
	}
	return v.Attr(name)
}

// Dimensions returns the griddap dimensions in dataset order (none for a
// tabledap dataset).
func (in *Info) Dimensions() []*Variable {
	var out []*Variable
	for _, v := range in.Variables {
		if v.Dimension != nil {
			out = append(out, v)
		}
	}
	return out
}

// DataVariables returns the variables that are not griddap dimensions.
func (in *Info) DataVariables() []*Variable {
	var out []*Variable
	for _, v := range in.Variables {
		if v.Dimension == nil {
			out = append(out, v)
		}
	}
	return out
}

// VariablesByAttr returns the names of the variables having every attribute
// of attrs with exactly that value, as the server wrote it (erddapy's
// get_var_by_attr), e.g. {"standard_name": "sea_water_temperature"} or
// {"axis": "T"}. Use VariablesWhere for other tests.
func (in *Info) VariablesByAttr(attrs map[string]string) []string {
	return in.VariablesWhere(func(v *Variable) bool {
		for k, want := range attrs {
			got, ok := v.raw[k]
			if !ok || got != want {
				return false
			}
		}
		return true
	})
}

// VariablesWhere returns the names of the variables for which keep is true.
func (in *Info) VariablesWhere(keep func(v *Variable) bool) []string {
	var out []string
	for _, v := range in.Variables {
		if keep(v) {
			out = append(out, v.Name)
		}
	}
	return out
}

// Info fetches and decodes the metadata of datasetID
// (/info/{datasetID}/index.json). An unknown dataset is an *Error (404,
// "Currently unknown datasetID=...").
func (c *Client) Info(ctx context.Context, datasetID string) (*Info, error) {
	if datasetID == "" || strings.ContainsAny(datasetID, "/?&#%\" ") {
		return nil, errorf("Info: invalid dataset ID %q", datasetID)
	}
	data, err := c.getAll(ctx, c.base+"/info/"+url.PathEscape(datasetID)+"/index.json")
	if err != nil {
		return nil, err
	}
	in, err := ParseInfo(data, ".json")
	if err != nil {
		return nil, fmt.Errorf("erddap: Info(%s): %w", datasetID, err)
	}
	in.DatasetID = datasetID
	return in, nil
}

// ParseInfo decodes an /info/{datasetID}/index response body: fileType is
// ".json" or ".csv". Columns are found by name (Row Type, Variable Name,
// Attribute Name, Data Type, Value). Attribute values are typed by their
// Data Type: numbers split on commas into Float64s (float, double), Int64s
// (byte, short, int, long) or Uint64s (ubyte, ushort, uint, ulong); text
// into a single string. A number that does not parse is an error.
func ParseInfo(data []byte, fileType string) (*Info, error) {
	var t *Table
	var err error
	switch fileType {
	case ".json", "json":
		t, err = allStrings(data)
	case ".csv", "csv":
		// The info CSV has a single header line and no units line.
		t, err = DecodeOptions{Types: map[string]string{
			"Row Type": "String", "Variable Name": "String", "Attribute Name": "String",
			"Data Type": "String", "Value": "String",
		}}.DecodeTable(bytes.NewReader(data), ".csvp")
	default:
		return nil, errorf("ParseInfo: file type %q is neither .json nor .csv", fileType)
	}
	if err != nil {
		return nil, err
	}
	return infoFromTable(t)
}

func infoFromTable(t *Table) (*Info, error) {
	names := []string{"Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"}
	cols := make([][]string, len(names))
	for i, n := range names {
		cols[i] = t.Strings(n)
		if cols[i] == nil {
			return nil, errorf("info table has no %q column (columns %q)", n, t.Names())
		}
	}
	rowType, varName, attrName, dataType, value := cols[0], cols[1], cols[2], cols[3], cols[4]
	in := &Info{}
	// Count the attributes of each variable so each slice is allocated once.
	nAttr := map[string]int{}
	for i := range rowType {
		if rowType[i] == "attribute" {
			nAttr[varName[i]]++
		}
	}
	in.Global = make([]Attribute, 0, nAttr["NC_GLOBAL"])
	byName := map[string]*Variable{}
	variable := func(name string) *Variable {
		v := byName[name]
		if v == nil {
			n := nAttr[name]
			v = &Variable{Name: name, raw: make(map[string]string, n), Attributes: make([]Attribute, 0, n)}
			byName[name] = v
			in.Variables = append(in.Variables, v)
		}
		return v
	}
	for i := range rowType {
		switch rowType[i] {
		case "attribute":
			a, err := parseAttribute(attrName[i], dataType[i], value[i])
			if err != nil {
				return nil, fmt.Errorf("row %d (%s %s): %w", i+1, varName[i], attrName[i], err)
			}
			if varName[i] == "NC_GLOBAL" {
				in.Global = append(in.Global, a)
				continue
			}
			v := variable(varName[i])
			v.Attributes = append(v.Attributes, a)
			v.raw[a.Name] = value[i]
		case "variable":
			v := variable(varName[i])
			v.DataType = dataType[i]
			if s := strings.TrimSpace(value[i]); s != "" {
				for _, d := range strings.Split(s, ",") {
					v.Dimensions = append(v.Dimensions, strings.TrimSpace(d))
				}
			}
		case "dimension":
			v := variable(varName[i])
			v.DataType = dataType[i]
			d, err := parseDimension(value[i])
			if err != nil {
				return nil, fmt.Errorf("row %d (dimension %s): %w", i+1, varName[i], err)
			}
			v.Dimension = d
		default:
			return nil, errorf("info row %d: unknown Row Type %q", i+1, rowType[i])
		}
	}
	return in, nil
}

// parseAttribute types an info attribute value by its data type.
func parseAttribute(name, typ, val string) (Attribute, error) {
	a := Attribute{Name: name, Type: typ}
	fields := func() []string {
		if strings.TrimSpace(val) == "" {
			return nil
		}
		f := strings.Split(val, ",")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		return f
	}
	switch typ {
	case "float", "double":
		a.Float64s = []float64{}
		for _, f := range fields() {
			x, err := strconv.ParseFloat(f, 64)
			if err != nil {
				return a, errorf("%s value %q is not a number", typ, f)
			}
			a.Float64s = append(a.Float64s, x)
		}
	case "byte", "short", "int", "long":
		a.Int64s = []int64{}
		for _, f := range fields() {
			x, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return a, errorf("%s value %q is not an integer", typ, f)
			}
			a.Int64s = append(a.Int64s, x)
		}
	case "ubyte", "ushort", "uint", "ulong":
		a.Uint64s = []uint64{}
		for _, f := range fields() {
			x, err := strconv.ParseUint(f, 10, 64)
			if err != nil {
				return a, errorf("%s value %q is not an unsigned integer", typ, f)
			}
			a.Uint64s = append(a.Uint64s, x)
		}
	default: // String, char, boolean, unknown
		a.Strings = []string{val}
	}
	return a, nil
}

// parseDimension reads "nValues=2496, evenlySpaced=false,
// averageSpacing=1 day 0h 6m 56s" or "nValues=1, onlyValue=0.0".
func parseDimension(s string) (*Dimension, error) {
	d := &Dimension{Text: s, OnlyValue: math.NaN()}
	seen := false
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		var err error
		switch strings.TrimSpace(k) {
		case "nValues":
			d.NValues, err = strconv.Atoi(v)
			if err == nil && d.NValues < 0 {
				err = errorf("negative")
			}
			seen = err == nil
		case "evenlySpaced":
			d.EvenlySpaced, err = strconv.ParseBool(v)
		case "averageSpacing":
			d.AverageSpacing, err = ParseSpacing(v)
		case "onlyValue":
			d.OnlyValue, err = strconv.ParseFloat(v, 64)
		}
		if err != nil {
			return nil, errorf("bad %s in %q", strings.TrimSpace(k), s)
		}
	}
	if !seen {
		return nil, errorf("no nValues in %q", s)
	}
	return d, nil
}

var spacingUnits = map[string]float64{
	"ms": 1e-3, "millis": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
	"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
	"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
	"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
	"d": 86400, "day": 86400, "days": 86400,
	"wk": 7 * 86400, "week": 7 * 86400, "weeks": 7 * 86400,
	"mon": 30 * 86400, "month": 30 * 86400, "months": 30 * 86400, // ERDDAP's elapsed-time month
	"yr": 365 * 86400, "year": 365 * 86400, "years": 365 * 86400,
}

// ParseSpacing reads an averageSpacing: a number ("0.25", "-0.041666")
// or an elapsed time as ERDDAP writes it ("1 day 0h 6m 56s", "14 days",
// "-1h 30m", "0.5s"), returned in seconds. A leading '-' makes the whole
// spacing negative (a descending axis).
func ParseSpacing(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	neg := false
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, strings.TrimSpace(rest)
	}
	if s == "" {
		return 0, errorf("empty spacing")
	}
	total := 0.0
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
			j++
		}
		if j == i {
			return 0, errorf("spacing %q: number expected at %q", s, s[i:])
		}
		n, err := strconv.ParseFloat(s[i:j], 64)
		if err != nil {
			return 0, errorf("spacing %q: bad number %q", s, s[i:j])
		}
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) && unicode.IsLetter(rune(s[k])) {
			k++
		}
		unit, ok := spacingUnits[strings.ToLower(s[j:k])]
		if !ok {
			return 0, errorf("spacing %q: unknown unit %q", s, s[j:k])
		}
		total += n * unit
		i = k
	}
	if neg {
		total = -total
	}
	return total, nil
}

// discoveryJSON parses {"table":{"columnNames":[...],"rows":[[...],...]}}
// where every cell is a string or null, slicing cells out of one string
// copy of the body (no allocation per cell unless it has escapes). ok is
// false when the body has another shape; the caller then falls back to the
// general decoder, which reports errors precisely.
func discoveryJSON(data []byte) (names, cells []string, ok bool) {
	if !utf8.Valid(data) {
		return nil, nil, false
	}
	p := &jsonScan{s: string(data)}
	if !p.next('{') {
		return nil, nil, false
	}
	seenTable := false
	for first := true; ; first = false {
		if p.next('}') {
			break
		}
		if !first && !p.next(',') {
			return nil, nil, false
		}
		key, ok := p.str()
		if !ok || !p.next(':') {
			return nil, nil, false
		}
		if key != "table" {
			if !p.skip(0) {
				return nil, nil, false
			}
			continue
		}
		if seenTable {
			return nil, nil, false // a repeated key: leave it to the general decoder
		}
		seenTable = true
		if !p.next('{') {
			return nil, nil, false
		}
		for first := true; ; first = false {
			if p.next('}') {
				break
			}
			if !first && !p.next(',') {
				return nil, nil, false
			}
			key, ok := p.str()
			if !ok || !p.next(':') {
				return nil, nil, false
			}
			switch key {
			case "columnNames":
				if names != nil {
					return nil, nil, false
				}
				if names, ok = p.strArrayAppend([]string{}); !ok {
					return nil, nil, false
				}
			case "rows":
				if cells != nil || !p.next('[') {
					return nil, nil, false
				}
				cells = []string{}
				for first := true; ; first = false {
					if p.next(']') {
						break
					}
					if !first && !p.next(',') {
						return nil, nil, false
					}
					n0 := len(cells)
					if cells, ok = p.strArrayAppend(cells); !ok || names == nil || len(cells)-n0 != len(names) {
						return nil, nil, false // ragged rows get the general decoder's error
					}
				}
			default:
				if !p.skip(0) {
					return nil, nil, false
				}
			}
		}
	}
	p.ws()
	if !seenTable || names == nil || p.i != len(p.s) {
		return nil, nil, false
	}
	return names, cells, true
}

type jsonScan struct {
	s string
	i int
}

func (p *jsonScan) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next consumes c (after white space) if it comes next.
func (p *jsonScan) next(c byte) bool {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a JSON string.
func (p *jsonScan) str() (string, bool) {
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	start := p.i + 1
	esc := false
	for j := start; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '\\':
			esc = true
			j++
		case c == '"':
			p.i = j + 1
			if !esc {
				return p.s[start:j], true
			}
			var out string
			if json.Unmarshal([]byte(p.s[start-1:j+1]), &out) != nil {
				return "", false
			}
			return out, true
		case c < 0x20:
			return "", false
		}
	}
	return "", false
}

// strArrayAppend reads an array of strings and nulls ("" for null) and
// appends them to out.
func (p *jsonScan) strArrayAppend(out []string) ([]string, bool) {
	if !p.next('[') {
		return nil, false
	}
	for first := true; ; first = false {
		if p.next(']') {
			return out, true
		}
		if !first && !p.next(',') {
			return nil, false
		}
		p.ws()
		if strings.HasPrefix(p.s[p.i:], "null") {
			p.i += 4
			out = append(out, "")
			continue
		}
		s, ok := p.str()
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
}

// skip passes over any JSON value.
func (p *jsonScan) skip(depth int) bool {
	if depth > 64 {
		return false
	}
	p.ws()
	if p.i >= len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '"':
		_, ok := p.str()
		return ok
	case c == '{' || c == '[':
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		p.i++
		for first := true; ; first = false {
			if p.next(end) {
				return true
			}
			if !first && !p.next(',') {
				return false
			}
			if c == '{' {
				if _, ok := p.str(); !ok || !p.next(':') {
					return false
				}
			}
			if !p.skip(depth + 1) {
				return false
			}
		}
	default:
		j := p.i
		for j < len(p.s) && strings.IndexByte(",]} \t\r\n", p.s[j]) < 0 {
			j++
		}
		if j == p.i {
			return false
		}
		lit := p.s[p.i:j]
		p.i = j
		if lit == "null" || lit == "true" || lit == "false" {
			return true
		}
		return json.Valid([]byte(lit)) // a JSON number
	}
}
