package argo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

// synthNC builds small classic (CDF-1) NetCDF files in memory, without
// libnetcdf, for the meta, trajectory and technical reader tests: format
// 2.x layouts the real files do not cover, and misshapen variables. It has
// no record dimension.
type synthNC struct {
	dims []nc.Dim
	vars []synthVar
}

type synthVar struct {
	name  string
	typ   nc.Type
	dims  []string
	attrs []nc.Attr
	data  any // []byte, []int32, []float32 or []float64, row-major
}

func (s *synthNC) dim(name string, n int) *synthNC {
	s.dims = append(s.dims, nc.Dim{Name: name, Len: n})
	return s
}

func (s *synthNC) size(dims []string) int {
	n := 1
	for _, d := range dims {
		for _, x := range s.dims {
			if x.Name == d {
				n *= x.Len
			}
		}
	}
	return n
}

// text adds a char variable: each row is blank-padded to the last dimension's width.
func (s *synthNC) text(name string, dims []string, rows ...string) *synthNC {
	width := 1
	if len(dims) > 0 {
		width = s.size(dims[len(dims)-1:])
	}
	b := bytes.Repeat([]byte{' '}, s.size(dims))
	for i, r := range rows {
		copy(b[i*width:(i+1)*width], r)
	}
	s.vars = append(s.vars, synthVar{name: name, typ: nc.Char, dims: dims, data: b})
	return s
}

func (s *synthNC) num(name string, data any, dims []string, attrs ...nc.Attr) *synthNC {
	typ := map[string]nc.Type{"[]int32": nc.Int, "[]float32": nc.Float, "[]float64": nc.Double, "[]uint8": nc.Char}[typeName(data)]
	s.vars = append(s.vars, synthVar{name: name, typ: typ, dims: dims, attrs: attrs, data: data})
	return s
}

func typeName(x any) string {
	switch x.(type) {
	case []int32:
		return "[]int32"
	case []float32:
		return "[]float32"
	case []float64:
		return "[]float64"
	case []byte:
		return "[]uint8"
	}
	return ""
}

func (s *synthNC) bytes() []byte {
	var h bytes.Buffer
	be := func(v uint32) { binary.Write(&h, binary.BigEndian, v) }
	name := func(n string) {
		be(uint32(len(n)))
		h.WriteString(n)
		h.Write(make([]byte, (4-len(n)%4)%4))
	}
	pad := func(b []byte) []byte { return append(b, make([]byte, (4-len(b)%4)%4)...) }
	encode := func(data any) []byte {
		var b bytes.Buffer
		switch x := data.(type) {
		case []byte:
			b.Write(x)
		case string:
			b.WriteString(x)
		default:
			binary.Write(&b, binary.BigEndian, x)
		}
		return pad(b.Bytes())
	}
	count := func(data any) int {
		switch x := data.(type) {
		case []byte:
			return len(x)
		case string:
			return len(x)
		case []int32:
			return len(x)
		case []float32:
			return len(x)
		case []float64:
			return len(x)
		}
		return 0
	}
	h.WriteString("CDF\x01")
	be(0)
	if len(s.dims) == 0 {
		be(0)
		be(0)
	} else {
		be(0x0A)
		be(uint32(len(s.dims)))
		for _, d := range s.dims {
			name(d.Name)
			be(uint32(d.Len))
		}
	}
	be(0) // no global attributes
	be(0)
	if len(s.vars) == 0 {
		be(0)
		be(0)
	} else {
		be(0x0B)
		be(uint32(len(s.vars)))
	}
	var begins []int
	var data [][]byte
	for _, v := range s.vars {
		name(v.name)
		be(uint32(len(v.dims)))
		for _, d := range v.dims {
			id := slices.IndexFunc(s.dims, func(x nc.Dim) bool { return x.Name == d })
			be(uint32(id))
		}
		if len(v.attrs) == 0 {
			be(0)
			be(0)
		} else {
			be(0x0C)
			be(uint32(len(v.attrs)))
			for _, a := range v.attrs {
				name(a.Name)
				typ := map[string]nc.Type{"": nc.Char, "[]int32": nc.Int, "[]float32": nc.Float, "[]float64": nc.Double}[typeName(a.Value)]
				be(uint32(typ))
				be(uint32(count(a.Value)))
				h.Write(encode(a.Value))
			}
		}
		be(uint32(v.typ))
		d := encode(v.data)
		be(uint32(len(d)))
		begins = append(begins, h.Len())
		be(0) // begin, set below
		data = append(data, d)
	}
	out := h.Bytes()
	off := len(out)
	for i, d := range data {
		binary.BigEndian.PutUint32(out[begins[i]:], uint32(off))
		off += len(d)
	}
	for _, d := range data {
		out = append(out, d...)
	}
	return out
}

// readRealBytes reads a real recorded file (skipping without INSITU_REALDATA).
func readRealBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(testutil.RealData(t, "argo", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func wantUTC(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if want == "" {
		if !got.IsZero() {
			t.Errorf("%s = %v, want the zero time", what, got)
		}
		return
	}
	w, err := time.Parse(time.RFC3339, want)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(w) || got.Location() != time.UTC {
		t.Errorf("%s = %v, want %v", what, got, w)
	}
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

// Golden values read off `ncdump -v VAR` for the three real meta files.
func TestMetaRealGolden(t *testing.T) {
	type cfg struct {
		mission int
		name    string
		value   float64 // NaN: not there
	}
	cases := []struct {
		file                       string
		platform, ptt, ptype, pi   string
		launch, start, end, status string
		lat, lon                   float64
		trans, pos                 []string
		serials                    []string
		params                     []string
		nLaunch, nNames            int
		missions                   []int
		configs                    []cfg
		launchName                 string
		launchValue                float64
		attrName, attrValue        string
	}{
		{
			file: "euroargodev__argopy-data/5900865_meta.nc", platform: "5900865", ptt: "34889", ptype: "PROVOR_MT", pi: "Susan Wijffels",
			launch: "2005-08-18T07:12:00Z", start: "2005-08-28T06:28:07Z", end: "2007-10-27T06:41:18Z", status: "T",
			lat: -10.246, lon: 115.994, trans: []string{"ARGOS"}, pos: []string{"ARGOS"},
			serials: []string{"623", "623", "3380"}, params: []string{"TEMP", "PSAL", "PRES"},
			nLaunch: 9, nNames: 9, missions: []int{1},
			configs:    []cfg{{1, "CONFIG_ParkPressure_dbar", 1500}, {1, "CONFIG_AscentTime_hours", 6.17}, {2, "CONFIG_ParkPressure_dbar", math.NaN()}, {1, "CONFIG_Nope", math.NaN()}},
			launchName: "CONFIG_CycleTime_hours", launchValue: 240, attrName: "FLOAT_OWNER", attrValue: "BOM",
		},
		{
			file: "euroargodev__argopy-data/3902131_meta.nc", platform: "3902131", ptt: "497538", ptype: "ARVOR_D", pi: "Bernard BOURLES",
			launch: "2018-03-13T03:44:00Z", start: "2018-03-13T03:55:00Z", end: "", status: "",
			lat: -6.6326, lon: 5.0044, trans: []string{"IRIDIUM"}, pos: []string{"GPS", "IRIDIUM"},
			serials: []string{"5000616", "9221", "9221", "2748"}, params: []string{"PRES", "TEMP", "PSAL", "C1PHASE_DOXY", "C2PHASE_DOXY", "TEMP_DOXY", "DOXY", "PPOX_DOXY"},
			nLaunch: 55, nNames: 7, missions: []int{1, 2, 3, 4},
			configs: []cfg{{1, "CONFIG_ParkPressure_dbar", 4000}, {2, "CONFIG_ParkPressure_dbar", 1000}, {3, "CONFIG_ProfilePressure_dbar", 4000},
				{4, "CONFIG_CycleTime_days", 10}, {1, "CONFIG_DescentToParkPresSamplingTime_seconds", 10}, {1, "config_direction_number", 3}},
			launchName: "CONFIG_CycleTime_days", launchValue: 2.48958333333333, attrName: "STANDARD_FORMAT_ID", attrValue: "120003",
		},
		{
			file: "ArgoCanada__argodata/2902746_meta.nc", platform: "2902746", ptt: "32826001", ptype: "PROVOR", pi: "FEI CHAI",
			launch: "2018-05-18T08:40:00Z", start: "2018-05-18T08:09:00Z", end: "", status: "",
			lat: 20.705, lon: 146.097, trans: []string{"IRIDIUM"}, pos: []string{"IRIDIUM", "GPS"},
			serials: []string{"9706", "9706", "10474356", "2874"}, params: []string{"PSAL", "TEMP", "PRES", "DOXY"},
			nLaunch: 12, nNames: 10, missions: []int{1},
			configs:    []cfg{{1, "CONFIG_CycleTime_hours", 240}, {1, "CONFIG_UpTime_hours", math.NaN()}, {1, "CONFIG_MeasureBattery_LOGICAL", 1}},
			launchName: "CONFIG_OptodeVerticalPressureOffset_dbar", launchValue: -0.5, attrName: "STARTUP_DATE", attrValue: "20180518080900",
		},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			m, err := ReadMeta(testutil.RealData(t, "argo", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if m.File.Kind != KindMeta || m.File.FormatVersion != "3.1" {
				t.Errorf("kind %v, format %q", m.File.Kind, m.File.FormatVersion)
			}
			if m.Platform != c.platform || m.PTT != c.ptt || m.PlatformType != c.ptype || m.PI != c.pi {
				t.Errorf("platform %q ptt %q type %q pi %q", m.Platform, m.PTT, m.PlatformType, m.PI)
			}
			wantUTC(t, "LaunchDate", m.LaunchDate, c.launch)
			wantUTC(t, "StartDate", m.StartDate, c.start)
			wantUTC(t, "EndMissionDate", m.EndMissionDate, c.end)
			if m.EndMissionStatus != c.status || m.LaunchQC != QCGood {
				t.Errorf("end status %q, launch QC %q", m.EndMissionStatus, m.LaunchQC)
			}
			if m.LaunchLat != c.lat || m.LaunchLon != c.lon {
				t.Errorf("launch at %v, %v", m.LaunchLat, m.LaunchLon)
			}
			if !slices.Equal(m.TransSystems, c.trans) || !slices.Equal(m.PositioningSystems, c.pos) {
				t.Errorf("trans %q, positioning %q", m.TransSystems, m.PositioningSystems)
			}
			var serials, params []string
			for _, s := range m.Sensors {
				serials = append(serials, s.SerialNo)
			}
			for _, p := range m.Parameters {
				params = append(params, p.Name)
			}
			if !slices.Equal(serials, c.serials) || !slices.Equal(params, c.params) {
				t.Errorf("sensor serials %q, parameters %q", serials, params)
			}
			if len(m.LaunchConfig) != c.nLaunch || len(m.ConfigNames) != c.nNames {
				t.Errorf("%d launch config values, %d config names", len(m.LaunchConfig), len(m.ConfigNames))
			}
			var numbers []int
			for _, ms := range m.Missions {
				numbers = append(numbers, ms.Number)
				if len(ms.Values) != len(m.ConfigNames) {
					t.Errorf("mission %d: %d values for %d names", ms.Number, len(ms.Values), len(m.ConfigNames))
				}
			}
			if !slices.Equal(numbers, c.missions) {
				t.Errorf("missions %v", numbers)
			}
			for _, k := range c.configs {
				v, ok := m.Config(k.mission, k.name)
				if ok != !math.IsNaN(k.value) || (ok && !near(v, k.value)) {
					t.Errorf("Config(%d, %s) = %v, %v; want %v", k.mission, k.name, v, ok, k.value)
				}
			}
			if v, ok := m.LaunchValue(c.launchName); !ok || !near(v, c.launchValue) {
				t.Errorf("LaunchValue(%s) = %v, %v; want %v", c.launchName, v, ok, c.launchValue)
			}
			if m.Attrs[c.attrName] != c.attrValue {
				t.Errorf("Attrs[%s] = %q, want %q", c.attrName, m.Attrs[c.attrName], c.attrValue)
			}
			if len(m.Warnings) != 0 {
				t.Errorf("warnings: %q", m.Warnings)
			}
		})
	}
	// A few sensor and parameter details of 5900865 (ncdump -v SENSOR_MODEL,PARAMETER_UNITS,PARAMETER_ACCURACY).
	m, err := ReadMeta(testutil.RealData(t, "argo", "euroargodev__argopy-data/5900865_meta.nc"))
	if err != nil {
		t.Fatal(err)
	}
	if s := m.Sensors[2]; s != (Sensor{Name: "CTD_PRES", Maker: "DRUCK", Model: "DRUCK", SerialNo: "3380"}) {
		t.Errorf("sensor 2: %+v", s)
	}
	p := m.Param("PRES")
	if p == nil || p.Sensor != "CTD_PRES" || p.Units != "decibars" || p.Accuracy != "2.4" || p.Resolution != "0.1" ||
		!strings.HasPrefix(p.CalibCoefficient, "ser# = 623 pressure coeffs: PA0 = -2.4322") {
		t.Errorf("PRES: %+v", p)
	}
	if m.PlatformMaker != "METOCEAN" || m.PlatformFamily != "FLOAT" || m.WMOInstType != "841" || m.DataCentre != "CS" || m.Project != "Argo Australia" || m.BatteryType != "Lithium" {
		t.Errorf("%+v", m)
	}
	if m.Param("DOXY") != nil {
		t.Error("Param(DOXY) is not nil")
	}
}

// The meta files of the generated mini GDAC.
func TestMetaMiniGDAC(t *testing.T) {
	m, err := ReadMeta(testutil.Testdata(t, "gdac", "dac", "coriolis", "6999001", "6999001_meta.nc"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Platform != "6999001" || m.PI != "Marie-Hélène D'IROISE" || m.PlatformType != "ARVOR" || m.LaunchLat != 48.105 || m.LaunchLon != -4.842 {
		t.Errorf("%+v", m)
	}
	wantUTC(t, "LaunchDate", m.LaunchDate, "2021-03-02T09:40:00Z")
	if v, ok := m.Config(1, "CONFIG_ParkPressure_dbar"); !ok || v != 90 {
		t.Errorf("park pressure %v %v", v, ok)
	}
	if len(m.Missions) != 1 || m.Missions[0].Comment != "Standard mission" {
		t.Errorf("missions %+v", m.Missions)
	}
	for _, rel := range []string{"coriolis/6999002/6999002_meta.nc", "coriolis/6999003/6999003_meta.nc", "csiro/5999101/5999101_meta.nc", "aoml/4999001/4999001_meta.nc", "aoml/5999001/5999001_meta.nc"} {
		m, err := ReadMeta(testutil.Testdata(t, "gdac", "dac", rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if m.Platform != strings.Split(rel, "/")[1] || m.LaunchDate.IsZero() || len(m.Parameters) == 0 || len(m.Warnings) > 0 {
			t.Errorf("%s: platform %q launch %v %d parameters, warnings %q", rel, m.Platform, m.LaunchDate, len(m.Parameters), m.Warnings)
		}
	}
}

// synthMeta22 is a meta-data file in the format 2.x layout: one sensor per
// parameter (SENSOR over N_PARAM, SENSOR_UNITS), scalar TRANS_SYSTEM and
// POSITIONING_SYSTEM, PLATFORM_MODEL, and per-configuration variables over
// N_CYCLES instead of missions.
func synthMeta22() *synthNC {
	s := &synthNC{}
	s.dim("STRING256", 256).dim("STRING64", 64).dim("STRING16", 16).dim("STRING8", 8).dim("STRING4", 4).dim("STRING2", 2).
		dim("DATE_TIME", 14).dim("N_PARAM", 3).dim("N_CYCLES", 2)
	s.text("DATA_TYPE", []string{"STRING16"}, "Argo meta-data").
		text("FORMAT_VERSION", []string{"STRING4"}, "2.2").
		text("PLATFORM_NUMBER", []string{"STRING8"}, "1900123").
		text("PTT", []string{"STRING256"}, "12345").
		text("TRANS_SYSTEM", []string{"STRING16"}, "ARGOS").
		text("POSITIONING_SYSTEM", []string{"STRING8"}, "ARGOS").
		text("PLATFORM_MODEL", []string{"STRING16"}, "APEX_SBE").
		text("INST_REFERENCE", []string{"STRING64"}, "APEX SBE 1234").
		text("WMO_INST_TYPE", []string{"STRING4"}, "846").
		text("PROJECT_NAME", []string{"STRING64"}, "US ARGO PROJECT").
		text("DATA_CENTRE", []string{"STRING2"}, "AO").
		text("PI_NAME", []string{"STRING64"}, "STEPHEN RISER").
		text("LAUNCH_DATE", []string{"DATE_TIME"}, "20030508123000").
		num("LAUNCH_LATITUDE", []float64{-45.5}, nil).
		num("LAUNCH_LONGITUDE", []float64{200.25}, nil). // beyond 180: read as -159.75
		text("LAUNCH_QC", nil, "1").
		text("START_DATE", []string{"DATE_TIME"}, "              ").
		num("CLOCK_DRIFT", []float32{0.5}, nil).
		num("REPETITION_RATE", []int32{1, 99999}, []string{"N_CYCLES"}, nc.Attr{Name: "_FillValue", Value: []int32{99999}}).
		num("CYCLE_TIME", []float32{10, 5}, []string{"N_CYCLES"}).
		num("PARKING_PRESSURE", []float32{1000, 99999}, []string{"N_CYCLES"}, nc.Attr{Name: "_FillValue", Value: []float32{99999}}).
		text("SENSOR", []string{"N_PARAM", "STRING16"}, "CTD_PRES", "CTD_TEMP", "CTD_CNDC").
		text("SENSOR_MAKER", []string{"N_PARAM", "STRING256"}, "PAINE", "SBE", "SBE").
		text("SENSOR_MODEL", []string{"N_PARAM", "STRING256"}, "PAINE 211", "SBE41", "SBE41").
		text("SENSOR_SERIAL_NO", []string{"N_PARAM", "STRING16"}, "1", "2", "3").
		text("SENSOR_UNITS", []string{"N_PARAM", "STRING16"}, "decibar", "degree_Celsius", "psu").
		text("SENSOR_ACCURACY", []string{"N_PARAM", "STRING16"}, "2.4", "0.002", "0.005").
		text("SENSOR_RESOLUTION", []string{"N_PARAM", "STRING16"}, "0.1", "0.001", "0.001").
		text("PARAMETER", []string{"N_PARAM", "STRING16"}, "PRES", "TEMP", "PSAL").
		text("PREDEPLOYMENT_CALIB_EQUATION", []string{"N_PARAM", "STRING256"}, "none", "none", "none")
	return s
}

// Format 2.2 meta files remain valid: what exists is read.
func TestMetaFormat22(t *testing.T) {
	m, err := DecodeMeta("1900123_meta.nc", synthMeta22().bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m.File.FormatVersion != "2.2" || m.Platform != "1900123" || m.PlatformType != "APEX_SBE" || m.Attrs["INST_REFERENCE"] != "APEX SBE 1234" || m.Attrs["CLOCK_DRIFT"] != "0.5" {
		t.Errorf("%+v", m)
	}
	if !slices.Equal(m.TransSystems, []string{"ARGOS"}) || !slices.Equal(m.PositioningSystems, []string{"ARGOS"}) {
		t.Errorf("trans %q pos %q", m.TransSystems, m.PositioningSystems)
	}
	wantUTC(t, "LaunchDate", m.LaunchDate, "2003-05-08T12:30:00Z")
	wantUTC(t, "StartDate", m.StartDate, "")
	if m.LaunchLat != -45.5 || m.LaunchLon != -159.75 || m.LaunchQC != QCGood {
		t.Errorf("launch %v %v %q", m.LaunchLat, m.LaunchLon, m.LaunchQC)
	}
	if len(m.Sensors) != 3 || m.Sensors[0] != (Sensor{"CTD_PRES", "PAINE", "PAINE 211", "1"}) {
		t.Errorf("sensors %+v", m.Sensors)
	}
	want := MetaParam{Name: "PSAL", Sensor: "CTD_CNDC", Units: "psu", Accuracy: "0.005", Resolution: "0.001", CalibEquation: "none"}
	if p := m.Param("PSAL"); p == nil || *p != want {
		t.Errorf("PSAL: %+v", p)
	}
	if !slices.Equal(m.ConfigNames, []string{"REPETITION_RATE", "CYCLE_TIME", "PARKING_PRESSURE"}) || len(m.Missions) != 2 {
		t.Fatalf("config names %q, %d missions", m.ConfigNames, len(m.Missions))
	}
	if v, ok := m.Config(1, "CYCLE_TIME"); !ok || v != 10 {
		t.Errorf("CYCLE_TIME of mission 1: %v %v", v, ok)
	}
	if v, ok := m.Config(2, "PARKING_PRESSURE"); ok {
		t.Errorf("fill PARKING_PRESSURE of mission 2: %v", v)
	}
	if m.Missions[1].Number != 2 || m.Missions[1].Values[1] != 5 || !math.IsNaN(m.Missions[1].Values[0]) {
		t.Errorf("mission 2: %+v", m.Missions[1])
	}
}

// Misshapen variables are skipped with a warning; a missing identity is a *FormatError.
func TestMetaMalformed(t *testing.T) {
	s := synthMeta22()
	for i, v := range s.vars {
		switch v.name {
		case "SENSOR_MAKER": // one row short: dimensioned by another dimension
			s.vars[i].dims = []string{"N_CYCLES", "STRING256"}
			s.vars[i].data = v.data.([]byte)[:2*256]
		case "LAUNCH_LATITUDE": // text where a number is expected
			s.vars[i] = synthVar{name: v.name, typ: nc.Char, dims: []string{"STRING8"}, data: []byte("-45.5   ")}
		}
	}
	m, err := DecodeMeta("bad_meta.nc", s.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(m.LaunchLat) || m.Sensors[0].Maker != "" || m.Sensors[0].Model != "PAINE 211" || len(m.Warnings) != 2 {
		t.Errorf("lat %v, sensor %+v, warnings %q", m.LaunchLat, m.Sensors[0], m.Warnings)
	}

	// A dimension of 2^30 missions with no variable holding them allocates
	// nothing: counts come from variables, whose data is in the file.
	s = synthMeta22()
	s.dim("N_MISSIONS", 1<<30).dim("N_CONFIG_PARAM", 2).dim("STRING128", 128).
		text("CONFIG_PARAMETER_NAME", []string{"N_CONFIG_PARAM", "STRING128"}, "CONFIG_A", "CONFIG_B")
	m, err = DecodeMeta("huge_meta.nc", s.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.ConfigNames, []string{"CONFIG_A", "CONFIG_B"}) || m.Missions != nil {
		t.Errorf("config names %q, %d missions", m.ConfigNames, len(m.Missions))
	}
	// Mission numbers without values: missions without Values.
	s.num("CONFIG_MISSION_NUMBER", []int32{1, 2}, []string{"N_CYCLES"})
	if m, err = DecodeMeta("x_meta.nc", s.bytes()); err != nil || len(m.Missions) != 2 || m.Missions[1].Number != 2 || m.Missions[1].Values != nil {
		t.Errorf("missions %+v, %v", m.Missions, err)
	}
	if _, ok := m.Config(1, "CONFIG_A"); ok {
		t.Error("a value without CONFIG_PARAMETER_VALUE")
	}

	s = synthMeta22()
	s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return v.name == "PLATFORM_NUMBER" })
	_, err = DecodeMeta("x_meta.nc", s.bytes())
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Var != "PLATFORM_NUMBER" || !strings.HasPrefix(err.Error(), "argo: ") {
		t.Errorf("no PLATFORM_NUMBER: %v", err)
	}
}

// Non-Argo inputs give ErrNotArgo; Argo files of another kind ErrKind, for every reader.
func TestMetaTrajTechErrors(t *testing.T) {
	readers := map[string]func(string) error{
		"meta": func(p string) error { _, err := ReadMeta(p); return err },
		"traj": func(p string) error { _, err := ReadTrajectory(p); return err },
		"tech": func(p string) error { _, err := ReadTech(p); return err },
	}
	decoders := map[string]func([]byte) error{
		"meta": func(b []byte) error { _, err := DecodeMeta("x.nc", b); return err },
		"traj": func(b []byte) error { _, err := DecodeTrajectory("x.nc", b); return err },
		"tech": func(b []byte) error { _, err := DecodeTech("x.nc", b); return err },
	}
	own := map[string]string{
		"meta": "euroargodev__argopy-data/5900865_meta.nc",
		"traj": "euroargodev__argopy-data/5900865_Rtraj.nc",
		"tech": "euroargodev__argopy-data/5900865_tech.nc",
	}
	for kind, read := range readers {
		for _, data := range [][]byte{nil, []byte("<html><body>502 Bad Gateway</body></html>"), []byte("CDF\x01garbage"), (&synthNC{}).bytes()} {
			err := decoders[kind](data)
			if err == nil || !strings.HasPrefix(err.Error(), "argo: ") {
				t.Errorf("%s %q: %v", kind, data, err)
			}
			if (len(data) == 0 || data[0] == '<') && !errors.Is(err, ErrNotArgo) {
				t.Errorf("%s: %q: %v, want ErrNotArgo", kind, data, err)
			}
		}
		if err := read(filepath.Join(t.TempDir(), "missing.nc")); err == nil || errors.Is(err, ErrNotArgo) {
			t.Errorf("%s: missing file: %v", kind, err)
		}
		// An ERDDAP table response: a NetCDF file with lower-case variables.
		err := read(testutil.RealData(t, "argo", "euroargodev__argopy", "b8c8a3bcf739bfc0dbee436e58be41b3a4ececc3fdc1744a61c350e74f80f5d7.nc"))
		if !errors.Is(err, ErrNotArgo) {
			t.Errorf("%s: ERDDAP table: %v, want ErrNotArgo", kind, err)
		}
		for other, name := range own {
			err := read(testutil.RealData(t, "argo", name))
			if (other == kind) != (err == nil) {
				t.Errorf("%s reader on %s: %v", kind, name, err)
			}
			if other != kind && !errors.Is(err, ErrKind) {
				t.Errorf("%s reader on %s: %v, want ErrKind", kind, name, err)
			}
		}
		if err := read(testutil.RealData(t, "argo", "euroargodev__argopy-data/D5900865_001.nc")); !errors.Is(err, ErrKind) {
			t.Errorf("%s reader on a profile file: %v, want ErrKind", kind, err)
		}
	}
}

// corruptAll decodes truncated and bit-flipped versions of data (n of them,
// seeded) and checks each gives a well-formed error or a value, never a
// panic; check runs on every value decoded.
func corruptAll(t *testing.T, data []byte, n int, decode func([]byte) error) {
	t.Helper()
	rng := rand.New(rand.NewPCG(uint64(len(data)), 7))
	decoded := 0
	for i := range n {
		b := bytes.Clone(data)
		switch i % 3 {
		case 0:
			b = b[:rng.IntN(len(b))]
		case 1: // flip bits in the header, where the shapes are
			for range 1 + rng.IntN(4) {
				k := rng.IntN(min(len(b), 8192))
				b[k] ^= 1 << rng.IntN(8)
			}
		default:
			for range 1 + rng.IntN(16) {
				k := rng.IntN(len(b))
				b[k] ^= 1 << rng.IntN(8)
			}
		}
		if err := decode(b); err != nil {
			var fe *FormatError
			if !errors.Is(err, ErrNotArgo) && !errors.Is(err, ErrKind) && !errors.As(err, &fe) && !strings.HasPrefix(err.Error(), "argo: ") {
				t.Errorf("error without the package prefix or a type: %v", err)
			}
			continue
		}
		decoded++
	}
	if decoded == 0 {
		t.Errorf("none of %d corrupted files decoded: the test exercises only the error paths", n)
	}
}

func checkMeta(t testing.TB, m *Meta) {
	for _, ms := range m.Missions {
		if len(ms.Values) != len(m.ConfigNames) {
			t.Fatalf("mission %d: %d values, %d names", ms.Number, len(ms.Values), len(m.ConfigNames))
		}
		for _, name := range m.ConfigNames {
			m.Config(ms.Number, name)
		}
	}
	for _, c := range m.LaunchConfig {
		m.LaunchValue(c.Name)
	}
	for _, p := range m.Parameters {
		if m.Param(p.Name) == nil {
			t.Fatalf("Param(%q) is nil", p.Name)
		}
	}
}

func TestCorruptedMeta(t *testing.T) {
	corruptAll(t, synthMeta22().bytes(), 300, func(b []byte) error {
		m, err := DecodeMeta("synth_meta.nc", b)
		if err == nil {
			checkMeta(t, m)
		}
		return err
	})
	for _, name := range []string{"euroargodev__argopy-data/5900865_meta.nc", "euroargodev__argopy-data/3902131_meta.nc", "ArgoCanada__argodata/2902746_meta.nc"} {
		data := readRealBytes(t, name)
		corruptAll(t, data, 300, func(b []byte) error {
			m, err := DecodeMeta(name, b)
			if err == nil {
				checkMeta(t, m)
			}
			return err
		})
	}
}

// fuzzSeeds adds the mini GDAC files (relative to the argo directory) and,
// with INSITU_REALDATA set, the real files as seeds.
func fuzzSeeds(f *testing.F, gdac []string, real []string) {
	for _, rel := range gdac {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", "gdac", "dac", rel)); err == nil {
			f.Add(b)
		}
	}
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		if !filepath.IsAbs(root) {
			root = filepath.Join("..", root)
		}
		for _, name := range real {
			b, err := os.ReadFile(filepath.Join(root, "argo", name))
			if err != nil {
				f.Fatalf("INSITU_REALDATA is set but %s is unreadable: %v", name, err)
			}
			f.Add(b)
		}
	}
}

// FuzzDecodeMeta: any bytes give a Meta or an error, never a panic.
func FuzzDecodeMeta(f *testing.F) {
	f.Add(synthMeta22().bytes())
	fuzzSeeds(f, []string{"coriolis/6999001/6999001_meta.nc"},
		[]string{"euroargodev__argopy-data/5900865_meta.nc", "ArgoCanada__argodata/2902746_meta.nc"})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 && string(data[:4]) == "\x89HDF" {
			return // NetCDF-4 goes to libnetcdf, which Go cannot make memory-safe (internal/nc)
		}
		if m, err := DecodeMeta("fuzz_meta.nc", data); err == nil {
			checkMeta(t, m)
		}
	})
}
