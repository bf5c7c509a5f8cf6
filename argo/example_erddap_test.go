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
