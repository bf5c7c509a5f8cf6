// Command gen writes the thredds-crawl example's catalog tree under
// testdata/tds: THREDDS client catalogs in the shape a TDS 5 server writes,
// laid out as the server's URL paths (thredds/catalog/...), so that the
// example serves the folder as it is over HTTP. The catalogs are synthetic:
// the datasets they list (the mini GDAC's Argo floats, a made-up Iroise
// model) are not served, only described.
//
// The tree exercises what a crawler meets on real servers: a compound
// service, inherited metadata, nested catalogRefs three levels deep, a
// reference back to the top (a cycle), one to another host (not followed
// by default), one to a catalog that does not exist (an error the crawl
// reports and goes past), an aggregation and a latest-file resolver.
//
// Run it from the example's folder (go generate does):
//
//	go run ./internal/gen -out testdata/tds
//
// The output is byte-identical from run to run; the test of this package
// checks that the committed files are what it writes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("out", "testdata/tds", "output folder")
	flag.Parse()
	files := generate()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(*out, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, []byte(files[n]), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}

const head = `<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" name="%s" version="1.2">
`

const services = `  <service name="all" serviceType="Compound" base="">
    <service name="odap" serviceType="OPENDAP" base="/thredds/dodsC/"/>
    <service name="http" serviceType="HTTPServer" base="/thredds/fileServer/"/>
    <service name="%s" serviceType="NetcdfSubset" base="/thredds/ncss/%s/"/>
  </service>
`

// float is one Argo float of the tree, with its profile files.
type float struct {
	wmo, dac string
	files    []string
	sizes    []float64 // Kbytes
}

var floats = []float{
	{"6999001", "coriolis", []string{"D6999001_001.nc", "D6999001_002.nc", "R6999001_003.nc", "6999001_prof.nc"}, []float64{14.2, 12.9, 12.9, 31.6}},
	{"6999003", "coriolis", []string{"D6999003_011.nc", "D6999003_012.nc", "6999003_prof.nc"}, []float64{27.4, 29.0, 52.3}},
}

// generate returns the catalog files by slash-separated path.
func generate() map[string]string {
	files := map[string]string{}
	var b strings.Builder

	// The top catalog.
	fmt.Fprintf(&b, head, "insitu example THREDDS server (synthetic)")
	b.WriteString(`  <dataset name="insitu example data" ID="top">
    <catalogRef xlink:href="argo/catalog.xml" xlink:title="Argo profiles" name=""/>
    <catalogRef xlink:href="model/catalog.xml" xlink:title="Iroise model" name=""/>
    <catalogRef xlink:href="retired/catalog.xml" xlink:title="Retired collection (missing)" name=""/>
    <catalogRef xlink:href="https://thredds.example.org/thredds/catalog/catalog.xml" xlink:title="Another server" name=""/>
  </dataset>
</catalog>
`)
	files["thredds/catalog/catalog.xml"] = b.String()

	// The Argo collection: one catalogRef per float.
	b.Reset()
	fmt.Fprintf(&b, head, "Argo profiles")
	b.WriteString(`  <dataset name="Argo profiles" ID="argo">
    <metadata inherited="true">
      <dataType>Profile</dataType>
      <dataFormat>NetCDF</dataFormat>
      <documentation type="summary">Synthetic floats of the insitu mini GDAC.</documentation>
    </metadata>
`)
	for _, f := range floats {
		fmt.Fprintf(&b, "    <catalogRef xlink:href=\"%s/catalog.xml\" xlink:title=\"%s\" name=\"\"/>\n", f.wmo, f.wmo)
	}
	b.WriteString("  </dataset>\n</catalog>\n")
	files["thredds/catalog/argo/catalog.xml"] = b.String()

	for _, f := range floats {
		b.Reset()
		fmt.Fprintf(&b, head, "Argo float "+f.wmo)
		fmt.Fprintf(&b, services, "ncssPoint", "point")
		fmt.Fprintf(&b, "  <dataset name=\"%s\" ID=\"argo/%s\">\n", f.wmo, f.wmo)
		b.WriteString("    <metadata inherited=\"true\">\n      <serviceName>all</serviceName>\n      <dataType>Profile</dataType>\n    </metadata>\n")
		for i, file := range f.files {
			fmt.Fprintf(&b, "    <dataset name=\"%s\" ID=\"argo/%s/%s\" urlPath=\"argo/%s/%s/%s\">\n      <dataSize units=\"Kbytes\">%.1f</dataSize>\n    </dataset>\n",
				file, f.wmo, file, f.dac, f.wmo, file, f.sizes[i])
		}
		// A link back to the top, as some servers have: a cycle.
		b.WriteString("    <catalogRef xlink:href=\"/thredds/catalog/catalog.xml\" xlink:title=\"Top\" name=\"\"/>\n")
		b.WriteString("  </dataset>\n</catalog>\n")
		files["thredds/catalog/argo/"+f.wmo+"/catalog.xml"] = b.String()
	}

	// The model: an aggregation, a latest resolver and one file per day.
	b.Reset()
	fmt.Fprintf(&b, head, "Iroise model")
	fmt.Fprintf(&b, services, "ncssGrid", "grid")
	b.WriteString(`  <service name="latest" serviceType="Resolver" base=""/>
  <dataset name="Iroise SST model (synthetic)" ID="model/iroise">
    <metadata inherited="true">
      <serviceName>all</serviceName>
      <dataType>Grid</dataType>
      <timeCoverage>
        <start>2021-03-01T00:00:00Z</start>
        <end>2021-03-05T00:00:00Z</end>
      </timeCoverage>
    </metadata>
    <dataset name="Best Iroise SST time series" ID="model/iroise/best" urlPath="model/iroise/best"/>
    <dataset name="latest.xml" ID="model/iroise/latest" urlPath="latest.xml" serviceName="latest"/>
    <dataset name="Daily files" ID="model/iroise/files">
`)
	day := time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5 {
		name := "iroise_sst_" + day.AddDate(0, 0, i).Format("20060102") + ".nc"
		fmt.Fprintf(&b, "      <dataset name=\"%s\" ID=\"model/iroise/files/%s\" urlPath=\"model/iroise/%s\">\n        <dataSize units=\"Mbytes\">%.1f</dataSize>\n        <date type=\"modified\">%s</date>\n      </dataset>\n",
			name, name, name, 4.0+0.1*float64(i), day.AddDate(0, 0, i+1).Format(time.RFC3339))
	}
	b.WriteString("    </dataset>\n  </dataset>\n</catalog>\n")
	files["thredds/catalog/model/catalog.xml"] = b.String()
	return files
}
