// Command gen writes the erddap-explore example's recorded responses under
// testdata: what an ERDDAP server answers to the three requests the example
// sends by default, in the exact layouts ERDDAP writes them, and
// testdata/responses.txt, the list of requests the example's offline server
// replays them for.
//
//	search-argo.json          /search/index.json?page=1&itemsPerPage=1000&searchFor=argo
//	info-ArgoFloats.json      /info/ArgoFloats/index.json
//	tabledap-ArgoFloats.nccsv /tabledap/ArgoFloats.nccsv?platform_number,...&orderBy("time,pres")
//
// The content is synthetic. The search hits are made up; the ArgoFloats
// metadata follows the variables, types and attribute names of the
// Ifremer server's ArgoFloats dataset, with time coverage, bounds and
// actual ranges computed from the mini GDAC (testdata/gdac at the module
// root); the tabledap rows are the levels of the mini GDAC's primary
// profiles that match the example's default constraints, raw values as the
// dataset serves them. Each body says it is synthetic (a summary, a global
// comment).
//
// Run it from the example's folder (go generate does):
//
//	go run ./internal/gen -gdac ../../testdata/gdac -out testdata
//
// The output is byte-identical from run to run; the test of this package
// checks that the committed files are what it writes.
package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/erddap"
)

func main() {
	gdac := flag.String("gdac", "../../testdata/gdac", "the mini GDAC")
	out := flag.String("out", "testdata", "output folder")
	flag.Parse()
	files, err := generate(*gdac)
	if err == nil {
		err = write(*out, files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// The example's default requests (flags -search, -dataset, -vars, -where,
// -orderby of main.go). The example's test fails if they drift apart: its
// offline run would then get no recorded answer.
const (
	searchText = "argo"
	datasetID  = "ArgoFloats"
	orderBy    = "time,pres"
)

var (
	resultVars             = []string{"platform_number", "cycle_number", "time", "latitude", "longitude", "pres", "temp", "psal"}
	west, east             = -8.0, -4.0
	south, north           = 45.0, 49.0
	start                  = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	end                    = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	presMax                = 50.0
	synthetic              = "Synthetic data written by examples/erddap-explore/internal/gen from the project's mini GDAC (testdata/gdac) in the layout of an ERDDAP response; not real Argo data."
	serverBase             = "http://localhost:8080/erddap" // the server the bodies' URLs name
	contentJSON            = "application/json;charset=UTF-8"
	contentNCCSV           = "text/csv;charset=ISO-8859-1"
	requestSearch          = "/erddap/search/index.json?page=1&itemsPerPage=1000&searchFor=" + searchText
	requestInfo            = "/erddap/info/" + datasetID + "/index.json"
	fileSearch, fileInfo   = "search-argo.json", "info-ArgoFloats.json"
	fileTable, fileReplies = "tabledap-ArgoFloats.nccsv", "responses.txt"
)

// query is the example's default subset query.
func query() *erddap.TableQuery {
	return erddap.NewTableQuery(datasetID).Select(resultVars...).
		Where("longitude", ">=", west).Where("longitude", "<=", east).
		Where("latitude", ">=", south).Where("latitude", "<=", north).
		Where("time", ">=", start).Where("time", "<", end).
		Where("pres", "<=", presMax).
		OrderBy(strings.Split(orderBy, ",")...)
}

// generate returns the files by name.
func generate(gdac string) (map[string][]byte, error) {
	profiles, err := readPrimaries(gdac)
	if err != nil {
		return nil, err
	}
	vars := argoVariables(profiles)
	c, err := erddap.NewClient(serverBase)
	if err != nil {
		return nil, err
	}
	tableURL := strings.TrimPrefix(c.TableURL(query(), erddap.TableFileType), "http://localhost:8080")
	if tableURL == "" || tableURL == c.TableURL(query(), erddap.TableFileType) {
		return nil, fmt.Errorf("bad table URL %q (%v)", tableURL, query().Err())
	}
	table, nrows := nccsv(profiles, vars)
	if nrows == 0 {
		return nil, fmt.Errorf("no level of %s matches the default query", gdac)
	}
	var replies strings.Builder
	replies.WriteString(`# Requests the erddap-explore example's offline server answers, one a line:
# file, HTTP status, Content-Type and request (path and query as the client
# sends them), separated by tabs. Written by internal/gen: do not edit.
`)
	for _, r := range [][4]string{
		{fileSearch, "200", contentJSON, requestSearch},
		{fileInfo, "200", contentJSON, requestInfo},
		{fileTable, "200", contentNCCSV, tableURL},
	} {
		replies.WriteString(strings.Join(r[:], "\t") + "\n")
	}
	return map[string][]byte{
		fileSearch:  searchJSON(),
		fileInfo:    infoJSON(vars),
		fileTable:   table,
		fileReplies: []byte(replies.String()),
		"README.md": []byte(readme),
	}, nil
}

const readme = `# Recorded responses of the erddap-explore example (synthetic)

The offline server of the example replays these files for the requests
listed in ` + "`responses.txt`" + ` (file, status, content type, request), and
answers anything else with an ERDDAP error: a 404 "Your query produced no
matching results" for another tabledap request, a 400 otherwise.

Everything here is **synthetic**, written by ` + "`internal/gen`" + `
(` + "`go generate ./examples/erddap-explore`" + `) in the layouts an ERDDAP server
writes (search and info tables in .json, a tabledap subset in .nccsv). The
search hits are made up; the ArgoFloats metadata imitates the variables
and attribute names of the Ifremer server's dataset, with coverage and
ranges computed from the mini GDAC (` + "`testdata/gdac`" + ` at the module
root); the tabledap rows are levels of the mini GDAC's primary profiles.
None of it is real Argo data, and the URLs inside the bodies name
` + "`http://localhost:8080/erddap`" + `, no real server. Do not edit by hand.
`

// readPrimaries reads the primary profile of every core profile file of
// the mini GDAC, sorted by float and cycle.
func readPrimaries(gdac string) ([]*argo.Profile, error) {
	paths, err := filepath.Glob(filepath.Join(gdac, "dac", "*", "*", "profiles", "*.nc"))
	if err != nil {
		return nil, err
	}
	var out []*argo.Profile
	for _, p := range paths {
		if b := filepath.Base(p); b[0] != 'R' && b[0] != 'D' {
			continue // B and S files: not in ArgoFloats
		}
		ps, err := argo.ReadProfiles(p)
		if err != nil {
			return nil, err
		}
		for _, pr := range ps {
			if pr.Primary() {
				out = append(out, pr)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no profile file under %s", gdac)
	}
	slices.SortFunc(out, func(a, b *argo.Profile) int {
		return cmp.Or(strings.Compare(a.Platform, b.Platform), cmp.Compare(a.Cycle, b.Cycle), cmp.Compare(a.Direction, b.Direction))
	})
	return out, nil
}

// attr is one attribute: its ERDDAP type and its values as text (numbers
// as ERDDAP writes them, without the NCCSV type suffix).
type attr struct {
	name, typ string
	values    []string
}

// variable is one variable of the dataset.
type variable struct {
	name, typ string
	attrs     []attr
}

func (v *variable) attr(a attr) { v.attrs = append(v.attrs, a) }

func str(name, value string) attr { return attr{name, "String", []string{value}} }

func num(name, typ string, values ...float64) attr {
	a := attr{name: name, typ: typ}
	for _, v := range values {
		a.values = append(a.values, javaNumber(v, typ))
	}
	return a
}

// javaNumber writes v as ERDDAP (Java's Float.toString and Double.toString)
// does: "12.5", "5.0", "1.6155493E9", "99999" for integer types.
func javaNumber(v float64, typ string) string {
	switch typ {
	case "byte", "short", "int", "long":
		return strconv.FormatInt(int64(v), 10)
	}
	bits := 64
	if typ == "float" {
		bits = 32
	}
	if math.IsNaN(v) {
		return "NaN"
	}
	if a := math.Abs(v); a == 0 || (a >= 1e-3 && a < 1e7) {
		s := strconv.FormatFloat(v, 'f', -1, bits)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(v, 'E', -1, bits) // 1.6155493E+09
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// series returns a function giving each primary profile's raw values of
// the parameter (nil when absent).
func raw(p *argo.Profile, name string) []float64 {
	if q := p.Param(name); q != nil {
		return q.Raw
	}
	return nil
}

// span returns the smallest and largest non-NaN values.
func span(values []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if !math.IsNaN(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return lo, hi
}

// argoVariables describes the variables of the synthetic ArgoFloats
// dataset, in the real dataset's order, with ranges from the profiles.
func argoVariables(ps []*argo.Profile) []*variable {
	var cycles, times, lats, lons []float64
	for _, p := range ps {
		cycles = append(cycles, float64(p.Cycle))
		times = append(times, float64(p.Time.Unix()))
		lats, lons = append(lats, p.Lat), append(lons, p.Lon)
	}
	levels := func(name string) []float64 {
		var out []float64
		for _, p := range ps {
			out = append(out, raw(p, name)...)
		}
		return out
	}
	rng := func(typ string, values []float64) attr {
		lo, hi := span(values)
		return num("actual_range", typ, lo, hi)
	}
	var vars []*variable
	add := func(name, typ, long string, more ...attr) {
		v := &variable{name: name, typ: typ}
		v.attr(str("long_name", long))
		for _, a := range more {
			v.attr(a)
		}
		vars = append(vars, v)
	}
	qc := func(name, long string) {
		add(name, "String", long, str("conventions", "Argo reference table 2"), str("ioos_category", "Quality"))
	}
	add("platform_number", "String", "Float unique identifier",
		str("cf_role", "trajectory_id"), str("conventions", "WMO float identifier : A9IIIII"), str("ioos_category", "Identifier"))
	add("cycle_number", "int", "Float cycle number", num("_FillValue", "int", 99999), rng("int", cycles),
		str("cf_role", "profile_id"), str("conventions", "0...N, 0 : launch cycle (if exists), 1 : first complete cycle"),
		str("ioos_category", "Statistics"))
	add("direction", "String", "Direction of the station profiles",
		str("conventions", "A: ascending profiles, D: descending profiles"), str("ioos_category", "Currents"))
	add("data_mode", "String", "Delayed mode or real time data",
		str("conventions", "R : real time; D : delayed mode; A : real time with adjustment"), str("ioos_category", "Time"))
	add("time", "double", "Julian day (UTC) of the station relative to REFERENCE_DATE_TIME",
		str("_CoordinateAxisType", "Time"), rng("double", times), str("axis", "T"), str("ioos_category", "Time"),
		str("standard_name", "time"), str("time_origin", "01-JAN-1970 00:00:00"), str("units", "seconds since 1970-01-01T00:00:00Z"))
	qc("time_qc", "Quality on date and time")
	add("latitude", "double", "Latitude of the station, best estimate",
		str("_CoordinateAxisType", "Lat"), num("_FillValue", "double", 99999), rng("double", lats), str("axis", "Y"),
		str("ioos_category", "Location"), str("standard_name", "latitude"), str("units", "degrees_north"),
		num("valid_max", "double", 90), num("valid_min", "double", -90))
	add("longitude", "double", "Longitude of the station, best estimate",
		str("_CoordinateAxisType", "Lon"), num("_FillValue", "double", 99999), rng("double", lons), str("axis", "X"),
		str("ioos_category", "Location"), str("standard_name", "longitude"), str("units", "degrees_east"),
		num("valid_max", "double", 180), num("valid_min", "double", -180))
	qc("position_qc", "Quality on position (latitude and longitude)")
	add("vertical_sampling_scheme", "String", "Vertical sampling scheme", str("conventions", "Argo reference table 16"))
	add("config_mission_number", "int", "Unique number denoting the missions performed by the float",
		num("_FillValue", "int", 99999), str("conventions", "1...N, 1 : first complete mission"), str("ioos_category", "Statistics"))
	for _, p := range []struct {
		name, long, units, std, cat, cformat string
		validMin, validMax                   float64
	}{
		{"pres", "Sea water pressure, equals 0 at sea-level", "decibar", "sea_water_pressure", "Sea Level", "%7.1f", 0, 12000},
		{"temp", "Sea temperature in-situ ITS-90 scale", "degree_Celsius", "sea_water_temperature", "Temperature", "%9.3f", -2.5, 40},
		{"psal", "Practical salinity", "PSU", "sea_water_practical_salinity", "Salinity", "%9.3f", 2, 41},
	} {
		values := levels(strings.ToUpper(p.name))
		more := []attr{num("_FillValue", "float", 99999), rng("float", values), str("C_format", p.cformat),
			str("ioos_category", p.cat), str("standard_name", p.std), str("units", p.units),
			num("valid_max", "float", p.validMax), num("valid_min", "float", p.validMin)}
		if p.name == "pres" {
			more = append(more, str("_CoordinateAxisType", "Height"), str("axis", "Z"))
		}
		add(p.name, "float", p.long, more...)
		qc(p.name+"_qc", "quality flag")
		add(p.name+"_adjusted", "float", p.long, num("_FillValue", "float", 99999), str("C_format", p.cformat),
			str("ioos_category", p.cat), str("standard_name", p.std), str("units", p.units))
		qc(p.name+"_adjusted_qc", "quality flag")
		errUnits := p.units
		if p.name == "psal" {
			errUnits = "psu" // sic, on the real server
		}
		add(p.name+"_adjusted_error", "float",
			"Contains the error on the adjusted values as determined by the delayed mode QC process",
			num("_FillValue", "float", 99999), str("C_format", p.cformat), str("ioos_category", p.cat), str("units", errUnits))
	}
	for _, v := range vars {
		sortAttrs(v.attrs)
	}
	return vars
}

// sortAttrs sorts attributes as ERDDAP lists them: by name, ignoring case.
func sortAttrs(as []attr) {
	sort.SliceStable(as, func(i, j int) bool { return strings.ToLower(as[i].name) < strings.ToLower(as[j].name) })
}

// globals returns the dataset's global attributes, sorted.
func globals(vars []*variable) []attr {
	byName := map[string]*variable{}
	for _, v := range vars {
		byName[v.name] = v
	}
	rangeOf := func(name string) (string, string) {
		for _, a := range byName[name].attrs {
			if a.name == "actual_range" {
				return a.values[0], a.values[1]
			}
		}
		panic("no actual_range for " + name)
	}
	iso := func(s string) string {
		f, _ := strconv.ParseFloat(s, 64)
		return time.Unix(int64(f), 0).UTC().Format("2006-01-02T15:04:05Z")
	}
	lonMin, lonMax := rangeOf("longitude")
	latMin, latMax := rangeOf("latitude")
	tMin, tMax := rangeOf("time")
	d := func(s string) []string { return []string{s} }
	as := []attr{
		str("cdm_altitude_proxy", "pres"),
		str("cdm_data_type", "TrajectoryProfile"),
		str("cdm_profile_variables", "cycle_number, direction, data_mode, time, time_qc, latitude, longitude, position_qc, vertical_sampling_scheme, config_mission_number"),
		str("cdm_trajectory_variables", "platform_number"),
		str("comment", synthetic),
		str("Conventions", "Argo-3.1, CF-1.6, COARDS, ACDD-1.3"),
		str("creator_name", "insitu-go test data generator"),
		{"Easternmost_Easting", "double", d(lonMax)},
		str("featureType", "TrajectoryProfile"),
		{"geospatial_lat_max", "double", d(latMax)},
		{"geospatial_lat_min", "double", d(latMin)},
		str("geospatial_lat_units", "degrees_north"),
		{"geospatial_lon_max", "double", d(lonMax)},
		{"geospatial_lon_min", "double", d(lonMin)},
		str("geospatial_lon_units", "degrees_east"),
		str("infoUrl", "https://argo.ucsd.edu/"),
		str("institution", "Argo"),
		str("keywords", "argo, float, profile, pressure, salinity, sea_water_practical_salinity, sea_water_pressure, sea_water_temperature, synthetic, temperature"),
		str("license", "Synthetic test data of the insitu-go project, under the project's licence."),
		{"Northernmost_Northing", "double", d(latMax)},
		str("source", "Argo float (synthetic)"),
		str("sourceUrl", "(local files)"),
		{"Southernmost_Northing", "double", d(latMin)},
		str("standard_name_vocabulary", "CF Standard Name Table v29"),
		str("summary", "Argo float vertical profiles (synthetic): pressure, temperature and salinity\n"+
			"of the primary profiles of the insitu-go project's mini GDAC, six made-up\n"+
			"floats in the Iroise Sea, the Bay of Biscay, the equatorial Atlantic, the\n"+
			"South Pacific and the Indian Ocean.\n"+synthetic),
		str("time_coverage_end", iso(tMax)),
		str("time_coverage_start", iso(tMin)),
		str("title", "Argo Float Measurements (synthetic)"),
		str("user_manual_version", "3.1"),
		{"Westernmost_Easting", "double", d(lonMin)},
	}
	sortAttrs(as)
	return as
}

// jsonTable writes a .json table the way ERDDAP lays it out: one row of
// strings per line.
func jsonTable(names []string, rows [][]string) []byte {
	enc := func(v any) string {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		if err := e.Encode(v); err != nil {
			panic(err)
		}
		return strings.ReplaceAll(strings.TrimSpace(b.String()), `","`, `", "`)
	}
	types := make([]string, len(names))
	for i := range types {
		types[i] = "String"
	}
	var b strings.Builder
	b.WriteString("{\n  \"table\": {\n")
	b.WriteString("    \"columnNames\": " + enc(names) + ",\n")
	b.WriteString("    \"columnTypes\": " + enc(types) + ",\n")
	b.WriteString("    \"rows\": [\n")
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			cells[j] = enc(c)
		}
		b.WriteString("      [" + strings.Join(cells, ", ") + "]")
		if i < len(rows)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("    ]\n  }\n}\n")
	return []byte(b.String())
}

// searchJSON is the answer to the full-text search for "argo": made-up
// datasets, each with the cells ERDDAP fills in.
func searchJSON() []byte {
	names := []string{"griddap", "Subset", "tabledap", "Make A Graph", "wms", "files", "Accessible", "Title", "Summary",
		"FGDC", "ISO 19115", "Info", "Background Info", "RSS", "Email", "Institution", "Dataset ID"}
	hits := []struct{ id, protocol, title, summary, institution string }{
		{"ArgoFloats", "tabledap", "Argo Float Measurements (synthetic)",
			"Argo float vertical profiles (synthetic): pressure, temperature and salinity.", "Argo"},
		{"ArgoFloats-synthetic-BGC", "tabledap", "Argo float synthetic BGC profiles (synthetic)",
			"Argo biogeochemical profiles merged on the core levels (synthetic): oxygen, nitrate, chlorophyll.", "Argo"},
		{"ArgoFloats-reference", "tabledap", "Argo reference CTD profiles (synthetic)",
			"Ship CTD profiles used as a reference by the Argo delayed-mode salinity checks (synthetic).", "Argo"},
		{"ArgoFloats-index", "tabledap", "Argo profile index of the GDAC (synthetic)",
			"One row per Argo profile file: date, position, ocean, profiler type and institution (synthetic).", "Argo"},
		{"IroiseArgoSST", "griddap", "Iroise Sea near-surface temperature gridded from Argo floats (synthetic)",
			"Daily near-surface temperature of the Iroise Sea interpolated from Argo profiles (synthetic).", "Ifremer"},
	}
	var rows [][]string
	for _, h := range hits {
		u := serverBase + "/" + h.protocol + "/" + h.id
		r := map[string]string{
			"Accessible": "public", "Title": h.title, "Institution": h.institution, "Dataset ID": h.id,
			"Summary":         h.summary + "\n\n" + synthetic + "\n",
			h.protocol:        u,
			"Make A Graph":    u + ".graph",
			"Info":            serverBase + "/info/" + h.id + "/index.json",
			"Background Info": "https://argo.ucsd.edu/",
			"RSS":             serverBase + "/rss/" + h.id + ".rss",
		}
		if h.protocol == "tabledap" {
			r["Subset"] = u + ".subset"
		} else {
			r["wms"] = serverBase + "/wms/" + h.id + "/request"
		}
		row := make([]string, len(names))
		for i, n := range names {
			row[i] = r[n]
		}
		rows = append(rows, row)
	}
	return jsonTable(names, rows)
}

// infoJSON is the answer to /info/ArgoFloats/index.json.
func infoJSON(vars []*variable) []byte {
	var rows [][]string
	for _, a := range globals(vars) {
		rows = append(rows, []string{"attribute", "NC_GLOBAL", a.name, a.typ, strings.Join(a.values, ", ")})
	}
	for _, v := range vars {
		rows = append(rows, []string{"variable", v.name, "", v.typ, ""})
		for _, a := range v.attrs {
			rows = append(rows, []string{"attribute", v.name, a.name, a.typ, strings.Join(a.values, ", ")})
		}
	}
	return jsonTable([]string{"Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"}, rows)
}

// nccsvSuffix is the NCCSV type suffix of numeric attribute values.
var nccsvSuffix = map[string]string{"byte": "b", "short": "s", "int": "i", "long": "L", "float": "f", "double": "d"}

// nccsvString writes a string attribute value as NCCSV does: special
// characters backslash-encoded, quoted when it holds a comma or a quote, has
// surrounding spaces, or would read as a number.
func nccsvString(s string) string {
	_, numErr := strconv.ParseFloat(s, 64)
	return nccsvValue(s, numErr == nil)
}

// nccsvValue writes a string value, quoted when it holds a comma or a
// quote, has surrounding spaces, or quote is true. Data values need no
// quotes to be told from numbers: their column's type is declared.
func nccsvValue(s string, quote bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '"':
			b.WriteString(`""`)
		case r < 0x20 || r > 0x7e:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if quote || strings.ContainsAny(s, ",\"") || strings.TrimSpace(s) != s {
		return `"` + out + `"`
	}
	return out
}

func nccsvAttr(owner string, a attr) string {
	if a.typ == "String" {
		return owner + "," + a.name + "," + nccsvString(a.values[0]) + "\n"
	}
	vs := make([]string, len(a.values))
	for i, v := range a.values {
		vs[i] = v + nccsvSuffix[a.typ]
	}
	return owner + "," + a.name + "," + strings.Join(vs, ",") + "\n"
}

// level is one row of the subset.
type level struct {
	p *argo.Profile
	k int
}

// nccsv returns the .nccsv answer to the default query and its row count:
// the levels matching the constraints, sorted by time then pressure.
func nccsv(ps []*argo.Profile, vars []*variable) ([]byte, int) {
	var rows []level
	for _, p := range ps {
		if !(p.Lon >= west && p.Lon <= east && p.Lat >= south && p.Lat <= north && !p.Time.Before(start) && p.Time.Before(end)) {
			continue
		}
		for k, pres := range raw(p, "PRES") {
			if pres <= presMax { // NaN fails, as on the server
				rows = append(rows, level{p, k})
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b level) int {
		return cmp.Or(a.p.Time.Compare(b.p.Time), cmp.Compare(raw(a.p, "PRES")[a.k], raw(b.p, "PRES")[b.k]))
	})

	var b strings.Builder
	gs := globals(vars)
	for _, a := range gs { // Conventions first, with NCCSV's version
		if a.name == "Conventions" {
			b.WriteString(nccsvAttr("*GLOBAL*", str("Conventions", a.values[0]+", NCCSV-1.2")))
		}
	}
	for _, a := range gs {
		if a.name != "Conventions" {
			b.WriteString(nccsvAttr("*GLOBAL*", a))
		}
	}
	byName := map[string]*variable{}
	for _, v := range vars {
		byName[v.name] = v
	}
	for _, name := range resultVars {
		v := byName[name]
		if name == "time" { // NCCSV writes times as ISO 8601 strings
			b.WriteString("time,*DATA_TYPE*,String\n")
			for _, a := range v.attrs {
				switch a.name {
				case "actual_range":
				case "units":
					b.WriteString(nccsvAttr(name, str("units", "yyyy-MM-dd'T'HH:mm:ssZ")))
				default:
					b.WriteString(nccsvAttr(name, a))
				}
			}
			continue
		}
		b.WriteString(name + ",*DATA_TYPE*," + v.typ + "\n")
		for _, a := range v.attrs {
			if a.name != "actual_range" { // the dataset's, not the subset's
				b.WriteString(nccsvAttr(name, a))
			}
		}
	}
	b.WriteString("\n*END_METADATA*\n")
	b.WriteString(strings.Join(resultVars, ",") + "\n")
	for _, r := range rows {
		cells := make([]string, len(resultVars))
		for i, name := range resultVars {
			switch name {
			case "platform_number":
				cells[i] = nccsvValue(r.p.Platform, false)
			case "cycle_number":
				cells[i] = strconv.Itoa(r.p.Cycle)
			case "time":
				cells[i] = r.p.Time.UTC().Format("2006-01-02T15:04:05Z")
			case "latitude":
				cells[i] = javaNumber(r.p.Lat, "double")
			case "longitude":
				cells[i] = javaNumber(r.p.Lon, "double")
			default:
				x := raw(r.p, strings.ToUpper(name))
				v := math.NaN()
				if r.k < len(x) {
					v = x[r.k]
				}
				cells[i] = javaNumber(v, "float")
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	b.WriteString("*END_DATA*\n")
	return []byte(b.String()), len(rows)
}
