package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/erddap"
)

// gdac is the mini GDAC, seen from this folder.
const gdac = "../../../../testdata/gdac"

// committed is the example's testdata folder, seen from this folder.
const committed = "../../testdata"

// The committed files are what the generator writes, and nothing else is
// in the folder.
func TestCommittedFiles(t *testing.T) {
	want, err := generate(gdac)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(committed)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		body, ok := want[e.Name()]
		if !ok {
			t.Errorf("testdata/%s is not written by the generator", e.Name())
			continue
		}
		seen++
		got, err := os.ReadFile(filepath.Join(committed, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("testdata/%s differs from the generator's output: run go generate in examples/erddap-explore", e.Name())
		}
	}
	if seen != len(want) || seen != 5 {
		t.Errorf("%d committed files, the generator writes %d (want 5)", seen, len(want))
	}
}

// The generated bodies are in the layouts the erddap package reads from
// real servers, and say what they should.
func TestLayouts(t *testing.T) {
	files, err := generate(gdac)
	if err != nil {
		t.Fatal(err)
	}

	// The search answer: ERDDAP's 17 columns, one row per hit.
	search, err := erddap.DecodeTable(bytes.NewReader(files[fileSearch]), ".json")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(search.Names(), "|"); got != "griddap|Subset|tabledap|Make A Graph|wms|files|Accessible|Title|Summary|FGDC|ISO 19115|Info|Background Info|RSS|Email|Institution|Dataset ID" {
		t.Errorf("search columns %s", got)
	}
	if ids := search.Strings("Dataset ID"); len(ids) != 5 || ids[0] != "ArgoFloats" || ids[4] != "IroiseArgoSST" {
		t.Errorf("search hits %q", ids)
	}
	if g := search.Strings("griddap"); g[4] != serverBase+"/griddap/IroiseArgoSST" || g[0] != "" {
		t.Errorf("griddap cells %q", g)
	}

	// The info answer: typed attributes, ranges from the mini GDAC.
	info, err := erddap.ParseInfo(files[fileInfo], ".json")
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Variables) != 26 || info.Variables[0].Name != "platform_number" {
		t.Errorf("%d variables, first %q", len(info.Variables), info.Variables[0].Name)
	}
	if a := info.Attribute("time", "actual_range"); a == nil || a.Type != "double" || a.Float64(0) != 901742580 || a.Float64(1) != 1673425210 {
		t.Errorf("time actual_range %+v, want 1998-07-29T20:03:00Z and 2023-01-11T08:20:10Z in seconds", a)
	}
	if a := info.Attribute("pres", "_FillValue"); a == nil || a.Type != "float" || a.Float64(0) != 99999 {
		t.Errorf("pres _FillValue %+v", a)
	}
	if a := info.Attribute("", "time_coverage_start"); a == nil || a.String() != "1998-07-29T20:03:00Z" {
		t.Errorf("time_coverage_start %+v", a)
	}
	if a := info.Attribute("", "comment"); a == nil || !strings.Contains(a.String(), "Synthetic") {
		t.Errorf("no synthetic comment: %+v", a)
	}

	// The subset: NCCSV with declared types, 56 levels of 6 profiles of
	// floats 6999001 and 6999002, sorted by time then pressure.
	table, err := erddap.DecodeTable(bytes.NewReader(files[fileTable]), ".nccsv")
	if err != nil {
		t.Fatal(err)
	}
	if table.Len() != 56 || strings.Join(table.Names(), ",") != strings.Join(resultVars, ",") {
		t.Fatalf("%d rows of %q", table.Len(), table.Names())
	}
	for name, kind := range map[string]erddap.Kind{"platform_number": erddap.String, "cycle_number": erddap.Int64,
		"time": erddap.Time, "latitude": erddap.Float64, "pres": erddap.Float64} {
		if k := table.Column(name).Kind; k != kind {
			t.Errorf("%s is %v, want %v", name, k, kind)
		}
	}
	times, pres := table.Times("time"), table.Float64s("pres")
	profiles := map[string]bool{}
	for i := range table.Len() {
		if times[i].Before(start) || !times[i].Before(end) || pres[i] > presMax {
			t.Errorf("row %d (%v, %v dbar) is outside the query", i+1, times[i], pres[i])
		}
		if i > 0 && (times[i].Before(times[i-1]) || times[i].Equal(times[i-1]) && pres[i] < pres[i-1]) {
			t.Errorf("row %d is out of order", i+1)
		}
		profiles[table.Strings("platform_number")[i]+"/"+times[i].String()] = true
	}
	if len(profiles) != 6 {
		t.Errorf("%d profiles, want 6", len(profiles))
	}
	if a := table.GlobalAttr("comment"); a == nil || !strings.Contains(a.String(), "not real Argo data") {
		t.Errorf("subset comment %+v", a)
	}
	if u := table.Column("temp").Attr("units"); u == nil || u.String() != "degree_Celsius" {
		t.Errorf("temp units %+v", u)
	}

	// The list of requests names the three files with their statuses.
	if got := string(files[fileReplies]); !strings.Contains(got, "search-argo.json\t200\tapplication/json;charset=UTF-8\t/erddap/search/index.json?page=1&itemsPerPage=1000&searchFor=argo\n") ||
		!strings.Contains(got, "\t/erddap/tabledap/ArgoFloats.nccsv?platform_number,cycle_number,time,latitude,longitude,pres,temp,psal&longitude%3E%3D-8.0&") {
		t.Errorf("responses.txt:\n%s", got)
	}
}

func TestJavaNumber(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		typ  string
		want string
	}{
		{5, "float", "5.0"},
		{12.345000267028809, "float", "12.345"}, // float32(12.345)
		{48.152, "double", "48.152"},
		{1.6155493e9, "double", "1.6155493E9"},
		{1e9, "double", "1.0E9"},
		{0.0001, "double", "1.0E-4"},
		{99999, "int", "99999"},
		{-4, "double", "-4.0"},
	} {
		if got := javaNumber(tc.v, tc.typ); got != tc.want {
			t.Errorf("javaNumber(%v, %s) = %q, want %q", tc.v, tc.typ, got, tc.want)
		}
	}
}

// A folder without the mini GDAC is an error, not empty responses.
func TestNoGDAC(t *testing.T) {
	for _, dir := range []string{t.TempDir(), "no/such/dir"} {
		if _, err := generate(dir); err == nil || !strings.Contains(err.Error(), "no profile file under "+dir) {
			t.Errorf("generate(%s) = %v", dir, err)
		}
	}
}
