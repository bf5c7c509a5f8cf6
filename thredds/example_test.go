package thredds_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"

	"github.com/insitu-go/insitu/thredds"
)

// argoCatalog is a small catalog in the shape a TDS 5 datasetScan writes.
const argoCatalog = `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0"
         xmlns:xlink="http://www.w3.org/1999/xlink" name="Argo profiles" version="1.2">
  <service name="all" serviceType="compound" base="">
    <service name="odap" serviceType="OpenDAP" base="/thredds/dodsC/"/>
    <service name="http" serviceType="HTTPServer" base="/thredds/fileServer/"/>
    <service name="ncssPoint" serviceType="NetcdfSubset" base="/thredds/ncss/point/"/>
  </service>
  <dataset name="6902746" ID="argo/6902746">
    <metadata inherited="true">
      <serviceName>all</serviceName>
      <dataType>Profile</dataType>
    </metadata>
    <dataset name="R6902746_001.nc" urlPath="argo/6902746/R6902746_001.nc">
      <dataSize units="Kbytes">21.5</dataSize>
    </dataset>
    <dataset name="R6902746_002.nc" urlPath="argo/6902746/R6902746_002.nc"/>
    <catalogRef xlink:href="meta/catalog.xml" xlink:title="metadata files"/>
  </dataset>
</catalog>`

func ExampleParseCatalog() {
	cat, err := thredds.ParseCatalog([]byte(argoCatalog), "https://data.example.org/thredds/catalog/argo/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cat.Name, cat.Version)
	fmt.Println(len(cat.All()), "datasets,", len(cat.AllRefs()), "reference:", cat.AllRefs()[0].URL)
	// Output:
	// Argo profiles 1.2
	// 3 datasets, 1 reference: https://data.example.org/thredds/catalog/argo/meta/catalog.xml
}

func ExampleCatalog_All() {
	cat, err := thredds.ParseCatalog([]byte(argoCatalog), "https://data.example.org/thredds/catalog/argo/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	for _, ds := range cat.All() {
		indent := strings.Repeat("  ", len(ds.Path())-1)
		fmt.Printf("%s%s (%d accesses)\n", indent, ds.Name, len(ds.Access()))
	}
	// Output:
	// 6902746 (0 accesses)
	//   R6902746_001.nc (3 accesses)
	//   R6902746_002.nc (3 accesses)
}

func ExampleDataset_Access() {
	cat, err := thredds.ParseCatalog([]byte(argoCatalog), "https://data.example.org/thredds/catalog/argo/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	ds := cat.FindName("R6902746_001.nc")
	for _, a := range ds.Access() {
		fmt.Printf("%-9s %-12s %s\n", a.ServiceName, a.ServiceType, a.URL)
	}
	fmt.Println(ds.DataSize(), "bytes,", ds.DataType())
	// Output:
	// odap      OPENDAP      https://data.example.org/thredds/dodsC/argo/6902746/R6902746_001.nc
	// http      HTTPServer   https://data.example.org/thredds/fileServer/argo/6902746/R6902746_001.nc
	// ncssPoint NetcdfSubset https://data.example.org/thredds/ncss/point/argo/6902746/R6902746_001.nc
	// 21500 bytes, Profile
}

func ExampleDataset_AccessURL() {
	cat, err := thredds.ParseCatalog([]byte(argoCatalog), "https://data.example.org/thredds/catalog/argo/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	ds := cat.FindName("R6902746_002.nc")
	for _, service := range []string{"OPeNDAP", "dods", "httpserver", "ncssPoint", "WMS"} {
		u, ok := ds.AccessURL(service)
		fmt.Println(service, ok, u)
	}
	// Output:
	// OPeNDAP true https://data.example.org/thredds/dodsC/argo/6902746/R6902746_002.nc
	// dods true https://data.example.org/thredds/dodsC/argo/6902746/R6902746_002.nc
	// httpserver true https://data.example.org/thredds/fileServer/argo/6902746/R6902746_002.nc
	// ncssPoint true https://data.example.org/thredds/ncss/point/argo/6902746/R6902746_002.nc
	// WMS false
}

// A TDS 5 server redirects /thredds/catalog.xml to
// /thredds/catalog/catalog.xml; references resolve against the final URL.
func ExampleClient_Catalog() {
	mux := http.NewServeMux()
	mux.HandleFunc("/thredds/catalog.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/thredds/catalog/catalog.xml", http.StatusFound)
	})
	mux.HandleFunc("/thredds/catalog/catalog.xml", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0"
  xmlns:xlink="http://www.w3.org/1999/xlink" name="Ocean data">
  <catalogRef xlink:href="argo/catalog.xml" xlink:title="Argo"/>
</catalog>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := thredds.NewClient(thredds.WithTimeout(30 * time.Second))
	cat, err := c.Catalog(context.Background(), srv.URL+"/thredds/catalog.xml")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cat.Name)
	fmt.Println(strings.TrimPrefix(cat.URL, srv.URL))
	fmt.Println(strings.TrimPrefix(cat.Refs[0].URL, srv.URL))
	// Output:
	// Ocean data
	// /thredds/catalog/catalog.xml
	// /thredds/catalog/argo/catalog.xml
}

func ExampleClient_Crawl() {
	catalogs := map[string]string{
		"/thredds/catalog/catalog.xml": `<catalog xmlns:xlink="http://www.w3.org/1999/xlink">
  <service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
  <dataset name="floats">
    <metadata inherited="true"><serviceName>odap</serviceName></metadata>
    <catalogRef xlink:href="6902746/catalog.xml" xlink:title="6902746"/>
    <catalogRef xlink:href="6902747/catalog.xml" xlink:title="6902747"/>
    <catalogRef xlink:href="catalog.xml" xlink:title="a cycle"/>
  </dataset>
</catalog>`,
		"/thredds/catalog/6902746/catalog.xml": `<catalog><service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
  <dataset name="R6902746_001.nc" urlPath="argo/R6902746_001.nc" serviceName="odap"/></catalog>`,
		"/thredds/catalog/6902747/catalog.xml": `<catalog><service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
  <dataset name="R6902747_001.nc" urlPath="argo/R6902747_001.nc" serviceName="odap"/>
  <dataset name="R6902747_002.nc" urlPath="argo/R6902747_002.nc" serviceName="odap"/></catalog>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doc, ok := catalogs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, doc)
	}))
	defer srv.Close()

	c := thredds.NewClient()
	var files []string
	opts := thredds.CrawlOptions{Concurrency: 4, Include: []string{"*.nc"}}
	for ds, err := range c.Crawl(context.Background(), srv.URL+"/thredds/catalog/catalog.xml", opts) {
		if err != nil {
			log.Print(err) // one catalog failed: the crawl goes on
			continue
		}
		u, _ := ds.AccessURL("OPENDAP")
		files = append(files, strings.TrimPrefix(u, srv.URL))
	}
	slices.Sort(files) // catalogs are read concurrently: sort for a stable output
	fmt.Println(strings.Join(files, "\n"))
	// Output:
	// /thredds/dodsC/argo/R6902746_001.nc
	// /thredds/dodsC/argo/R6902747_001.nc
	// /thredds/dodsC/argo/R6902747_002.nc
}

func ExampleNCSSQuery() {
	q := thredds.NewNCSSQuery().
		Var("sea_water_temperature", "sea_water_salinity").
		BBox(-10, 40, 5, 52). // west, south, east, north
		TimeRange(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)).
		Accept("netcdf")
	// an NCSS access URL as NCEI writes it, with its /dataset.html suffix
	fmt.Println(q.URL("https://data.example.org/thredds/ncss/grid/ocean/analysis.nc/dataset.html"))

	p := thredds.NewNCSSQuery().Var("T").Stations("62001", "62163").TimeEndPresent().Duration("P3D").Accept("csv")
	fmt.Println(p.Encode())
	// Output:
	// https://data.example.org/thredds/ncss/grid/ocean/analysis.nc?var=sea_water_temperature&var=sea_water_salinity&north=52&south=40&east=5&west=-10&time_start=2024-03-01T00%3A00%3A00Z&time_end=2024-04-01T00%3A00%3A00Z&accept=netcdf
	// var=T&stns=62001%2C62163&time_end=present&time_duration=P3D&accept=csv
}

func ExampleClient_NCSS() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		io.WriteString(w, `date,lat[unit="degrees_north"],lon[unit="degrees_east"],vertCoord[unit="Pa"],Temperature_isobaric[unit="K"]
2015-06-12T15:00:00Z,40.0,-105.0,50000.0,263.4
2015-06-12T15:00:00Z,40.0,-105.0,85000.0,289.4
`)
	}))
	defer srv.Close()

	c := thredds.NewClient()
	q := thredds.NewNCSSQuery().Var("Temperature_isobaric").LonLatPoint(-105, 40).
		Time(time.Date(2015, 6, 12, 15, 0, 0, 0, time.UTC)).Accept("csv")
	resp, err := c.NCSS(context.Background(), srv.URL+"/thredds/ncss/grid/gfs.grib2", q)
	if err != nil {
		log.Fatal(err)
	}
	tab, err := resp.Table()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tab.Len(), "rows in", tab.Unit("Temperature_isobaric"), "at", tab.Float64s("vertCoord"), tab.Unit("vertCoord"))
	fmt.Println(tab.Float64s("Temperature_isobaric"))
	// Output:
	// 2 rows in K at [50000 85000] Pa
	// [263.4 289.4]
}
