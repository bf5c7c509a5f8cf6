package thredds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// scanCatalog generates a datasetScan-style catalog of n files, shaped like
// the TDS catalogs of file-per-profile in-situ collections: a compound
// service, one container with inherited metadata, and per file a name, ID,
// urlPath, dataSize and modification date.
func scanCatalog(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.2">
  <service name="all" serviceType="Compound" base="">
    <service name="odap" serviceType="OpenDAP" base="/thredds/dodsC/" />
    <service name="http" serviceType="HTTPServer" base="/thredds/fileServer/" />
    <service name="ncssPoint" serviceType="NetcdfSubset" base="/thredds/ncss/point/" />
  </service>
  <dataset name="argo/dac/coriolis/6902746/profiles" ID="argo/dac/coriolis/6902746/profiles">
    <metadata inherited="true">
      <serviceName>all</serviceName>
      <dataType>Profile</dataType>
    </metadata>
`)
	for i := range n {
		fmt.Fprintf(&b, `    <dataset name="R6902746_%05d.nc" ID="argo/dac/coriolis/6902746/profiles/R6902746_%05d.nc" urlPath="argo/dac/coriolis/6902746/profiles/R6902746_%05d.nc">
      <dataSize units="Kbytes">%d.5</dataSize>
      <date type="modified">2024-03-%02dT12:34:56Z</date>
    </dataset>
`, i, i, i, 20+i%50, 1+i%28)
	}
	b.WriteString("  </dataset>\n</catalog>\n")
	return []byte(b.String())
}

func BenchmarkParseCatalog10k(b *testing.B) {
	data := scanCatalog(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cat, err := ParseCatalog(data, "https://example.com/thredds/catalog/argo/catalog.xml")
		if err != nil || len(cat.Datasets[0].Datasets) != 10000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingXMLTokens10k only tokenizes the same document with
// encoding/xml (RawToken, no namespace work, no model): the reference that
// led to the hand-written scanner.
func BenchmarkEncodingXMLTokens10k(b *testing.B) {
	data := scanCatalog(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.RawToken(); err != nil {
				break
			}
		}
	}
}

// BenchmarkParseCatalog10kAccess also builds the three access URLs of every
// dataset.
func BenchmarkParseCatalog10kAccess(b *testing.B) {
	data := scanCatalog(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cat, err := ParseCatalog(data, "https://example.com/thredds/catalog/argo/catalog.xml")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, d := range cat.All() {
			n += len(d.Access())
		}
		if n != 30000 {
			b.Fatalf("%d accesses", n)
		}
	}
}

// treeServer serves a 10-ary tree of n catalogs (node i references nodes
// 10i+1..10i+10 below n; each holds 3 datasets), sleeping latency before
// each response.
func treeServer(b *testing.B, n int, latency time.Duration) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(latency)
		id, err := strconv.Atoi(strings.TrimSuffix(r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:], ".xml"))
		if err != nil || id >= n {
			http.NotFound(w, r)
			return
		}
		var refs []string
		for c := 10*id + 1; c <= 10*id+10 && c < n; c++ {
			refs = append(refs, strconv.Itoa(c)+".xml")
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, treeCatalog("node"+strconv.Itoa(id), []string{"a.nc", "b.nc"}, refs...))
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchCrawl(b *testing.B, n, concurrency int, latency time.Duration) {
	srv := treeServer(b, n, latency)
	c := NewClient()
	b.ReportAllocs()
	for b.Loop() {
		datasets := 0
		for _, err := range c.Crawl(b.Context(), srv.URL+"/thredds/catalog/0.xml", CrawlOptions{Concurrency: concurrency}) {
			if err != nil {
				b.Fatal(err)
			}
			datasets++
		}
		if datasets != 3*n {
			b.Fatalf("%d datasets, want %d", datasets, 3*n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "catalogs/s")
}

// BenchmarkCrawl1000 crawls 1,000 catalogs served with 20 ms of latency per
// request. A sequential crawl needs at least 1000 × 20 ms = 20 s.
func BenchmarkCrawl1000(b *testing.B) {
	for _, conc := range []int{16, 4} {
		b.Run(fmt.Sprintf("concurrency=%d", conc), func(b *testing.B) { benchCrawl(b, 1000, conc, 20*time.Millisecond) })
	}
	if os.Getenv("INSITU_BENCH_SLOW") != "" {
		b.Run("concurrency=1", func(b *testing.B) { benchCrawl(b, 1000, 1, 20*time.Millisecond) })
	}
}
