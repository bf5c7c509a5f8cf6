package erddap_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/insitu-go/insitu/erddap"
)

// serve answers every request under path with body, like the recorded
// ERDDAP responses it is shaped after; other paths get ERDDAP's 404.
func serve(routes map[string]string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := routes[r.URL.Path]
		if !ok {
			w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n")
			return
		}
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		fmt.Fprint(w, body)
	}))
}

func ExampleNewClient() {
	c, err := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	if err != nil {
		fmt.Println(err)
		return
	}
	q := erddap.NewTableQuery("ArgoFloats").
		Select("platform_number", "cycle_number", "time", "pres", "temp").
		Where("platform_number", "=~", "6902746|1901393").
		Where("time", ">=", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).
		Where("temp", "!=", math.NaN()).
		Distinct().
		OrderBy("time", "pres")
	fmt.Println(c.TableURL(q, ".csv"))

	bad := erddap.NewTableQuery("ArgoFloats").Where("platform_number", "~=", "6902746")
	fmt.Printf("%q %v\n", c.TableURL(bad, ".csv"), bad.Err())
	// Output:
	// https://erddap.ifremer.fr/erddap/tabledap/ArgoFloats.csv?platform_number,cycle_number,time,pres,temp&platform_number%3D~%226902746%7C1901393%22&time%3E%3D2020-01-01T00:00:00Z&temp!%3DNaN&distinct()&orderBy(%22time,pres%22)
	// "" erddap: Where(platform_number): operator ~= is not valid: use =~
}

func ExampleClient_Search() {
	srv := serve(map[string]string{"/erddap/search/index.json": `{
  "table": {
    "columnNames": ["griddap", "Subset", "tabledap", "Make A Graph", "wms", "files", "Title", "Summary", "FGDC", "ISO 19115", "Info", "Background Info", "RSS", "Email", "Institution", "Dataset ID"],
    "columnTypes": ["String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String", "String"],
    "rows": [
      ["", "", "https://erddap.ifremer.fr/erddap/tabledap/ArgoFloats", "", "", "", "Argo float vertical profiles from Coriolis Global Data Assembly Centres (GDAC)", "Argo float profiles", "", "", "https://erddap.ifremer.fr/erddap/info/ArgoFloats/index.json", "http://www.argodatamgt.org/Documentation", "", "", "Argo", "ArgoFloats"],
      ["https://erddap.ifremer.fr/erddap/griddap/OACP-Argo-Global", "", "", "", "", "", "Ocean heat content from Argo", "gridded", "", "", "", "", "", "", "Ifremer", "OACP-Argo-Global"]
    ]
  }
}`})
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	ds, err := c.Search(context.Background(), erddap.SearchQuery{Text: "argo"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range ds {
		fmt.Println(d.ID, d.Protocol, d.Institution)
	}
	// A search without match is an empty result, not an error.
	none, err := c.Search(context.Background(), erddap.SearchQuery{Text: "argo", Protocol: "griddap", MinTime: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	fmt.Println(len(none), err)
	// Output:
	// ArgoFloats tabledap Argo
	// OACP-Argo-Global griddap Ifremer
	// 0 <nil>
}

func ExampleClient_Info() {
	srv := serve(map[string]string{"/erddap/info/erdQMekm14day/index.json": `{
  "table": {
    "columnNames": ["Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"],
    "columnTypes": ["String", "String", "String", "String", "String"],
    "rows": [
      ["attribute", "NC_GLOBAL", "cdm_data_type", "String", "Grid"],
      ["dimension", "time", "", "double", "nValues=2496, evenlySpaced=false, averageSpacing=1 day 0h 6m 56s"],
      ["attribute", "time", "actual_range", "double", "1.3775616E9, 1.5941664E9"],
      ["dimension", "latitude", "", "double", "nValues=601, evenlySpaced=true, averageSpacing=0.25"],
      ["attribute", "latitude", "units", "String", "degrees_north"],
      ["variable", "mod_current", "", "float", "time, latitude"],
      ["attribute", "mod_current", "_FillValue", "float", "-9999999.0"],
      ["attribute", "mod_current", "standard_name", "String", "sea_water_speed"]
    ]
  }
}`})
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	in, err := c.Info(context.Background(), "erdQMekm14day")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Attribute("NC_GLOBAL", "cdm_data_type"))
	for _, d := range in.Dimensions() {
		fmt.Printf("%s: %d values, spacing %g, descending %v\n", d.Name, d.Dimension.NValues, d.Dimension.AverageSpacing, d.Dimension.Descending())
	}
	fmt.Println(in.Attribute("time", "actual_range").Float64s)
	fmt.Println(in.Variable("mod_current").Dimensions, in.Attribute("mod_current", "_FillValue").Float64s)
	fmt.Println(in.VariablesByAttr(map[string]string{"standard_name": "sea_water_speed"}))
	// Output:
	// Grid
	// time: 2496 values, spacing 86816, descending false
	// latitude: 601 values, spacing 0.25, descending false
	// [1.3775616e+09 1.5941664e+09]
	// [time latitude] [-9.999999e+06]
	// [mod_current]
}

func ExampleClient_GridURL() {
	c, _ := erddap.NewClient("https://coastwatch.noaa.gov/erddap")
	// Latitude is stored north to south in this dataset: with its Info the
	// range is sent as [(31):1:(30)] whatever the order given.
	info := &erddap.Info{Variables: []*erddap.Variable{
		{Name: "time", Dimension: &erddap.Dimension{NValues: 2000, AverageSpacing: 86400}},
		{Name: "latitude", Dimension: &erddap.Dimension{NValues: 4320, AverageSpacing: -0.0416667}},
		{Name: "longitude", Dimension: &erddap.Dimension{NValues: 8640, AverageSpacing: 0.0416667}},
		{Name: "chlor_a", Dimensions: []string{"time", "latitude", "longitude"}},
	}}
	q := erddap.NewGridQuery("noaacwNPPVIIRSchlaDaily", "chlor_a").WithInfo(info).
		Range("time", time.Date(2020, 7, 7, 12, 0, 0, 0, time.UTC), time.Date(2020, 7, 8, 12, 0, 0, 0, time.UTC), 1).
		Range("latitude", 30, 31, 1).
		Range("longitude", -120, -119, 2)
	fmt.Println(c.GridURL(q, ".nc"))
	fmt.Println(c.GridURL(erddap.NewGridQuery("noaacwNPPVIIRSchlaDaily", "chlor_a").Last("time", 1).Index("latitude", 0, 10, 100).Index("longitude", 0, 10, 100), ".csv"))
	// Output:
	// https://coastwatch.noaa.gov/erddap/griddap/noaacwNPPVIIRSchlaDaily.nc?chlor_a%5B(2020-07-07T12:00:00Z):1:(2020-07-08T12:00:00Z)%5D%5B(31):1:(30)%5D%5B(-120):2:(-119)%5D
	// https://coastwatch.noaa.gov/erddap/griddap/noaacwNPPVIIRSchlaDaily.csv?chlor_a%5Blast%5D%5B0:10:100%5D%5B0:10:100%5D
}

func ExampleChunks() {
	c, _ := erddap.NewClient("https://erddap.ifremer.fr/erddap")
	q := erddap.NewTableQuery("ArgoFloats").Select("platform_number", "time", "pres", "temp").
		Where("longitude", ">=", -60).Where("longitude", "<=", -20).
		Where("latitude", ">=", 30).Where("latitude", "<=", 45).
		Where("time", ">=", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).
		Where("time", "<", time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC))
	chunks, err := erddap.Chunks(q, erddap.DefaultChunkOptions()) // 90 days, 20°×20°
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(chunks), "chunks")
	for _, ch := range chunks[:2] {
		u := c.TableURL(ch, ".nc")
		fmt.Println(u[strings.Index(u, "&"):])
	}
	// Output:
	// 4 chunks
	// &longitude%3E%3D-60&longitude%3C-40.0&latitude%3E%3D30&latitude%3C%3D45&time%3E%3D2020-01-01T00:00:00Z&time%3C2020-03-31T00:00:00Z
	// &longitude%3E%3D-40.0&longitude%3C%3D-20&latitude%3E%3D30&latitude%3C%3D45&time%3E%3D2020-01-01T00:00:00Z&time%3C2020-03-31T00:00:00Z
}

func ExampleErrNoData() {
	srv := serve(nil)
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	q := erddap.NewTableQuery("ArgoFloats").Where("platform_number", "=", "0000000")
	var sb strings.Builder
	_, err := c.Download(context.Background(), q, ".csv", &sb)
	var e *erddap.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Code, e.Message)
	}
	fmt.Println(errors.Is(err, erddap.ErrNoData))
	// Output:
	// 404 404 Not Found: Your query produced no matching results. (nRows = 0)
	// true
}

func ExampleClient_Grid() {
	srv := serve(map[string]string{"/erddap/griddap/erdQMekm14day.json": `{
  "table": {
    "columnNames": ["time", "latitude", "longitude", "mod_current"],
    "columnTypes": ["String", "double", "double", "float"],
    "columnUnits": ["UTC", "degrees_north", "degrees_east", "m s-1"],
    "rows": [
      ["2015-12-28T00:00:00Z", 23.0, 88.0, 0.11],
      ["2015-12-28T00:00:00Z", 23.0, 88.25, 0.12],
      ["2015-12-28T00:00:00Z", 23.25, 88.0, null],
      ["2015-12-28T00:00:00Z", 23.25, 88.25, 0.14]
    ]
  }
}`})
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	q := erddap.NewGridQuery("erdQMekm14day", "mod_current").
		Last("time", 1).Range("latitude", 23, 23.25, 1).Range("longitude", 88, 88.25, 1)
	g, err := c.Grid(context.Background(), q)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.Shape, g.Axes[0].Times[0].Format(time.DateOnly), g.Axes[1].Values, g.Axes[2].Values)
	fmt.Println(g.Vars["mod_current"])
	fmt.Printf("%.2f\n", g.At("mod_current", 0, 1, 1))
	// Output:
	// [1 2 2] 2015-12-28 [23 23.25] [88 88.25]
	// [0.11 0.12 NaN 0.14]
	// 0.14
}

func ExampleClient_Download() {
	srv := serve(map[string]string{"/erddap/tabledap/ArgoFloats.csv": "platform_number,time,pres\n,UTC,decibar\n6902746,2017-07-22T09:12:00Z,5.0\n"})
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	var sb strings.Builder
	n, err := c.Download(context.Background(), erddap.NewTableQuery("ArgoFloats").Select("platform_number", "time", "pres"), ".csv", &sb)
	fmt.Println(n, err)
	fmt.Print(sb.String())
	// Output:
	// 72 <nil>
	// platform_number,time,pres
	// ,UTC,decibar
	// 6902746,2017-07-22T09:12:00Z,5.0
}

func ExampleClient_Version() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ERDDAP_version=2.23\n")
	}))
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	v, err := c.Version(context.Background())
	fmt.Println(v, err)
	// Output:
	// 2.23 <nil>
}

func ExampleParseSpacing() {
	for _, s := range []string{"0.25", "-0.041666668", "1 day 0h 6m 56s", "14 days"} {
		v, err := erddap.ParseSpacing(s)
		fmt.Println(v, err)
	}
	// Output:
	// 0.25 <nil>
	// -0.041666668 <nil>
	// 86816 <nil>
	// 1.2096e+06 <nil>
}

func ExampleClient_TableChunked() {
	// A server that holds one row per month of 2020 and, like ERDDAP, filters
	// by the time constraints and answers 404 when nothing matches.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, _ := url.PathUnescape(r.URL.RawQuery)
		var rows []string
		for m := time.January; m <= time.December; m++ {
			t := time.Date(2020, m, 15, 0, 0, 0, 0, time.UTC)
			s := t.Format(time.RFC3339)
			if keep(q, s) {
				rows = append(rows, fmt.Sprintf("%s,%d", s, m))
			}
		}
		if len(rows) == 0 {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, "Error {\n    code=404;\n    message=\"Not Found: Your query produced no matching results. (nRows = 0)\";\n}\n")
			return
		}
		fmt.Fprintf(w, "time,*DATA_TYPE*,String\ntime,units,yyyy-MM-dd'T'HH:mm:ssZ\nmonth,*DATA_TYPE*,int\n\n*END_METADATA*\ntime,month\n%s\n*END_DATA*\n", strings.Join(rows, "\n"))
	}))
	defer srv.Close()
	c, _ := erddap.NewClient(srv.URL + "/erddap")
	q := erddap.NewTableQuery("monthly").Select("time", "month").
		Where("time", ">=", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).
		Where("time", "<=", time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC))
	t, err := c.TableChunked(context.Background(), q, erddap.ChunkOptions{Time: 90 * 24 * time.Hour})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Len(), t.Float64s("month"))
	// Output:
	// 12 [1 2 3 4 5 6 7 8 9 10 11 12]
}

// keep applies the time>=, time< and time<= constraints of a decoded query
// to an ISO time (ISO times of one format compare as text).
func keep(query, iso string) bool {
	for _, part := range strings.Split(query, "&") {
		switch {
		case strings.HasPrefix(part, "time>="):
			if iso < part[len("time>="):] {
				return false
			}
		case strings.HasPrefix(part, "time<="):
			if iso > part[len("time<="):] {
				return false
			}
		case strings.HasPrefix(part, "time<"):
			if iso >= part[len("time<"):] {
				return false
			}
		}
	}
	return true
}
