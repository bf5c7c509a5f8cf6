package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/examples/internal/check"
)

// gdac is the mini GDAC, seen from this folder.
const gdac = "../../testdata/gdac"

func TestIroiseCorrelation(t *testing.T) {
	out := t.TempDir()
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	// Golden values: the coefficients, p-values and intervals of the
	// committed synthetic samples joined to the mini GDAC.
	check.Contains(t, stdout.String(),
		"embedded fish.csv (synthetic): 120 samples, 2021-03-06 to 2021-04-07, lon -5.49 to -4.55, lat 48.00 to 48.60",
		"Argo: 3 profiles with a near-surface (<= 10 dbar) temperature in standard mode, 2021-03-01 to 2021-04-12",
		"matched 72 of 120 samples within 20 km and 5 days, to 3 Argo profiles: 6999001_001 (11.364 °C, 21) 6999001_002 (11.748 °C, 27) 6999001_003 (11.845 °C, 24)",
		"note: with 3 Argo profiles the temperature takes only 3 values",
		"length vs             method         coefficient  p-value   95% interval        N",
		"temperature           Pearson r      0.4325       0.000148  [0.2232, 0.6037]    72",
		"temperature           Spearman rho   0.4310       0.000157  [0.2215, 0.6025]    72",
		"temperature           Kendall tau-b  0.3405       0.000235  [0.1950, 0.4714]    72",
		"effort                Pearson r      -0.5549      4.24e-07  [-0.6969, -0.3709]  72",
		"effort                Spearman rho   -0.5005      7.58e-06  [-0.6561, -0.3041]  72",
		"effort                Kendall tau-b  -0.3537      1.26e-05  [-0.4829, -0.2094]  72",
		"temperature | effort  partial r      0.5543       5.31e-07  [0.3686, 0.6974]    72",
		"length = -34.03 + 6.44·T cm (slope ± 1.60 cm/°C, p = 0.000148)",
		"length = 44.90 -0.174·effort cm (slope ± 0.031 cm/h, p = 4.24e-07)",
	)
	recs := check.CSV(t, filepath.Join(out, "matchups.csv"),
		[]string{"sample_id", "time", "lon", "lat", "length_cm", "effort_h", "argo_profile", "argo_time", "distance_km", "time_lag_h", "temperature_c"}, 72)
	for _, r := range recs {
		// Every matchup is inside the windows.
		if d := parse(t, r[8]); d > 20 {
			t.Errorf("matchup %s at %v km", r[0], d)
		}
		if h := parse(t, r[9]); h > 120 || h < -120 {
			t.Errorf("matchup %s %v h apart", r[0], h)
		}
	}
	img := check.PNG(t, filepath.Join(out, "scatter.png"), width, height)
	if !check.Colour(img, 0xd6, 0x27, 0x28, 200) || !check.Colour(img, 0x1f, 0x77, 0xb4, 200) {
		t.Error("scatter.png lacks the red (temperature) or blue (effort) points")
	}
}

// Narrower windows: fewer matches, and the program says so.
func TestIroiseCorrelationWindows(t *testing.T) {
	var stdout strings.Builder
	if err := run([]string{"-gdac", gdac, "-out", t.TempDir(), "-km", "10", "-days", "2"}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(), "samples within 10 km and 2 days")
	if strings.Contains(stdout.String(), "matched 72 of 120") {
		t.Error("narrower windows matched as many samples")
	}
}

func TestIroiseCorrelationErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const header = "sample_id,time,lon,lat,length_cm,effort_h\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-fish", write("nolen.csv", "sample_id,time,lon,lat\n")}, "no length_cm column"},
		{[]string{"-fish", write("badtime.csv", header+"a,yesterday,-5,48,40,10\n")}, "badtime.csv line 2: time"},
		{[]string{"-fish", write("badlat.csv", header+"a,2021-03-12T00:00:00Z,-5,north,40,10\n")}, "badlat.csv line 2: lat"},
		{[]string{"-fish", write("empty.csv", header)}, "no sample"},
		// Samples in the Pacific: no Argo profile of the mini GDAC nearby.
		{[]string{"-fish", write("far.csv", header+"a,2021-03-12T00:00:00Z,-150,0,40,10\n")}, "no Argo profile near the samples"},
		{[]string{"-km", "0"}, "-km and -days"},
		{[]string{"-gdac", "no/such/folder"}, "no/such/folder"},
	} {
		var stdout strings.Builder
		args := append([]string{"-gdac", gdac}, tc.args...)
		err := run(append(args, "-out", dir), &stdout)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// With -erddap the profiles come from an ERDDAP server: here a local one
// answering with the ERDDAP table of the same mini GDAC (testdata/erddap),
// so the matchups and coefficients are those of the GDAC run. The request
// is argopy's for the samples' box, period and the top 10 dbar.
func TestIroiseCorrelationERDDAP(t *testing.T) {
	table, err := os.ReadFile("../../testdata/erddap/ArgoFloats.nc")
	if err != nil {
		t.Fatal(err)
	}
	var requests []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, _ := url.QueryUnescape(r.URL.RawQuery)
		requests = append(requests, r.URL.Path+"?"+q[strings.IndexByte(q, '&')+1:])
		w.Header().Set("Content-Type", "application/x-netcdf")
		w.Write(table)
	}))
	defer srv.Close()
	var stdout strings.Builder
	if err := run([]string{"-erddap", srv.URL + "/erddap", "-out", t.TempDir()}, &stdout); err != nil {
		t.Fatal(err)
	}
	check.Contains(t, stdout.String(),
		"reading the ArgoFloats dataset of "+srv.URL+"/erddap ...",
		"Argo: 3 profiles with a near-surface (<= 10 dbar) temperature in standard mode, 2021-03-01 to 2021-04-12",
		"matched 72 of 120 samples within 20 km and 5 days, to 3 Argo profiles: 6999001_001 (11.364 °C, 21) 6999001_002 (11.748 °C, 27) 6999001_003 (11.845 °C, 24)",
		"temperature           Pearson r      0.4325       0.000148  [0.2232, 0.6037]    72",
		"temperature | effort  partial r      0.5543       5.31e-07  [0.3686, 0.6974]    72",
	)
	want := `/erddap/tabledap/ArgoFloats.nc?longitude>=-5.763174613707862&longitude<=-4.282325386292138&latitude>=47.82244388489208&latitude<=48.78055611510792&pres>=0.0&pres<=10.0&time>=2021-03-01T14:36:00Z&time<2021-04-12T11:08:41Z&latitude!=NaN&longitude!=NaN&distinct()&orderBy("time,pres")`
	if len(requests) != 1 || requests[0] != want {
		t.Errorf("requests %q\nwant [%s]", requests, want)
	}
}
