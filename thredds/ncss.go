package thredds

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// NCSSQuery builds a NetCDF Subset Service request (TDS NcssParamsBean,
// NcssGridParamsBean and NcssPointParamsBean). Methods return the query so
// calls chain; a later call to a single-valued setter replaces the earlier
// value. The zero value is an empty query.
type NCSSQuery struct {
	params []param
}

type param struct{ key, value string }

// NewNCSSQuery returns an empty query.
func NewNCSSQuery() *NCSSQuery { return &NCSSQuery{} }

// Set sets a parameter, replacing every earlier value of key.
func (q *NCSSQuery) Set(key, value string) *NCSSQuery {
	q.Del(key)
	q.params = append(q.params, param{key, value})
	return q
}

// Add adds a parameter value, keeping earlier ones (repeated keys).
func (q *NCSSQuery) Add(key, value string) *NCSSQuery {
	q.params = append(q.params, param{key, value})
	return q
}

// Del removes every value of key.
func (q *NCSSQuery) Del(key string) *NCSSQuery {
	out := q.params[:0]
	for _, p := range q.params {
		if p.key != key {
			out = append(out, p)
		}
	}
	q.params = out
	return q
}

// Get returns the values of key.
func (q *NCSSQuery) Get(key string) []string {
	var out []string
	for _, p := range q.params {
		if p.key == key {
			out = append(out, p.value)
		}
	}
	return out
}

// Var adds variables to the request (var=a&var=b). Names are
// case-sensitive; "all" asks for every variable. A grid request's variables
// must share their vertical levels.
func (q *NCSSQuery) Var(names ...string) *NCSSQuery {
	for _, n := range names {
		q.Add("var", n)
	}
	return q
}

// BBox asks for a latitude/longitude box (north, south, east, west
// parameters, degrees). west > east crosses the antimeridian; east may also
// exceed 180. Point and lat/lon requests replace it.
func (q *NCSSQuery) BBox(west, south, east, north float64) *NCSSQuery {
	q.Del("latitude").Del("longitude")
	return q.Set("north", ftoa(north)).Set("south", ftoa(south)).Set("east", ftoa(east)).Set("west", ftoa(west))
}

// ProjectionBox asks for a box in projection coordinates (km) of a
// projected grid (minx, miny, maxx, maxy).
func (q *NCSSQuery) ProjectionBox(minx, miny, maxx, maxy float64) *NCSSQuery {
	return q.Set("minx", ftoa(minx)).Set("miny", ftoa(miny)).Set("maxx", ftoa(maxx)).Set("maxy", ftoa(maxy))
}

// LonLatPoint asks for the values at one point (latitude, longitude): a
// grid-as-point request on a grid, the nearest station on a station
// dataset. Other horizontal parameters are dropped.
func (q *NCSSQuery) LonLatPoint(lon, lat float64) *NCSSQuery {
	for _, k := range []string{"north", "south", "east", "west", "stns"} {
		q.Del(k)
	}
	return q.Set("latitude", ftoa(lat)).Set("longitude", ftoa(lon))
}

// Stations asks for the given station IDs (stns=A,B,C) of a station dataset.
func (q *NCSSQuery) Stations(ids ...string) *NCSSQuery {
	return q.Set("stns", strings.Join(ids, ","))
}

// Time asks for the time nearest to t.
func (q *NCSSQuery) Time(t time.Time) *NCSSQuery {
	q.clearTime()
	return q.Set("time", formatTime(t))
}

// TimePresent asks for the time nearest to now (time=present).
func (q *NCSSQuery) TimePresent() *NCSSQuery {
	q.clearTime()
	return q.Set("time", "present")
}

// AllTimes asks for every time (temporal=all).
func (q *NCSSQuery) AllTimes() *NCSSQuery {
	q.clearTime()
	return q.Set("temporal", "all")
}

// TimeRange asks for the times in [start, end] (time_start, time_end).
func (q *NCSSQuery) TimeRange(start, end time.Time) *NCSSQuery {
	q.clearTime()
	return q.Set("time_start", formatTime(start)).Set("time_end", formatTime(end))
}

// TimeStart sets time_start alone; combine it with TimeEnd or Duration.
func (q *NCSSQuery) TimeStart(t time.Time) *NCSSQuery {
	q.Del("time").Del("temporal")
	return q.Set("time_start", formatTime(t))
}

// TimeEnd sets time_end alone; combine it with TimeStart or Duration.
func (q *NCSSQuery) TimeEnd(t time.Time) *NCSSQuery {
	q.Del("time").Del("temporal")
	return q.Set("time_end", formatTime(t))
}

// TimeEndPresent sets time_end=present, for "the last <duration>" requests.
func (q *NCSSQuery) TimeEndPresent() *NCSSQuery {
	q.Del("time").Del("temporal")
	return q.Set("time_end", "present")
}

// Duration sets time_duration: a W3C duration ("P3D", "PT3H") or a
// udunits one ("3 days"). Two of time_start, time_end and time_duration
// define the range.
func (q *NCSSQuery) Duration(d string) *NCSSQuery {
	q.Del("time").Del("temporal")
	return q.Set("time_duration", d)
}

// TimeWindow sets time_window, the tolerance of a point request's time
// match (the server default is one hour).
func (q *NCSSQuery) TimeWindow(d string) *NCSSQuery { return q.Set("time_window", d) }

func (q *NCSSQuery) clearTime() {
	for _, k := range []string{"time", "temporal", "time_start", "time_end", "time_duration"} {
		q.Del(k)
	}
}

// VertCoord asks for the vertical level nearest to z, in the dataset's
// vertical units.
func (q *NCSSQuery) VertCoord(z float64) *NCSSQuery { return q.Set("vertCoord", ftoa(z)) }

// Strides sets timeStride and horizStride (a grid request); values below 2
// are left to the server default of 1.
func (q *NCSSQuery) Strides(time, horiz int) *NCSSQuery {
	q.Del("timeStride").Del("horizStride")
	if time > 1 {
		q.Set("timeStride", strconv.Itoa(time))
	}
	if horiz > 1 {
		q.Set("horizStride", strconv.Itoa(horiz))
	}
	return q
}

// AddLatLon asks for 2-D latitude and longitude variables in a projected
// grid's output (addLatLon=true).
func (q *NCSSQuery) AddLatLon() *NCSSQuery { return q.Set("addLatLon", "true") }

// Accept sets the output format: netcdf, netcdf4, netcdf4ext (grid); csv,
// xml, netcdf, netcdf4, waterml2 (point and grid-as-point).
func (q *NCSSQuery) Accept(format string) *NCSSQuery { return q.Set("accept", format) }

// Encode returns the query string, parameters in the order they were set.
func (q *NCSSQuery) Encode() string {
	var b strings.Builder
	for i, p := range q.params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
	}
	return b.String()
}

// URL returns the request URL for an NCSS endpoint. The endpoint may be a
// dataset's NCSS access URL as the catalog gives it: a "/dataset.html" or
// "/dataset.xml" suffix (NCEI) is removed.
func (q *NCSSQuery) URL(endpoint string) string {
	e := ncssEndpoint(strings.TrimSpace(endpoint))
	if len(q.params) == 0 {
		return e
	}
	return e + "?" + q.Encode()
}

// Validate checks the query against a dataset description: every variable
// must exist (unless it is "all"), and the output format must be one the
// dataset accepts when its AcceptList is known.
func (q *NCSSQuery) Validate(ds *NCSSDataset) error {
	names := map[string]bool{}
	for _, n := range ds.VariableNames() {
		names[n] = true
	}
	var missing []string
	for _, v := range q.Get("var") {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" && n != "all" && !names[n] {
				missing = append(missing, n)
			}
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("thredds: NCSS query: no variable %s in %s", strings.Join(missing, ", "), ds.Location)
	}
	if acc := q.Get("accept"); len(acc) > 0 && len(ds.Accept) > 0 && !ds.Accepts(acc[0]) {
		return fmt.Errorf("thredds: NCSS query: %s does not accept %q", ds.Location, acc[0])
	}
	return nil
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// NCSSDataset is an NCSS dataset description (dataset.xml): the grid
// layout (<gridDataset>) or the point layout (<capabilities>).
type NCSSDataset struct {
	Location    string
	Kind        string // "grid" or "point"
	FeatureType string // point layout: the featureDataset type (point, station, ...)
	FeatureURL  string // point layout: the featureDataset url

	Axes      []NCSSAxis
	GridSets  []NCSSGridSet
	Variables []NCSSVariable // point variables, or every grid of every grid set
	LatLonBox *LatLonBox
	TimeSpan  TimeSpan
	Accept    []NCSSAccept
}

// NCSSAxis is a coordinate axis of a grid dataset.
type NCSSAxis struct {
	Name, Type, AxisType string
	Shape                []int
	Attrs                []NCSSAttr
	Values               NCSSAxisValues
}

// NCSSAxisValues describes an axis' coordinate values.
type NCSSAxisValues struct {
	Spacing                string // regularPoint, regularInterval, contiguousInterval, discontiguousInterval, irregularPoint
	N                      int
	Start, End, Resolution float64 // NaN when absent
	Listed                 []float64
}

// Points returns the coordinate values: the listed ones, or N regular
// values from Start by Resolution.
func (v NCSSAxisValues) Points() []float64 {
	if len(v.Listed) > 0 {
		return v.Listed
	}
	if v.N <= 0 || v.N > 1<<22 || math.IsNaN(v.Start) {
		return nil
	}
	if v.N == 1 {
		return []float64{v.Start}
	}
	res := v.Resolution
	if math.IsNaN(res) {
		if math.IsNaN(v.End) {
			return nil
		}
		res = (v.End - v.Start) / float64(v.N-1)
	}
	out := make([]float64, v.N)
	for i := range out {
		out[i] = v.Start + float64(i)*res
	}
	return out
}

// NCSSGridSet is a set of grids sharing coordinates.
type NCSSGridSet struct {
	Name          string // the coordinate names, space separated
	ProjectionBox *ProjectionBox
	Grids         []NCSSVariable
}

// NCSSVariable is a grid or a point variable.
type NCSSVariable struct {
	Name, Desc, Type string
	Shape            string // grids: the dimension names
	Attrs            []NCSSAttr
}

// Attr returns the value of the variable's attribute name.
func (v NCSSVariable) Attr(name string) (string, bool) {
	for _, a := range v.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// NCSSAttr is an attribute of an axis or variable (values as written).
type NCSSAttr struct {
	Name, Type, Value string
}

// ProjectionBox is a grid set's extent in projection coordinates.
type ProjectionBox struct{ MinX, MinY, MaxX, MaxY float64 }

// LatLonBox is a dataset's horizontal extent in degrees.
type LatLonBox struct{ West, East, South, North float64 }

// TimeSpan is a dataset's time extent; zero times when absent.
type TimeSpan struct{ Begin, End time.Time }

// NCSSAccept is an output format a dataset accepts. Group is "" for a flat
// list, or the section of a grouped list (GridAsPoint, Grid).
type NCSSAccept struct {
	Format, DisplayName, Group string
}

// VariableNames returns the names of the dataset's variables (grids or
// point variables), in document order.
func (d *NCSSDataset) VariableNames() []string {
	out := make([]string, len(d.Variables))
	for i, v := range d.Variables {
		out[i] = v.Name
	}
	return out
}

// Variable returns the named variable.
func (d *NCSSDataset) Variable(name string) (NCSSVariable, bool) {
	for _, v := range d.Variables {
		if v.Name == name {
			return v, true
		}
	}
	return NCSSVariable{}, false
}

// Axis returns the named axis.
func (d *NCSSDataset) Axis(name string) (NCSSAxis, bool) {
	for _, a := range d.Axes {
		if a.Name == name {
			return a, true
		}
	}
	return NCSSAxis{}, false
}

// Accepts reports whether the dataset lists format (compared ignoring case
// with the formats and their display names; netcdf3 and netcdf are the
// same).
func (d *NCSSDataset) Accepts(format string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		switch s {
		case "netcdf3":
			return "netcdf"
		case "netcdf4-classic":
			return "netcdf4"
		}
		return s
	}
	f := norm(format)
	for _, a := range d.Accept {
		if norm(a.Format) == f || norm(a.DisplayName) == f {
			return true
		}
	}
	return false
}

type xmlAttr struct {
	Name  string `xml:"name,attr"`
	Type  string `xml:"type,attr"`
	Value string `xml:"value,attr"`
}

type xmlVar struct {
	Name  string    `xml:"name,attr"`
	Desc  string    `xml:"desc,attr"`
	Type  string    `xml:"type,attr"`
	Shape string    `xml:"shape,attr"`
	Attrs []xmlAttr `xml:"attribute"`
}

type xmlAccept struct {
	Display string `xml:"displayName,attr"`
	Value   string `xml:",chardata"`
}

type xmlNCSS struct {
	XMLName  xml.Name
	Location string `xml:"location,attr"`
	Feature  struct {
		Type string `xml:"type,attr"`
		URL  string `xml:"url,attr"`
	} `xml:"featureDataset"`
	Axes []struct {
		Name     string    `xml:"name,attr"`
		Shape    string    `xml:"shape,attr"`
		Type     string    `xml:"type,attr"`
		AxisType string    `xml:"axisType,attr"`
		Attrs    []xmlAttr `xml:"attribute"`
		Values   struct {
			Spacing    string `xml:"spacing,attr"`
			NPts       string `xml:"npts,attr"`
			Start      string `xml:"start,attr"`
			End        string `xml:"end,attr"`
			Resolution string `xml:"resolution,attr"`
			Text       string `xml:",chardata"`
		} `xml:"values"`
	} `xml:"axis"`
	GridSets []struct {
		Name string `xml:"name,attr"`
		Box  *struct {
			MinX string `xml:"minx"`
			MaxX string `xml:"maxx"`
			MinY string `xml:"miny"`
			MaxY string `xml:"maxy"`
		} `xml:"projectionBox"`
		Grids []xmlVar `xml:"grid"`
	} `xml:"gridSet"`
	Variables []xmlVar `xml:"variable"`
	LatLonBox *struct {
		West  string `xml:"west"`
		East  string `xml:"east"`
		South string `xml:"south"`
		North string `xml:"north"`
	} `xml:"LatLonBox"`
	TimeSpan struct {
		Begin string `xml:"begin"`
		End   string `xml:"end"`
	} `xml:"TimeSpan"`
	AcceptList struct {
		Accept      []xmlAccept `xml:"accept"`
		GridAsPoint []xmlAccept `xml:"GridAsPoint>accept"`
		Grid        []xmlAccept `xml:"Grid>accept"`
		Point       []xmlAccept `xml:"Point>accept"`
		Station     []xmlAccept `xml:"Station>accept"`
	} `xml:"AcceptList"`
}

// ParseNCSSDataset parses an NCSS dataset description: the grid layout
// (<gridDataset>, TDS 4 and 5) or the point layout (<capabilities>).
func ParseNCSSDataset(data []byte) (*NCSSDataset, error) {
	utf, err := toUTF8(data)
	if err != nil {
		return nil, fmt.Errorf("thredds: NCSS dataset description: %w", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(utf))
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // already UTF-8
	var x xmlNCSS
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("thredds: NCSS dataset description: %w", err)
	}
	d := &NCSSDataset{Location: x.Location, FeatureType: x.Feature.Type, FeatureURL: x.Feature.URL}
	switch x.XMLName.Local {
	case "gridDataset":
		d.Kind = "grid"
	case "capabilities":
		d.Kind = "point"
	default:
		return nil, fmt.Errorf("thredds: NCSS dataset description: unexpected root <%s>", x.XMLName.Local)
	}
	for _, a := range x.Axes {
		ax := NCSSAxis{Name: a.Name, Type: a.Type, AxisType: a.AxisType, Shape: parseShape(a.Shape), Attrs: attrs(a.Attrs)}
		v := a.Values
		ax.Values = NCSSAxisValues{Spacing: v.Spacing, Start: parseNum(v.Start), End: parseNum(v.End), Resolution: parseNum(v.Resolution)}
		ax.Values.N, _ = strconv.Atoi(strings.TrimSpace(v.NPts))
		for _, f := range strings.Fields(v.Text) {
			if x, err := strconv.ParseFloat(f, 64); err == nil {
				ax.Values.Listed = append(ax.Values.Listed, x)
			}
		}
		if ax.Values.N == 0 {
			ax.Values.N = len(ax.Values.Listed)
		}
		if math.IsNaN(ax.Values.Start) && len(ax.Values.Listed) > 0 {
			ax.Values.Start, ax.Values.End = ax.Values.Listed[0], ax.Values.Listed[len(ax.Values.Listed)-1]
		}
		d.Axes = append(d.Axes, ax)
	}
	for _, g := range x.GridSets {
		gs := NCSSGridSet{Name: g.Name}
		if g.Box != nil {
			gs.ProjectionBox = &ProjectionBox{MinX: parseNum(g.Box.MinX), MinY: parseNum(g.Box.MinY), MaxX: parseNum(g.Box.MaxX), MaxY: parseNum(g.Box.MaxY)}
		}
		for _, v := range g.Grids {
			nv := NCSSVariable{Name: v.Name, Desc: v.Desc, Type: v.Type, Shape: v.Shape, Attrs: attrs(v.Attrs)}
			gs.Grids = append(gs.Grids, nv)
			d.Variables = append(d.Variables, nv)
		}
		d.GridSets = append(d.GridSets, gs)
	}
	for _, v := range x.Variables {
		d.Variables = append(d.Variables, NCSSVariable{Name: v.Name, Desc: v.Desc, Type: v.Type, Shape: v.Shape, Attrs: attrs(v.Attrs)})
	}
	if b := x.LatLonBox; b != nil {
		d.LatLonBox = &LatLonBox{West: parseNum(b.West), East: parseNum(b.East), South: parseNum(b.South), North: parseNum(b.North)}
	}
	d.TimeSpan.Begin, _ = ParseTime(x.TimeSpan.Begin)
	d.TimeSpan.End, _ = ParseTime(x.TimeSpan.End)
	add := func(group string, list []xmlAccept) {
		for _, a := range list {
			d.Accept = append(d.Accept, NCSSAccept{Format: strings.TrimSpace(a.Value), DisplayName: a.Display, Group: group})
		}
	}
	add("", x.AcceptList.Accept)
	add("GridAsPoint", x.AcceptList.GridAsPoint)
	add("Grid", x.AcceptList.Grid)
	add("Point", x.AcceptList.Point)
	add("Station", x.AcceptList.Station)
	return d, nil
}

func attrs(in []xmlAttr) []NCSSAttr {
	if len(in) == 0 {
		return nil
	}
	out := make([]NCSSAttr, len(in))
	for i, a := range in {
		out[i] = NCSSAttr(a)
	}
	return out
}

func parseNum(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// parseShape reads "[337]", "[2, 3]", "337" or "" into dimension lengths.
func parseShape(s string) []int {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '[' || r == ']' || r == ',' || r == ' ' })
	var out []int
	for _, x := range f {
		if n, err := strconv.Atoi(x); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// NCSSDataset reads and parses the dataset description (dataset.xml) of an
// NCSS endpoint (the endpoint as [Dataset.NCSSEndpoint] gives it, or an
// access URL with its "/dataset.html" suffix).
func (c *Client) NCSSDataset(ctx context.Context, endpoint string) (*NCSSDataset, error) {
	resp, err := c.get(ctx, ncssEndpoint(endpoint)+"/dataset.xml", acceptXML, c.maxCatalog)
	if err != nil {
		return nil, err
	}
	return ParseNCSSDataset(resp.Body)
}

// NCSSResponse is the answer to an NCSS data request, held in memory.
type NCSSResponse struct {
	URL         string
	ContentType string
	Body        []byte
}

// NCSS formats, as [NCSSResponse.Format] reports them.
const (
	FormatCSV      = "csv"
	FormatXML      = "xml"
	FormatNetCDF   = "netcdf"
	FormatNetCDF4  = "netcdf4"
	FormatWaterML2 = "waterml2"
)

// Format reports the response's format from its content type and first
// bytes: csv, xml, waterml2, netcdf or netcdf4 ("" when unknown).
func (r *NCSSResponse) Format() string {
	b := r.Body
	switch {
	case bytes.HasPrefix(b, []byte("CDF")):
		return FormatNetCDF
	case bytes.HasPrefix(b, []byte("\x89HDF")):
		return FormatNetCDF4
	}
	ct := strings.ToLower(r.ContentType)
	trim := bytes.TrimLeft(b, " \t\r\n\ufeff")
	switch {
	case strings.Contains(ct, "netcdf4"):
		return FormatNetCDF4
	case strings.Contains(ct, "netcdf"):
		return FormatNetCDF
	case bytes.HasPrefix(trim, []byte("<")):
		if bytes.Contains(b[:min(len(b), 4096)], []byte("waterml")) {
			return FormatWaterML2
		}
		return FormatXML
	case strings.Contains(ct, "csv"), strings.Contains(ct, "text/plain"), len(trim) > 0:
		return FormatCSV
	}
	return ""
}

// Table decodes a CSV or XML (grid-as-point, point or station) response
// into a table. WaterML 2 and netCDF responses give an error: open the
// latter with [NCSSResponse.Open].
func (r *NCSSResponse) Table() (*Table, error) {
	switch f := r.Format(); f {
	case FormatCSV:
		return DecodeCSV(bytes.NewReader(r.Body))
	case FormatXML:
		return DecodeXMLTable(bytes.NewReader(r.Body))
	default:
		return nil, fmt.Errorf("thredds: %s: an NCSS %q response is not a table", r.URL, f)
	}
}

// Open opens a netCDF response from memory: netCDF-3 (accept=netcdf) is
// decoded in pure Go; netCDF-4 (accept=netcdf4) needs libnetcdf, and gives an
// error wrapping nc.ErrNoNetCDF in a build without cgo.
func (r *NCSSResponse) Open() (*Data, error) {
	return OpenBytes(r.URL, r.Body)
}

// NCSS sends a data request to an NCSS endpoint and returns the response
// held in memory (at most the client's WithMaxResponseSize). Server errors
// give an *[HTTPError] with the server's message (NCSS answers 400 with a
// one-line reason; "too large" maps to [ErrRequestTooLarge]).
func (c *Client) NCSS(ctx context.Context, endpoint string, q *NCSSQuery) (*NCSSResponse, error) {
	if q == nil {
		q = &NCSSQuery{}
	}
	resp, err := c.get(ctx, q.URL(endpoint), "", c.maxBody)
	if err != nil {
		return nil, err
	}
	return &NCSSResponse{URL: resp.URL, ContentType: resp.ContentType, Body: resp.Body}, nil
}

// NCSSTo sends a data request and streams the response body to w, for
// responses too large to hold in memory. It returns the response's content
// type and the number of bytes written.
func (c *Client) NCSSTo(ctx context.Context, endpoint string, q *NCSSQuery, w io.Writer) (contentType string, n int64, err error) {
	if q == nil {
		q = &NCSSQuery{}
	}
	u := q.URL(endpoint)
	resp, err := c.open(ctx, u, http.Header{})
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	n, err = io.Copy(w, resp.Body)
	if err != nil {
		return resp.Header.Get("Content-Type"), n, fmt.Errorf("thredds: GET %s: %w", u, err)
	}
	return resp.Header.Get("Content-Type"), n, nil
}
