package erddap_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
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
