package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/examples/internal/check"
)

// crawl runs the program and returns its output with the local server's
// address replaced by SERVER and the crawl time by T.
func crawl(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out := t.TempDir()
	var stdout strings.Builder
	if err := run(append(args, "-quiet", "-out", out), &stdout); err != nil {
		t.Fatal(err)
	}
	got := stdout.String()
	if m := regexp.MustCompile(`serving the embedded synthetic catalog tree at (http://\S+)`).FindStringSubmatch(got); m != nil {
		got = strings.ReplaceAll(got, m[1], "SERVER")
	} else {
		t.Fatalf("no server line in\n%s", got)
	}
	got = strings.ReplaceAll(got, out, "OUT")
	got = regexp.MustCompile(`\(\d+(\.\d+)?[µm]?s\)`).ReplaceAllString(got, "(T)")
	return got, out
}

func TestThreddsCrawl(t *testing.T) {
	got, out := crawl(t)
	check.Contains(t, got,
		"crawling SERVER/thredds/catalog/catalog.xml (4 catalogs at a time)",
		`catalog "Argo float 6999001"  SERVER/thredds/catalog/argo/6999001/catalog.xml
  6999001 / 6999001_prof.nc (31.6 kB)
      OPeNDAP  SERVER/thredds/dodsC/argo/coriolis/6999001/6999001_prof.nc
      NCSS     SERVER/thredds/ncss/point/argo/coriolis/6999001/6999001_prof.nc
      HTTP     SERVER/thredds/fileServer/argo/coriolis/6999001/6999001_prof.nc
`,
		`catalog "Iroise model"  SERVER/thredds/catalog/model/catalog.xml
  Iroise SST model (synthetic) / Best Iroise SST time series
      OPeNDAP  SERVER/thredds/dodsC/model/iroise/best
      NCSS     SERVER/thredds/ncss/grid/model/iroise/best
      HTTP     SERVER/thredds/fileServer/model/iroise/best
`,
		"  Iroise SST model (synthetic) / Daily files / iroise_sst_20210305.nc (4.4 MB)\n",
		"  Iroise SST model (synthetic) / latest.xml\n      Resolver SERVER/thredds/catalog/model/latest.xml\n",
		// The missing catalog is reported and the crawl goes on; the
		// reference back to the top (a cycle) and the one to another host
		// are not read.
		"error: thredds: crawl SERVER/thredds/catalog/retired/catalog.xml: GET SERVER/thredds/catalog/retired/catalog.xml: 404 Not Found",
		"14 datasets with an access in 3 catalogs; catalogs that failed: 1 (T)",
	)
	recs := check.CSV(t, filepath.Join(out, "datasets.csv"), []string{"catalog", "path", "id", "size_bytes", "opendap", "ncss", "http"}, 14)
	if recs[0][2] != "argo/6999001/6999001_prof.nc" || recs[0][3] != "31600" {
		t.Errorf("first row %q", recs[0])
	}
	if !strings.HasSuffix(recs[13][0], "/thredds/catalog/model/catalog.xml") || recs[13][4] != "" {
		t.Errorf("last row %q, want latest.xml of the model catalog without OPeNDAP", recs[13])
	}

	// One catalog at a time gives the same listing.
	serial, _ := crawl(t, "-concurrency", "1")
	serial = strings.Replace(serial, "(1 catalogs at a time)", "(4 catalogs at a time)", 1)
	if serial != got {
		t.Errorf("-concurrency 1 lists differently:\n%s\nwant\n%s", serial, got)
	}
}

func TestThreddsCrawlOptions(t *testing.T) {
	got, _ := crawl(t, "-include", "D*.nc")
	check.Contains(t, got, "  6999003 / D6999003_012.nc (29.0 kB)", "4 datasets with an access in 2 catalogs")
	if strings.Contains(got, "_prof.nc") {
		t.Error("-include D*.nc listed a _prof.nc file")
	}
	// Depth 2: the top catalog and the ones it references, not the floats.
	got, _ = crawl(t, "-depth", "2")
	check.Contains(t, got, "7 datasets with an access in 1 catalogs")
	// At most one catalog, the top one, which has no data: the limit is
	// reported, and the program fails for want of datasets.
	var stdout strings.Builder
	err := run([]string{"-max", "1", "-quiet", "-out", t.TempDir()}, &stdout)
	if err == nil || !strings.Contains(err.Error(), "no dataset with an access found") {
		t.Errorf("-max 1: %v", err)
	}
	check.Contains(t, stdout.String(), "crawl reached its catalog limit (1 catalogs)")
}

func TestThreddsCrawlErrors(t *testing.T) {
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>maintenance</body></html>"))
	}))
	defer html.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-open", "*.nc"}, "-open needs a real server"},
		{[]string{"-include", "[x"}, "bad glob"},
		{[]string{"-concurrency", "0"}, "-concurrency"},
		{[]string{"-include", "nothing*"}, "no dataset with an access found"},
		{[]string{"-catalog", html.URL + "/catalog.xml"}, "no dataset with an access found"},
	} {
		var stdout strings.Builder
		err := run(append(tc.args, "-quiet", "-out", t.TempDir()), &stdout)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want an error with %q", tc.args, err, tc.want)
		}
	}
}
