package argo

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/testutil"
)

func realProfiles(t *testing.T, name string) []*Profile {
	t.Helper()
	ps, err := ReadProfiles(testutil.RealData(t, "argo", name))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func gdacProfiles(t *testing.T, rel string) []*Profile {
	t.Helper()
	ps, err := ReadProfiles(testutil.Testdata(t, "gdac", "dac", rel))
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Golden values read off ncdump for real files that exercise the format's
// corners: mixed modes per profile, A mode in R-named files, format 2.2,
// NaN and Inf in place of fill, TEMP-only floats, B and S files.
func TestRealGolden(t *testing.T) {
	cases := []struct {
		file      string
		n         int
		id        string
		modes     string // DATA_MODE per profile
		time      string
		lat, lon  float64
		levels    []int // per profile
		params    string
		kind      Kind
		paramMode string // per parameter of profile 0
	}{
		{"euroargodev__argopy-data/D3902131_001.nc", 2, "3902131_001", "DA", "2018-03-15T12:21:40Z", -6.63136, 5.002931666666667, []int{387, 3}, "PRES TEMP PSAL", KindCore, "DDD"},
		{"euroargodev__argopy-data/D6901929_001.nc", 2, "6901929_001", "DR", "2018-02-14T08:39:00Z", 53.67167166666667, -16.492245, []int{581, 6}, "PRES TEMP PSAL", KindCore, "DDD"},
		{"euroargodev__argopy-data/R2901780_001.nc", 1, "2901780_001", "A", "2017-11-06T08:50:00Z", 36.223, 158.147, []int{84}, "PRES TEMP PSAL", KindCore, "AAA"},
		{"euroargodev__argopy-data/R13857_001.nc", 1, "13857_001", "R", "1997-07-29T20:03:00Z", 0.267, -16.032, []int{112}, "PRES TEMP", KindCore, "RR"},
		{"euroargodev__argopy-data/D1900857_000D.nc", 1, "1900857_000D", "D", "", math.NaN(), math.NaN(), nil, "PRES TEMP PSAL", KindCore, "DDD"},
		{"OneArgo__ArgoFormatChecker/R6901125_202_v2.2_ADJUSTED_ERROR.nc", 1, "6901125_202", "A", "2016-01-10T22:34:40Z", 80.604, 2.413, []int{67}, "PRES PSAL TEMP", KindCore, "AAA"},
		{"OneArgo__ArgoFormatChecker/R6903724_001_bodc_NaN.nc", 1, "6903724_001", "R", "2020-11-01T01:42:30Z", 59.1477, -13.2169, []int{90}, "PSAL TEMP PRES", KindCore, "RRR"},
		{"euroargodev__argopy-data/BD3902131_001.nc", 2, "3902131_001", "DD", "2018-03-15T12:21:40Z", -6.63136, 5.002931666666667, nil, "PRES C1PHASE_DOXY C2PHASE_DOXY TEMP_DOXY DOXY", KindBio, "RRRRD"},
		{"euroargodev__argopy-data/SD3902131_001.nc", 1, "3902131_001", "D", "2018-03-15T12:21:40Z", -6.63136, 5.002931666666667, []int{780}, "PRES TEMP PSAL DOXY", KindSynthetic, "DDDR"},
		{"ArgoCanada__argodata/2900313_prof.nc", 8, "2900313_000", "DDDDDDDD", "", math.NaN(), math.NaN(), nil, "PRES TEMP PSAL", KindCore, "DDD"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			ps := realProfiles(t, c.file)
			if len(ps) != c.n {
				t.Fatalf("%d profiles, want %d", len(ps), c.n)
			}
			p := ps[0]
			if p.ID() != c.id || p.File.Kind != c.kind {
				t.Errorf("id %s kind %v, want %s %v", p.ID(), p.File.Kind, c.id, c.kind)
			}
			var modes strings.Builder
			for _, q := range ps {
				modes.WriteString(q.DataMode.String())
			}
			if modes.String() != c.modes {
				t.Errorf("modes %q, want %q", modes.String(), c.modes)
			}
			if c.time != "" && !p.Time.Equal(utc(c.time)) {
				t.Errorf("time %v, want %s", p.Time, c.time)
			}
			if !math.IsNaN(c.lat) && (math.Abs(p.Lat-c.lat) > 1e-9 || math.Abs(p.Lon-c.lon) > 1e-9) {
				t.Errorf("position %v %v, want %v %v", p.Lat, p.Lon, c.lat, c.lon)
			}
			for i, n := range c.levels {
				if ps[i].Levels() != n {
					t.Errorf("profile %d: %d levels, want %d", i, ps[i].Levels(), n)
				}
			}
			var names, pm strings.Builder
			for i, q := range p.Params {
				if i > 0 {
					names.WriteByte(' ')
				}
				names.WriteString(q.Name)
				pm.WriteString(q.Mode.String())
			}
			if names.String() != c.params || pm.String() != c.paramMode {
				t.Errorf("params %q modes %q, want %q %q", names.String(), pm.String(), c.params, c.paramMode)
			}
		})
	}
}

func TestRealQuirks(t *testing.T) {
	t.Run("format 2.2 keeps INST_REFERENCE and has no sampling scheme", func(t *testing.T) {
		p := realProfiles(t, "OneArgo__ArgoFormatChecker/R6901125_202_v2.2_ADJUSTED_ERROR.nc")[0]
		if p.InstReference != "APEX-SBE 6237" || p.PlatformType != "" || p.VerticalSampling != "" || p.ConfigMission != -1 {
			t.Errorf("inst %q type %q vss %q mission %d", p.InstReference, p.PlatformType, p.VerticalSampling, p.ConfigMission)
		}
		if p.File.FormatVersion != "2.2" || !p.Primary() {
			t.Errorf("format %q primary %v", p.File.FormatVersion, p.Primary())
		}
		// the stored PSAL grade B disagrees with the flags (all good after adjustment)
		if m := p.CheckGrades(); len(m) != 1 || m[0].Param != "PSAL" || m[0].Stored != GradeB || m[0].Computed != GradeA {
			t.Errorf("grade check %v", m)
		}
	})
	t.Run("NaN in place of fill is missing", func(t *testing.T) {
		p := realProfiles(t, "OneArgo__ArgoFormatChecker/R6903724_001_bodc_NaN.nc")[0]
		temp := p.Param("TEMP")
		if !math.IsNaN(temp.Raw[1]) || temp.Raw[0] != float64(float32(10.843)) {
			t.Errorf("TEMP[0:2] = %v", temp.Raw[:2])
		}
	})
	t.Run("Inf in PSAL is missing", func(t *testing.T) {
		p := realProfiles(t, "OneArgo__ArgoFormatChecker/R2901301_144_incois-PSAL-Inf.nc")[0]
		v, _, _ := p.Param("PSAL").Best()
		for i, x := range v {
			if math.IsInf(x, 0) {
				t.Fatalf("PSAL[%d] is Inf", i)
			}
		}
		if !math.IsNaN(v[0]) {
			t.Errorf("PSAL[0] = %v, want NaN (Inf in the file)", v[0])
		}
	})
	t.Run("secondary profile keeps its own mode and levels", func(t *testing.T) {
		ps := realProfiles(t, "euroargodev__argopy-data/D6901929_001.nc")
		sec := ps[1]
		if sec.Primary() || !ps[0].Primary() || sec.DataMode != RealTime {
			t.Errorf("primary %v/%v mode %v", ps[0].Primary(), sec.Primary(), sec.DataMode)
		}
		v, qc, errs := sec.Param("TEMP").Best()
		if v[0] != float64(float32(10.068)) || qc[0] != QCProbBad || errs != nil {
			t.Errorf("R-mode best TEMP[0] = %v %q %v, want raw 10.068, flag 3, no errors", v[0], qc[0], errs)
		}
	})
	t.Run("blank STATION_PARAMETERS entry and MTIME", func(t *testing.T) {
		ps := realProfiles(t, "OneArgo__ArgoFormatChecker/R2903996_001.nc")
		if len(ps) != 2 {
			t.Fatalf("%d profiles", len(ps))
		}
		// profile 1 (near-surface) lists PRES TEMP PSAL and a blank entry, no MTIME
		if got := strings.Join(paramNames(ps[:1]), " "); got != "MTIME PRES TEMP PSAL" {
			t.Errorf("profile 0 params %s", got)
		}
		if got := strings.Join(paramNames(ps[1:]), " "); got != "PRES TEMP PSAL" {
			t.Errorf("profile 1 params %s", got)
		}
		if len(ps[1].Warnings) != 0 {
			t.Errorf("warnings %v", ps[1].Warnings)
		}
	})
	t.Run("A mode in an R-named file uses adjusted values", func(t *testing.T) {
		p := realProfiles(t, "ArgoCanada__argodata/R2902746_001.nc")[0]
		if p.DataMode != Adjusted {
			t.Fatalf("mode %v", p.DataMode)
		}
		q := p.Param("PSAL")
		v, _, _ := q.Best()
		if &v[0] != &q.Adjusted[0] {
			t.Error("Best is not the adjusted PSAL")
		}
	})
	t.Run("multi-profile file keeps every cycle", func(t *testing.T) {
		ps := realProfiles(t, "euroargodev__argopy-data/5900865_prof.nc")
		if len(ps) != 80 || !ps[0].File.MultiCycle {
			t.Fatalf("%d profiles, multi %v", len(ps), ps[0].File.MultiCycle)
		}
		seen := map[int]bool{}
		for _, p := range ps {
			seen[p.Cycle] = true
			if p.DataMode != Delayed {
				t.Errorf("%s mode %v", p.ID(), p.DataMode)
			}
		}
		if len(seen) < 79 {
			t.Errorf("%d distinct cycles", len(seen))
		}
	})
}

// The mini GDAC written by the generator: one file per feature.
func TestMiniGDAC(t *testing.T) {
	ps := gdacProfiles(t, "coriolis/6999001/profiles/D6999001_001.nc")
	if len(ps) != 2 || ps[0].DataMode != Delayed || ps[1].DataMode != Adjusted {
		t.Fatalf("D6999001_001: %d profiles", len(ps))
	}
	if ps[1].Primary() || !ps[0].Primary() {
		t.Error("second profile should be a near-surface sampling")
	}
	if !strings.Contains(ps[0].PI, "é") && !strings.ContainsAny(ps[0].PI, "àâçèéêëîïôûüÿ") {
		t.Errorf("PI %q: Latin-1 name not decoded", ps[0].PI)
	}
	for _, q := range ps[0].Params {
		if got := GradeOf(q.GradeFlags()); got != ps[0].Grades[q.Name] {
			t.Errorf("%s: stored grade %q, computed %q", q.Name, ps[0].Grades[q.Name], got)
		}
	}
	desc := gdacProfiles(t, "csiro/5999101/profiles/R5999101_002D.nc")[0]
	if desc.Direction != Descending || desc.ID() != "5999101_002D" {
		t.Errorf("descending: %v %s", desc.Direction, desc.ID())
	}
	c1000 := gdacProfiles(t, "aoml/5999001/profiles/R5999001_1000.nc")[0]
	if c1000.Cycle != 1000 || c1000.ID() != "5999001_1000" {
		t.Errorf("cycle %d id %s", c1000.Cycle, c1000.ID())
	}
	tempOnly := gdacProfiles(t, "aoml/4999001/profiles/R4999001_001.nc")[0]
	if tempOnly.Param("PSAL") != nil || tempOnly.Param("TEMP") == nil {
		t.Errorf("TEMP-only float params %v", paramNames([]*Profile{tempOnly}))
	}
	sprof := gdacProfiles(t, "coriolis/6999002/6999002_Sprof.nc")
	if len(sprof) != 3 || sprof[0].File.Kind != KindSynthetic || sprof[0].Param("DOXY") == nil || sprof[0].Param("DOXY").DPres == nil {
		t.Errorf("_Sprof: %d profiles", len(sprof))
	}
}

func TestGradeOf(t *testing.T) {
	rep := func(q QC, n int) []QC { return []QC(strings.Repeat(string(rune(q)), n)) }
	// The user's manual example: 45 x '1' + 5 x '2' + 7 x '4' + 3 x '9' = 50/57 = 87.7% → B.
	um := append(append(append(rep(QCGood, 45), rep(QCProbGood, 5)...), rep(QCBad, 7)...), rep(QCMissing, 3)...)
	cases := []struct {
		qc   []QC
		want Grade
	}{
		{um, GradeB},
		{rep(QCGood, 10), GradeA},
		{append(rep(QCGood, 3), QCBad), GradeB},            // 75% is B
		{append(rep(QCGood, 1), rep(QCBad, 1)...), GradeC}, // 50% is C
		{append(rep(QCGood, 1), rep(QCBad, 3)...), GradeD}, // 25% is D
		{append(rep(QCGood, 1), rep(QCBad, 4)...), GradeE}, // 20%
		{rep(QCProbBad, 4), GradeF},
		{append(rep(QCChanged, 2), rep(QCEstimated, 2)...), GradeA},
		{rep(QCNoQC, 5), GradeNone},
		{append(rep(QCMissing, 5), rep(QCNone, 2)...), GradeNone},
		{nil, GradeNone},
	}
	for i, c := range cases {
		if got := GradeOf(c.qc); got != c.want {
			t.Errorf("case %d: %q, want %q", i, got, c.want)
		}
	}
}

func TestBestFallback(t *testing.T) {
	nan := math.NaN()
	q := &Param{Name: "PSAL", Mode: Delayed,
		Raw: []float64{35.1, 35.2, 35.3}, RawQC: []QC{'1', '4', '1'},
		Adjusted: []float64{35.11, nan, 35.31}, AdjustedQC: []QC{'1', '4', '1'}, AdjustedError: []float64{0.01, nan, 0.01}}
	v, _, _ := q.Best()
	if !math.IsNaN(v[1]) {
		t.Errorf("Best keeps D-mode fill missing, got %v", v[1])
	}
	fv, fqc, _ := q.BestFallback()
	if fv[1] != 35.2 || fqc[1] != '4' || fv[0] != 35.11 {
		t.Errorf("fallback %v %v", fv, fqc)
	}
	if !math.IsNaN(q.Adjusted[1]) {
		t.Error("BestFallback modified the parameter")
	}
}

// Truncated, bit-flipped and empty versions of real profile files give an
// error or profiles, never a panic.
func TestCorruptedProfiles(t *testing.T) {
	for _, name := range []string{"euroargodev__argopy-data/D3902131_001.nc", "euroargodev__argopy-data/BD3902131_001.nc", "euroargodev__argopy-data/SD3902131_001.nc", "ArgoCanada__argodata/2900313_prof.nc"} {
		data, err := os.ReadFile(testutil.RealData(t, "argo", name))
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
		for i := range 300 {
			b := bytes.Clone(data)
			if i%2 == 0 {
				b = b[:rng.IntN(len(b))]
			} else {
				for range 1 + rng.IntN(8) {
					k := rng.IntN(len(b))
					b[k] ^= 1 << rng.IntN(8)
				}
			}
			ps, err := DecodeProfiles(name, b)
			if err != nil {
				var fe *FormatError
				if !errors.Is(err, ErrNotArgo) && !errors.As(err, &fe) && !strings.HasPrefix(err.Error(), "argo: ") {
					t.Errorf("error without the package prefix or a type: %v", err)
				}
				continue
			}
			for _, p := range ps {
				Points([]*Profile{p}, Standard)
				p.CheckGrades()
			}
		}
	}
}
