package main

import (
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/erddap"
	"github.com/insitu-go/insitu/examples/internal/check"
	"github.com/insitu-go/insitu/internal/testutil"
)

// explore runs the program offline and returns its output with the local
// server's address replaced by SERVER, the output folder by OUT and the
// fetch time by T.
func explore(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	out := t.TempDir()
	var stdout strings.Builder
	err := run(append(args, "-out", out), &stdout)
	got := stdout.String()
	if m := regexp.MustCompile(`offline: replaying the synthetic responses of testdata/ at (http://\S+)/erddap`).FindStringSubmatch(got); m != nil {
		got = strings.ReplaceAll(got, m[1], "SERVER")
	} else if err == nil {
		t.Fatalf("no offline line in\n%s", got)
	}
	got = strings.ReplaceAll(got, out, "OUT")
	got = regexp.MustCompile(`\(\d+(\.\d+)?[µm]?s\)\n`).ReplaceAllString(got, "(T)\n")
	return got, out, err
}

func TestOffline(t *testing.T) {
	got, out, err := explore(t)
	if err != nil {
		t.Fatal(err)
	}
	check.Contains(t, got,
		`== search "argo" on SERVER/erddap`,
		"  IroiseArgoSST             griddap   Ifremer      Iroise Sea near-surface temperature gridded from Argo floats (synthetic)\n",
		"5 datasets match\n",
		"== dataset ArgoFloats\ntitle:         Argo Float Measurements (synthetic)\n",
		"time:          1998-07-29T20:03:00Z to 2023-01-11T08:20:10Z\n",
		"26 variables:\n",
		"  time                      double  seconds since 1970-01-01T00:00:00Z  1998-07-29 to 2023-01-11  Julian day (UTC) of the station relative to REFERENCE_DATE_TIME\n",
		"  temp                      float   degree_Celsius                      2.419 to 25.237           Sea temperature in-situ ITS-90 scale\n",
		"where:     longitude >= -8, longitude <= -4, latitude >= 45, latitude <= 49, time >= 2021-01-01T00:00:00Z, time < 2023-01-01T00:00:00Z, pres <= 50\n",
		// The URL grammar: literal ',' between variables and '&' between
		// constraints, each constraint and function percent-encoded.
		"request: SERVER/erddap/tabledap/ArgoFloats.nccsv?platform_number,cycle_number,time,latitude,longitude,pres,temp,psal"+
			"&longitude%3E%3D-8.0&longitude%3C%3D-4.0&latitude%3E%3D45.0&latitude%3C%3D49.0"+
			"&time%3E%3D2021-01-01T00:00:00Z&time%3C2023-01-01T00:00:00Z&pres%3C%3D50.0&orderBy(%22time,pres%22)\n",
		"  platform_number  cycle_number  time                         latitude       longitude       pres              temp    psal\n"+
			"                                 (UTC)                 (degrees_north)  (degrees_east)  (decibar)  (degree_Celsius)   (PSU)\n"+
			"  6999001                     1  2021-03-12T11:42:00Z           48.152          -4.881       10.0            11.364  35.262\n",
		// The spiked level of cycle 3 (flag 4 in the file) is there: temp is
		// the raw value, as the dataset serves it.
		"56 rows, first 10 shown (-limit) (T)\n",
		"wrote OUT/subset.csv\n",
	)
	if strings.Contains(got, "the same in a browser") {
		t.Error("offline run prints browser URLs of the local server")
	}
	recs := check.CSV(t, filepath.Join(out, "subset.csv"),
		[]string{"platform_number", "cycle_number", "time", "latitude", "longitude", "pres", "temp", "psal"}, 56)
	if got := strings.Join(recs[0], ","); got != "6999001,1,2021-03-12T11:42:00Z,48.152,-4.881,10,11.364,35.262" {
		t.Errorf("first CSV row %s", got)
	}
	if got := strings.Join(recs[55], ","); got != "6999002,2,2022-05-14T11:35:10Z,48.312,-6.705,44.7,12.264,35.418" {
		t.Errorf("last CSV row %s", got)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 1 {
		t.Errorf("%d files in -out, want subset.csv only", len(ents))
	}
}

// Rows and searches are printed up to -limit and -hits; the file has all.
func TestLimits(t *testing.T) {
	got, out, err := explore(t, "-limit", "0", "-hits", "2")
	if err != nil {
		t.Fatal(err)
	}
	check.Contains(t, got, "  ArgoFloats-synthetic-BGC  tabledap  Argo         Argo float synthetic BGC profiles (synthetic)\n",
		"5 datasets match, 2 shown (-hits)\n", "\n56 rows (T)\n")
	if strings.Contains(got, "ArgoFloats-reference") || strings.Contains(got, "6999001  ") {
		t.Errorf("more printed than asked:\n%s", got)
	}
	check.CSV(t, filepath.Join(out, "subset.csv"), []string{"platform_number"}, 56)

	// No search, no subset: -search "" and -dataset "".
	got, _, err = explore(t, "-search", "", "-dataset", "")
	if err != nil || strings.Contains(got, "==") {
		t.Errorf("nothing asked: %v\n%s", err, got)
	}
}

// A query the replay has no answer for gets ERDDAP's 404, which the
// program reports as no matching rows; the URL shows the typed values.
func TestNoRows(t *testing.T) {
	got, out, err := explore(t, "-search", "",
		"-where", `platform_number=6999001,cycle_number=2,time>=2030-01-01`, "-where", `temp!=NaN`,
		"-vars", "platform_number,cycle_number,time,temp", "-orderby", "")
	if err != nil {
		t.Fatal(err)
	}
	check.Contains(t, got,
		"where:     platform_number = \"6999001\", cycle_number = 2, time >= 2030-01-01T00:00:00Z, temp != NaN\n",
		"request: SERVER/erddap/tabledap/ArgoFloats.nccsv?platform_number,cycle_number,time,temp"+
			"&platform_number%3D%226999001%22&cycle_number%3D2&time%3E%3D2030-01-01T00:00:00Z&temp!%3DNaN\n",
		"no matching rows: the server answered that the query produced no matching results (HTTP 404); widen -where\n",
	)
	if _, err := os.Stat(filepath.Join(out, "subset.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("subset.csv written without rows: %v", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("temporary file left in -out: %v", ents)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-search", "glider"}, "search: erddap: HTTP 400: Bad Request: Query error: this offline server only replays"},
		{[]string{"-search", "", "-dataset", "jplMURSST41"}, "info of jplMURSST41: erddap: HTTP 400"},
		{[]string{"-search", "", "-vars", "temp,tmp"}, `-vars: ArgoFloats has no variable "tmp"`},
		{[]string{"-search", "", "-where", "temp~=1"}, "the regular expression operator is =~"},
		{[]string{"-search", "", "-where", "temp>warm"}, `temp is a float variable: "warm" is not a number`},
		{[]string{"-search", "", "-where", "time>=yesterday"}, "time is a time: give a date"},
		{[]string{"-search", "", "-where", "time>now-7dayz"}, "now-7dayz"},
		{[]string{"-search", "", "-where", "pres"}, "want variable, operator"},
		{[]string{"-search", "", "-where", "doxy>0"}, `-where: ArgoFloats has no variable "doxy"`},
		{[]string{"-search", "", "-vars", "temp,psal"}, `-orderby "time,pres": ERDDAP sorts by result variables only, and "time" is not in -vars`},
		{[]string{"-limit", "-1"}, "-hits and -limit"},
		{[]string{"extra"}, "unexpected arguments"},
	} {
		_, _, err := explore(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}

// The offline server answers the recorded requests whatever the encoding
// and order of their query, and nothing else: a tabledap request gets the
// 404 "no matching results", anything else a 400, both as ERDDAP errors.
func TestReplay(t *testing.T) {
	srv, err := serveRecorded()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	get := func(path string) (int, string, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	status, ct, body := get("/erddap/search/index.json?searchFor=argo&itemsPerPage=1000&page=1")
	if status != 200 || ct != "application/json;charset=UTF-8" || !strings.Contains(body, `"ArgoFloats-synthetic-BGC"`) {
		t.Errorf("search with reordered parameters: %d %s", status, ct)
	}
	status, ct, body = get("/erddap/tabledap/ArgoFloats.nccsv?platform_number,cycle_number,time,latitude,longitude,pres,temp,psal" +
		"&longitude>=-8.0&longitude<=-4.0&latitude>=45.0&latitude<=49.0&time>=2021-01-01T00:00:00Z&time<2023-01-01T00:00:00Z&pres<=50.0&orderBy(\"time,pres\")")
	if status != 200 || ct != "text/csv;charset=ISO-8859-1" || !strings.HasSuffix(body, "*END_DATA*\n") {
		t.Errorf("subset with a raw query: %d %s", status, ct)
	}
	status, ct, body = get("/erddap/tabledap/ArgoFloats.csv?temp")
	if want := "Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n"; status != 404 || body != want || ct != "text/plain;charset=UTF-8" {
		t.Errorf("other tabledap request: %d %s %q", status, ct, body)
	}
	status, _, body = get("/erddap/info/ArgoFloats-reference/index.json")
	if status != 400 || !strings.HasPrefix(body, "Error {\n    code=400;\n") {
		t.Errorf("other info request: %d %q", status, body)
	}
}

func TestSplitConstraints(t *testing.T) {
	got := splitConstraints(`time>=2024-01-01,platform_number=~"(6902746|1901393)",cycle_number=~"1,2",pres<=10`)
	want := []string{`time>=2024-01-01`, `platform_number=~"(6902746|1901393)"`, `cycle_number=~"1,2"`, `pres<=10`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("splitConstraints = %q, want %q", got, want)
	}
}

func TestTypedValue(t *testing.T) {
	info, err := erddap.ParseInfo(mustRead(t, "testdata/info-ArgoFloats.json"), ".json")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, op, text string
		want           any
	}{
		{"platform_number", "=", "6902746", "6902746"},
		{"cycle_number", "=", "12", int64(12)},
		{"cycle_number", "=~", "1|12", "1|12"},
		{"pres", "<=", "10", 10.0},
		{"temp", "=", `"NaN"`, "NaN"}, // quoted: a string, whatever the type
		{"time", ">=", "2024-01-01", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"time", "<", "2024-01-01T12:30:00+02:00", time.Date(2024, 1, 1, 10, 30, 0, 0, time.UTC)},
		{"time", ">", "1700000000", 1700000000.0},
		{"time", ">", "now-7days", erddap.Expr("now-7days")},
		{"time", "<=", "max(time)-1day", erddap.Expr("max(time)-1day")},
	} {
		got, err := typedValue(info.Variable(tc.name), tc.op, tc.text)
		if err != nil || got != tc.want {
			t.Errorf("typedValue(%s %s %s) = %#v, %v; want %#v", tc.name, tc.op, tc.text, got, err, tc.want)
		}
	}
	if v, err := typedValue(info.Variable("temp"), "!=", "NaN"); err != nil || !math.IsNaN(v.(float64)) {
		t.Errorf("temp != NaN: %v, %v", v, err)
	}
}

// The default subset is valid against the real ArgoFloats dataset of the
// Ifremer server (its info as argopy recorded it): every variable exists
// with the type the offline data declares, and the query is the one the
// offline server replays.
func TestDefaultsOnRealInfo(t *testing.T) {
	data := mustRead(t, testutil.RealData(t, "erddap", "euroargodev__argopy", "info__ArgoFloats__index.json"))
	real, err := erddap.ParseInfo(data, ".json")
	if err != nil {
		t.Fatal(err)
	}
	ours, err := erddap.ParseInfo(mustRead(t, "testdata/info-ArgoFloats.json"), ".json")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range ours.Variables {
		rv := real.Variable(v.Name)
		if rv == nil || rv.DataType != v.DataType || attrText(rv, "units") != attrText(v, "units") {
			t.Errorf("synthetic %s (%s, %q) differs from the real dataset's: %+v", v.Name, v.DataType, attrText(v, "units"), rv)
		}
	}
	vars := &listFlag{values: defaultVars}
	where := &listFlag{values: defaultWhere}
	qr, err := buildQuery("ArgoFloats", real, vars, where, "time,pres")
	if err != nil {
		t.Fatal(err)
	}
	qo, err := buildQuery("ArgoFloats", ours, vars, where, "time,pres")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	if a, b := c.TableURL(qr, ".nccsv"), c.TableURL(qo, ".nccsv"); a != b {
		t.Errorf("the real info types the defaults as\n%s\nthe synthetic one as\n%s", a, b)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Online, against responses recorded from real servers: a search with no
// hit (ERDDAP 2.11's 404 wording), the real ArgoFloats info of the
// Ifremer server, and its 413 when a query needs too much memory.
func TestOnlineRecorded(t *testing.T) {
	type rec struct {
		file, contentType string
		status            int
	}
	routes := map[string]rec{
		"/erddap/search/index.json":          {"ioos__erddapy/search__sccoos__glider__404_v2.11.txt", "text/plain;charset=UTF-8", 404},
		"/erddap/info/ArgoFloats/index.json": {"euroargodev__argopy/info__ArgoFloats__index.json", "application/json", 200},
		"/erddap/tabledap/ArgoFloats.nccsv":  {"euroargodev__argopy/tabledap__ArgoFloats-synthetic-BGC__413_payload_too_large.ncHeader", "text/plain", 413},
	}
	bodies := map[string][]byte{}
	for path, r := range routes {
		bodies[path] = mustRead(t, testutil.RealData(t, "erddap", r.file))
	}
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests = append(requests, r.URL.Path)
		rr, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", rr.contentType)
		w.WriteHeader(rr.status)
		w.Write(bodies[r.URL.Path])
	}))
	defer srv.Close()

	out := t.TempDir()
	var stdout strings.Builder
	err := run([]string{"-erddap", srv.URL + "/erddap", "-out", out}, &stdout)
	if err == nil || !strings.Contains(err.Error(), "the server refused the subset (HTTP 413): Payload Too Large: Your query produced too much data.") {
		t.Errorf("run: %v, want the 413", err)
	}
	got := strings.ReplaceAll(stdout.String(), srv.URL, "SERVER")
	check.Contains(t, got,
		"== search \"argo\" on SERVER/erddap\nno dataset matches\n",
		"title:         Argo Float Measurements\n",
		"time:          1997-07-28T20:26:20Z to 2026-12-27T14:48:20Z\n",
		"  temp_qc ", "Sea temperature in-situ ITS-90 scale",
		"request: SERVER/erddap/tabledap/ArgoFloats.nccsv?platform_number,cycle_number,time,latitude,longitude,pres,temp,psal&longitude%3E%3D-8.0&",
		"the same in a browser: SERVER/erddap/tabledap/ArgoFloats.htmlTable?platform_number,",
	)
	if strings.Join(requests, " ") != "/erddap/search/index.json /erddap/info/ArgoFloats/index.json /erddap/tabledap/ArgoFloats.nccsv" {
		t.Errorf("requests %q", requests)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("files left in -out after the 413: %v", ents)
	}
}

// A griddap dataset (its real info, recorded by rerddap) is described with
// its dimensions, and not subset.
func TestGriddapRecorded(t *testing.T) {
	body := mustRead(t, testutil.RealData(t, "erddap", "ropensci__rerddap", "info__erdQMekm14day__index.json"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/erddap/info/erdQMekm14day/index.json" {
			t.Errorf("unexpected request %s", r.URL)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write(body)
	}))
	defer srv.Close()
	var stdout strings.Builder
	if err := run([]string{"-erddap", srv.URL + "/erddap", "-search", "", "-dataset", "erdQMekm14day", "-out", t.TempDir()}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(), "dimension time: nValues=", "dimension latitude: nValues=",
		"erdQMekm14day is a griddap dataset: this example fetches tabledap subsets only\n")
	if strings.Contains(stdout.String(), "request:") {
		t.Error("a subset was requested from a griddap dataset")
	}
}

// A subset cut short (the connection dropped before *END_DATA*) is an
// error naming the rows read, and leaves no subset.csv.
func TestTruncatedSubset(t *testing.T) {
	info := mustRead(t, "testdata/info-ArgoFloats.json")
	table := mustRead(t, "testdata/tabledap-ArgoFloats.nccsv")
	cut := table[:strings.Index(string(table), "6999001,3,")] // 19 whole rows, no end marker
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/erddap/info/ArgoFloats/index.json":
			w.Write(info)
		case "/erddap/tabledap/ArgoFloats.nccsv":
			w.Write(cut)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	out := t.TempDir()
	var stdout strings.Builder
	err := run([]string{"-erddap", srv.URL + "/erddap", "-search", "", "-out", out}, &stdout)
	if !errors.Is(err, erddap.ErrTruncated) || !strings.Contains(err.Error(), "subset (after 19 rows)") {
		t.Errorf("run = %v, want ErrTruncated after 19 rows", err)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("files left in -out: %v", ents)
	}
}
