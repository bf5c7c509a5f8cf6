package argo

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

func readTraj(t *testing.T, name string) *Trajectory {
	t.Helper()
	tr, err := ReadTrajectory(testutil.RealData(t, "argo", name))
	if err != nil {
		t.Fatal(err)
	}
	checkTrajectory(t, tr)
	return tr
}

// checkTrajectory checks the invariants of a decoded trajectory: every
// column has one element per measurement (NValues for spectra), rows and
// cycle lookups work.
func checkTrajectory(t testing.TB, tr *Trajectory) {
	m := &tr.Measurements
	n := m.Len()
	for name, l := range map[string]int{
		"TimeStatus": len(m.TimeStatus), "TimeQC": len(m.TimeQC), "Lat": len(m.Lat), "Lon": len(m.Lon),
		"PositionAccuracy": len(m.PositionAccuracy), "PositionQC": len(m.PositionQC), "Cycle": len(m.Cycle), "MeasurementCode": len(m.MeasurementCode),
	} {
		if l != n {
			t.Fatalf("%s: %d elements for %d measurements", name, l, n)
		}
	}
	for name, l := range map[string]int{
		"TimeAdjusted": len(m.TimeAdjusted), "TimeAdjustedStatus": len(m.TimeAdjustedStatus), "TimeAdjustedQC": len(m.TimeAdjustedQC),
		"TimeMode": len(m.TimeMode), "CycleAdjusted": len(m.CycleAdjusted), "SatelliteName": len(m.SatelliteName),
		"EllipseMajor": len(m.EllipseMajor), "EllipseMinor": len(m.EllipseMinor), "EllipseAngle": len(m.EllipseAngle), "DataMode": len(m.DataMode),
	} {
		if l != 0 && l != n {
			t.Fatalf("%s: %d elements for %d measurements", name, l, n)
		}
	}
	for _, p := range m.Params {
		w := n * p.NValues
		if len(p.Raw) != w || (p.RawQC != nil && len(p.RawQC) != w) || (p.Adjusted != nil && len(p.Adjusted) != w) ||
			(p.AdjustedQC != nil && len(p.AdjustedQC) != w) || (p.AdjustedError != nil && len(p.AdjustedError) != w) ||
			(p.Mode != nil && len(p.Mode) != n) {
			t.Fatalf("%s: columns of the wrong length", p.Name)
		}
		if m.Param(p.Name) == nil {
			t.Fatalf("Param(%q) is nil", p.Name)
		}
	}
	for i := range n {
		if !math.IsNaN(m.Lat[i]) && (m.Lat[i] < -90 || m.Lat[i] > 90) || !math.IsNaN(m.Lon[i]) && (m.Lon[i] < -180 || m.Lon[i] > 180) {
			t.Fatalf("measurement %d at %v, %v", i, m.Lat[i], m.Lon[i])
		}
	}
	for _, i := range []int{0, n / 2, n - 1} {
		if i >= 0 && i < n {
			if r := m.At(i); r.Index != i || r.Cycle != m.Cycle[i] {
				t.Fatalf("At(%d) = %+v", i, r)
			}
			m.BestTime(i)
		}
	}
	for i, c := range tr.Cycles {
		if c.Row != i {
			t.Fatalf("cycle %d has row %d", i, c.Row)
		}
		if c.CycleIndex != MissingInt && tr.Cycle(c.CycleIndex) == nil {
			t.Fatalf("Cycle(%d) is nil", c.CycleIndex)
		}
	}
}

// Golden values read off `ncdump -v VAR` (times rounded to the second,
// as the files' JULD resolution of one second says: 10:04:59.232 is
// 10:04:59) for the three real trajectory files: format 2.2, format 3.1
// delayed mode, and a B file.
func TestTrajectory22(t *testing.T) {
	tr := readTraj(t, "euroargodev__argopy-data/5900865_Rtraj.nc")
	m := &tr.Measurements
	if tr.File.FormatVersion != "2.2" || tr.File.Kind != KindTrajectory || tr.Platform != "5900865" || tr.InstReference != "PROVOR 123" ||
		tr.Project != "Argo Australia" || tr.PI != "Susan Wijffels" || tr.WMOInstType != "841" || tr.PositioningSystem != "ARGOS" ||
		tr.DataStateIndicator != "2B" || tr.DataCentre != "CS" || tr.PlatformType != "" {
		t.Errorf("%+v", tr)
	}
	if m.Len() != 887 || len(tr.Cycles) != 105 || tr.Parameters != nil || len(m.Params) != 0 || len(tr.Warnings) != 0 {
		t.Fatalf("%d measurements, %d cycles, parameters %q %d, warnings %q", m.Len(), len(tr.Cycles), tr.Parameters, len(m.Params), tr.Warnings)
	}
	wantUTC(t, "Time[0]", m.Time[0], "2005-08-28T06:28:07Z")
	wantUTC(t, "Time[886]", m.Time[886], "2007-10-27T17:53:18Z")
	// JULD goes backwards within cycle 17: the order is the file's.
	wantUTC(t, "Time[207]", m.Time[207], "2006-02-04T18:40:03Z")
	wantUTC(t, "Time[208]", m.Time[208], "2006-02-04T18:37:24Z")
	if m.Lat[0] != -9.768 || m.Lon[0] != 115.852 || m.Lat[886] != -9.623 || m.Lon[886] != 107.301 {
		t.Errorf("positions %v %v %v %v", m.Lat[0], m.Lon[0], m.Lat[886], m.Lon[886])
	}
	if m.PositionAccuracy[0] != '1' || m.PositionAccuracy[886] != '3' || m.PositionQC[886] != QCGood || m.TimeQC[0] != QCGood || m.TimeStatus[0] != ' ' {
		t.Errorf("accuracy %q %q, QC %q %q, status %q", m.PositionAccuracy[0], m.PositionAccuracy[886], m.PositionQC[886], m.TimeQC[0], m.TimeStatus[0])
	}
	if m.Cycle[0] != 1 || m.Cycle[207] != 17 || m.Cycle[886] != 80 || m.MeasurementCode[0] != MissingInt {
		t.Errorf("cycles %d %d %d, code %d", m.Cycle[0], m.Cycle[207], m.Cycle[886], m.MeasurementCode[0])
	}
	// Format 2.2 has DATA_MODE per measurement, no JULD_ADJUSTED.
	if len(m.DataMode) != 887 || m.DataMode[0] != RealTime || m.TimeAdjusted != nil || m.CycleAdjusted != nil {
		t.Errorf("data mode %d, adjusted times %v", len(m.DataMode), m.TimeAdjusted != nil)
	}
	c := tr.Cycles[0]
	if c.CycleIndex != MissingInt || c.DataMode != ModeUnknown || c.ConfigMission != MissingInt || c.Grounded != 'N' || !math.IsNaN(c.ClockOffset) {
		t.Errorf("cycle 0: %+v", c)
	}
	wantUTC(t, "DescentStart", c.DescentStart.Time, "2005-08-18T18:17:55Z")
	wantUTC(t, "DescentEnd", c.DescentEnd.Time, "2005-08-18T23:17:55Z")
	wantUTC(t, "AscentEnd", c.AscentEnd.Time, "2005-08-28T06:28:07Z")
	wantUTC(t, "TransmissionStart (JULD_START_TRANSMISSION)", c.TransmissionStart.Time, "2005-08-28T06:28:07Z")
	wantUTC(t, "ParkStart", c.ParkStart.Time, "")
	if c.DescentStart.Status != '1' || c.TransmissionStart.Status != '1' || c.ParkStart.Status != ' ' {
		t.Errorf("statuses %q %q %q", c.DescentStart.Status, c.TransmissionStart.Status, c.ParkStart.Status)
	}
	wantUTC(t, "Cycles[79].AscentEnd", tr.Cycles[79].AscentEnd.Time, "2007-10-27T06:36:00Z")
	wantUTC(t, "Cycles[80].AscentEnd", tr.Cycles[80].AscentEnd.Time, "")
	if tr.Cycles[80].AscentEnd.Status != ' ' || tr.Cycles[104].Grounded != ' ' || tr.Cycle(1) != nil {
		t.Errorf("cycle 80: %+v", tr.Cycles[80])
	}
}

func TestTrajectory31Delayed(t *testing.T) {
	tr := readTraj(t, "euroargodev__argopy-data/5900446_Dtraj.nc")
	m := &tr.Measurements
	if tr.File.FormatVersion != "3.1" || tr.Platform != "5900446" || tr.PlatformType != "SOLO" || tr.FloatSerialNo != "2249" ||
		tr.FirmwareVersion != "V1.0; SBE601 27May03" || tr.Project != "US ARGO PROJECT" || tr.DataStateIndicator != "2C" {
		t.Errorf("%+v", tr)
	}
	if m.Len() != 6642 || len(tr.Cycles) != 215 || !slices.Equal(tr.Parameters, []string{"PRES", "TEMP", "PSAL"}) || len(tr.Warnings) != 0 {
		t.Fatalf("%d measurements, %d cycles, parameters %q, warnings %q", m.Len(), len(tr.Cycles), tr.Parameters, tr.Warnings)
	}
	wantUTC(t, "Time[0]", m.Time[0], "2004-04-20T10:04:59Z")
	wantUTC(t, "TimeAdjusted[0]", m.TimeAdjusted[0], "2004-04-20T10:04:59Z")
	wantUTC(t, "Time[6641]", m.Time[6641], "")
	wantUTC(t, "TimeAdjusted[6641]", m.TimeAdjusted[6641], "2009-12-05T12:56:47Z")
	wantUTC(t, "BestTime(6641)", m.BestTime(6641), "2009-12-05T12:56:47Z")
	if !slices.Equal(m.MeasurementCode[:12], []int{0, 100, 200, 500, 600, 700, 702, 703, 703, 703, 703, 703}) || m.MeasurementCode[6641] != 800 {
		t.Errorf("measurement codes %v ... %d", m.MeasurementCode[:12], m.MeasurementCode[6641])
	}
	// CYCLE_NUMBER starts at -1 (the launch position), not a missing value.
	if m.Cycle[0] != -1 || m.Cycle[1] != 0 || m.Cycle[6641] != 214 || m.CycleAdjusted[0] != -1 {
		t.Errorf("cycles %d %d %d %d", m.Cycle[0], m.Cycle[1], m.Cycle[6641], m.CycleAdjusted[0])
	}
	if m.TimeStatus[0] != '1' || m.TimeStatus[1] != '9' || m.TimeQC[0] != QCNoQC || m.TimeQC[1] != QCMissing || m.TimeAdjustedQC[6641] != QCEstimated {
		t.Errorf("time status/QC %q %q %q %q %q", m.TimeStatus[0], m.TimeStatus[1], m.TimeQC[0], m.TimeQC[1], m.TimeAdjustedQC[6641])
	}
	if m.Lat[0] != -41.536 || m.Lon[0] != -163.996 || !math.IsNaN(m.Lat[1]) || m.PositionAccuracy[7] != '2' || m.PositionAccuracy[0] != ' ' {
		t.Errorf("positions %v %v %v, accuracy %q %q", m.Lat[0], m.Lon[0], m.Lat[1], m.PositionAccuracy[7], m.PositionAccuracy[0])
	}
	if m.TimeMode != nil || m.DataMode != nil {
		t.Error("JULD_DATA_MODE or per-measurement DATA_MODE read from a file without them")
	}
	pres, temp, psal := m.Param("PRES"), m.Param("TEMP"), m.Param("PSAL")
	if pres == nil || temp == nil || psal == nil || pres.Units != "decibar" || pres.Mode != nil || !pres.Listed {
		t.Fatalf("parameters %+v", m.Params)
	}
	if pres.Raw[17] != 1108 || pres.Adjusted[17] != 1108 || !math.IsNaN(temp.Raw[17]) || m.MeasurementCode[17] != 150 ||
		pres.Raw[19] != 1003.5 || float32(temp.Raw[19]) != 5.552 || m.MeasurementCode[19] != 296 || float32(psal.AdjustedError[19]) != 0.011 ||
		psal.RawQC[17] != QCNone || psal.RawQC[19] != QCGood || psal.AdjustedQC[19] != QCGood {
		t.Errorf("values at 17 and 19: PRES %v/%v %v, TEMP %v %v, PSAL error %v, flags %q %q %q", pres.Raw[17], pres.Adjusted[17], pres.Raw[19], temp.Raw[17], temp.Raw[19],
			psal.AdjustedError[19], psal.RawQC[17], psal.RawQC[19], psal.AdjustedQC[19])
	}
	finite := 0
	for _, v := range pres.Raw {
		if !math.IsNaN(v) {
			finite++
		}
	}
	if finite != 1070 {
		t.Errorf("%d PRES values, want 1070", finite)
	}
	r := m.At(19)
	if r.MeasurementCode != 296 || r.Cycle != 1 || r.Values["PRES"].Raw != 1003.5 || r.Values["PSAL"].AdjustedQC != QCGood || r.Values["PSAL"].Mode != ModeUnknown {
		t.Errorf("At(19) = %+v", r)
	}

	c0, c := tr.Cycles[0], tr.Cycle(214)
	if c0.CycleIndex != 0 || c0.CycleIndexAdjusted != 0 || c0.DataMode != Delayed || c0.ConfigMission != MissingInt || c0.ClockOffset != 0 ||
		c0.Grounded != 'N' || !math.IsNaN(c0.RepresentativeParkPressure) || c0.DescentStart.Status != '9' || c0.FirstMessage.Status != '4' {
		t.Errorf("cycle 0: %+v", c0)
	}
	wantUTC(t, "Cycles[0].DescentStart", c0.DescentStart.Time, "")
	wantUTC(t, "Cycles[0].TransmissionStart", c0.TransmissionStart.Time, "2004-04-20T10:39:59Z")
	wantUTC(t, "Cycles[0].LastLocation", c0.LastLocation.Time, "2004-04-21T03:26:54Z")
	if c == nil || c.Row != 214 || c.ConfigMission != 1 || c.RepresentativeParkPressure != 1000.5 || c.RepresentativeParkPressureStatus != '1' {
		t.Fatalf("cycle 214: %+v", c)
	}
	wantUTC(t, "DescentStart", c.DescentStart.Time, "2009-11-25T22:40:25Z")
	wantUTC(t, "ParkEnd", c.ParkEnd.Time, "2009-12-04T10:55:12Z")
	wantUTC(t, "AscentEnd", c.AscentEnd.Time, "2009-12-04T18:44:46Z")
	wantUTC(t, "FirstMessage", c.FirstMessage.Time, "2009-12-04T20:09:09Z")
	wantUTC(t, "LastLocation", c.LastLocation.Time, "2009-12-05T12:50:19Z")
	if tr.Cycles[1].RepresentativeParkPressure != 1005.25 || tr.Cycles[1].ConfigMission != 1 {
		t.Errorf("cycle 1: %+v", tr.Cycles[1])
	}
}

func TestTrajectoryBio(t *testing.T) {
	tr := readTraj(t, "ArgoCanada__argodata/2902746_BRtraj.nc")
	m := &tr.Measurements
	if tr.File.DataType != "B-Argo trajectory" || tr.File.Kind != KindTrajectory || tr.Platform != "2902746" || tr.PlatformType != "PROVOR" {
		t.Errorf("%+v", tr.File)
	}
	want := []string{"PRES", "C1PHASE_DOXY", "C2PHASE_DOXY", "TEMP_DOXY", "DOXY", "PPOX_DOXY"}
	if m.Len() != 4082 || len(tr.Cycles) != 91 || !slices.Equal(tr.Parameters, want) || len(tr.Warnings) != 0 {
		t.Fatalf("%d measurements, %d cycles, parameters %q, warnings %q", m.Len(), len(tr.Cycles), tr.Parameters, tr.Warnings)
	}
	var names []string
	for _, p := range m.Params {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("params %q", names)
	}
	if !slices.Equal(m.MeasurementCode[:10], []int{0, 100, 150, 200, 290, 400, 500, 600, 700, 703}) || m.MeasurementCode[4081] != 711 {
		t.Errorf("codes %v ... %d", m.MeasurementCode[:10], m.MeasurementCode[4081])
	}
	if m.Cycle[0] != -1 || m.Cycle[4081] != 91 || m.CycleAdjusted != nil || m.TimeAdjusted != nil {
		t.Errorf("cycles %d %d", m.Cycle[0], m.Cycle[4081])
	}
	wantUTC(t, "Time[0]", m.Time[0], "2018-05-18T08:09:00Z")
	wantUTC(t, "Time[1]", m.Time[1], "2018-05-22T09:15:00Z")
	wantUTC(t, "Time[2]", m.Time[2], "2018-05-22T10:20:00Z")
	wantUTC(t, "Time[4081]", m.Time[4081], "")
	if m.TimeStatus[0] != '0' || m.TimeStatus[1] != '2' || m.Lat[0] != 20.705 || m.Lon[0] != 146.097 {
		t.Errorf("status %q %q, launch %v %v", m.TimeStatus[0], m.TimeStatus[1], m.Lat[0], m.Lon[0])
	}
	pres, doxy, ppox := m.Param("PRES"), m.Param("DOXY"), m.Param("PPOX_DOXY")
	// B files: PRES has no QC and no adjusted variables.
	if pres.RawQC != nil || pres.Adjusted != nil || doxy.Adjusted == nil || doxy.RawQC == nil {
		t.Errorf("PRES QC %v adjusted %v, DOXY adjusted %v", pres.RawQC != nil, pres.Adjusted != nil, doxy.Adjusted != nil)
	}
	if float32(pres.Raw[4]) != 992.6 || float32(doxy.Raw[4]) != 52.127 || float32(m.Param("TEMP_DOXY").Raw[4]) != 3.941 ||
		float32(m.Param("C1PHASE_DOXY").Raw[4]) != 58.99 || float32(ppox.Raw[161]) != 195.729 || !math.IsNaN(ppox.Raw[4]) {
		t.Errorf("values at 4: %v %v, PPOX_DOXY at 161: %v", pres.Raw[4], doxy.Raw[4], ppox.Raw[161])
	}
	if float32(doxy.Raw[4081]) != 187.86 || doxy.RawQC[4081] != QCNoQC || !math.IsNaN(doxy.Adjusted[4081]) || pres.Raw[4081] != 0 {
		t.Errorf("last DOXY %v %q %v, PRES %v", doxy.Raw[4081], doxy.RawQC[4081], doxy.Adjusted[4081], pres.Raw[4081])
	}
	count := func(x []float64) (n int) {
		for _, v := range x {
			if !math.IsNaN(v) {
				n++
			}
		}
		return n
	}
	if count(pres.Raw) != 3252 || count(ppox.Raw) != 860 || count(doxy.Adjusted) != 0 {
		t.Errorf("counts: PRES %d, PPOX_DOXY %d, DOXY_ADJUSTED %d", count(pres.Raw), count(ppox.Raw), count(doxy.Adjusted))
	}
	if c := tr.Cycles[0]; c.CycleIndex != 1 || c.ConfigMission != 1 || c.DataMode != RealTime || c.CycleIndexAdjusted != MissingInt {
		t.Errorf("cycle 0: %+v", c)
	}
	if c := tr.Cycles[90]; c.CycleIndex != 91 || c.ConfigMission != 91 {
		t.Errorf("cycle 90: %+v", c)
	}
}

// dumpInts parses ncdump tokens as ints ("_" is MissingInt).
func dumpInts(t *testing.T, toks []string) []int {
	out := make([]int, len(toks))
	for i, s := range toks {
		if s == "_" {
			out[i] = MissingInt
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("ncdump token %q: %v", s, err)
		}
		out[i] = v
	}
	return out
}

// dumpFloats parses ncdump tokens as numbers ("_" is NaN).
func dumpFloats(t *testing.T, toks []string) []float64 {
	out := make([]float64, len(toks))
	for i, s := range toks {
		if s == "_" {
			out[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "f"), 64)
		if err != nil {
			t.Fatalf("ncdump token %q: %v", s, err)
		}
		out[i] = v
	}
	return out
}

// dumpChars returns the bytes of a 1-D char variable printed by ncdump,
// padded with blanks to n (ncdump drops trailing NULs).
func dumpChars(toks []string, n int) []byte {
	b := []byte(strings.Join(toks, ""))
	for i, c := range b {
		if c == 0 {
			b[i] = ' '
		}
	}
	for len(b) < n {
		b = append(b, ' ')
	}
	return b
}

// Every column of the three real trajectory files equals what ncdump prints:
// numbers (float32 precision for floats), flags, cycle numbers, and times to
// within half a second of the days ncdump prints.
func TestTrajectoryMatchesNcdump(t *testing.T) {
	for _, name := range []string{"euroargodev__argopy-data/5900865_Rtraj.nc", "euroargodev__argopy-data/5900446_Dtraj.nc", "ArgoCanada__argodata/2902746_BRtraj.nc"} {
		path := testutil.RealData(t, "argo", name)
		tr := readTraj(t, name)
		m := &tr.Measurements
		sameF := func(what string, got []float64, toks []string) {
			want := dumpFloats(t, toks)
			if len(got) != len(want) {
				t.Fatalf("%s %s: %d values, ncdump %d", name, what, len(got), len(want))
			}
			for i := range got {
				if math.IsNaN(got[i]) != math.IsNaN(want[i]) || !math.IsNaN(got[i]) && float32(got[i]) != float32(want[i]) {
					t.Fatalf("%s %s[%d] = %v, ncdump %v", name, what, i, got[i], want[i])
				}
			}
		}
		sameTimes := func(what string, got []time.Time, toks []string) {
			days := dumpFloats(t, toks)
			for i, d := range days {
				if math.IsNaN(d) != got[i].IsZero() {
					t.Fatalf("%s %s[%d] = %v, ncdump %v", name, what, i, got[i], d)
				}
				if !math.IsNaN(d) {
					want := tr.File.ReferenceTime.Add(time.Duration(d * 86400e9))
					if diff := got[i].Sub(want); diff < -500*time.Millisecond || diff > 500*time.Millisecond {
						t.Fatalf("%s %s[%d] = %v, ncdump %v days (%v)", name, what, i, got[i], d, want)
					}
				}
			}
		}
		sameFlags := func(what string, got []byte, toks []string) {
			if want := dumpChars(toks, len(got)); string(got) != string(want) {
				t.Fatalf("%s %s differs from ncdump", name, what)
			}
		}
		qcBytes := func(q []QC) []byte {
			b := make([]byte, len(q))
			for i, x := range q {
				b[i] = byte(x)
			}
			return b
		}
		sameTimes("JULD", m.Time, testutil.Ncdump(t, path, "JULD"))
		sameFlags("JULD_QC", qcBytes(m.TimeQC), testutil.Ncdump(t, path, "JULD_QC"))
		sameFlags("POSITION_ACCURACY", m.PositionAccuracy, testutil.Ncdump(t, path, "POSITION_ACCURACY"))
		sameFlags("POSITION_QC", qcBytes(m.PositionQC), testutil.Ncdump(t, path, "POSITION_QC"))
		sameF("LATITUDE", m.Lat, testutil.Ncdump(t, path, "LATITUDE"))
		sameF("LONGITUDE", m.Lon, testutil.Ncdump(t, path, "LONGITUDE"))
		if got, want := m.Cycle, dumpInts(t, testutil.Ncdump(t, path, "CYCLE_NUMBER")); !slices.Equal(got, want) {
			t.Errorf("%s CYCLE_NUMBER differs from ncdump", name)
		}
		if m.TimeAdjusted != nil {
			sameTimes("JULD_ADJUSTED", m.TimeAdjusted, testutil.Ncdump(t, path, "JULD_ADJUSTED"))
		}
		if tr.File.FormatVersion != "2.2" {
			if got, want := m.MeasurementCode, dumpInts(t, testutil.Ncdump(t, path, "MEASUREMENT_CODE")); !slices.Equal(got, want) {
				t.Errorf("%s MEASUREMENT_CODE differs from ncdump", name)
			}
			if got, want := cycleIndexes(tr), dumpInts(t, testutil.Ncdump(t, path, "CYCLE_NUMBER_INDEX")); !slices.Equal(got, want) {
				t.Errorf("%s CYCLE_NUMBER_INDEX differs from ncdump", name)
			}
		}
		for _, p := range m.Params {
			sameF(p.Name, p.Raw, testutil.Ncdump(t, path, p.Name))
			if p.RawQC != nil {
				sameFlags(p.Name+"_QC", qcBytes(p.RawQC), testutil.Ncdump(t, path, p.Name+"_QC"))
			}
			if p.Adjusted != nil {
				sameF(p.Name+"_ADJUSTED", p.Adjusted, testutil.Ncdump(t, path, p.Name+"_ADJUSTED"))
				sameFlags(p.Name+"_ADJUSTED_QC", qcBytes(p.AdjustedQC), testutil.Ncdump(t, path, p.Name+"_ADJUSTED_QC"))
				sameF(p.Name+"_ADJUSTED_ERROR", p.AdjustedError, testutil.Ncdump(t, path, p.Name+"_ADJUSTED_ERROR"))
			}
		}
		if !strings.Contains(name, "BRtraj") { // the B file has no N_CYCLE times
			asc := make([]time.Time, len(tr.Cycles))
			for i, c := range tr.Cycles {
				asc[i] = c.AscentEnd.Time
			}
			sameTimes("JULD_ASCENT_END", asc, testutil.Ncdump(t, path, "JULD_ASCENT_END"))
		}
	}
}

func cycleIndexes(tr *Trajectory) []int {
	out := make([]int, len(tr.Cycles))
	for i, c := range tr.Cycles {
		out[i] = c.CycleIndex
	}
	return out
}

// The trajectory files of the generated mini GDAC.
func TestTrajectoryMiniGDAC(t *testing.T) {
	tr, err := ReadTrajectory(testutil.Testdata(t, "gdac", "dac", "coriolis", "6999001", "6999001_Rtraj.nc"))
	if err != nil {
		t.Fatal(err)
	}
	checkTrajectory(t, tr)
	m := &tr.Measurements
	if tr.Platform != "6999001" || m.Len() != 30 || len(tr.Cycles) != 3 || !slices.Equal(tr.Parameters, []string{"PRES", "TEMP", "PSAL"}) || len(tr.Warnings) != 0 {
		t.Fatalf("%s: %d measurements, %d cycles, %q, %q", tr.Platform, m.Len(), len(tr.Cycles), tr.Parameters, tr.Warnings)
	}
	if !slices.Equal(m.MeasurementCode[:10], []int{100, 250, 301, 300, 500, 600, 702, 703, 703, 704}) {
		t.Errorf("codes %v", m.MeasurementCode[:10])
	}
	if r := m.At(2); r.Values["PRES"].Raw != 90 || float32(r.Values["TEMP"].Raw) != 11.222 || r.Cycle != 1 {
		t.Errorf("At(2) = %+v", r)
	}
	if m.Lat[7] != 48.152 || m.Lon[7] != -4.881 {
		t.Errorf("fix at %v %v", m.Lat[7], m.Lon[7])
	}
	c := tr.Cycle(2)
	if c == nil || c.DataMode != RealTime || c.ConfigMission != 1 || c.RepresentativeParkPressure != 90 || c.DescentStart.Status != '2' {
		t.Fatalf("cycle 2: %+v", c)
	}
	wantUTC(t, "DescentStart", c.DescentStart.Time, "2021-03-12T12:31:20Z")
	tr, err = ReadTrajectory(testutil.Testdata(t, "gdac", "dac", "aoml", "5999001", "5999001_Rtraj.nc"))
	if err != nil {
		t.Fatal(err)
	}
	checkTrajectory(t, tr)
	if tr.Platform != "5999001" || tr.Measurements.Len() == 0 || len(tr.Warnings) != 0 {
		t.Errorf("5999001: %d measurements, warnings %q", tr.Measurements.Len(), tr.Warnings)
	}
}

// synthTraj32 is a format 3.2 trajectory with the optional variables the
// real files lack: TRAJECTORY_PARAMETER_DATA_MODE, JULD_DATA_MODE, a
// spectrum, a listed parameter without a variable and an unlisted one with
// data; and the format 2.3 CYCLE_NUMBER_ACTUAL in place of CYCLE_NUMBER_INDEX.
func synthTraj32() *synthNC {
	s := &synthNC{}
	const n = 4
	f32 := func(v ...float32) []float32 { return v }
	fill := nc.Attr{Name: "_FillValue", Value: []float32{99999}}
	s.dim("STRING64", 64).dim("STRING8", 8).dim("STRING32", 32).dim("DATE_TIME", 14).
		dim("N_PARAM", 3).dim("N_CYCLE", 2).dim("N_VALUES3", 3).dim("N_MEASUREMENT", n)
	s.text("DATA_TYPE", []string{"STRING32"}, "B-Argo trajectory").
		text("FORMAT_VERSION", []string{"STRING8"}, "3.2").
		text("REFERENCE_DATE_TIME", []string{"DATE_TIME"}, "19500101000000").
		text("PLATFORM_NUMBER", []string{"STRING8"}, "6900001").
		text("TRAJECTORY_PARAMETERS", []string{"N_PARAM", "STRING64"}, "PRES", "DOXY", "NITRATE").
		num("JULD", []float64{25000.5, 25000.25, 999999, 25001}, []string{"N_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []float64{999999}}).
		text("JULD_DATA_MODE", []string{"N_MEASUREMENT"}, "RDA").
		num("LATITUDE", []float64{10, 99999, -91, 45}, []string{"N_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []float64{99999}}).
		num("LONGITUDE", []float64{190, 99999, 20, -180}, []string{"N_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []float64{99999}}).
		num("CYCLE_NUMBER", []int32{-1, 0, 99999, 1}, []string{"N_MEASUREMENT"}, nc.Attr{Name: "_FillValue", Value: []int32{99999}}).
		num("MEASUREMENT_CODE", []int32{0, 100, 290, 703}, []string{"N_MEASUREMENT"}).
		num("PRES", f32(1, 2, 99999, 4), []string{"N_MEASUREMENT"}, fill).
		num("DOXY", f32(200, 201, 202, 99999), []string{"N_MEASUREMENT"}, fill).
		text("DOXY_QC", []string{"N_MEASUREMENT"}, "1234").
		num("DOXY_ADJUSTED", f32(210, 211, 212, 99999), []string{"N_MEASUREMENT"}, fill).
		text("DOXY_ADJUSTED_QC", []string{"N_MEASUREMENT"}, "1").
		num("DOXY_ADJUSTED_ERROR", f32(5, 5), []string{"N_CYCLE"}, fill). // misshapen: skipped
		num("RAW_DOWNWELLING_IRRADIANCE", f32(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), []string{"N_MEASUREMENT", "N_VALUES3"}, fill).
		num("EMPTY_PARAM", f32(99999, 99999, 99999, 99999), []string{"N_MEASUREMENT"}, fill).
		text("TRAJECTORY_PARAMETER_DATA_MODE", []string{"N_MEASUREMENT", "N_PARAM"}, "RDR", "RDA", "RAR", "DDD").
		num("CYCLE_NUMBER_ACTUAL", []int32{0, 1}, []string{"N_CYCLE"}).
		text("DATA_MODE", []string{"N_CYCLE"}, "RD").
		num("JULD_PARK_START", []float64{24999, 25000}, []string{"N_CYCLE"}).
		text("JULD_PARK_START_STATUS", []string{"N_CYCLE"}, "12").
		num("JULD_PARK_END", []float64{24999.5, 24999.5, 24999.5}, []string{"N_PARAM"}) // misshapen: skipped
	return s
}

func TestTrajectorySynthetic(t *testing.T) {
	tr, err := DecodeTrajectory("6900001_BRtraj.nc", synthTraj32().bytes())
	if err != nil {
		t.Fatal(err)
	}
	checkTrajectory(t, tr)
	m := &tr.Measurements
	var names []string
	for _, p := range m.Params {
		names = append(names, p.Name)
	}
	if !slices.Equal(names, []string{"PRES", "DOXY", "RAW_DOWNWELLING_IRRADIANCE"}) || !slices.Equal(tr.Parameters, []string{"PRES", "DOXY", "NITRATE"}) {
		t.Errorf("params %q, listed %q", names, tr.Parameters)
	}
	want := []string{
		"DOXY_ADJUSTED_ERROR does not have the shape of DOXY: skipped",
		"TRAJECTORY_PARAMETERS lists NITRATE, which has no variable",
		"RAW_DOWNWELLING_IRRADIANCE holds data but is not in TRAJECTORY_PARAMETERS",
		"JULD_PARK_END is not a numeric (N_CYCLE) variable: skipped",
	}
	if !slices.Equal(tr.Warnings, want) {
		t.Errorf("warnings:\n%q\nwant\n%q", tr.Warnings, want)
	}
	wantUTC(t, "Time[0]", m.Time[0], "2018-06-13T12:00:00Z") // 25000.5 days after 1950-01-01
	wantUTC(t, "Time[1]", m.Time[1], "2018-06-13T06:00:00Z") // backwards: kept in file order
	wantUTC(t, "Time[2]", m.Time[2], "")
	if !slices.Equal(m.TimeMode, []Mode{RealTime, Delayed, Adjusted, ModeUnknown}) {
		t.Errorf("JULD_DATA_MODE %q", m.TimeMode)
	}
	if m.Lat[0] != 10 || m.Lon[0] != -170 || !math.IsNaN(m.Lat[1]) || !math.IsNaN(m.Lat[2]) || m.Lon[2] != 20 || m.Lon[3] != -180 {
		t.Errorf("positions %v %v", m.Lat, m.Lon)
	}
	if !slices.Equal(m.Cycle, []int{-1, 0, MissingInt, 1}) || !slices.Equal(m.MeasurementCode, []int{0, 100, 290, 703}) {
		t.Errorf("cycles %v codes %v", m.Cycle, m.MeasurementCode)
	}
	if m.TimeStatus[0] != ' ' || m.PositionQC[0] != QCNone || m.TimeAdjusted != nil {
		t.Errorf("absent columns: %q %q %v", m.TimeStatus[0], m.PositionQC[0], m.TimeAdjusted)
	}
	doxy, pres, rad := m.Param("DOXY"), m.Param("PRES"), m.Param("RAW_DOWNWELLING_IRRADIANCE")
	if !slices.Equal(doxy.Mode, []Mode{Delayed, Delayed, Adjusted, Delayed}) || !slices.Equal(pres.Mode, []Mode{RealTime, RealTime, RealTime, Delayed}) || rad.Mode != nil {
		t.Errorf("modes DOXY %q PRES %q", doxy.Mode, pres.Mode)
	}
	if doxy.AdjustedError != nil || !slices.Equal(doxy.AdjustedQC, []QC{QCGood, QCNone, QCNone, QCNone}) || doxy.RawQC[3] != QCBad || !math.IsNaN(doxy.Raw[3]) {
		t.Errorf("DOXY %+v", doxy)
	}
	if rad.NValues != 3 || rad.Listed || len(rad.Raw) != 12 || rad.Raw[11] != 12 {
		t.Errorf("spectrum %+v", rad)
	}
	r := m.At(2)
	v := r.Values["DOXY"]
	if _, ok := r.Values["RAW_DOWNWELLING_IRRADIANCE"]; ok || v.Raw != 202 || v.RawQC != QCProbBad || v.Adjusted != 212 || v.AdjustedQC != QCNone ||
		!math.IsNaN(v.AdjustedError) || v.Mode != Adjusted || r.TimeMode != Adjusted || r.Cycle != MissingInt || r.MeasurementCode != 290 {
		t.Errorf("At(2) = %+v", r)
	}
	c := tr.Cycle(1)
	if c == nil || c.Row != 1 || c.DataMode != Delayed || c.ParkStart.Status != '2' || c.ParkEnd.Status != ' ' || !c.ParkEnd.Time.IsZero() {
		t.Fatalf("cycle 1: %+v", c)
	}
	wantUTC(t, "ParkStart", c.ParkStart.Time, "2018-06-13T00:00:00Z")

	// A dimension of 2^30 cycles with no variable over it allocates nothing.
	s := synthTraj32()
	s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return len(v.dims) > 0 && v.dims[0] == "N_CYCLE" })
	s.dims[slices.IndexFunc(s.dims, func(d nc.Dim) bool { return d.Name == "N_CYCLE" })].Len = 1 << 30
	if tr, err := DecodeTrajectory("huge_traj.nc", s.bytes()); err != nil || tr.Cycles != nil || tr.Measurements.Len() != 4 {
		t.Errorf("%v, %d cycles", err, len(tr.Cycles))
	}

	// Without JULD over N_MEASUREMENT, or with JULD as text, there is no trajectory.
	for _, mutate := range []func(*synthNC){
		func(s *synthNC) {
			s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return v.name == "JULD" })
		},
		func(s *synthNC) {
			i := slices.IndexFunc(s.vars, func(v synthVar) bool { return v.name == "JULD" })
			s.vars[i] = synthVar{name: "JULD", typ: nc.Char, dims: []string{"N_MEASUREMENT"}, data: []byte("1234")}
		},
		func(s *synthNC) {
			s.vars = slices.DeleteFunc(s.vars, func(v synthVar) bool { return v.name == "PLATFORM_NUMBER" })
		},
	} {
		s := synthTraj32()
		mutate(s)
		_, err := DecodeTrajectory("x_traj.nc", s.bytes())
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "argo: x_traj.nc: ") {
			t.Errorf("%v, want a *FormatError", err)
		}
	}
}

func TestCorruptedTrajectory(t *testing.T) {
	check := func(name string) func([]byte) error {
		return func(b []byte) error {
			tr, err := DecodeTrajectory(name, b)
			if err == nil {
				checkTrajectory(t, tr)
			}
			return err
		}
	}
	corruptAll(t, synthTraj32().bytes(), 300, check("synth_traj.nc"))
	for _, name := range []string{"euroargodev__argopy-data/5900865_Rtraj.nc", "euroargodev__argopy-data/5900446_Dtraj.nc", "ArgoCanada__argodata/2902746_BRtraj.nc"} {
		corruptAll(t, readRealBytes(t, name), 300, check(name))
	}
}

// FuzzDecodeTrajectory: any bytes give a Trajectory or an error, never a
// panic, and a decoded trajectory keeps its invariants.
func FuzzDecodeTrajectory(f *testing.F) {
	f.Add(synthTraj32().bytes())
	fuzzSeeds(f, []string{"coriolis/6999001/6999001_Rtraj.nc"},
		[]string{"euroargodev__argopy-data/5900865_Rtraj.nc", "ArgoCanada__argodata/2902746_BRtraj.nc"})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 && string(data[:4]) == "\x89HDF" {
			return // NetCDF-4 goes to libnetcdf, which Go cannot make memory-safe (internal/nc)
		}
		if tr, err := DecodeTrajectory("fuzz_traj.nc", data); err == nil {
			checkTrajectory(t, tr)
		}
	})
}
