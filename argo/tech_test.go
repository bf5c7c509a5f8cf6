package argo

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

func checkTech(t testing.TB, tc *Tech) {
	for i, p := range tc.Params {
		if p.Name == "" {
			t.Fatal("an entry with a blank name")
		}
		if i < 20 || i == len(tc.Params)-1 { // lookups are linear: a sample
			if _, ok := tc.Value(p.Name, p.Cycle); !ok {
				t.Fatalf("Value(%q, %d): not found", p.Name, p.Cycle)
			}
			tc.Float(p.Name, p.Cycle)
		}
	}
	tc.Names()
	if s := tc.Series; s != nil {
		n := len(s.Time)
		if len(s.Cycle) != n || len(s.MeasurementCode) != n {
			t.Fatalf("series columns of %d, %d, %d elements", n, len(s.Cycle), len(s.MeasurementCode))
		}
		for _, c := range [][]byte{s.TimeStatus, s.TimeAdjustedStatus} {
			if c != nil && len(c) != n {
				t.Fatal("series column of the wrong length")
			}
		}
		for _, p := range s.Params {
			if len(p.Values) != n || (p.QC != nil && len(p.QC) != n) {
				t.Fatalf("series parameter %s of the wrong length", p.Name)
			}
		}
	}
}

// Golden values read off `ncdump -v TECHNICAL_PARAMETER_NAME,TECHNICAL_PARAMETER_VALUE,CYCLE_NUMBER`.
func TestTechRealGolden(t *testing.T) {
	tc, err := ReadTech(testutil.RealData(t, "argo", "euroargodev__argopy-data/5900865_tech.nc"))
	if err != nil {
		t.Fatal(err)
	}
	checkTech(t, tc)
	if tc.File.Kind != KindTech || tc.File.FormatVersion != "3.1" || tc.Platform != "5900865" || tc.DataCentre != "CS" || tc.Series != nil || len(tc.Warnings) != 0 {
		t.Errorf("%+v", tc)
	}
	if len(tc.Params) != 2160 || len(tc.Names()) != 25 {
		t.Fatalf("%d entries, %d names", len(tc.Params), len(tc.Names()))
	}
	if p := tc.Params[0]; p != (TechParam{"VOLTAGE_BatteryInitialAtProfileDepth_volts", "12.9", 1}) {
		t.Errorf("first entry %+v", p)
	}
	if p := tc.Params[2159]; p != (TechParam{"VOLTAGE_Battery14V_volts", "12.1", 80}) {
		t.Errorf("last entry %+v", p)
	}
	cases := []struct {
		name  string
		cycle int
		text  string
		value float64 // NaN: no number
	}{
		{"FLAG_ProfileTermination_hex", 1, "99", 0x99},
		{"FLAG_ProfileTermination_hex", 40, "99", 0x99},
		{"VOLTAGE_BatteryInitialAtProfileDepth_volts", 1, "12.9", 12.9},
		{"PRESSURE_InternalVacuum_inHg", 1, "735", 735},
		{"PRES_SurfaceOffsetNotTruncated_dbar", 40, "1.3", 1.3},
		{"CLOCK_FloatTime_hours", 40, "7", 7},
		{"NUMBER_ParkSamples_COUNT", 40, "0", 0},
		{"VOLTAGE_Battery14V_volts", 80, "12.1", 12.1},
	}
	for _, c := range cases {
		if s, ok := tc.Value(c.name, c.cycle); !ok || s != c.text {
			t.Errorf("Value(%s, %d) = %q, %v; want %q", c.name, c.cycle, s, ok, c.text)
		}
		if v, ok := tc.Float(c.name, c.cycle); !ok || v != c.value {
			t.Errorf("Float(%s, %d) = %v, %v; want %v", c.name, c.cycle, v, ok, c.value)
		}
	}
	if _, ok := tc.Float("VOLTAGE_Battery14V_volts", 81); ok {
		t.Error("a value for cycle 81")
	}
	if _, ok := tc.Value("NO_SUCH_PARAM", 1); ok {
		t.Error("a value for an unknown name")
	}
	// VOLTAGE_Battery14V_volts occurs twice in each of the 80 cycles.
	e := tc.Entries("VOLTAGE_Battery14V_volts")
	if len(e) != 160 || e[0].Cycle != 1 || e[1].Cycle != 1 || e[159].Cycle != 80 {
		t.Errorf("%d entries: %+v ... %+v", len(e), e[0], e[len(e)-1])
	}
}

func TestTechMiniGDAC(t *testing.T) {
	for _, rel := range []string{"coriolis/6999001/6999001_tech.nc", "aoml/4999001/4999001_tech.nc"} {
		tc, err := ReadTech(testutil.Testdata(t, "gdac", "dac", rel))
		if err != nil {
			t.Fatal(err)
		}
		checkTech(t, tc)
		if tc.Platform != strings.Split(rel, "/")[1] || len(tc.Params) == 0 || len(tc.Warnings) != 0 {
			t.Errorf("%s: %+v", rel, tc)
		}
	}
	tc, err := ReadTech(testutil.Testdata(t, "gdac", "dac", "coriolis", "6999001", "6999001_tech.nc"))
	if err != nil {
		t.Fatal(err)
	}
	// Values are kept as written ("10.90", "0x0400").
	if s, _ := tc.Value("VOLTAGE_BatteryInitialAtProfileDepth_volts", 1); s != "10.90" {
		t.Errorf("battery voltage %q", s)
	}
	if v, ok := tc.Float("FLAG_ProfileTermination_hex", 3); !ok || v != 1024 {
		t.Errorf("termination flag %v %v", v, ok)
	}
}

func TestParseTechValue(t *testing.T) {
	for _, c := range []struct {
		name, value string
		want        float64 // NaN: no number
	}{
		{"VOLTAGE_x_volts", "12.9", 12.9},
		{"VOLTAGE_x_volts", " 7 ", 7},
		{"VOLTAGE_x_volts", "-1e3", -1000},
		{"VOLTAGE_x_volts", "NaN", math.NaN()},
		{"VOLTAGE_x_volts", "Inf", math.NaN()},
		{"VOLTAGE_x_volts", "", math.NaN()},
		{"VOLTAGE_x_volts", "12.9 V", math.NaN()},
		{"FLAG_x_hex", "0x0400", 1024},
		{"FLAG_x_hex", "0X1f", 31},
		{"FLAG_x_hex", "99", 153},
		{"FLAG_x_HEX", "ff", 255},
		{"FLAG_x_hex", "0xzz", math.NaN()},
		{"CLOCK_x_YYYYMMDDHHMMSS", "20180518080900", 20180518080900},
	} {
		v, ok := parseTechValue(c.name, c.value)
		if ok == math.IsNaN(c.want) || ok && v != c.want {
			t.Errorf("parseTechValue(%q, %q) = %v, %v; want %v", c.name, c.value, v, ok, c.want)
		}
	}
}

// synthTech is a technical file with the optional N_TECH_MEASUREMENT time
// series, as the Coriolis decoder writes it.
func synthTech() *synthNC {
	s := &synthNC{}
	fill := nc.Attr{Name: "_FillValue", Value: []float32{99999}}
	s.dim("STRING128", 128).dim("STRING32", 32).dim("STRING8", 8).dim("STRING2", 2).dim("DATE_TIME", 14).
		dim("N_TECH_MEASUREMENT", 3).dim("N_TECH_PARAM", 4)
	s.text("DATA_TYPE", []string{"STRING32"}, "Argo technical data").
		text("FORMAT_VERSION", []string{"STRING8"}, "3.1").
		text("REFERENCE_DATE_TIME", []string{"DATE_TIME"}, "19500101000000").
		text("PLATFORM_NUMBER", []string{"STRING8"}, "6900002").
		text("DATA_CENTRE", []string{"STRING2"}, "IF").
		text("TECHNICAL_PARAMETER_NAME", []string{"N_TECH_PARAM", "STRING128"}, "NUMBER_PumpActions_COUNT", "", "FLAG_Termination_hex", "VOLTAGE_Battery_volts").
		text("TECHNICAL_PARAMETER_VALUE", []string{"N_TECH_PARAM", "STRING128"}, "17", "", "0x0400", "10.9").
		num("CYCLE_NUMBER", []int32{0, 99999, 1, 99999}, []string{"N_TECH_PARAM"}, nc.Attr{Name: "_FillValue", Value: []int32{99999}}).
		num("JULD", []float64{25000.5, 999999, 25000.25}, []string{"N_TECH_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []float64{999999}}).
		text("JULD_STATUS", []string{"N_TECH_MEASUREMENT"}, "22").
		num("CYCLE_NUMBER_MEAS", []int32{1, 1, 2}, []string{"N_TECH_MEASUREMENT"}).
		num("MEASUREMENT_CODE", []int32{290, 290, 99999}, []string{"N_TECH_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []int32{99999}}).
		num("TEMP_Internal_degC", []float32{12.5, 99999, 13}, []string{"N_TECH_MEASUREMENT"}, fill, nc.Attr{Name: "units", Value: "degC"}).
		text("TEMP_Internal_degC_QC", []string{"N_TECH_MEASUREMENT"}, "0 0").
		num("PRES_Internal_mbar", []float32{700, 701, 702}, []string{"N_TECH_MEASUREMENT"}, fill)
	return s
}

func TestTechSeriesAndMalformed(t *testing.T) {
	tc, err := DecodeTech("6900002_tech.nc", synthTech().bytes())
	if err != nil {
		t.Fatal(err)
	}
	checkTech(t, tc)
	want := []TechParam{{"NUMBER_PumpActions_COUNT", "17", 0}, {"FLAG_Termination_hex", "0x0400", 1}, {"VOLTAGE_Battery_volts", "10.9", MissingInt}}
	if !slices.Equal(tc.Params, want) || tc.Platform != "6900002" || tc.DataCentre != "IF" {
		t.Errorf("%+v", tc)
	}
	if v, ok := tc.Float("VOLTAGE_Battery_volts", MissingInt); !ok || v != 10.9 {
		t.Errorf("battery %v %v", v, ok)
	}
	s := tc.Series
	if s == nil {
		t.Fatal("no series")
	}
	if !s.Time[0].Equal(time.Date(2018, 6, 13, 12, 0, 0, 0, time.UTC)) || !s.Time[1].IsZero() || !s.Time[2].Equal(time.Date(2018, 6, 13, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("times %v", s.Time)
	}
	if string(s.TimeStatus) != "22 " || s.TimeQC != nil || s.TimeAdjusted != nil ||
		!slices.Equal(s.Cycle, []int{1, 1, 2}) || !slices.Equal(s.MeasurementCode, []int{290, 290, MissingInt}) {
		t.Errorf("series %+v", s)
	}
	if len(s.Params) != 2 || s.Params[0].Name != "PRES_Internal_mbar" || s.Params[0].QC != nil || s.Params[1].Name != "TEMP_Internal_degC" ||
		s.Params[1].Units != "degC" || !math.IsNaN(s.Params[1].Values[1]) || s.Params[1].Values[2] != 13 || !slices.Equal(s.Params[1].QC, []QC{QCNoQC, QCNone, QCNoQC}) {
		t.Errorf("series parameters %+v %+v", s.Params[0], s.Params[1])
	}

	// A misshapen CYCLE_NUMBER is skipped with a warning.
	b := synthTech()
	i := slices.IndexFunc(b.vars, func(v synthVar) bool { return v.name == "CYCLE_NUMBER" })
	b.vars[i] = synthVar{name: "CYCLE_NUMBER", typ: nc.Int, dims: []string{"N_TECH_MEASUREMENT"}, data: []int32{1, 2, 3}}
	tc, err = DecodeTech("x_tech.nc", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if tc.Params[0].Cycle != MissingInt || len(tc.Warnings) != 1 {
		t.Errorf("cycle %d, warnings %q", tc.Params[0].Cycle, tc.Warnings)
	}

	// A dimension of 2^30 technical measurements with no variable over it allocates nothing.
	b = synthTech()
	b.vars = slices.DeleteFunc(b.vars, func(v synthVar) bool { return len(v.dims) > 0 && v.dims[0] == "N_TECH_MEASUREMENT" })
	b.dims[slices.IndexFunc(b.dims, func(d nc.Dim) bool { return d.Name == "N_TECH_MEASUREMENT" })].Len = 1 << 30
	if tc, err := DecodeTech("huge_tech.nc", b.bytes()); err != nil || tc.Series != nil || len(tc.Params) != 3 {
		t.Errorf("%v, %+v", err, tc)
	}

	// Without the name and value pair, or with values of another length, there is no technical file.
	for _, mutate := range []func(*synthNC){
		func(s *synthNC) {
			s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return v.name == "TECHNICAL_PARAMETER_VALUE" })
		},
		func(s *synthNC) {
			i := slices.IndexFunc(s.vars, func(v synthVar) bool { return v.name == "TECHNICAL_PARAMETER_VALUE" })
			s.vars[i].dims = []string{"N_TECH_MEASUREMENT", "STRING128"}
			s.vars[i].data = s.vars[i].data.([]byte)[:3*128]
		},
		func(s *synthNC) {
			i := slices.IndexFunc(s.vars, func(v synthVar) bool { return v.name == "TECHNICAL_PARAMETER_NAME" })
			s.vars[i] = synthVar{name: "TECHNICAL_PARAMETER_NAME", typ: nc.Float, dims: []string{"N_TECH_PARAM"}, data: []float32{1, 2, 3, 4}}
		},
		func(s *synthNC) {
			s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return v.name == "PLATFORM_NUMBER" })
		},
	} {
		s := synthTech()
		mutate(s)
		_, err := DecodeTech("x_tech.nc", s.bytes())
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "argo: x_tech.nc: ") {
			t.Errorf("%v, want a *FormatError", err)
		}
	}
}

func TestCorruptedTech(t *testing.T) {
	check := func(name string) func([]byte) error {
		return func(b []byte) error {
			tc, err := DecodeTech(name, b)
			if err == nil {
				checkTech(t, tc)
			}
			return err
		}
	}
	corruptAll(t, synthTech().bytes(), 300, check("synth_tech.nc"))
	corruptAll(t, readRealBytes(t, "euroargodev__argopy-data/5900865_tech.nc"), 300, check("5900865_tech.nc"))
}

// FuzzDecodeTech: any bytes give a Tech or an error, never a panic.
func FuzzDecodeTech(f *testing.F) {
	f.Add(synthTech().bytes())
	fuzzSeeds(f, []string{"coriolis/6999001/6999001_tech.nc"}, []string{"euroargodev__argopy-data/5900865_tech.nc"})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 && string(data[:4]) == "\x89HDF" {
			return // NetCDF-4 goes to libnetcdf, which Go cannot make memory-safe (internal/nc)
		}
		if tc, err := DecodeTech("fuzz_tech.nc", data); err == nil {
			checkTech(t, tc)
		}
	})
}
