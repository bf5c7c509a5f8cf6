package argo_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/erddap"
	"github.com/insitu-go/insitu/geo"
)

// fakeIfremerERDDAP stands in for https://erddap.ifremer.fr/erddap: it
// answers every tabledap request with the ERDDAP table of the mini GDAC
// (testdata/erddap) and prints the request it got.
func fakeIfremerERDDAP() *httptest.Server {
	table, err := os.ReadFile("../testdata/erddap/ArgoFloats.nc")
	if err != nil {
		log.Fatal(err)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, _ := url.QueryUnescape(r.URL.RawQuery)
		_, constraints, _ := strings.Cut(q, "&") // after the variable list
		fmt.Printf("GET %s?...&%s\n", r.URL.Path, constraints)
		w.Write(table)
	}))
}

func ExampleNewERDDAP() {
	srv := fakeIfremerERDDAP() // a stand-in for argo.IfremerERDDAP
	defer srv.Close()

	c, err := erddap.NewClient(srv.URL + "/erddap")
	if err != nil {
		log.Fatal(err)
	}
	src, err := argo.NewERDDAP(c) // the ArgoFloats dataset; WithERDDAPDataset for BGC or reference data
	if err != nil {
		log.Fatal(err)
	}
	q := argo.Query{Region: geo.Box(-12, 44, -2, 50), PresMax: 100, Mode: argo.Standard}
	for p, err := range src.Profiles(context.Background(), q) {
		if err != nil {
			fmt.Println("error:", err) // one request failed; the others still come
			continue
		}
		fmt.Printf("%s %s %d levels\n", p.ID(), p.DataMode, p.Levels())
	}
	// Output:
	// GET /erddap/tabledap/ArgoFloats.nc?...&longitude>=-12.0&longitude<=-2.0&latitude>=44.0&latitude<=50.0&pres>=0.0&pres<=100.0&latitude!=NaN&longitude!=NaN&distinct()&orderBy("time,pres")
	// 6999003_011 D 15 levels
	// 6999003_012 D 14 levels
	// 6999001_001 D 18 levels
	// 6999001_002 D 19 levels
	// 6999001_003 R 16 levels
	// 6999002_001D R 20 levels
	// 6999002_001 D 19 levels
	// 6999002_002 R 19 levels
}

func ExampleDecodeERDDAP() {
	// A tabledap .nc response saved from an ERDDAP server, e.g. with
	// erddap.Client.Download.
	data, err := os.ReadFile("../testdata/erddap/ArgoFloats.nc")
	if err != nil {
		log.Fatal(err)
	}
	ps, err := argo.DecodeERDDAP("ArgoFloats.nc", data)
	if err != nil {
		log.Fatal(err)
	}
	p := ps[0]
	temp, qc, _ := p.Param("TEMP").Best()
	fmt.Println(len(ps), "profiles; first:", p.ID(), p.DataMode, p.Time.Format("2006-01-02 15:04"), p.Lat, p.Lon)
	fmt.Printf("TEMP at %.1f dbar: %.3f °C, flag %s\n", p.Param("PRES").Raw[0], temp[0], qc[0])
	// Output:
	// 16 profiles; first: 4999001_001 R 1998-07-29 20:03 0.412 -15.937
	// TEMP at 4.7 dbar: 24.958 °C, flag 1
}

func ExampleERDDAP_Index() {
	// A stand-in for the Ifremer ERDDAP's ArgoFloats-index dataset, with
	// three rows of the mini GDAC's index in ERDDAP's .nccsv layout.
	const rows = `*GLOBAL*,Conventions,"COARDS, CF-1.6, ACDD-1.3, NCCSV-1.1"
file,*DATA_TYPE*,String
date,*DATA_TYPE*,double
date,units,seconds since 1970-01-01T00:00:00Z
latitude,*DATA_TYPE*,double
longitude,*DATA_TYPE*,double
ocean,*DATA_TYPE*,String
profiler_type,*DATA_TYPE*,int
institution,*DATA_TYPE*,String
date_update,*DATA_TYPE*,double
date_update,units,seconds since 1970-01-01T00:00:00Z

*END_METADATA*
file,date,latitude,longitude,ocean,profiler_type,institution,date_update
coriolis/6999001/profiles/D6999001_001.nc,1.6155378E9,48.305,-5.121,A,844,IF,1.6500186E9
coriolis/6999001/profiles/D6999001_002.nc,1.6164018E9,48.412,-5.017,A,844,IF,1.6508826E9
coriolis/6999001/profiles/R6999001_003.nc,1.6172658E9,48.518,-4.928,A,844,IF,1.6172838E9
*END_DATA*
`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, rows)
	}))
	defer srv.Close()

	c, err := erddap.NewClient(srv.URL + "/erddap") // argo.IfremerERDDAP for real
	if err != nil {
		log.Fatal(err)
	}
	src, err := argo.NewERDDAP(c)
	if err != nil {
		log.Fatal(err)
	}
	q := argo.Query{Platforms: []string{"6999001"}, Cycles: []int{2, 3}}
	ix, err := src.Index(context.Background(), q)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range ix.Search(q) { // the exact selection (here, the cycles)
		fmt.Println(e.File, e.DAC, e.Cycle, e.Date.Format(time.DateTime), e.Lat, e.Lon)
	}
	// Output:
	// coriolis/6999001/profiles/D6999001_002.nc coriolis 2 2021-03-22 08:30:00 48.412 -5.017
	// coriolis/6999001/profiles/R6999001_003.nc coriolis 3 2021-04-01 08:30:00 48.518 -4.928
}
