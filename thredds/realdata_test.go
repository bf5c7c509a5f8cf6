package thredds

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/testutil"
)

// readReal reads a file of ../shared/realdata/thredds.
func readReal(t testing.TB, elem ...string) []byte {
	t.Helper()
	p := testutil.RealData(t, append([]string{"thredds"}, elem...)...)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseReal(t testing.TB, base string, elem ...string) *Catalog {
	t.Helper()
	cat, err := ParseCatalog(readReal(t, elem...), base)
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(elem, "/"), err)
	}
	return cat
}

// countElements counts, with encoding/xml (an independent parser), the
// dataset-like and catalogRef elements of a catalog.
func countElements(t *testing.T, data []byte) (datasets, refs int) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		var sb strings.Builder
		for _, c := range b {
			sb.WriteRune(rune(c))
		}
		return strings.NewReader(sb.String()), nil
	}
	inRef := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if inRef > 0 {
				inRef++
				continue
			}
			switch e.Name.Local {
			case "dataset", "datasetScan", "featureCollection":
				datasets++
			case "catalogRef":
				refs++
				inRef = 1
			}
		case xml.EndElement:
			if inRef > 0 {
				inRef--
			}
		}
	}
}

// realCatalogs lists every catalog of the real-data folder with the URL it
// was requested from (MANIFEST.md) or the base URL the upstream test used.
var realCatalogs = []struct {
	path []string
	base string
	// expected counts from the upstream tests or the documents (grep), -1 to skip
	datasets, refs int
}{
	{[]string{"Unidata__siphon", "tds4_thredds.ucar.edu_catalog.xml"}, "http://thredds.ucar.edu/thredds/catalog.xml", 2, 6},
	{[]string{"Unidata__siphon", "tds4_idd_forecastModels.xml"}, "http://thredds.ucar.edu/thredds/idd/forecastModels.xml", 20, 58},
	{[]string{"Unidata__siphon", "tds5_thredds-test_catalog_catalog.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog/catalog.xml", 4, 10},
	{[]string{"Unidata__siphon", "tds5_idd_forecastModels.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog/idd/forecastModels.xml", 19, 59},
	{[]string{"Unidata__siphon", "tds5_default_localhost_catalog.xml"}, "http://localhost:8081/thredds/catalog/catalog.xml", 3, 2},
	{[]string{"Unidata__siphon", "tds_thredds-test_toplevel_catalog.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog.xml", 3, 8},
	{[]string{"Unidata__siphon", "grib_RAP_CONUS_13km_catalog.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog/grib/NCEP/RAP/CONUS_13km/catalog.xml", 4, 741},
	{[]string{"Unidata__siphon", "grib_RAP_CONUS_13km_latest.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog/grib/NCEP/RAP/CONUS_13km/latest.xml", 1, 0},
	{[]string{"Unidata__siphon", "grib_GFS_Global_0p25deg_ana_latest.xml"}, "http://thredds.ucar.edu/thredds/catalog/grib/NCEP/GFS/Global_0p25deg_ana/latest.xml", 1, 0},
	{[]string{"Unidata__siphon", "grib_NAM_CONUS_20km_noaaport_catalog.xml"}, "http://thredds.ucar.edu/thredds/catalog/grib/NCEP/NAM/CONUS_20km/noaaport/catalog.xml", 4, 57},
	{[]string{"Unidata__siphon", "noaaport_hdob_catalog_only_http.xml"}, "http://thredds-test.unidata.ucar.edu/thredds/catalog/noaaport/text/tropical/atlantic/hdob/catalog.xml", 11, 0},
	{[]string{"Unidata__siphon", "nexrad_level3_catalog_dataset_query.xml"}, "http://thredds.ucar.edu/thredds/catalog/nexrad/level3/NMD/FTG/20170719/catalog.xml?dataset=NWS/NEXRAD3/NMD/FTG/20170719/Level3_FTG_NMD_20170719_2337.nids", 1, 0},
	{[]string{"Unidata__siphon", "satellite_VIS_EAST-CONUS_1km_current_catalog.xml"}, "http://thredds.ucar.edu/thredds/catalog/satellite/VIS/EAST-CONUS_1km/current/catalog.xml", 96, 0},
	{[]string{"Unidata__siphon", "nasa_oceandata_hyrax_catalog_access_elements.xml"}, "https://oceandata.sci.gsfc.nasa.gov/opendap/SeaWiFS/L3SMI/2001/001/catalog.xml", 175, 0},
	{[]string{"Unidata__siphon", "ncei_narr-a_catalog.xml"}, "https://www.ncei.noaa.gov/thredds/catalog/narr-a-files/199303/19930313/catalog.xml", 9, 0},
	{[]string{"Unidata__siphon", "metar_point_catalog_dataset_query.xml"}, "http://thredds.ucar.edu/thredds/catalog/nws/metar/ncdecoded/catalog.xml?dataset=nws/metar/ncdecoded/Metar_Station_Data_fc.cdmr", 1, 0},
	{[]string{"Unidata__siphon", "ramadda_thredds_catalog.xml"}, "http://weather.rsmas.miami.edu/repository?output=thredds.catalog", 1, 12},
	{[]string{"Unidata__siphon", "ramadda_thredds_catalog_entry.xml"}, "http://weather.rsmas.miami.edu/repository/entry/show?entryid=5c0355aa-bcc1-4b90-808f-48ecc03b7989&output=thredds.catalog", 3, 11},
	{[]string{"Unidata__tds", "InvCatalog-1.0.xml"}, "http://example.com/thredds/catalog.xml", 24, 1},
	{[]string{"Unidata__tds", "TestInherit.1.0.xml"}, "http://example.com/thredds/catalog.xml", 6, 1},
	{[]string{"Unidata__tds", "TestResolvURI.1.0.xml"}, "http://example.com/thredds/catalog.xml", 5, 2},
	{[]string{"Unidata__tds", "TestTimeCoverage.xml"}, "http://example.com/thredds/catalog.xml", 5, 0},
	{[]string{"Unidata__tds", "nestedServices.xml"}, "http://example.com/thredds/catalog.xml", 6, 0},
	{[]string{"Unidata__tds", "startup_config_catalog.xml"}, "http://example.com/thredds/catalog.xml", 4, 1},
	{[]string{"bird-house__threddsclient", "birdhouse_root_snippet.xml"}, "http://example.test/catalog.xml", 0, 1},
	{[]string{"bird-house__threddsclient", "birdhouse_scan_top_snippet.xml"}, "http://example.test/catalog.xml", 1, 4},
	{[]string{"bird-house__threddsclient", "noaa_psd_toplevel_snippet.xml"}, "http://www.esrl.noaa.gov/psd/thredds/catalog.xml", 0, 2},
	{[]string{"bird-house__threddsclient", "noaa_psd_datasets_snippet.xml"}, "http://example.test/catalog.xml", 1, 4},
}

// TestRealCatalogs parses every catalog of the real-data folder and checks
// the dataset and reference counts against the documents, counted a second
// time with encoding/xml, and that every dataset knows its catalog.
func TestRealCatalogs(t *testing.T) {
	for _, rc := range realCatalogs {
		t.Run(rc.path[len(rc.path)-1], func(t *testing.T) {
			data := readReal(t, rc.path...)
			cat, err := ParseCatalog(data, rc.base)
			if err != nil {
				t.Fatal(err)
			}
			all := cat.All()
			if len(all) != rc.datasets {
				t.Errorf("All: %d datasets, want %d", len(all), rc.datasets)
			}
			if n := len(cat.AllRefs()); n != rc.refs {
				t.Errorf("AllRefs: %d references, want %d", n, rc.refs)
			}
			nd, nr := countElements(t, data)
			if nd != len(all) || nr != len(cat.AllRefs()) {
				t.Errorf("encoding/xml counts %d datasets and %d references, ParseCatalog %d and %d", nd, nr, len(all), len(cat.AllRefs()))
			}
			for _, d := range all {
				if d.Catalog != cat {
					t.Fatalf("dataset %q does not point at its catalog", d.Name)
				}
				for _, a := range d.Access() {
					if a.URL == "" || a.ServiceType == "" {
						t.Errorf("dataset %q: incomplete access %+v", d.Name, a)
					}
				}
			}
		})
	}
}

// The catalog files of the real-data folder that are not in realCatalogs
// must be the non-catalog responses: a new catalog added to the folder is
// then noticed.
func TestRealCatalogListComplete(t *testing.T) {
	manifest := readReal(t, "MANIFEST.md")
	listed := map[string]bool{}
	for _, rc := range realCatalogs {
		listed[strings.Join(rc.path, "/")] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(manifest))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		name := strings.TrimPrefix(line, "| `")
		name = name[:strings.IndexByte(name, '`')]
		if !strings.HasSuffix(name, ".xml") || listed[name] {
			continue
		}
		data := readReal(t, strings.Split(name, "/")...)
		if _, err := ParseCatalog(data, "http://example.com/"); err == nil {
			t.Errorf("%s parses as a catalog but is not tested in realCatalogs", name)
		} else if !errors.Is(err, ErrNotCatalog) {
			t.Errorf("%s: error %v does not wrap ErrNotCatalog", name, err)
		}
	}
}

func accessURLs(d *Dataset) map[string]string {
	out := map[string]string{}
	for _, a := range d.Access() {
		out[a.ServiceName] = a.URL
	}
	return out
}

// siphon test_catalog_ref_order and the TDS 4 resolution of relative hrefs.
func TestRealTDS4RefOrder(t *testing.T) {
	cat := parseReal(t, "http://thredds.ucar.edu/thredds/catalog.xml", "Unidata__siphon", "tds4_thredds.ucar.edu_catalog.xml")
	want := []string{"Forecast Model Data", "Forecast Products and Analyses", "Observation Data", "Radar Data", "Satellite Data", "Unidata case studies"}
	refs := cat.AllRefs()
	for i, r := range refs {
		if r.Title != want[i] {
			t.Errorf("ref %d: %q, want %q", i, r.Title, want[i])
		}
	}
	if refs[0].URL != "http://thredds.ucar.edu/thredds/idd/forecastModels.xml" {
		t.Errorf("ref URL %s", refs[0].URL)
	}
	if refs[5].URL != "http://thredds.ucar.edu/thredds/casestudies/catalog.xml" {
		t.Errorf("ref URL %s", refs[5].URL)
	}
	if cat.Version != "1.0.1" || cat.Name != "Unidata THREDDS Data Server" {
		t.Errorf("version %q name %q", cat.Version, cat.Name)
	}
}

// After TDS 5's redirect the base is /thredds/catalog/catalog.xml.
func TestRealTDS5PostRedirectBase(t *testing.T) {
	cat := parseReal(t, "http://thredds-test.unidata.ucar.edu/thredds/catalog/catalog.xml", "Unidata__siphon", "tds5_thredds-test_catalog_catalog.xml")
	r := cat.Ref("Forecast Model Data")
	if r == nil || r.URL != "http://thredds-test.unidata.ucar.edu/thredds/catalog/idd/forecastModels.xml" {
		t.Fatalf("ref %+v", r)
	}
	if cat.Version != "1.2" {
		t.Errorf("version %q", cat.Version)
	}
}

// siphon test_access_default_catalog: the first dataset has an OPENDAP
// access (serviceType "OpenDAP" inside a "compound" service), and both
// NetcdfSubset services of TDS 5 are kept (siphon #932).
func TestRealTDS5DefaultAccess(t *testing.T) {
	cat := parseReal(t, "http://localhost:8081/thredds/catalog/catalog.xml", "Unidata__siphon", "tds5_default_localhost_catalog.xml")
	d := cat.Datasets[0]
	if d.Name != "Test Grid Dataset" {
		t.Fatal(d.Name)
	}
	u, ok := d.AccessURL("opendap")
	if !ok || u != "http://localhost:8081/thredds/dodsC/test/crossSeamProjection.nc" {
		t.Errorf("OPENDAP %q %v", u, ok)
	}
	acc := accessURLs(d)
	if len(d.Access()) != 12 {
		t.Errorf("%d accesses, want 12", len(d.Access()))
	}
	for name, want := range map[string]string{
		"ncssGrid":  "http://localhost:8081/thredds/ncss/grid/test/crossSeamProjection.nc",
		"ncssPoint": "http://localhost:8081/thredds/ncss/point/test/crossSeamProjection.nc",
		"dap4":      "http://localhost:8081/thredds/dap4/test/crossSeamProjection.nc",
		"http":      "http://localhost:8081/thredds/fileServer/test/crossSeamProjection.nc",
	} {
		if acc[name] != want {
			t.Errorf("%s: %q, want %q", name, acc[name], want)
		}
	}
	if u, _ := d.AccessURL("ncssPoint"); u != acc["ncssPoint"] {
		t.Errorf("AccessURL by name: %q", u)
	}
	if e, _ := d.NCSSEndpoint("point"); e != acc["ncssPoint"] {
		t.Errorf("NCSSEndpoint(point) %q", e)
	}
	if e, _ := d.NCSSEndpoint(""); e != acc["ncssGrid"] { // dataType Grid
		t.Errorf("NCSSEndpoint() %q", e)
	}
	if e, _ := cat.Datasets[1].NCSSEndpoint(""); !strings.Contains(e, "/ncss/point/") { // dataType Point
		t.Errorf("point dataset NCSSEndpoint() %q", e)
	}
	r := cat.Ref("Test all files in a directory")
	if r == nil || !r.DatasetScan() || r.URL != "http://localhost:8081/thredds/catalog/testAll/catalog.xml" || r.Inheritable.ServiceName != "all" {
		t.Errorf("datasetScan ref %+v", r)
	}
}

// siphon test_simple_service_within_compound: datasets[0] (the first with an
// access) has exactly one access, HTTPServer, from a service nested in the
// compound "fullServices".
func TestRealHDOBOnlyHTTP(t *testing.T) {
	cat := parseReal(t, "http://thredds-test.unidata.ucar.edu/thredds/catalog/noaaport/text/tropical/atlantic/hdob/catalog.xml", "Unidata__siphon", "noaaport_hdob_catalog_only_http.xml")
	all := cat.All()
	if len(all[0].Access()) != 0 {
		t.Errorf("the container has accesses: %+v", all[0].Access())
	}
	d := all[1]
	acc := d.Access()
	want := Access{ServiceName: "HTTPServer", ServiceType: "HTTPServer",
		URL:      "http://thredds-test.unidata.ucar.edu/thredds/fileServer/noaaport/text/tropical/atlantic/hdob/High_density_obs_20170824.txt",
		DataSize: DataSize{Value: 11.75, Units: "Kbytes"}}
	if len(acc) != 1 || acc[0] != want {
		t.Fatalf("access %+v, want %+v", acc, want)
	}
	if d.DataSize() != 11750 {
		t.Errorf("DataSize %d", d.DataSize())
	}
	if m := d.Modified(); !m.Equal(time.Date(2017, 8, 25, 0, 0, 27, 0, time.UTC)) {
		t.Errorf("Modified %v", m)
	}
	if v, ok := d.Property("NotAThreddsDataset"); !ok || v != "true" {
		t.Errorf("property %q %v", v, ok)
	}
	if v, ok := d.Property("DatasetScan"); ok {
		t.Errorf("the container's own property leaked to a child: %q", v)
	}
}

// siphon test_access_elements (and siphon #309, #753, #759, #114, #115):
// every Hyrax dataset with <thredds:access> elements is kept, the last one
// too, with resolved OPeNDAP and WMS URLs.
func TestRealHyraxAccessElements(t *testing.T) {
	cat := parseReal(t, "https://oceandata.sci.gsfc.nasa.gov/opendap/SeaWiFS/L3SMI/2001/001/catalog.xml", "Unidata__siphon", "nasa_oceandata_hyrax_catalog_access_elements.xml")
	all := cat.All()
	withAccess := 0
	for _, d := range all {
		if len(d.Access()) == 2 {
			withAccess++
		}
	}
	if withAccess != 174 {
		t.Errorf("%d datasets with 2 accesses, want 174", withAccess)
	}
	first, last := all[1], all[len(all)-1]
	if first.Name != "S2001001.L3m_DAY_BIOS4_chlor_a_4km.nc" || last.Name != "S20010012001365.L3m_YR_RRS_aot_865_9km.nc" {
		t.Errorf("first %q last %q", first.Name, last.Name)
	}
	if u, _ := last.AccessURL("OPeNDAP"); u != "https://oceandata.sci.gsfc.nasa.gov/opendap/hyrax/SeaWiFS/L3SMI/2001/001/S20010012001365.L3m_YR_RRS_aot_865_9km.nc" {
		t.Errorf("dap %q", u)
	}
	if u, _ := first.AccessURL("wms"); u != "https://oceandata.sci.gsfc.nasa.gov/ncWMS/wms?DATASET=lds/SeaWiFS/L3SMI/2001/001/S2001001.L3m_DAY_BIOS4_chlor_a_4km.nc&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities" {
		t.Errorf("wms %q", u)
	}
	if first.Access()[0].DataSize.Bytes() != 6038934 {
		t.Errorf("data size %+v", first.Access()[0].DataSize)
	}
	if _, ok := first.AccessURL("HTTPServer"); ok {
		t.Error("no HTTPServer access is declared")
	}
}

// siphon test_dataset_subset_ncei: NCEI's NetcdfServer service is NCSS,
// and its "/dataset.html" suffix is stripped from the endpoint.
func TestRealNCEI(t *testing.T) {
	cat := parseReal(t, "https://www.ncei.noaa.gov/thredds/catalog/narr-a-files/199303/19930313/catalog.xml", "Unidata__siphon", "ncei_narr-a_catalog.xml")
	d := cat.FindName("narr-a_221_19930313_2100_000.grb")
	if d == nil {
		t.Fatal("dataset missing")
	}
	u, ok := d.AccessURL("NetcdfSubset")
	if !ok || u != "https://www.ncei.noaa.gov/thredds/ncss/grid/narr-a-files/199303/19930313/narr-a_221_19930313_2100_000.grb/dataset.html" {
		t.Errorf("NCSS access %q", u)
	}
	if u2, _ := d.AccessURL("NetcdfServer"); u2 != u {
		t.Errorf("NetcdfServer %q", u2)
	}
	e, _ := d.NCSSEndpoint("")
	// the URL siphon's test then read (MANIFEST)
	if e+"/dataset.xml" != "https://www.ncei.noaa.gov/thredds/ncss/grid/narr-a-files/199303/19930313/narr-a_221_19930313_2100_000.grb/dataset.xml" {
		t.Errorf("endpoint %q", e)
	}
	if d.DataType() != "GRID" || d.DataSize() != 57150000 {
		t.Errorf("inherited dataType %q, size %d", d.DataType(), d.DataSize())
	}
	tc := d.TimeCoverage()
	s, e2, ok := tc.Range(time.Now())
	if !ok || !s.Equal(time.Date(1993, 3, 13, 21, 0, 0, 0, time.UTC)) || !e2.Equal(s) {
		t.Errorf("time coverage %v %v %v", s, e2, ok)
	}
}

// siphon test_ramadda_catalog (12 references) and the RAMADDA entry:
// ISO-8859-1, services after datasets, lowercase serviceType "http".
func TestRealRAMADDA(t *testing.T) {
	cat := parseReal(t, "http://weather.rsmas.miami.edu/repository?output=thredds.catalog", "Unidata__siphon", "ramadda_thredds_catalog.xml")
	refs := cat.AllRefs()
	if refs[0].URL != "http://weather.rsmas.miami.edu/repository/entry/show?entryid=5c0355aa-bcc1-4b90-808f-48ecc03b7989&output=thredds.catalog" {
		t.Errorf("ref %q", refs[0].URL)
	}
	if refs[10].URL != "http://esrl.noaa.gov/gsd/thredds/hrrr.xml" {
		t.Errorf("absolute ref %q", refs[10].URL)
	}
	entry := parseReal(t, refs[0].URL, "Unidata__siphon", "ramadda_thredds_catalog_entry.xml")
	d := entry.FindName("Gan radiometer+wind")
	if d == nil {
		t.Fatal("dataset missing")
	}
	u, ok := d.AccessURL("HTTPServer")
	if !ok || u != "http://weather.rsmas.miami.edu/repository/entry/get/Gan.UV+PW_LWP.csv?entryid=1ae6a83e-6a5e-4776-8dbe-4517a534a8ee" {
		t.Errorf("http access %q %v", u, ok)
	}
	pw := entry.FindName("PW_withGan_7views")
	s, e, ok := pw.TimeCoverage().Range(time.Now())
	if !ok || !s.Equal(time.Date(2011, 11, 24, 0, 0, 0, 0, time.UTC)) || !e.Equal(time.Date(2011, 11, 29, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("time coverage %v %v", s, e)
	}
	if pw.Metadata.Dates[0].Time.IsZero() {
		t.Errorf("RAMADDA date %q not read", pw.Metadata.Dates[0].Text)
	}
}

// siphon test_latest_attribute: the Resolver dataset resolves to
// <catalog dir>/latest.xml, whose dataset is RR_CONUS_13km_20150527_0100.grib2.
func TestRealRAPLatest(t *testing.T) {
	cat := parseReal(t, "http://thredds-test.unidata.ucar.edu/thredds/catalog/grib/NCEP/RAP/CONUS_13km/catalog.xml", "Unidata__siphon", "grib_RAP_CONUS_13km_catalog.xml")
	var latest *Dataset
	for _, d := range cat.All() {
		if d.URLPath == "latest.xml" {
			latest = d
		}
	}
	if latest == nil {
		t.Fatal("no latest.xml dataset")
	}
	acc := latest.Access()
	if len(acc) != 1 || acc[0].ServiceType != ServiceResolver || acc[0].URL != "http://thredds-test.unidata.ucar.edu/thredds/catalog/grib/NCEP/RAP/CONUS_13km/latest.xml" {
		t.Fatalf("resolver access %+v", acc)
	}
	best := cat.FindID("grib/NCEP/RAP/CONUS_13km/Best")
	if u, _ := best.AccessURL("OPENDAP"); u != "http://thredds-test.unidata.ucar.edu/thredds/dodsC/grib/NCEP/RAP/CONUS_13km/Best" {
		t.Errorf("Best %q", u)
	}
	if _, ok := best.AccessURL("HTTPServer"); ok {
		t.Error("VirtualServices has no HTTPServer")
	}
	// per-dataset inherited coverage: Best's own inheritable block, not TwoD's
	if g := best.GeospatialCoverage(); g == nil || g.EastWest.Start != -139.9143544245699 {
		t.Errorf("coverage %+v", g)
	}
	// the whole-collection metadata reaches every dataset
	eff := best.Effective()
	if eff.Authority != "edu.ucar.unidata" || len(eff.Creators) != 2 || eff.Creators[0].Name != "DOC/NOAA/NWS/NCEP" {
		t.Errorf("inherited %+v", eff.Creators)
	}

	res := parseReal(t, acc[0].URL, "Unidata__siphon", "grib_RAP_CONUS_13km_latest.xml")
	d := res.All()[0]
	if d.Name != "RR_CONUS_13km_20150527_0100.grib2" {
		t.Errorf("latest %q", d.Name)
	}
	// "opendap" is defined twice; the first (VirtualServices) wins, same URL
	if u, _ := d.AccessURL("OPENDAP"); u != "http://thredds-test.unidata.ucar.edu/thredds/dodsC/grib/NCEP/RAP/CONUS_13km/RR_CONUS_13km_20150527_0100.grib2" {
		t.Errorf("latest OPENDAP %q", u)
	}
	if u, _ := d.AccessURL("HTTPServer"); u != "http://thredds-test.unidata.ucar.edu/thredds/fileServer/grib/NCEP/RAP/CONUS_13km/RR_CONUS_13km_20150527_0100.grib2" {
		t.Errorf("latest HTTPServer %q", u)
	}
}

// siphon test_latest_resolver_fail: without a Resolver service, asking for
// the latest dataset fails (before any request).
func TestRealLatestNoResolver(t *testing.T) {
	cat := parseReal(t, "http://thredds.ucar.edu/thredds/catalog/grib/NCEP/GFS/Global_0p25deg_ana/latest.xml", "Unidata__siphon", "grib_GFS_Global_0p25deg_ana_latest.xml")
	_, err := NewClient().LatestIn(t.Context(), cat)
	if !errors.Is(err, ErrNoResolver) {
		t.Fatalf("err %v", err)
	}
	if _, err := NewClient().Latest(t.Context(), cat.All()[0]); !errors.Is(err, ErrNoResolver) {
		t.Fatalf("err %v", err)
	}
}

// siphon test_datasets_order and the nearest-time reference.
func TestRealNAM(t *testing.T) {
	cat := parseReal(t, "http://thredds.ucar.edu/thredds/catalog/grib/NCEP/NAM/CONUS_20km/noaaport/catalog.xml", "Unidata__siphon", "grib_NAM_CONUS_20km_noaaport_catalog.xml")
	var names []string
	for _, d := range cat.All() {
		if d.URLPath != "" {
			names = append(names, d.Name)
		}
	}
	want := []string{"Full Collection (Reference / Forecast Time) Dataset", "Best NAM CONUS 20km Time Series", "Latest Collection for NAM CONUS 20km"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("datasets with urlPath %q", names)
	}
	r := NearestRef(cat.AllRefs(), time.Date(2015, 5, 28, 17, 0, 0, 0, time.UTC))
	if r == nil || r.Title != "NAM_CONUS_20km_noaaport_20150528_1800.grib1" {
		t.Errorf("nearest %+v", r)
	}
}

// netcdf-java TestClientCatalogInherit on TestInherit.1.0.xml.
func TestRealInherit(t *testing.T) {
	cat := parseReal(t, "http://example.com/thredds/catalog.xml", "Unidata__tds", "TestInherit.1.0.xml")
	for id, want := range map[string]string{"top": "", "nest1": "ACD", "nest11": "ACD", "nest12": "local", "nest121": "ACD", "nest2": ""} {
		d := cat.FindID(id)
		if d == nil {
			t.Fatalf("no %s", id)
		}
		if got := d.ServiceName(); got != want {
			t.Errorf("%s: default service %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{"top": "ucar", "nest1": "divine", "nest12": "human", "nest121": "divine"} {
		if got := cat.FindID(id).Authority(); got != want {
			t.Errorf("%s: authority %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{"top": "", "nest1": "Where have you gone?", "nest11": "Where have you gone?", "nest12": "override", "nest121": "Where have you gone?", "nest2": ""} {
		got, _ := cat.FindID(id).Property("GoodThing")
		if got != want {
			t.Errorf("%s: property %q, want %q", id, got, want)
		}
	}
	for id, want := range map[string]string{"nest1": "Grid", "nest11": "Grid", "nest12": "Image", "nest121": "Grid", "nest2": ""} {
		if got := cat.FindID(id).DataType(); got != want {
			t.Errorf("%s: dataType %q, want %q", id, got, want)
		}
	}
	// the NetCDF xlink metadata is not inherited
	if l := cat.FindID("nest1").Effective().Links; len(l) != 1 || l[0].Type != "NetCDF" || l[0].Href != "http://example.com/thredds/any.xml" {
		t.Errorf("nest1 links %+v", l)
	}
	if l := cat.FindID("nest11").Effective().Links; len(l) != 0 {
		t.Errorf("nest11 links %+v", l)
	}
	if u, _ := cat.FindID("nest121").AccessURL("OPENDAP"); u != "http://www.acd.ucar.edu/dods/testServer/flux/CO22.nc" {
		t.Errorf("nest121 %q", u)
	}
	// nest12's own service is a local file: no http URL is invented
	if u := accessURLs(cat.FindID("nest12"))["local"]; u != "file://E:/metapps/data/flux/NO2.nc" {
		t.Errorf("nest12 %q", u)
	}
}

// netcdf-java TestResolve on TestResolvURI.1.0.xml: catalog@base overrides
// the document URL for relative service bases, hrefs and xlinks.
func TestRealResolveURI(t *testing.T) {
	cat := parseReal(t, "http://example.com/thredds/catalog.xml", "Unidata__tds", "TestResolvURI.1.0.xml")
	if u, _ := cat.FindID("nest11").AccessURL("DODS"); u != "http://www.acd.ucar.edu/dods/testServer/flux/CO2.nc" {
		t.Errorf("nest11 %q", u)
	}
	if u := accessURLs(cat.FindID("nest12"))["local"]; u != "http://www.unidata.ucar.edu/netcdf/data/flux/NO2.nc" {
		t.Errorf("nest12 %q", u)
	}
	var rel string
	for _, d := range cat.FindID("nest1").Metadata.Documentation {
		if d.Title == "relative" {
			rel = d.Href
		}
	}
	if rel != "http://www.unidata.ucar.edu/any.xml" {
		t.Errorf("relative documentation %q", rel)
	}
	if r := cat.Ref("BETA data"); r == nil || r.URL != "http://www.unidata.ucar.edu/xml/InvCatalog5.part2.xml" {
		t.Errorf("ref %+v", r)
	}
}

// The spec example: access elements, services declared in a dataset,
// compound services, and properties that are not inherited.
func TestRealInvCatalogSpec(t *testing.T) {
	cat := parseReal(t, "http://example.com/thredds/catalog.xml", "Unidata__tds", "InvCatalog-1.0.xml")
	acc := accessURLs(cat.FindID("CO2_Flux"))
	want := map[string]string{
		"MotherlodeFTP":  "ftp://motherlode.ucar.edu/ftp/pub/thredds/ftp/flux/CO2.nc",
		"MotherlodeDODS": "http://motherlode.ucar.edu/cgi-bin/dods/1998/CO2.nc",
		"relative":       "http://example.com/thredds/1998/CO2.nc",
	}
	if len(acc) != 3 {
		t.Errorf("CO2_Flux accesses %v", acc)
	}
	for k, v := range want {
		if acc[k] != v {
			t.Errorf("%s: %q, want %q", k, acc[k], v)
		}
	}
	// a serviceName attribute on a parent is not inherited (netcdf-java's
	// getInheritedField: local value, then inheritable metadata only), so
	// the children of the serviceName="ACD" and "Motherlode" containers
	// have no access: the example was written for InvCatalog 0.6
	for _, id := range []string{"HasCompoundService", "testSubset"} {
		for _, d := range append([]*Dataset{cat.FindID(id)}, cat.FindID(id).Datasets...) {
			if a := d.Access(); len(a) != 0 {
				t.Errorf("%s: attribute inherited: %+v", d.Name, a)
			}
		}
	}
	if u, _ := cat.FindName("test DODS").AccessURL("opendap"); u != "http://thredds.unidata.ucar.edu:8080/dodsC/01070516_ruc.nc" {
		t.Errorf("dataset-level service %q", u)
	}
	if v, _ := cat.FindID("hasProp2").Property("GoodThing"); v != "overrides the earlier one" {
		t.Errorf("hasProp2 %q", v)
	}
	if v, ok := cat.FindID("hasNoProp").Property("GoodThing"); ok {
		t.Errorf("hasNoProp inherited a local property %q", v)
	}
	if d := cat.FindName("SurfaceFlux").Datasets[0]; d.Alias != "CO2_Flux" {
		t.Errorf("alias %q", d.Alias)
	}
}

// Compound services nested in compound services (TDS nestedServices.xml).
func TestRealNestedServices(t *testing.T) {
	cat := parseReal(t, "http://example.com/thredds/catalog.xml", "Unidata__tds", "nestedServices.xml")
	for id, n := range map[string]int{"top": 0, "leaf1": 9, "leaf2": 8, "leaf3": 1} {
		if got := len(cat.FindID(id).Access()); got != n {
			t.Errorf("%s: %d accesses, want %d", id, got, n)
		}
	}
	a := accessURLs(cat.FindID("leaf1"))
	if a["ncssGrid"] != "http://example.com/thredds/ncss/grid/flux/CO2.nc" || a["ncssPoint"] != "http://example.com/thredds/ncss/point/flux/CO2.nc" || a["http"] != "http://example.com/thredds/fileServer/flux/CO2.nc" {
		t.Errorf("leaf1 %v", a)
	}
}

// TestTimeCoverage.xml: start/end/duration/resolution variants.
func TestRealTimeCoverage(t *testing.T) {
	cat := parseReal(t, "http://example.com/thredds/catalog.xml", "Unidata__tds", "TestTimeCoverage.xml")
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	check := func(id string, start, end time.Time) {
		t.Helper()
		s, e, ok := cat.FindID(id).TimeCoverage().Range(now)
		if !ok || !s.Equal(start) || !e.Equal(end) {
			t.Errorf("%s: %v..%v (%v), want %v..%v", id, s, e, ok, start, end)
		}
	}
	check("test1", now.Add(-14*24*time.Hour), now)
	check("test2", time.Date(1999, 11, 16, 12, 0, 0, 0, time.UTC), time.Date(2000, 2, 16, 12, 0, 0, 0, time.UTC))
	check("test3", time.Date(2005, 5, 12, 0, 52, 56, 0, time.UTC), time.Date(2005, 5, 14, 0, 52, 56, 0, time.UTC))
	tc4 := cat.FindID("test4").TimeCoverage()
	if !tc4.Resolution.Valid() || tc4.Resolution.Approx() != 3*time.Hour {
		t.Errorf("test4 resolution %+v", tc4.Resolution)
	}
	tc5 := cat.FindID("test5").TimeCoverage()
	if tc5.Calendar != "uniform30day" || tc5.Start.Text != "2017-02-30" || !tc5.Start.Time.IsZero() {
		t.Errorf("test5 %+v", tc5)
	}
}

// threddsclient tests: datasetScan references and relative hrefs.
func TestRealBirdhouse(t *testing.T) {
	cat := parseReal(t, "http://example.test/catalog.xml", "bird-house__threddsclient", "birdhouse_root_snippet.xml")
	r := cat.Refs[0]
	if r.URL != "http://example.test/thredds/catalog/test/catalog.xml" || !r.DatasetScan() || r.ID != "testDatasetScan" || r.Title != "Test all files in a directory" {
		t.Errorf("root ref %+v", r)
	}
	top := parseReal(t, "http://example.test/catalog.xml", "bird-house__threddsclient", "birdhouse_scan_top_snippet.xml")
	var urls []string
	for _, r := range top.AllRefs() {
		urls = append(urls, r.URL)
	}
	if urls[0] != "http://example.test/malleefowl/catalog.xml" || len(urls) != 4 {
		t.Errorf("refs %v", urls)
	}
	psd := parseReal(t, "http://www.esrl.noaa.gov/psd/thredds/catalog.xml", "bird-house__threddsclient", "noaa_psd_toplevel_snippet.xml")
	if psd.Refs[0].URL != "http://www.esrl.noaa.gov/psd/thredds/catalog/Datasets/catalog.xml" || psd.Refs[1].URL != "http://www.esrl.noaa.gov/psd/thredds/aggregations.xml" {
		t.Errorf("psd refs %s %s", psd.Refs[0].URL, psd.Refs[1].URL)
	}
}

// Point feature collection (collectionService holds only NCSS), radar
// compound service, and a large datasetScan.
func TestRealPointRadarSatellite(t *testing.T) {
	metar := parseReal(t, "http://thredds.ucar.edu/thredds/catalog/nws/metar/ncdecoded/catalog.xml?dataset=nws/metar/ncdecoded/Metar_Station_Data_fc.cdmr", "Unidata__siphon", "metar_point_catalog_dataset_query.xml")
	d := metar.All()[0]
	if e, ok := d.NCSSEndpoint(""); !ok || e != "http://thredds.ucar.edu/thredds/ncss/nws/metar/ncdecoded/Metar_Station_Data_fc.cdmr" {
		t.Errorf("metar NCSS %q", e)
	}
	eff := d.Effective()
	if len(eff.Variables) != 1 || len(eff.Variables[0].Variables) < 10 || eff.Variables[0].Variables[1].Name != "air_temperature" || eff.Variables[0].Variables[1].Units != "Celsius" {
		t.Errorf("variables %+v", eff.Variables)
	}
	if len(eff.Keywords) != 2 || eff.Keywords[0].Value != "metar" {
		t.Errorf("keywords %+v", eff.Keywords)
	}
	w, s, e, n, ok := eff.GeospatialCoverage.BBox()
	if !ok || w != 0 || s != -90 || e != 360 || n != 90 {
		t.Errorf("bbox %v %v %v %v", w, s, e, n)
	}

	nex := parseReal(t, "http://thredds.ucar.edu/thredds/catalog/nexrad/level3/NMD/FTG/20170719/catalog.xml", "Unidata__siphon", "nexrad_level3_catalog_dataset_query.xml")
	if a := nex.All()[0].Access(); len(a) != 6 || a[0].URL != "http://thredds.ucar.edu/thredds/dodsC/nexrad/level3/NMD/FTG/20170719/Level3_FTG_NMD_20170719_2337.nids" {
		t.Errorf("nexrad %+v", a)
	}

	sat := parseReal(t, "http://thredds.ucar.edu/thredds/catalog/satellite/VIS/EAST-CONUS_1km/current/catalog.xml", "Unidata__siphon", "satellite_VIS_EAST-CONUS_1km_current_catalog.xml")
	ds := DatasetsBetween(sat.All(), time.Date(2017, 7, 19, 23, 0, 0, 0, time.UTC), time.Date(2017, 7, 19, 23, 30, 0, 0, time.UTC))
	if len(ds) == 0 || ds[0].Name != "EAST-CONUS_1km_VIS_20170719_2325.gini" {
		t.Errorf("between %v", ds)
	}
	for _, d := range ds {
		if _, ok := d.NCSSEndpoint(""); !ok {
			t.Errorf("%s has no NCSS", d.Name)
		}
	}
}
