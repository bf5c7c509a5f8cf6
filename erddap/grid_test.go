package erddap

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestGridURLRecorded rebuilds the griddap request URLs of the recorded
// rerddap and argopy responses: our URL encodes the brackets, and decodes to
// the recorded query.
func TestGridURLRecorded(t *testing.T) {
	upwell := mustClient(t, "https://upwell.pfeg.noaa.gov/erddap")
	sub := func(q *GridQuery) *GridQuery {
		return q.Range("time", "2015-12-28", "2016-01-01", 1).Range("altitude", "0.0", "0.0", 1).
			Range("latitude", 23, 24, 1).Range("longitude", 88, 90, 1)
	}
	// noaacwNPPVIIRSchlaDaily stores latitude north to south.
	viirs := &Info{Variables: []*Variable{
		{Name: "time", Dimension: &Dimension{NValues: 10, AverageSpacing: 86400}},
		{Name: "altitude", Dimension: &Dimension{NValues: 1}},
		{Name: "latitude", Dimension: &Dimension{NValues: 4320, AverageSpacing: -0.0416667}},
		{Name: "longitude", Dimension: &Dimension{NValues: 8640, AverageSpacing: 0.0416667}},
		{Name: "chlor_a", Dimensions: []string{"time", "altitude", "latitude", "longitude"}},
	}}
	tests := []struct {
		name     string
		c        *Client
		q        *GridQuery
		recorded string
		want     string
	}{
		{
			"erdQMekm14day one variable", upwell, sub(NewGridQuery("erdQMekm14day", "mod_current")),
			"https://upwell.pfeg.noaa.gov/erddap/griddap/erdQMekm14day.nc?mod_current[(2015-12-28):1:(2016-01-01)][(0.0):1:(0.0)][(23):1:(24)][(88):1:(90)]",
			"https://upwell.pfeg.noaa.gov/erddap/griddap/erdQMekm14day.nc?mod_current%5B(2015-12-28):1:(2016-01-01)%5D%5B(0.0):1:(0.0)%5D%5B(23):1:(24)%5D%5B(88):1:(90)%5D",
		},
		{
			"erdQMekm14day three variables", upwell, sub(NewGridQuery("erdQMekm14day", "mod_current", "u_current", "v_current")),
			"https://upwell.pfeg.noaa.gov/erddap/griddap/erdQMekm14day.nc?mod_current[(2015-12-28):1:(2016-01-01)][(0.0):1:(0.0)][(23):1:(24)][(88):1:(90)],u_current[(2015-12-28):1:(2016-01-01)][(0.0):1:(0.0)][(23):1:(24)][(88):1:(90)],v_current[(2015-12-28):1:(2016-01-01)][(0.0):1:(0.0)][(23):1:(24)][(88):1:(90)]",
			"",
		},
		{
			"descending latitude swapped from Info", mustClient(t, "https://coastwatch.noaa.gov/erddap"),
			NewGridQuery("noaacwNPPVIIRSchlaDaily", "chlor_a").WithInfo(viirs).
				Range("longitude", -120, -119, 1).Range("latitude", 30, 31, 1).Range("altitude", 0, 0, 1).
				Range("time", time.Date(2020, 7, 7, 12, 0, 0, 0, time.UTC), time.Date(2020, 7, 7, 13, 0, 0, 0, time.UTC), 1),
			"https://coastwatch.noaa.gov/erddap/griddap/noaacwNPPVIIRSchlaDaily.nc?chlor_a[(2020-07-07T12:00:00Z):1:(2020-07-07T13:00:00Z)][(0):1:(0)][(31):1:(30)][(-120):1:(-119)]",
			"https://coastwatch.noaa.gov/erddap/griddap/noaacwNPPVIIRSchlaDaily.nc?chlor_a%5B(2020-07-07T12:00:00Z):1:(2020-07-07T13:00:00Z)%5D%5B(0):1:(0)%5D%5B(31):1:(30)%5D%5B(-120):1:(-119)%5D",
		},
		{
			"GEBCO stride 10", mustClient(t, "https://coastwatch.pfeg.noaa.gov/erddap"),
			NewGridQuery("GEBCO_2020", "elevation").Range("latitude", "-67.00", "-54.00", 10).Range("longitude", "81.00", "123.00", 10),
			"https://coastwatch.pfeg.noaa.gov/erddap/griddap/GEBCO_2020.nc?elevation[(-67.00):10:(-54.00)][(81.00):10:(123.00)]",
			"https://coastwatch.pfeg.noaa.gov/erddap/griddap/GEBCO_2020.nc?elevation%5B(-67.00):10:(-54.00)%5D%5B(81.00):10:(123.00)%5D",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.c.GridURL(tc.q, ".nc")
			if got == "" {
				t.Fatal(tc.q.Err())
			}
			if tc.want != "" && got != tc.want {
				t.Errorf("GridURL\n got %s\nwant %s", got, tc.want)
			}
			if a, b := canonical(t, got), canonical(t, tc.recorded); a != b {
				t.Errorf("decoded\n got %s\nwant %s", a, b)
			}
		})
	}
}

func TestGridURLForms(t *testing.T) {
	c := mustClient(t, "https://h/erddap")
	info := &Info{Variables: []*Variable{
		{Name: "time", Dimension: &Dimension{NValues: 10, AverageSpacing: 86400}},
		{Name: "latitude", Dimension: &Dimension{NValues: 10, AverageSpacing: 0.25}},
		{Name: "longitude", Dimension: &Dimension{NValues: 10, AverageSpacing: 0.25}},
		{Name: "sst", Dimensions: []string{"time", "latitude", "longitude"}},
	}}
	tests := []struct {
		q    *GridQuery
		want string
	}{
		{NewGridQuery("d", "sst").Last("time", 1).Index("latitude", 0, 2, 10).Index("longitude", 5, 1, 5), "sst[last][0:2:10][5:1:5]"},
		{NewGridQuery("d", "sst").Last("time", 3).At("latitude", 10.5).At("longitude", "last"), "sst[last-2:1:last][(10.5)][(last)]"},
		{NewGridQuery("d", "sst").Range("time", "last-86400", "last", 1), "sst[(last-86400):1:(last)]"},
		// Dimensions in Info order, unconstrained ones whole, an ascending
		// axis given high to low put back in order.
		{NewGridQuery("d", "sst").WithInfo(info).Range("latitude", 20, 10, 2), "sst[][(10):2:(20)][]"},
	}
	for _, tc := range tests {
		got := c.GridURL(tc.q, "json")
		want := "https://h/erddap/griddap/d.json?" + escape(tc.want)
		if got != want {
			t.Errorf("got  %s\nwant %s (%v)", got, want, tc.q.Err())
		}
	}
	bad := []*GridQuery{
		NewGridQuery("d"),
		NewGridQuery("d", "sst").Index("time", 0, 0, 3),
		NewGridQuery("d", "sst").Index("time", 5, 1, 3),
		NewGridQuery("d", "sst").Range("time", "yesterday", "now", 1),
		NewGridQuery("d", "sst").Range("time", math.NaN(), 1, 1),
		NewGridQuery("d", "sst").Last("time", 0),
		NewGridQuery("d", "sst").At("la titude", 1),
		NewGridQuery("d", "sst").WithInfo(info).At("depth", 1),
		NewGridQuery("d", "chla").WithInfo(info),
		NewGridQuery("d", "s[0]"),
	}
	for i, q := range bad {
		if u := c.GridURL(q, ".nc"); u != "" {
			t.Errorf("bad query %d: GridURL = %s", i, u)
		}
		if _, err := c.Grid(context.Background(), q); err == nil || !strings.HasPrefix(err.Error(), "erddap: ") {
			t.Errorf("bad query %d: Grid err = %v", i, err)
		}
	}
}

// gridJSON is a griddap .json response in ERDDAP's layout (one row per grid
// point, axes first, last axis fastest, null for missing).
const gridJSON = `{
  "table": {
    "columnNames": ["time", "altitude", "latitude", "longitude", "mod_current", "u_current"],
    "columnTypes": ["String", "double", "double", "double", "float", "float"],
    "columnUnits": ["UTC", "m", "degrees_north", "degrees_east", "m s-1", "m s-1"],
    "rows": [
      ["2015-12-28T00:00:00Z", 0.0, 23.0, 88.0, 0.1, 0.01],
      ["2015-12-28T00:00:00Z", 0.0, 23.0, 88.25, 0.2, 0.02],
      ["2015-12-28T00:00:00Z", 0.0, 23.0, 88.5, null, null],
      ["2015-12-28T00:00:00Z", 0.0, 23.25, 88.0, 0.4, 0.04],
      ["2015-12-28T00:00:00Z", 0.0, 23.25, 88.25, 0.5, 0.05],
      ["2015-12-28T00:00:00Z", 0.0, 23.25, 88.5, 0.6, 0.06],
      ["2016-01-11T00:00:00Z", 0.0, 23.0, 88.0, 1.1, 0.11],
      ["2016-01-11T00:00:00Z", 0.0, 23.0, 88.25, 1.2, 0.12],
      ["2016-01-11T00:00:00Z", 0.0, 23.0, 88.5, 1.3, 0.13],
      ["2016-01-11T00:00:00Z", 0.0, 23.25, 88.0, 1.4, 0.14],
      ["2016-01-11T00:00:00Z", 0.0, 23.25, 88.25, 1.5, 0.15],
      ["2016-01-11T00:00:00Z", 0.0, 23.25, 88.5, 1.6, 0.16]
    ]
  }
}`

func TestGrid(t *testing.T) {
	var gotURL string
	body := gridJSON
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotURL = r.URL.RequestURI()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		w.Write([]byte(body))
	}))
	defer srv.Close()
	c := mustClient(t, srv.URL+"/erddap")
	q := NewGridQuery("erdQMekm14day", "mod_current", "u_current").
		Range("time", "2015-12-28", "2016-01-11", 1).At("altitude", 0).Range("latitude", 23, 23.25, 1).Range("longitude", 88, 88.5, 1)
	g, err := c.Grid(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/erddap/griddap/erdQMekm14day.json?" + escape("mod_current[(2015-12-28):1:(2016-01-11)][(0)][(23):1:(23.25)][(88):1:(88.5)],u_current[(2015-12-28):1:(2016-01-11)][(0)][(23):1:(23.25)][(88):1:(88.5)]"); gotURL != want {
		t.Errorf("request %s\nwant    %s", gotURL, want)
	}
	if len(g.Axes) != 4 || g.Axes[0].Name != "time" || g.Axes[3].Name != "longitude" {
		t.Fatalf("axes %+v", g.Axes)
	}
	if s := g.Shape; len(s) != 4 || s[0] != 2 || s[1] != 1 || s[2] != 2 || s[3] != 3 || g.Len() != 12 {
		t.Fatalf("shape %v", g.Shape)
	}
	if g.Axes[0].Times == nil || !g.Axes[0].Times[1].Equal(time.Date(2016, 1, 11, 0, 0, 0, 0, time.UTC)) || g.Axes[0].Values[0] != 1451260800 {
		t.Errorf("time axis %+v", g.Axes[0])
	}
	if g.Axes[3].Times != nil || g.Axes[3].Values[2] != 88.5 || g.Axes[2].Units != "degrees_north" {
		t.Errorf("longitude axis %+v", g.Axes[3])
	}
	if strings.Join(g.Names, ",") != "mod_current,u_current" || g.Units["u_current"] != "m s-1" {
		t.Errorf("names %q units %v", g.Names, g.Units)
	}
	if v := g.At("mod_current", 1, 0, 1, 2); math.Abs(v-1.6) > 1e-6 {
		t.Errorf("At(1,0,1,2) = %v, want 1.6", v)
	}
	if v := g.At("u_current", 0, 0, 0, 2); !math.IsNaN(v) {
		t.Errorf("null value = %v, want NaN", v)
	}
	if !math.IsNaN(g.At("mod_current", 2, 0, 0, 0)) || !math.IsNaN(g.At("nope", 0, 0, 0, 0)) || !math.IsNaN(g.At("mod_current", 0)) {
		t.Error("At out of range is not NaN")
	}
	// A response that is not a full row-major product is an error.
	body = strings.Replace(gridJSON, `["2016-01-11T00:00:00Z", 0.0, 23.25, 88.5, 1.6, 0.16]`, `["2016-01-11T00:00:00Z", 0.0, 23.25, 88.25, 1.6, 0.16]`, 1)
	if _, err := c.Grid(context.Background(), q); err == nil || !strings.Contains(err.Error(), "row-major") {
		t.Errorf("shuffled rows: err = %v", err)
	}
	body = strings.Replace(gridJSON, `,
      ["2016-01-11T00:00:00Z", 0.0, 23.25, 88.5, 1.6, 0.16]`, "", 1)
	if _, err := c.Grid(context.Background(), q); err == nil || !strings.Contains(err.Error(), "product") {
		t.Errorf("missing row: err = %v", err)
	}
	body = strings.Replace(gridJSON, `"mod_current", "u_current"]`, `"a", "b"]`, 1)
	if _, err := c.Grid(context.Background(), q); err == nil {
		t.Error("variables absent: no error")
	}
	body = gridJSON[:200]
	if _, err := c.Grid(context.Background(), q); err == nil {
		t.Error("truncated: no error")
	}
}

func TestDownloadGrid(t *testing.T) {
	srv, n := replay(t, 200, "application/x-netcdf", realBody(t, "ropensci__rerddap/griddap__erdQMekm14day__mod_current.nc"))
	c := mustClient(t, srv.URL+"/erddap")
	var b strings.Builder
	nb, err := c.DownloadGrid(context.Background(), NewGridQuery("erdQMekm14day", "mod_current").Last("time", 1), ".nc", &b)
	if err != nil || nb != 7296 || b.Len() != 7296 || !strings.HasPrefix(b.String(), "CDF") || *n != 1 {
		t.Fatalf("DownloadGrid: %d bytes, %v", nb, err)
	}
	srv404, _ := replay(t, 404, "application/x-netcdf", realBody(t, "euroargodev__argopy/tabledap__ArgoFloats__box_nomatch__404.nc"))
	_, err = mustClient(t, srv404.URL).DownloadGrid(context.Background(), NewGridQuery("d", "v"), ".nc", &b)
	if !errors.Is(err, ErrNoData) {
		t.Errorf("err = %v", err)
	}
}

func TestGridAxisOnly(t *testing.T) {
	srv, _ := replay(t, 200, "application/json;charset=UTF-8", []byte(`{"table":{"columnNames":["time"],"columnTypes":["String"],"columnUnits":["UTC"],"rows":[["2015-12-28T00:00:00Z"],["2016-01-11T00:00:00Z"]]}}`))
	g, err := mustClient(t, srv.URL).Grid(context.Background(), NewGridQuery("erdQMekm14day", "time").Last("time", 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Axes) != 1 || g.Axes[0].Name != "time" || len(g.Shape) != 1 || g.Shape[0] != 2 || len(g.Vars) != 0 ||
		!g.Axes[0].Times[1].Equal(time.Date(2016, 1, 11, 0, 0, 0, 0, time.UTC)) || g.Axes[0].Values[0] != 1451260800 {
		t.Errorf("axis-only grid %+v", g)
	}
}
