package argo_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/geo"
)

func ExampleReadIndex() {
	f, err := os.Open("../testdata/gdac/ar_index_global_prof.txt.gz") // gzip is detected
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	ix, err := argo.ReadIndex(f)
	if err != nil {
		log.Fatal(err)
	}
	h := ix.Header()
	fmt.Println(ix.Kind(), ix.Len(), h.FormatVersion, h.Updated.Format(time.DateOnly))
	// Output:
	// ar_index_global_prof.txt 19 2.0 2024-06-03
}

func ExampleIndex_Search() {
	ix, err := argo.OpenIndex("../testdata/gdac/ar_index_global_prof.txt")
	if err != nil {
		log.Fatal(err)
	}
	iroise := geo.Box(-6, 47.8, -4.3, 48.8) // closed in space
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC) // half-open in time
	for _, e := range ix.Search(argo.Query{Region: iroise, Start: start, End: end}) {
		fmt.Println(e.File, e.Platform, e.Cycle, e.Date.Format(time.DateOnly), e.Institution)
	}
	// Output:
	// coriolis/6999001/profiles/D6999001_001.nc 6999001 1 2021-03-12 IF
	// coriolis/6999001/profiles/D6999001_002.nc 6999001 2 2021-03-22 IF
	// coriolis/6999001/profiles/R6999001_003.nc 6999001 3 2021-04-01 IF
}

func ExampleNewGDAC() {
	// A local mirror here; an https:// root (https://data-argo.ifremer.fr) works the same.
	gdac, err := argo.NewGDAC("../testdata/gdac")
	if err != nil {
		log.Fatal(err)
	}
	q := argo.Query{Region: geo.Box(-12, 44, -2, 50), Mode: argo.Standard}
	for p, err := range gdac.Profiles(context.Background(), q) {
		if err != nil {
			fmt.Println("error:", err) // one file failed; the others still come
			continue
		}
		fmt.Printf("%s %s %d levels\n", p.ID(), p.DataMode, p.Levels())
	}
	// Output:
	// 6999001_001 D 19 levels
	// 6999001_001 A 9 levels
	// 6999001_002 D 19 levels
	// 6999001_003 R 16 levels
	// 6999002_001 D 24 levels
	// 6999002_001D R 24 levels
	// 6999002_002 R 24 levels
	// 6999003_011 D 31 levels
	// 6999003_012 D 51 levels
}

func ExampleGDAC_Trajectory() {
	g, err := argo.NewGDAC("../testdata/gdac") // a local mirror; an https:// root works the same
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	m, err := g.Meta(ctx, "6999001")
	if err != nil {
		log.Fatal(err)
	}
	tr, err := g.Trajectory(ctx, "6999001") // Dtraj when there is one, else Rtraj
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Platform, m.LaunchDate.Format(time.DateOnly), filepath.Base(tr.File.Name), tr.Measurements.Len() > 0)
	// Output:
	// 6999001 2021-03-02 6999001_Rtraj.nc true
}
