package erddap

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// searchTable decodes a recorded search CSV (one header line, no units line).
func searchTable(t *testing.T, rel string) *Table {
	t.Helper()
	tb, err := DecodeTable(bytes.NewReader(realBody(t, rel)), ".csvp")
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// jsonTable writes rows of a table as an ERDDAP .json body (all String, no
// columnUnits, as search and info JSON are).
func jsonTable(names []string, rows [][]string) []byte {
	types := make([]string, len(names))
	for i := range types {
		types[i] = "String"
	}
	if rows == nil {
		rows = [][]string{}
	}
	b, _ := json.Marshal(map[string]any{"table": map[string]any{"columnNames": names, "columnTypes": types, "rows": rows}})
	return b
}

func TestDatasetsFromRecordedSearch(t *testing.T) {
	ds, err := datasetsFromTable(searchTable(t, "ioos__erddapy/search__coastwatch-pfeg__glider.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 9 {
		t.Fatalf("%d datasets, want 9", len(ds))
	}
	want := Dataset{
		ID: "scrippsGliders", Institution: "Scripps Institution of Oceanography", Protocol: "tabledap", Accessible: "public",
		TableDAP: "https://coastwatch.pfeg.noaa.gov/erddap/tabledap/scrippsGliders",
		Subset:   "https://coastwatch.pfeg.noaa.gov/erddap/tabledap/scrippsGliders.subset",
		Graph:    "https://coastwatch.pfeg.noaa.gov/erddap/tabledap/scrippsGliders.graph",
		Files:    "https://coastwatch.pfeg.noaa.gov/erddap/files/scrippsGliders/",
		Email:    "https://coastwatch.pfeg.noaa.gov/erddap/subscriptions/add.html?datasetID=scrippsGliders&showErrors=false&email=",
	}
	got := ds[0]
	got.Title, got.Summary, got.FGDC, got.ISO, got.Info, got.Background, got.RSS = "", "", "", "", "", "", ""
	if got != want {
		t.Errorf("first dataset\n got %+v\nwant %+v", got, want)
	}
	if !strings.Contains(ds[0].Summary, "\n") {
		t.Errorf("Summary lost its newlines: %q", ds[0].Summary[:60])
	}
	// Without the Accessible column (www.ifremer.fr).
	ds, err = datasetsFromTable(searchTable(t, "ioos__erddapy/search__ifremer__glider.csv"))
	if err != nil || len(ds) != 1 || ds[0].ID != "OceanGlidersGDACTrajectories" || ds[0].Protocol != "tabledap" || ds[0].Accessible != "" ||
		ds[0].Title != "OceanGliders GDAC trajectories" {
		t.Fatalf("ifremer search: %+v, %v", ds, err)
	}
}

// TestSearchPages serves a recorded search result in pages and checks that
// Search asks for every page with page and itemsPerPage, and stops on a
// short page.
func TestSearchPages(t *testing.T) {
	whole := searchTable(t, "ioos__erddapy/search__coastwatch-pfeg__glider.csv")
	names := whole.Names()
	all := make([][]string, whole.Len())
	for i := range all {
		for _, n := range names {
			all[i] = append(all[i], whole.Strings(n)[i])
		}
	}
	for _, per := range []int{2, 3, 9, 1000} {
		t.Run(strconv.Itoa(per), func(t *testing.T) {
			var mu sync.Mutex
			var queries []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
				mu.Unlock()
				page, _ := strconv.Atoi(r.URL.Query().Get("page"))
				n, _ := strconv.Atoi(r.URL.Query().Get("itemsPerPage"))
				lo, hi := (page-1)*n, page*n
				if page < 1 || n < 1 || lo >= len(all) {
					w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
					w.WriteHeader(404)
					w.Write(realBody(t, "ioos__erddapy/search__sccoos__glider__404_v2.11.txt"))
					return
				}
				w.Header().Set("Content-Type", "application/json;charset=UTF-8")
				w.Write(jsonTable(names, all[lo:min(hi, len(all))]))
			}))
			defer srv.Close()
			c := mustClient(t, srv.URL+"/erddap")
			ds, err := c.Search(context.Background(), SearchQuery{Text: `"glider"`, ItemsPerPage: per})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 9 || ds[0].ID != "scrippsGliders" || ds[8].ID != whole.Strings("Dataset ID")[8] {
				t.Fatalf("%d datasets", len(ds))
			}
			pages := (9 + per - 1) / per
			if 9%per == 0 {
				pages++ // a full last page: one more request to see the end
			}
			if len(queries) != pages {
				t.Errorf("%d requests %q, want %d", len(queries), queries, pages)
			}
			for i, q := range queries {
				want := "/erddap/search/index.json?page=" + strconv.Itoa(i+1) + "&itemsPerPage=" + strconv.Itoa(per) + "&searchFor=%22glider%22"
				if q != want {
					t.Errorf("request %d = %s, want %s", i+1, q, want)
				}
			}
		})
	}
}

func TestSearchNoResults(t *testing.T) {
	for _, f := range []string{"ioos__erddapy/search__sccoos__glider__404_v2.11.txt", "ioos__erddapy/search__ooi__glider__404_v2.02.txt"} {
		srv, _ := replay(t, 404, "text/plain;charset=UTF-8", realBody(t, f))
		ds, err := mustClient(t, srv.URL+"/erddap").Search(context.Background(), SearchQuery{Text: "glider"})
		if err != nil || ds == nil || len(ds) != 0 {
			t.Errorf("%s: Search = %v, %v; want an empty slice", f, ds, err)
		}
	}
	srv, _ := replay(t, 500, "text/html;charset=utf-8", realBody(t, "ioos__erddapy/search__nrm-nci__500_tomcat.html"))
	_, err := mustClient(t, srv.URL+"/erddap", WithRetries(0, 0)).Search(context.Background(), SearchQuery{Text: "glider"})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 500 {
		t.Errorf("Tomcat 500: err = %v", err)
	}
}

func TestSearchURL(t *testing.T) {
	c := mustClient(t, "https://example.org/erddap")
	u, err := c.searchURL(SearchQuery{Text: "wind speed", Protocol: "tabledap", StandardName: "sea_water_temperature",
		Box:     &Box{MinLon: -10.5, MaxLon: 0, MinLat: 40, MaxLat: 50},
		MinTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, 2, 50)
	want := "https://example.org/erddap/search/advanced.json?page=2&itemsPerPage=50&searchFor=wind%20speed" +
		"&protocol=tabledap&cdm_data_type=%28ANY%29&institution=%28ANY%29&ioos_category=%28ANY%29&keywords=%28ANY%29" +
		"&long_name=%28ANY%29&standard_name=sea_water_temperature&variableName=%28ANY%29" +
		"&minLon=-10.5&maxLon=0&minLat=40&maxLat=50&minTime=2020-01-01T00%3A00%3A00Z"
	if err != nil || u != want {
		t.Errorf("advanced URL\n got %s\nwant %s (%v)", u, want, err)
	}
	if _, err := c.searchURL(SearchQuery{}, 1, 10); err == nil {
		t.Error("empty search: no error")
	}
	if _, err := c.searchURL(SearchQuery{Box: &Box{MinLon: math.NaN()}}, 1, 10); err == nil {
		t.Error("NaN bound: no error")
	}
}

func TestDatasetsListings(t *testing.T) {
	for _, tc := range []struct {
		protocol, file, path string
		n                    int
		id                   string
	}{
		{"tabledap", "ropensci__rerddap/tabledap__index__coastwatch-noaa.json", "/erddap/tabledap/index.json?page=1&itemsPerPage=1000", 1, "allDatasets"},
		{"", "euroargodev__argopy/info__index.json", "/erddap/info/index.json?page=1&itemsPerPage=1000", 54, "allDatasets"},
	} {
		var got string
		body := realBody(t, tc.file)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = r.URL.Path + "?" + r.URL.RawQuery
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			w.Write(body)
		}))
		ds, err := mustClient(t, srv.URL+"/erddap").Datasets(context.Background(), tc.protocol)
		srv.Close()
		if err != nil || len(ds) != tc.n || ds[0].ID != tc.id || got != tc.path {
			t.Fatalf("%s: %d datasets, %v, request %s", tc.file, len(ds), err, got)
		}
		if tc.protocol == "" {
			var argo *Dataset
			for i := range ds {
				if ds[i].ID == "ArgoFloats" {
					argo = &ds[i]
				}
			}
			if argo == nil || argo.Protocol != "tabledap" || argo.TableDAP != "https://erddap.ifremer.fr/erddap/tabledap/ArgoFloats" ||
				argo.Info != "https://erddap.ifremer.fr/erddap/info/ArgoFloats/index.json" {
				t.Errorf("ArgoFloats: %+v", argo)
			}
		} else if ds[0].Email != "" || ds[0].Institution != "NOAA.GOV" {
			t.Errorf("listing without Email: %+v", ds[0])
		}
	}
	if _, err := mustClient(t, "https://x/erddap").Datasets(context.Background(), "wms"); err == nil {
		t.Error("bad protocol: no error")
	}
}

func TestInfoArgoFloats(t *testing.T) {
	srv, _ := replay(t, 200, "application/json", realBody(t, "euroargodev__argopy/info__ArgoFloats__index.json"))
	in, err := mustClient(t, srv.URL+"/erddap").Info(context.Background(), "ArgoFloats")
	if err != nil {
		t.Fatal(err)
	}
	if in.DatasetID != "ArgoFloats" || len(in.Variables) != 59 || len(in.Dimensions()) != 0 || len(in.DataVariables()) != 59 {
		t.Fatalf("%s: %d variables, %d dimensions", in.DatasetID, len(in.Variables), len(in.Dimensions()))
	}
	if a := in.Attribute("", "cdm_data_type"); a == nil || a.String() != "TrajectoryProfile" || a.Type != "String" {
		t.Errorf("cdm_data_type = %+v", a)
	}
	if a := in.Attribute("NC_GLOBAL", "Easternmost_Easting"); a == nil || len(a.Float64s) != 1 || a.Float64s[0] != 180 {
		t.Errorf("Easternmost_Easting = %+v", a)
	}
	pres := in.Variable("pres")
	if pres == nil || pres.DataType != "float" {
		t.Fatalf("pres = %+v", pres)
	}
	if a := pres.Attr("_FillValue"); a == nil || a.Type != "float" || len(a.Float64s) != 1 || a.Float64s[0] != 99999 {
		t.Errorf("pres _FillValue = %+v", a)
	}
	if a := in.Attribute("pres", "actual_range"); a == nil || len(a.Float64s) != 2 || a.Float64s[0] != -1.701412e38 || a.Float64s[1] != 1.327014e12 {
		t.Errorf("pres actual_range = %+v", a)
	}
	if v := in.Variable("time"); v == nil || v.DataType != "double" {
		t.Errorf("time = %+v", v)
	}
	if got := in.VariablesByAttr(map[string]string{"cf_role": "trajectory_id"}); len(got) != 1 || got[0] != "platform_number" {
		t.Errorf("VariablesByAttr(cf_role=trajectory_id) = %q", got)
	}
	if got := in.VariablesByAttr(map[string]string{"ioos_category": "Time"}); len(got) == 0 || !contains(got, "time") {
		t.Errorf("VariablesByAttr(ioos_category=Time) = %q", got)
	}
	if in.Variable("nope") != nil || in.Attribute("nope", "x") != nil || in.Attribute("", "nope") != nil {
		t.Error("absent names found")
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestInfoGriddap(t *testing.T) {
	srv, _ := replay(t, 200, "application/json;charset=UTF-8", realBody(t, "ropensci__rerddap/info__erdQMekm14day__index.json"))
	in, err := mustClient(t, srv.URL+"/erddap").Info(context.Background(), "erdQMekm14day")
	if err != nil {
		t.Fatal(err)
	}
	dims := in.Dimensions()
	var names []string
	for _, d := range dims {
		names = append(names, d.Name)
	}
	if strings.Join(names, ",") != "time,altitude,latitude,longitude" {
		t.Fatalf("dimensions %q", names)
	}
	want := []Dimension{
		{NValues: 2496, EvenlySpaced: false, AverageSpacing: 86400 + 6*60 + 56},
		{NValues: 1, AverageSpacing: 0, OnlyValue: 0},
		{NValues: 601, EvenlySpaced: true, AverageSpacing: 0.25},
		{NValues: 1441, EvenlySpaced: true, AverageSpacing: 0.25},
	}
	for i, d := range dims {
		got := *d.Dimension
		if got.NValues != want[i].NValues || got.EvenlySpaced != want[i].EvenlySpaced || got.AverageSpacing != want[i].AverageSpacing || got.Descending() {
			t.Errorf("%s: %+v, want %+v", d.Name, got, want[i])
		}
	}
	if !math.IsNaN(dims[0].Dimension.OnlyValue) || dims[1].Dimension.OnlyValue != 0 {
		t.Errorf("OnlyValue: %v %v", dims[0].Dimension.OnlyValue, dims[1].Dimension.OnlyValue)
	}
	mc := in.Variable("mod_current")
	if mc == nil || strings.Join(mc.Dimensions, ",") != "time,altitude,latitude,longitude" || mc.DataType != "float" {
		t.Errorf("mod_current = %+v", mc)
	}
	if a := in.Attribute("time", "actual_range"); a == nil || a.Float64s[0] != 1.3775616e9 {
		t.Errorf("time actual_range = %+v", a)
	}
}

func TestInfoCSV(t *testing.T) {
	in, err := ParseInfo(realBody(t, "ioos__erddapy/info__org_cormp_cap2__index.csv"), ".csv")
	if err != nil {
		t.Fatal(err)
	}
	if a := in.Attribute("", "cdm_timeseries_variables"); a == nil || a.String() != "station,longitude,latitude" {
		t.Errorf("cdm_timeseries_variables = %+v", a)
	}
	if a := in.Attribute("", "contributor_email"); a == nil || a.String() != "None,,feedback@axiomdatascience.com" {
		t.Errorf("contributor_email = %+v", a)
	}
	got := in.VariablesByAttr(map[string]string{"standard_name": "sea_water_temperature"})
	if !contains(got, "sea_water_temperature") {
		t.Errorf("VariablesByAttr(standard_name=sea_water_temperature) = %q", got)
	}
	if v := in.Variable("time"); v == nil || v.DataType != "double" || v.Attr("units") == nil || v.Attr("units").String() != "seconds since 1970-01-01T00:00:00Z" {
		t.Errorf("time = %+v", v)
	}
	// The same table as JSON gives the same Info.
	in2, err := ParseInfo(realBody(t, "ioos__erddapy/info__pmelTao5dayIso__index.csv"), "csv")
	if err != nil || in2.Variable("ISO_6") == nil {
		t.Errorf("pmelTao5dayIso: %v", err)
	}
}

func TestParseSpacing(t *testing.T) {
	tests := map[string]float64{
		"0.25": 0.25, "-0.041666668": -0.041666668, "1 day 0h 6m 56s": 86816, "14 days": 14 * 86400,
		"-1h 30m": -5400, "0.5s": 0.5, "2 days 3h 0m 0s": 2*86400 + 3*3600, "1 month": 30 * 86400,
	}
	for s, want := range tests {
		if got, err := ParseSpacing(s); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("ParseSpacing(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-", "1 fortnight", "day", "1.2.3s"} {
		if _, err := ParseSpacing(s); err == nil {
			t.Errorf("ParseSpacing(%q): no error", s)
		}
	}
}

func TestInfoErrors(t *testing.T) {
	bad := []string{
		`{"table":{"columnNames":["Row Type","Variable Name"],"columnTypes":["String","String"],"rows":[]}}`,
		string(jsonTable([]string{"Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"}, [][]string{{"attribute", "x", "a", "double", "1.0, abc"}})),
		string(jsonTable([]string{"Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"}, [][]string{{"dimension", "x", "", "double", "evenlySpaced=true"}})),
		string(jsonTable([]string{"Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"}, [][]string{{"other", "x", "", "", ""}})),
		`not json`,
	}
	for _, b := range bad {
		if _, err := ParseInfo([]byte(b), ".json"); err == nil {
			t.Errorf("ParseInfo(%.60s): no error", b)
		}
	}
	srv, _ := replay(t, 404, "text/plain;charset=UTF-8", realBody(t, "ioos__erddapy/tabledap__org_cormp_cap2__404_unknown_datasetID.txt"))
	_, err := mustClient(t, srv.URL+"/erddap").Info(context.Background(), "org_cormp_cap2")
	var e *Error
	if !errors.As(err, &e) || e.Message != "Not Found: Currently unknown datasetID=org_cormp_cap2" || errors.Is(err, ErrNoData) {
		t.Errorf("unknown dataset: %v", err)
	}
}

// FuzzInfo feeds arbitrary bodies to the info parser (JSON and CSV): it
// must return an Info or an error, never panic, and an Info's dimensions
// must have a non-negative nValues.
func FuzzInfo(f *testing.F) {
	f.Add([]byte(`{"table":{"columnNames":["Row Type","Variable Name","Attribute Name","Data Type","Value"],"columnTypes":["String","String","String","String","String"],"rows":[["dimension","time","","double","nValues=2496, evenlySpaced=false, averageSpacing=1 day 0h 6m 56s"],["attribute","time","actual_range","double","1.3775616E9, 1.5941664E9"],["variable","u","","float","time"]]}}`), true)
	f.Add([]byte("Row Type,Variable Name,Attribute Name,Data Type,Value\nattribute,NC_GLOBAL,a,String,\"x,y\"\nattribute,v,n,int,\"1, 2\"\nvariable,v,,int,\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		ft := ".csv"
		if isJSON {
			ft = ".json"
		}
		in, err := ParseInfo(data, ft)
		if err != nil {
			return
		}
		for _, d := range in.Dimensions() {
			if d.Dimension.NValues < 0 {
				t.Fatalf("negative nValues %d", d.Dimension.NValues)
			}
		}
		for _, v := range in.Variables {
			if in.Variable(v.Name) == nil {
				t.Fatalf("variable %q not found by name", v.Name)
			}
		}
	})
}

func TestCategorizeAndVersion(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path+"?"+r.URL.RawQuery)
		switch {
		case r.URL.Path == "/erddap/version":
			w.Write([]byte("ERDDAP_version=2.02_axiom-r1\n"))
		case r.URL.Path == "/erddap/categorize/standard_name/index.json":
			w.Write(jsonTable([]string{"Category", "URL"}, [][]string{{"sea_water_temperature", "https://h/erddap/categorize/standard_name/sea_water_temperature/index.json"}}))
		case strings.HasPrefix(r.URL.Path, "/erddap/categorize/standard_name/sea_water_temperature/"):
			w.Write(jsonTable([]string{"griddap", "tabledap", "Title", "Dataset ID"}, [][]string{{"", "https://h/erddap/tabledap/a", "A", "a"}}))
		case r.URL.Path == "/erddap/tabledap/allDatasets.json":
			w.Write([]byte(`{"table":{"columnNames":["datasetID","maxTime"],"columnTypes":["String","double"],"columnUnits":[null,"seconds since 1970-01-01T00:00:00Z"],"rows":[["ArgoFloats",1.7983829E9]]}}`))
		default:
			w.WriteHeader(404)
		}
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	ctx := context.Background()
	if v, err := c.Version(ctx); err != nil || v != "2.02_axiom-r1" {
		t.Errorf("Version = %q, %v", v, err)
	}
	cats, err := c.Categories(ctx, "standard_name")
	if err != nil || len(cats) != 1 || cats[0].Value != "sea_water_temperature" {
		t.Errorf("Categories = %+v, %v", cats, err)
	}
	ds, err := c.Categorize(ctx, "standard_name", "sea_water_temperature")
	if err != nil || len(ds) != 1 || ds[0].ID != "a" || ds[0].Protocol != "tabledap" {
		t.Errorf("Categorize = %+v, %v", ds, err)
	}
	tb, err := c.AllDatasets(ctx, Constraint{"cdm_data_type", "=", "TrajectoryProfile"})
	if err != nil || tb.Len() != 1 || tb.Strings("datasetID")[0] != "ArgoFloats" {
		t.Errorf("AllDatasets = %v", err)
	}
	wantReq := []string{
		"/erddap/version?",
		"/erddap/categorize/standard_name/index.json?page=1&itemsPerPage=1000000",
		"/erddap/categorize/standard_name/sea_water_temperature/index.json?page=1&itemsPerPage=1000",
		"/erddap/tabledap/allDatasets.json?&cdm_data_type%3D%22TrajectoryProfile%22",
	}
	if strings.Join(got, "\n") != strings.Join(wantReq, "\n") {
		t.Errorf("requests\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantReq, "\n"))
	}
	if _, err := c.Categorize(ctx, "a/b", "x"); err == nil {
		t.Error("bad attribute: no error")
	}
	bad, _ := replay(t, 200, "text/html", []byte("<html>ERDDAP</html>"))
	if _, err := mustClient(t, bad.URL).Version(ctx); err == nil {
		t.Error("Version of an HTML page: no error")
	}
}

// BenchmarkParseInfo decodes the recorded ArgoFloats-synthetic-BGC info
// (75 kB JSON) and the org_cormp_cap2 info CSV (31 kB).
func BenchmarkParseInfo(b *testing.B) {
	for _, f := range []struct{ file, ft string }{
		{"euroargodev__argopy/info__ArgoFloats-synthetic-BGC__index.json", ".json"},
		{"ioos__erddapy/info__org_cormp_cap2__index.csv", ".csv"},
	} {
		data := realBody(b, f.file)
		b.Run(f.ft, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseInfo(data, f.ft); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestSearchPagePastEnd(t *testing.T) {
	// Two full pages, then a 404 with a wording other than "no matching
	// results": the listing ends there.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "3" {
			w.WriteHeader(404)
			w.Write([]byte("Error {\n    code=404;\n    message=\"Not Found: page=3 is too large.\";\n}\n"))
			return
		}
		p := r.URL.Query().Get("page")
		w.Write(jsonTable([]string{"tabledap", "Dataset ID"}, [][]string{{"u", "a" + p}, {"u", "b" + p}}))
	}))
	defer srv.Close()
	ds, err := mustClient(t, srv.URL).Search(context.Background(), SearchQuery{Text: "x", ItemsPerPage: 2})
	if err != nil || len(ds) != 4 || ds[3].ID != "b2" {
		t.Errorf("Search = %+v, %v", ds, err)
	}
}

// FuzzDiscoveryJSON checks the string-only scanner against encoding/json:
// whatever it accepts, encoding/json reads to the same names and cells.
func FuzzDiscoveryJSON(f *testing.F) {
	f.Add([]byte(`{"table":{"columnNames":["a","b"],"columnTypes":["String","String"],"rows":[["x",null],["\u00e9\n","y"]]}}`))
	f.Add([]byte(`{"x":[1,{"y":true}],"table":{"columnNames":[],"rows":[]}}`))
	f.Add([]byte(`{"table":{"rows":[["a"]],"columnNames":["a"]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		names, cells, ok := discoveryJSON(data)
		if !ok {
			return
		}
		var doc struct {
			Table struct {
				ColumnNames []string    `json:"columnNames"`
				Rows        [][]*string `json:"rows"`
			} `json:"table"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("scanner accepted what encoding/json rejects: %v", err)
		}
		if strings.Join(doc.Table.ColumnNames, "\x00") != strings.Join(names, "\x00") {
			t.Fatalf("names %q, encoding/json %q", names, doc.Table.ColumnNames)
		}
		var want []string
		for _, r := range doc.Table.Rows {
			for _, c := range r {
				if c == nil {
					want = append(want, "")
				} else {
					want = append(want, *c)
				}
			}
		}
		if strings.Join(want, "\x00") != strings.Join(cells, "\x00") || len(want) != len(cells) {
			t.Fatalf("cells %q, encoding/json %q", cells, want)
		}
	})
}

func TestParseAttributeTypes(t *testing.T) {
	tests := []struct {
		typ, val string
		want     string
		err      bool
	}{
		{"ubyte", "0, 255", "0, 255", false},
		{"ulong", "18446744073709551615", "18446744073709551615", false},
		{"ulong", "-1", "", true},
		{"int", "1, 2.5", "", true},
		{"short", "", "", false},
		{"char", "a", "a", false},
		{"double", "NaN, 1.5E300", "NaN, 1.5e+300", false},
		{"boolean", "true", "true", false},
	}
	for _, tc := range tests {
		a, err := parseAttribute("x", tc.typ, tc.val)
		if (err != nil) != tc.err || (!tc.err && a.String() != tc.want) {
			t.Errorf("parseAttribute(%s, %q) = %q, %v", tc.typ, tc.val, a.String(), err)
		}
	}
}
