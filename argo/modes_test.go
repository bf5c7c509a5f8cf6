package argo

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"
	"time"
)

// profile builds a test profile with the given parameters (raw values,
// raw flags, adjusted values, adjusted flags, adjusted errors).
func testProfile(mode Mode, posQC, timeQC QC, params ...*Param) *Profile {
	for _, q := range params {
		if q.Mode == ModeUnknown {
			q.Mode = mode
		}
	}
	return &Profile{Platform: "6999999", Cycle: 7, Direction: Ascending, DataMode: mode,
		Time: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), TimeQC: timeQC, Lat: 48.3, Lon: -5.1, PositionQC: posQC, Params: params}
}

func flags(s string) []QC { return []QC(s) }

var nan = math.NaN()

func coreParams3(adjPresErr float64) []*Param {
	return []*Param{
		{Name: "PRES", Raw: []float64{5, 10, 20, 30}, RawQC: flags("1111"),
			Adjusted: []float64{5.1, 10.1, 20.1, 30.1}, AdjustedQC: flags("1114"), AdjustedError: []float64{2.4, 2.4, 25, 2.4}},
		{Name: "TEMP", Raw: []float64{15, 14, 13, 12}, RawQC: flags("1231"),
			Adjusted: []float64{15, 14, 13, 12}, AdjustedQC: flags("1211"), AdjustedError: []float64{0.002, 0.002, 0.002, 0.002}},
		{Name: "PSAL", Raw: []float64{35, 35.1, nan, 35.3}, RawQC: flags("1191"),
			Adjusted: []float64{35.01, 35.11, nan, 35.31}, AdjustedQC: flags("1191"), AdjustedError: []float64{0.01, 0.01, nan, 0.01}},
	}
}

func TestUserModesCore(t *testing.T) {
	pres := func(ps []Point) []float64 {
		var out []float64
		for _, p := range ps {
			out = append(out, p.Pres)
		}
		return out
	}
	same := func(a, b []float64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	d := testProfile(Delayed, QCGood, QCGood, coreParams3(2.4)...)
	r := testProfile(RealTime, QCGood, QCGood, coreParams3(2.4)...)
	cases := []struct {
		name string
		p    *Profile
		mode UserMode
		want []float64
	}{
		// Expert: every level with a pressure, values by the mode rule.
		{"expert D", d, Expert, []float64{5.1, 10.1, 20.1, 30.1}},
		// Standard D: adjusted flags; level 3 PSAL missing (9), level 4 PRES flag 4.
		{"standard D", d, Standard, []float64{5.1, 10.1}},
		// Standard R: raw flags; TEMP flag 3 at level 3, PSAL missing at level 3.
		{"standard R", r, Standard, []float64{5, 10, 30}},
		// Research: D only, flags 1 only (TEMP adjusted flag 2 at level 2), PRES error < 20.
		{"research D", d, Research, []float64{5.1}},
		{"research R", r, Research, nil},
	}
	for _, c := range cases {
		got := pres(Points([]*Profile{c.p}, c.mode))
		if !same(got, c.want) {
			t.Errorf("%s: pres %v, want %v", c.name, got, c.want)
		}
	}
	// position and time flags
	bad := testProfile(Delayed, QCProbGood, QCGood, coreParams3(2.4)...)
	if n := len(Points([]*Profile{bad}, Standard)); n != 2 {
		t.Errorf("standard with POSITION_QC 2: %d points, want 2", n)
	}
	if n := len(Points([]*Profile{bad}, Research)); n != 0 {
		t.Errorf("research with POSITION_QC 2: %d points, want 0", n)
	}
	bad.TimeQC = QCProbBad
	if n := len(Points([]*Profile{bad}, Standard)); n != 0 {
		t.Errorf("standard with JULD_QC 3: %d points, want 0", n)
	}
	// the input is not modified and Points carries the best values
	pts := Points([]*Profile{d}, Standard)
	if m, ok := pts[0].Value("PSAL"); !ok || m.Value != 35.01 || m.QC != QCGood || m.Error != 0.01 || m.Mode != Delayed {
		t.Errorf("PSAL measure %+v", m)
	}
	if d.Param("PRES").Raw[3] != 30 || len(d.Param("PRES").Raw) != 4 {
		t.Error("Filter modified its input")
	}
}

func TestUserModesBGC(t *testing.T) {
	mk := func() *Profile {
		ps := coreParams3(2.4)
		ps = append(ps,
			&Param{Name: "DOXY", Mode: Adjusted, Raw: []float64{200, 201, 202, 203}, RawQC: flags("3333"),
				Adjusted: []float64{210, 211, 212, 213}, AdjustedQC: flags("1853"), AdjustedError: []float64{5, 5, 5, 5}},
			&Param{Name: "CHLA", Mode: RealTime, Raw: []float64{1, 2, 3, 4}, RawQC: flags("1111"), Adjusted: []float64{nan, nan, nan, nan}, AdjustedQC: flags("    ")},
			&Param{Name: "BBP700", Mode: RealTime, Raw: []float64{.001, .002, .003, .004}, RawQC: flags("4444"), Adjusted: []float64{nan, nan, nan, nan}, AdjustedQC: flags("    ")},
			&Param{Name: "C1PHASE_DOXY", Mode: RealTime, Raw: []float64{30, 31, 32, 33}, RawQC: flags("1111")},
			&Param{Name: "CDOM", Mode: Delayed, Raw: []float64{1, 1, 1, 1}, RawQC: flags("1111"), Adjusted: []float64{1, 1, 1, 1}, AdjustedQC: flags("1111")},
		)
		for _, q := range ps[:3] {
			q.Mode = RealTime
			q.Adjusted, q.AdjustedQC, q.AdjustedError = nil, nil, nil
		}
		return testProfile(Adjusted, QCGood, QCGood, ps...)
	}
	p := mk()
	std := Filter([]*Profile{p}, Standard)
	if len(std) != 1 {
		t.Fatalf("standard: %d profiles", len(std))
	}
	got := strings.Join(paramNames(std), " ")
	if got != "PRES TEMP PSAL DOXY BBP700" {
		t.Errorf("standard delivers %s; want core, DOXY (mode A) and BBP700 (any mode), not CHLA (R), C1PHASE_DOXY (intermediate) or CDOM", got)
	}
	// levels kept by core flags: raw TEMP flag 3 at level 3, PSAL missing at level 3
	doxy := std[0].Param("DOXY")
	v, _, _ := doxy.Best()
	if len(v) != 3 || v[0] != 210 || v[1] != 211 || !math.IsNaN(v[2]) {
		t.Errorf("standard DOXY %v, want [210 211 NaN] (flag 3 masked)", v)
	}
	if bbp, _, _ := std[0].Param("BBP700").Best(); bbp[0] != .001 {
		t.Errorf("BBP700 flag 4 kept in standard (no QC filter), got %v", bbp)
	}
	// research: profile mode is A, so nothing
	if r := Filter([]*Profile{mk()}, Research); len(r) != 0 {
		t.Errorf("research on an A-mode profile: %d profiles", len(r))
	}
	// expert keeps everything
	if e := Filter([]*Profile{mk()}, Expert); len(paramNames(e)) != 8 || e[0].Levels() != 4 {
		t.Errorf("expert: %v, %d levels", paramNames(e), e[0].Levels())
	}
}

func TestUserModesRealFile(t *testing.T) {
	ps := realProfiles(t, "euroargodev__argopy-data/D3902131_001.nc")
	all := Points(ps, Expert)
	std := Points(ps, Standard)
	res := Points(ps, Research)
	if len(all) != 390 || len(std) == 0 || len(res) == 0 || len(res) > len(std) || len(std) > len(all) {
		t.Fatalf("points: expert %d, standard %d, research %d", len(all), len(std), len(res))
	}
	for _, pt := range res {
		if pt.DataMode != Delayed || pt.PresQC != QCGood || !(pt.PresError < 20) {
			t.Fatalf("research point %+v", pt)
		}
		for _, m := range pt.Values {
			if m.QC != QCGood || math.IsNaN(m.Value) {
				t.Fatalf("research measure %+v", m)
			}
		}
	}
	for _, pt := range std {
		if !pt.PresQC.Good() || !pt.PositionQC.Good() || !pt.TimeQC.Good() {
			t.Fatalf("standard point %+v", pt)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	d := testProfile(Delayed, QCGood, QCGood, coreParams3(2.4)...)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Points([]*Profile{d}, Standard)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "platform_number,cycle_number,direction,data_mode,time,latitude,longitude,position_qc,pres,pres_qc,pres_error,TEMP,TEMP_qc,TEMP_error,TEMP_data_mode,PSAL,PSAL_qc,PSAL_error,PSAL_data_mode"
	if strings.Join(rows[0], ",") != wantHeader {
		t.Errorf("header %v", rows[0])
	}
	if len(rows) != 3 || strings.Join(rows[1], ",") != "6999999,7,A,D,2024-05-01T12:00:00Z,48.3,-5.1,1,5.1,1,2.4,15,1,0.002,D,35.01,1,0.01,D" {
		t.Errorf("rows %v", rows)
	}
}

func TestInterpStdLevels(t *testing.T) {
	p := testProfile(RealTime, QCGood, QCGood,
		&Param{Name: "PRES", Raw: []float64{10, 5, 20, 20, nan, 40}, RawQC: flags("111111")},
		&Param{Name: "TEMP", Raw: []float64{14, 15, 13, 99, 1, 11}, RawQC: flags("111111")},
		&Param{Name: "DOXY", Raw: []float64{200, nan, 220, 230, 1, nan}, RawQC: flags("111111")},
	)
	l, err := InterpStdLevels(p, []float64{0, 5, 15, 30, 40})
	if err != nil {
		t.Fatal(err)
	}
	// sorted and de-duplicated (the first of the two 20 dbar levels is kept), surface extended
	if got, want := l.Values["TEMP"], []float64{15, 15, 13.5, 12, 11}; !sameFloats(got, want) {
		t.Errorf("TEMP %v, want %v", got, want)
	}
	// DOXY's deepest sample is at 20 dbar: no deep extrapolation
	if got, want := l.Values["DOXY"], []float64{200, 200, 210, nan, nan}; !sameFloats(got, want) {
		t.Errorf("DOXY %v, want %v", got, want)
	}
	if _, err := InterpStdLevels(p, []float64{10, 50}); err == nil || !strings.Contains(err.Error(), "does not reach") {
		t.Errorf("too shallow: %v", err)
	}
	if _, err := InterpStdLevels(p, []float64{10, 5}); err == nil {
		t.Error("unsorted levels accepted")
	}
	b, err := PressureBins(p, []float64{0, 10, 30, 50}, SelectDeep)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Values["TEMP"], []float64{15, 13, 11}; !sameFloats(got, want) {
		t.Errorf("bins deep TEMP %v, want %v", got, want)
	}
	b, _ = PressureBins(p, []float64{0, 10, 30, 50}, SelectMean)
	if got, want := b.Values["TEMP"], []float64{15, 13.5, 11}; !sameFloats(got, want) {
		t.Errorf("bins mean TEMP %v, want %v", got, want)
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func TestJoinBGC(t *testing.T) {
	core := realProfiles(t, "euroargodev__argopy-data/D3902131_001.nc")
	b := realProfiles(t, "euroargodev__argopy-data/BD3902131_001.nc")
	j, err := JoinBGC(core, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(paramNames(j[:1]), " "); got != "PRES TEMP PSAL C1PHASE_DOXY C2PHASE_DOXY TEMP_DOXY DOXY" {
		t.Errorf("joined params %s", got)
	}
	if j[0].Param("DOXY").Mode != Delayed || j[0].Param("PRES").Mode != Delayed || j[0].Param("TEMP_DOXY").Mode != RealTime {
		t.Error("modes not kept")
	}
	if len(j[0].Param("DOXY").Raw) != j[0].Levels() {
		t.Errorf("DOXY %d levels, profile %d", len(j[0].Param("DOXY").Raw), j[0].Levels())
	}
	other := realProfiles(t, "euroargodev__argopy-data/D6901929_001.nc")
	if _, err := JoinBGC(other, b); err == nil {
		t.Error("joined different floats")
	}
}
