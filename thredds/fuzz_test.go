package thredds

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fuzzSeeds are small catalogs covering the parser's paths.
var fuzzSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink" name="c" version="1.2" base="../x/">
 <service name="all" serviceType="Compound" base=""><service name="o" serviceType="OpenDAP" base="/thredds/dodsC/" suffix=".x"/>
  <service name="n" serviceType="Compound" base=""><service name="h" serviceType="HTTPServer" base="rel/"/></service></service>
 <dataset name="top" restrictAccess="r"><metadata inherited="true"><serviceName>all</serviceName><dataType>Grid</dataType>
  <timeCoverage><end>present</end><duration>P3D</duration></timeCoverage>
  <geospatialCoverage><northsouth><start>1</start><size>2</size></northsouth><eastwest><start>3</start><size>4</size></eastwest></geospatialCoverage></metadata>
  <dataset name="a b" ID="a" urlPath="a b.nc"><dataSize units="Kbytes">1.5</dataSize><date type="modified">2020-01-01T00:00:00Z</date></dataset>
  <dataset name="acc"><access serviceName="o" urlPath="/x.nc"/><access urlPath="?q=1"/></dataset>
  <catalogRef xlink:href="sub/catalog.xml" xlink:title="sub"><metadata inherited="true"><serviceName>all</serviceName></metadata></catalogRef>
 </dataset>
</catalog>`,
	`<th:catalog xmlns:th="http://www.unidata.ucar.edu/namespaces/thredds/InvCatalog/v1.0"><th:service name="d" serviceType="DODS" base="/o"/><th:dataset name="x"><th:access serviceName="d" urlPath="/y"/></th:dataset></th:catalog>`,
	"<?xml version='1.0' encoding='ISO-8859-1'?><catalog name='\xe9'><dataset name='a' urlPath='http://abs/x' serviceName='s'/><service name='s' serviceType='http' base='b'/></catalog>",
	`<!DOCTYPE c [<!ENTITY e "x">]><catalog><![CDATA[x]]><!-- c --><dataset name="&amp;&#x41;&e;"><metadata><documentation>d</documentation><variables><variable name="v" units="u">t</variable></variables></metadata></dataset></catalog>`,
	`<catalog><dataset name="a"><dataset name="b"><dataset name="c" urlPath="c" serviceName="s"/></dataset></dataset><service name="s" serviceType="Resolver" base=""/></catalog>`,
}

// FuzzParseCatalog: no input makes ParseCatalog or the dataset methods
// panic, errors wrap the package's sentinels, and every dataset points at
// its catalog. Run with:
//
//	go test -run '^$' -fuzz '^FuzzParseCatalog$' -fuzztime 60s -fuzzminimizetime 100x ./thredds/
func FuzzParseCatalog(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	// small real catalogs, when the real-data folder is available
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		if !filepath.IsAbs(root) {
			root = filepath.Join("..", root)
		}
		files, _ := filepath.Glob(filepath.Join(root, "thredds", "*", "*.xml"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 32<<10 {
				f.Add(b)
			}
		}
	}
	now := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := ParseCatalog(data, "http://example.com/thredds/catalog/a/catalog.xml")
		if err != nil {
			if !errors.Is(err, ErrNotCatalog) && !errors.Is(err, ErrTooDeep) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		for _, d := range cat.All() {
			if d.Catalog != cat {
				t.Fatal("dataset without its catalog")
			}
			for _, a := range d.Access() {
				if a.ServiceType == "" && a.ServiceName == "" && a.URL == "" {
					t.Fatal("empty access")
				}
			}
			d.AccessURL("opendap")
			d.NCSSEndpoint("")
			d.Effective()
			d.Path()
			d.DataSize()
			d.Restricted()
			d.TimeCoverage().Range(now)
			d.GeospatialCoverage().BBox()
		}
		for _, r := range cat.AllRefs() {
			r.DatasetScan()
		}
	})
}

// FuzzNCSSDecoders: the NCSS response decoders and the dataset.xml parser
// never panic.
func FuzzNCSSDecoders(f *testing.F) {
	f.Add([]byte("date,lat[unit=\"degrees_north\"],T[unit=\"K\"]\n2015-06-12T15:00:00Z,40.0,233.5\n"))
	f.Add([]byte(`<grid><point><data name="date">2015-06-12T15:00:00Z</data><data name="T" units="K">1</data></point></grid>`))
	f.Add([]byte(`<stationFeatureCollection><stationFeature date="1970-01-11T00:00:00Z"><station name="A" latitude="1" longitude="2"/><data name="tas" units="K">4</data></stationFeature></stationFeatureCollection>`))
	f.Add([]byte(`<gridDataset location="x"><axis name="y" shape="[2]"><values npts="2" start="0" end="1" resolution="1">0 1</values></axis><LatLonBox><west>1</west></LatLonBox><AcceptList><accept>netcdf</accept></AcceptList></gridDataset>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if tab, err := DecodeCSV(bytes.NewReader(data)); err == nil {
			for _, c := range tab.Columns {
				tab.Float64s(c)
				tab.Times(c)
			}
		}
		if tab, err := DecodeXMLTable(bytes.NewReader(data)); err == nil {
			for i := range tab.Len() {
				if len(tab.Row(i)) != len(tab.Columns) {
					t.Fatal("ragged table")
				}
			}
		}
		if d, err := ParseNCSSDataset(data); err == nil {
			for _, a := range d.Axes {
				a.Values.Points()
			}
			d.VariableNames()
			d.Accepts("netcdf")
		}
		(&NCSSResponse{Body: data}).Format()
	})
}
