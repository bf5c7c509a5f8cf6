package thredds

import (
	"bytes"
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

func TestNCSSQueryURL(t *testing.T) {
	t0 := time.Date(2015, 6, 12, 15, 0, 0, 0, time.UTC)
	t1 := time.Date(2015, 6, 13, 0, 0, 0, 0, time.FixedZone("x", 3600))
	const ep = "https://h/thredds/ncss/grid/x.grib2"
	for _, tt := range []struct {
		name string
		q    *NCSSQuery
		want string
	}{
		{"siphon point", NewNCSSQuery().Var("Temperature_isobaric", "Relative_humidity_isobaric").Time(t0).LonLatPoint(-105, 40).Accept("csv"),
			ep + "?var=Temperature_isobaric&var=Relative_humidity_isobaric&time=2015-06-12T15%3A00%3A00Z&latitude=40&longitude=-105&accept=csv"},
		{"bbox and range", NewNCSSQuery().Var("sst").BBox(-10.5, 40, 5, 52.25).TimeRange(t0, t1),
			ep + "?var=sst&north=52.25&south=40&east=5&west=-10.5&time_start=2015-06-12T15%3A00%3A00Z&time_end=2015-06-12T23%3A00%3A00Z"},
		{"a point replaces the box", NewNCSSQuery().BBox(0, 0, 1, 1).LonLatPoint(2, 3),
			ep + "?latitude=3&longitude=2"},
		{"a box replaces the point", NewNCSSQuery().LonLatPoint(2, 3).BBox(0, 0, 1, 1),
			ep + "?north=1&south=0&east=1&west=0"},
		{"latest 3 days", NewNCSSQuery().Var("all").TimeEndPresent().Duration("P3D").Accept("netcdf4"),
			ep + "?var=all&time_end=present&time_duration=P3D&accept=netcdf4"},
		{"all times, strides, levels", NewNCSSQuery().Var("t").AllTimes().Strides(2, 4).VertCoord(850).AddLatLon(),
			ep + "?var=t&temporal=all&timeStride=2&horizStride=4&vertCoord=850&addLatLon=true"},
		{"time replaces a range", NewNCSSQuery().TimeRange(t0, t0).TimePresent(), ep + "?time=present"},
		{"stations", NewNCSSQuery().Var("T").Stations("KDEN", "KBOU").TimeStart(t0).TimeEnd(t0).TimeWindow("PT2H").Accept("xml"),
			ep + "?var=T&stns=KDEN%2CKBOU&time_start=2015-06-12T15%3A00%3A00Z&time_end=2015-06-12T15%3A00%3A00Z&time_window=PT2H&accept=xml"},
		{"projection box", NewNCSSQuery().ProjectionBox(-100, -50.5, 100, 50), ep + "?minx=-100&miny=-50.5&maxx=100&maxy=50"},
		{"empty", NewNCSSQuery(), ep},
		{"custom", NewNCSSQuery().Set("runtime", "latest").Set("runtime", "all").Add("x", "a b"), ep + "?runtime=all&x=a+b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.URL(ep + "/dataset.html"); got != tt.want {
				t.Errorf("\ngot  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseNCSSDatasetRecorded(t *testing.T) {
	rap, err := ParseNCSSDataset(readReal(t, "Unidata__siphon", "ncss_grid_tds5_RAP_dataset.xml"))
	if err != nil {
		t.Fatal(err)
	}
	// siphon test_dataset_parsing_rap_tds5: axis y has shape [337]
	y, ok := rap.Axis("y")
	if !ok || !slices.Equal(y.Shape, []int{337}) || y.AxisType != "GeoY" || y.Values.N != 337 || len(y.Values.Points()) != 337 {
		t.Errorf("axis y %+v", y)
	}
	tm, _ := rap.Axis("time")
	if tm.Values.Spacing != "regularInterval" || tm.Values.Resolution != 1 || tm.Values.End != 21 {
		t.Errorf("time axis %+v", tm.Values)
	}
	pdl2, _ := rap.Axis("pressure_difference_layer2")
	if !slices.Equal(pdl2.Values.Points(), []float64{1500, 4500, 7500, 10500, 13500, 16500}) {
		t.Errorf("listed values %v", pdl2.Values.Points())
	}
	if rap.Kind != "grid" || len(rap.GridSets) != 11 || len(rap.Variables) != 53 || len(rap.Axes) != 14 {
		t.Errorf("kind %s, %d grid sets, %d grids, %d axes", rap.Kind, len(rap.GridSets), len(rap.Variables), len(rap.Axes))
	}
	if b := rap.LatLonBox; b == nil || b.West != -139.9699 || b.North != 58.4149 {
		t.Errorf("box %+v", b)
	}
	if pb := rap.GridSets[0].ProjectionBox; pb == nil || pb.MinX != -3338.9278367553097 {
		t.Errorf("projection box %+v", pb)
	}
	if !rap.TimeSpan.Begin.Equal(time.Date(2024, 12, 11, 19, 0, 0, 0, time.UTC)) || !rap.TimeSpan.End.Equal(time.Date(2024, 12, 12, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("time span %+v", rap.TimeSpan)
	}
	if len(rap.Accept) != 3 || !rap.Accepts("netcdf") || !rap.Accepts("netcdf4") || rap.Accepts("csv") {
		t.Errorf("accept %+v", rap.Accept)
	}

	// siphon test_dataset_subset_ncei: Temperature_isobaric is a variable
	ncei, err := ParseNCSSDataset(readReal(t, "Unidata__siphon", "ncei_ncss_narr-a_dataset.xml"))
	if err != nil {
		t.Fatal(err)
	}
	v, ok := ncei.Variable("Temperature_isobaric")
	if !ok || v.Shape != "time2 isobaric1 y x" || v.Desc != "Temperature @ Isobaric surface" {
		t.Errorf("variable %+v", v)
	}
	if len(ncei.Variables) != 137 || len(ncei.GridSets) != 20 || len(ncei.Axes) != 22 {
		t.Errorf("%d grids, %d sets, %d axes", len(ncei.Variables), len(ncei.GridSets), len(ncei.Axes))
	}
	hag, _ := ncei.Axis("height_above_ground")
	if !slices.Equal(hag.Values.Listed, []float64{2, 10, 30}) || hag.Values.N != 3 || !slices.Equal(hag.Shape, []int{3}) {
		t.Errorf("height axis %+v", hag)
	}
	if u, _ := hag.Attrs[0], 0; u.Name != "units" || u.Value != "m" {
		t.Errorf("attr %+v", u)
	}
	groups := map[string]int{}
	for _, a := range ncei.Accept {
		groups[a.Group]++
	}
	if groups["GridAsPoint"] != 7 || groups["Grid"] != 1 || !ncei.Accepts("csv") {
		t.Errorf("accept groups %v", groups)
	}

	pt, err := ParseNCSSDataset(readReal(t, "Unidata__siphon", "ncss_point_synoptic_station_dataset.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if pt.Kind != "point" || pt.FeatureType != "point" || pt.FeatureURL != "/thredds/ncss/nws/synoptic/ncdecoded/Surface_Synoptic_Point_Data_fc.cdmr" || len(pt.Variables) != 41 {
		t.Errorf("point %s %s %s %d", pt.Kind, pt.FeatureType, pt.FeatureURL, len(pt.Variables))
	}
	tv, _ := pt.Variable("T")
	if u, _ := tv.Attr("units"); u != "Celsius" || tv.Type != "float" {
		t.Errorf("T %+v", tv)
	}
	if len(pt.Accept) != 7 || !pt.Accepts("waterml2") || !pt.Accepts("CF/NetCDF-4") {
		t.Errorf("accept %+v", pt.Accept)
	}
	if err := NewNCSSQuery().Var("T", "SLP").Accept("csv").Validate(pt); err != nil {
		t.Error(err)
	}
	if err := NewNCSSQuery().Var("T,nope").Validate(pt); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("validate %v", err)
	}
	if err := NewNCSSQuery().Var("T").Accept("geotiff").Validate(pt); err == nil {
		t.Error("unsupported format accepted")
	}
}

func TestParseNCSSDatasetErrors(t *testing.T) {
	for _, doc := range []string{"", "<html/>", "<gridDataset", "Throwable exception handled : null"} {
		if _, err := ParseNCSSDataset([]byte(doc)); err == nil {
			t.Errorf("%q parsed", doc)
		}
	}
}

const gfsPath = "/thredds/ncss/grib/NCEP/GFS/Global_0p5deg/GFS_Global_0p5deg_20150612_1200.grib2"

// NCSS requests and responses recorded by siphon's tests, served back.
func TestNCSSRecorded(t *testing.T) {
	files := map[string]struct {
		name, contentType string
	}{
		"csv":     {"ncss_gfs_grid_as_point.csv", "text/plain;charset=UTF-8"},
		"xml":     {"ncss_gfs_grid_as_point.xml", "application/xml;charset=UTF-8"},
		"netcdf":  {"ncss_gfs_grid_as_point.nc", "application/x-netcdf"},
		"netcdf4": {"ncss_gfs_grid_as_point.nc4", "application/x-netcdf4"},
	}
	bodies := map[string][]byte{}
	for k, f := range files {
		bodies[k] = readReal(t, "Unidata__siphon", f.name)
	}
	vert := readReal(t, "Unidata__siphon", "ncss_gfs_grid_as_point_vertCoord.csv")
	c, mux, srv := setup(t)
	mux.HandleFunc(gfsPath, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if !slices.Equal(q["var"], []string{"Temperature_isobaric", "Relative_humidity_isobaric"}) || q.Get("time") != "2015-06-12T15:00:00Z" || q.Get("latitude") != "40" || q.Get("longitude") != "-105" {
			http.Error(w, "unexpected query "+r.URL.RawQuery, http.StatusBadRequest)
			return
		}
		if q.Get("vertCoord") == "50000" {
			w.Header().Set("Content-Type", files["csv"].contentType)
			w.Write(vert)
			return
		}
		f := files[q.Get("accept")]
		w.Header().Set("Content-Type", f.contentType)
		w.Write(bodies[q.Get("accept")])
	})
	endpoint := srv.URL + gfsPath
	query := func(accept string) *NCSSQuery {
		return NewNCSSQuery().Var("Temperature_isobaric", "Relative_humidity_isobaric").
			Time(time.Date(2015, 6, 12, 15, 0, 0, 0, time.UTC)).LonLatPoint(-105, 40).Accept(accept)
	}
	get := func(accept string) *NCSSResponse {
		t.Helper()
		resp, err := c.NCSS(t.Context(), endpoint, query(accept))
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	csvResp := get("csv")
	if csvResp.Format() != FormatCSV {
		t.Errorf("format %q", csvResp.Format())
	}
	csvTab, err := csvResp.Table()
	if err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"date", "lat", "lon", "vertCoord", "Temperature_isobaric", "Relative_humidity_isobaric"}
	if !slices.Equal(csvTab.Columns, wantCols) || csvTab.Len() != 26 {
		t.Fatalf("columns %v, %d rows", csvTab.Columns, csvTab.Len())
	}
	if csvTab.Unit("Temperature_isobaric") != "K" || csvTab.Unit("vertCoord") != "Pa" || csvTab.Unit("date") != "" {
		t.Errorf("units %v", csvTab.Units)
	}
	temp := csvTab.Float64s("Temperature_isobaric")
	if temp[0] != 233.5 || temp[25] != 298.3999938964844 {
		t.Errorf("temperatures %v", temp)
	}
	if tm := csvTab.Times("date"); !tm[0].Equal(time.Date(2015, 6, 12, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v", tm[0])
	}

	// the XML response holds the same table
	xmlTab, err := get("xml").Table()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(xmlTab.Columns, csvTab.Columns) || !slices.Equal(xmlTab.Units, csvTab.Units) || xmlTab.Len() != csvTab.Len() {
		t.Fatalf("xml columns %v units %v rows %d", xmlTab.Columns, xmlTab.Units, xmlTab.Len())
	}
	for _, col := range csvTab.Columns {
		if !slices.Equal(xmlTab.Strings(col), csvTab.Strings(col)) {
			t.Errorf("column %s differs: %v vs %v", col, xmlTab.Strings(col), csvTab.Strings(col))
		}
	}

	// the netCDF-3 response, decoded in pure Go, holds the same values
	ncResp := get("netcdf")
	if ncResp.Format() != FormatNetCDF {
		t.Errorf("format %q", ncResp.Format())
	}
	checkNetCDF := func(d *Data) {
		t.Helper()
		defer d.Close()
		got, err := d.Float64s("Temperature_isobaric")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, temp) {
			t.Errorf("netCDF temperatures %v\nCSV %v", got, temp)
		}
		p, _ := d.Float64s("isobaric3")
		if !slices.Equal(p, csvTab.Float64s("vertCoord")) {
			t.Errorf("levels %v", p)
		}
		names, _ := d.Strings("station_name")
		if len(names) != 1 || d.Var("time") == nil {
			t.Errorf("station_name %q", names)
		}
		if a, ok := d.Attr("featureType"); !ok || a.String() != "timeSeriesProfile" {
			t.Errorf("featureType %v", a)
		}
	}
	d, err := ncResp.Open()
	if err != nil {
		t.Fatal(err)
	}
	checkNetCDF(d)

	nc4 := get("netcdf4")
	if nc4.Format() != FormatNetCDF4 {
		t.Errorf("format %q", nc4.Format())
	}
	if _, err := nc4.Table(); err == nil {
		t.Error("a netCDF response decoded as a table")
	}
	d4, err := nc4.Open()
	switch {
	case errors.Is(err, nc.ErrNoNetCDF):
		t.Log("netCDF-4 response not checked: built without cgo")
	case err != nil:
		t.Fatal(err)
	default:
		checkNetCDF(d4)
	}

	// siphon test_vertical_level
	vr, err := c.NCSS(t.Context(), endpoint, query("csv").VertCoord(50000))
	if err != nil {
		t.Fatal(err)
	}
	vt, err := vr.Table()
	if err != nil || vt.Len() != 1 || vt.Float64s("Temperature_isobaric")[0] != 263.3999938964844 {
		t.Errorf("vertCoord table %v %v", vt, err)
	}

	// streaming
	var buf bytes.Buffer
	ct, n, err := c.NCSSTo(t.Context(), endpoint, query("netcdf"), &buf)
	if err != nil || ct != "application/x-netcdf" || n != int64(len(bodies["netcdf"])) || !bytes.Equal(buf.Bytes(), bodies["netcdf"]) {
		t.Errorf("NCSSTo %q %d %v", ct, n, err)
	}
}

// NCSS errors are 400 with a text message and no content type.
func TestNCSSErrorRecorded(t *testing.T) {
	body := readReal(t, "Unidata__siphon", "ncss_gfs_error_400.txt")
	c, mux, srv := setup(t)
	mux.HandleFunc(gfsPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil
		w.WriteHeader(http.StatusBadRequest)
		w.Write(body)
	})
	_, err := c.NCSS(t.Context(), srv.URL+gfsPath, NewNCSSQuery().Var("u-component_of_wind_isobaric").Time(time.Date(2018, 2, 23, 22, 28, 49, 0, time.UTC)))
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 400 || he.Body != string(body) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(err.Error(), "does not intersect actual time range") {
		t.Errorf("message %q", err)
	}
	if errors.Is(err, ErrRequestTooLarge) || errors.Is(err, ErrNotFound) {
		t.Errorf("wrong sentinel for %v", err)
	}
}

// From a catalog to an NCSS request: NCEI's NetcdfServer service with a
// "/dataset.html" suffix (siphon test_dataset_subset_ncei).
func TestNCSSFromCatalogRecorded(t *testing.T) {
	cat := readReal(t, "Unidata__siphon", "ncei_narr-a_catalog.xml")
	desc := readReal(t, "Unidata__siphon", "ncei_ncss_narr-a_dataset.xml")
	c, mux, srv := setup(t)
	mux.HandleFunc("/thredds/catalog/narr-a-files/199303/19930313/catalog.xml", xmlHandler(string(cat)))
	const ds = "/thredds/ncss/grid/narr-a-files/199303/19930313/narr-a_221_19930313_2100_000.grb"
	mux.HandleFunc(ds+"/dataset.xml", xmlHandler(string(desc)))
	mux.HandleFunc(ds, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("var") != "Temperature_isobaric" || r.URL.Query().Get("north") != "50" {
			http.Error(w, "bad query "+r.URL.RawQuery, 400)
			return
		}
		io.WriteString(w, "date,lat[unit=\"degrees_north\"],lon[unit=\"degrees_east\"],Temperature_isobaric[unit=\"K\"]\n1993-03-13T21:00:00Z,45,-100,250.5\n")
	})
	catalog, err := c.Catalog(t.Context(), srv.URL+"/thredds/catalog/narr-a-files/199303/19930313/catalog.xml")
	if err != nil {
		t.Fatal(err)
	}
	d := catalog.FindName("narr-a_221_19930313_2100_000.grb")
	end, ok := d.NCSSEndpoint("")
	if !ok || end != srv.URL+ds {
		t.Fatalf("endpoint %q", end)
	}
	meta, err := c.NCSSDataset(t.Context(), end)
	if err != nil {
		t.Fatal(err)
	}
	q := NewNCSSQuery().Var("Temperature_isobaric").BBox(-110, 40, -90, 50).Accept("csv")
	if err := q.Validate(meta); err != nil {
		t.Fatal(err)
	}
	resp, err := c.NCSS(t.Context(), end, q)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := resp.Table()
	if err != nil || tab.Float64s("Temperature_isobaric")[0] != 250.5 {
		t.Errorf("%v %v", tab, err)
	}
}

func TestStationXMLTableRecorded(t *testing.T) {
	tab, err := DecodeXMLTable(bytes.NewReader(readReal(t, "Unidata__tds", "ncss_station_xml_outputSubset1.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tab.Columns, []string{"date", "station", "latitude", "longitude", "altitude", "tas"}) || tab.Len() != 6 {
		t.Fatalf("columns %v rows %d", tab.Columns, tab.Len())
	}
	if !slices.Equal(tab.Strings("station"), []string{"AAA", "AAA", "AAA", "CCC", "CCC", "CCC"}) {
		t.Errorf("stations %v", tab.Strings("station"))
	}
	if !slices.Equal(tab.Float64s("tas"), []float64{40, 70, 100, 340, 370, 400}) || tab.Unit("tas") != "K" {
		t.Errorf("tas %v %q", tab.Float64s("tas"), tab.Unit("tas"))
	}
	if lat := tab.Float64s("latitude"); lat[3] != 44 {
		t.Errorf("latitude %v", lat)
	}
	if tm := tab.Times("date"); !tm[1].Equal(time.Date(1970, 1, 21, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dates %v", tm)
	}
	wml := &NCSSResponse{ContentType: "application/xml", Body: readReal(t, "Unidata__tds", "ncss_station_waterml2_outputSubset1.xml")}
	if wml.Format() != FormatWaterML2 {
		t.Errorf("format %q", wml.Format())
	}
	if _, err := wml.Table(); err == nil {
		t.Error("WaterML 2 decoded as a table")
	}
}

func TestDecodeCSV(t *testing.T) {
	doc := "time,station,latitude[unit=\"degrees_north\"],T[unit=\"Celsius\"],note\n" +
		"2015-06-12T00:00:00Z,KDEN,39.85,21.5,\"a, b\"\n" +
		"2015-06-12T01:00:00Z,KBOU,40.01,NaN\n" +
		"\n" +
		"2015-06-12T02:00:00Z,KBOU,40.01,,x\n"
	tab, err := DecodeCSV(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 3 || tab.Unit("T") != "Celsius" || tab.Unit("latitude") != "degrees_north" {
		t.Fatalf("%d rows, units %v", tab.Len(), tab.Units)
	}
	T := tab.Float64s("T")
	if T[0] != 21.5 || !math.IsNaN(T[1]) || !math.IsNaN(T[2]) {
		t.Errorf("T %v", T)
	}
	if n := tab.Strings("note"); n[0] != "a, b" || n[1] != "" {
		t.Errorf("notes %q", n)
	}
	if row := tab.Row(1); row[1] != "KBOU" {
		t.Errorf("row %v", row)
	}
	if tab.Float64s("nope") != nil || tab.Strings("nope") != nil || tab.Times("nope") != nil || tab.Unit("nope") != "" {
		t.Error("absent column")
	}
	if _, err := DecodeCSV(strings.NewReader("")); err == nil {
		t.Error("empty response decoded")
	}
	if tab, err := DecodeCSV(strings.NewReader("a,b\n")); err != nil || tab.Len() != 0 || len(tab.Columns) != 2 {
		t.Errorf("header only: %v %v", tab, err)
	}
	if _, err := DecodeXMLTable(strings.NewReader("<grid><point><data name='x'>1</point></grid>")); err == nil {
		t.Error("malformed XML decoded")
	}
}

func TestNCSSFormat(t *testing.T) {
	for _, tt := range []struct {
		ct, body, want string
	}{
		{"application/x-netcdf", "CDF\x01", FormatNetCDF},
		{"application/octet-stream", "\x89HDF\r\n\x1a\n", FormatNetCDF4},
		{"text/csv", "a,b\n", FormatCSV},
		{"", "a,b\n", FormatCSV},
		{"text/xml", "<?xml version='1.0'?><grid/>", FormatXML},
		{"", "", ""},
	} {
		r := &NCSSResponse{ContentType: tt.ct, Body: []byte(tt.body)}
		if got := r.Format(); got != tt.want {
			t.Errorf("%q %q: %q, want %q", tt.ct, tt.body, got, tt.want)
		}
	}
	if u, _ := url.Parse(NewNCSSQuery().Var("a b").URL("http://h/x")); u.Query().Get("var") != "a b" {
		t.Error("escaping")
	}
}
