package main

import (
	"math"
	"strconv"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// fmtFloat formats x with n decimals.
func fmtFloat(x float64, n int) string {
	return strconv.FormatFloat(round(x, math.Pow10(-n)), 'f', n, 64)
}

// trajMeas is one N_MEASUREMENT row of a trajectory file.
type trajMeas struct {
	cycle    int
	code     int32 // MEASUREMENT_CODE (R15)
	t        time.Time
	status   byte // JULD_STATUS (R19): '2' transmitted by the float, '4' from the satellite system
	lat, lon float64
	pres     float64
	temp     float64
	psal     float64
}

// trajCycle holds the N_CYCLE timings of one cycle.
type trajCycle struct {
	cycle                            int
	descentStart, parkStart, parkEnd time.Time
	ascentStart, ascentEnd           time.Time
	transStart, firstMsg, firstLoc   time.Time
	lastLoc, lastMsg, transEnd       time.Time
	grounded                         byte
	parkPres                         float64
}

// trajectory derives the cycle timings and measurements of a float from its
// ascending profiles: descent after the previous surfacing, park, ascent
// ending at the profile time, then GPS or Argos fixes at the surface.
func trajectory(f *floatSpec) ([]trajCycle, []trajMeas) {
	var cycles []trajCycle
	var meas []trajMeas
	for i := range f.Cycles {
		c := &f.Cycles[i]
		if c.Descending {
			continue
		}
		r := newRNG(wmoSeed(f), uint64(c.N), 'J')
		cycleDur := time.Duration(f.CycleHours * float64(time.Hour))
		ascent := time.Duration(f.Bottom / 0.09 * float64(time.Second)) // about 9 cm/s
		tc := trajCycle{cycle: c.N, parkPres: f.ParkPres, grounded: 'N'}
		tc.ascentEnd = c.Time
		tc.ascentStart = c.Time.Add(-ascent)
		tc.descentStart = c.Time.Add(-cycleDur + time.Hour)
		tc.parkStart = tc.descentStart.Add(time.Duration(f.ParkPres/0.08*float64(time.Second)) + 10*time.Minute)
		tc.parkEnd = tc.ascentStart.Add(-time.Duration((f.Bottom-f.ParkPres)/0.08*float64(time.Second)) - 10*time.Minute)
		tc.transStart = c.Time.Add(4 * time.Minute)
		tc.firstMsg = c.Time.Add(6 * time.Minute)
		tc.firstLoc = c.Time.Add(23 * time.Minute)
		tc.lastLoc = c.Time.Add(41 * time.Minute)
		tc.lastMsg = c.Time.Add(48 * time.Minute)
		tc.transEnd = c.Time.Add(50 * time.Minute)
		if f.Bottom <= 200 && c.N == 2 {
			tc.grounded = 'Y' // a shelf float touching the bottom
		}
		cycles = append(cycles, tc)

		w := f.Water
		lat2, lon2 := c.Lat-0.004+r.sym(0.002), wrapLon(c.Lon+0.011+r.sym(0.002))
		nan := math.NaN()
		park := trajMeas{cycle: c.N, code: 301, t: tc.parkStart.Add(tc.parkEnd.Sub(tc.parkStart) / 2), status: '3',
			lat: nan, lon: nan, pres: f.ParkPres, temp: round(w.temp(f.ParkPres), 0.001), psal: round(w.psal(f.ParkPres), 0.001)}
		if f.TempOnly {
			park.psal = nan
		}
		ev := func(code int32, t time.Time, status byte) trajMeas {
			return trajMeas{cycle: c.N, code: code, t: t, status: status, lat: nan, lon: nan, pres: nan, temp: nan, psal: nan}
		}
		fix := func(t time.Time, lat, lon float64) trajMeas {
			m := ev(703, t, '4')
			m.lat, m.lon = round(lat, 0.001), round(lon, 0.001)
			return m
		}
		meas = append(meas,
			ev(100, tc.descentStart, '2'),
			ev(250, tc.parkStart, '2'),
			park,
			ev(300, tc.parkEnd, '2'),
			ev(500, tc.ascentStart, '2'),
			ev(600, tc.ascentEnd, '2'),
			ev(702, tc.firstMsg, '4'),
			fix(tc.firstLoc, c.Lat, c.Lon),
			fix(tc.lastLoc, lat2, lon2),
			ev(704, tc.lastMsg, '4'),
		)
	}
	return cycles, meas
}

// wrapLon brings a longitude into [-180, 180).
func wrapLon(lon float64) float64 {
	for lon >= 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return lon
}

// trajBounds returns the latitude and longitude extremes of the fixes, as
// the trajectory index reports them (naively, across the antimeridian too).
func trajBounds(meas []trajMeas) (latMax, latMin, lonMax, lonMin float64) {
	latMax, latMin, lonMax, lonMin = math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1)
	for _, m := range meas {
		if math.IsNaN(m.lat) {
			continue
		}
		latMax, latMin = math.Max(latMax, m.lat), math.Min(latMin, m.lat)
		lonMax, lonMin = math.Max(lonMax, m.lon), math.Min(lonMin, m.lon)
	}
	return
}

// writeTraj writes <wmo>_Rtraj.nc in format 3.1, laid out like the real
// 3.1 trajectory files (argo-trajectory-spec-v3.1).
func writeTraj(path string, f *floatSpec, cycles []trajCycle, meas []trajMeas, created, updated time.Time) error {
	d := &dataset{}
	d.dim("DATE_TIME", 14)
	d.dim("STRING2", 2)
	d.dim("STRING4", 4)
	d.dim("STRING8", 8)
	d.dim("STRING16", 16)
	d.dim("STRING32", 32)
	d.dim("STRING64", 64)
	params := []string{"PRES", "TEMP", "PSAL"}
	if f.TempOnly {
		params = params[:2]
	}
	d.dim("N_PARAM", len(params))
	d.dim("N_CYCLE", len(cycles))
	d.dim("N_HISTORY", 1)
	d.unlimited("N_MEASUREMENT", len(meas))

	scalar := func(name, width, value string, attrs ...nc.Attr) {
		d.text(name, []string{width}, []string{value}, attrs...)
	}
	scalar("DATA_TYPE", "STRING16", "Argo trajectory", longName("Data type"), conventions("Argo reference table 1"), fillC)
	scalar("FORMAT_VERSION", "STRING4", "3.1", longName("File format version"), fillC)
	scalar("HANDBOOK_VERSION", "STRING4", "1.2", longName("Data handbook version"), fillC)
	scalar("REFERENCE_DATE_TIME", "DATE_TIME", stamp(ref1950), longName("Date of reference for Julian days"), dateConv, fillC)
	scalar("DATE_CREATION", "DATE_TIME", stamp(created), longName("Date of file creation"), dateConv, fillC)
	scalar("DATE_UPDATE", "DATE_TIME", stamp(updated), longName("Date of update of this file"), dateConv, fillC)
	scalar("PLATFORM_NUMBER", "STRING8", f.WMO, longName("Float unique identifier"), conventions("WMO float identifier : A9IIIII"), fillC)
	scalar("PROJECT_NAME", "STRING64", f.Project, longName("Name of the project"), fillC)
	scalar("PI_NAME", "STRING64", f.PI, longName("Name of the principal investigator"), fillC)
	d.text("TRAJECTORY_PARAMETERS", []string{"N_PARAM", "STRING16"}, params,
		longName("List of available parameters for the station"), conventions("Argo reference table 3"), fillC)
	scalar("DATA_CENTRE", "STRING2", f.Centre, longName("Data centre in charge of float data processing"), conventions("Argo reference table 4"), fillC)
	scalar("DATA_STATE_INDICATOR", "STRING4", "2B", longName("Degree of processing the data have passed through"), conventions("Argo reference table 6"), fillC)
	scalar("FLOAT_SERIAL_NO", "STRING32", f.SerialNo, longName("Serial number of the float"), fillC)
	scalar("PLATFORM_TYPE", "STRING32", f.PlatformType, longName("Type of float"), conventions("Argo reference table 23"), fillC)
	scalar("FIRMWARE_VERSION", "STRING32", f.Firmware, longName("Instrument firmware version"), fillC)
	scalar("WMO_INST_TYPE", "STRING4", f.InstType, longName("Coded instrument type"), conventions("Argo reference table 8"), fillC)
	scalar("POSITIONING_SYSTEM", "STRING8", f.Positioning, longName("Positioning system"), fillC)

	// N_MEASUREMENT group.
	n := len(meas)
	m1 := []string{"N_MEASUREMENT"}
	const res = 1.1574e-05
	timeAttrs := func(long string) []nc.Attr {
		return []nc.Attr{longName(long), str("standard_name", "time"), juldUnits, juldConv, f64("resolution", res), fillD, str("axis", "T")}
	}
	juldV, lats, lons := make([]float64, n), make([]float64, n), make([]float64, n)
	status, qc, acc, posQC := blanks(n), blanks(n), blanks(n), blanks(n)
	cyc, codes := make([]int32, n), make([]int32, n)
	pres, temp, psal := make([]float64, n), make([]float64, n), make([]float64, n)
	presQC, tempQC, psalQC := blanks(n), blanks(n), blanks(n)
	accuracy := byte('G')
	if f.Positioning == "ARGOS" {
		accuracy = '2'
	}
	for i, m := range meas {
		juldV[i], status[i], qc[i] = juld(m.t), m.status, '1'
		lats[i], lons[i] = m.lat, m.lon
		if !math.IsNaN(m.lat) {
			acc[i], posQC[i] = accuracy, '1'
		}
		cyc[i], codes[i] = int32(m.cycle), m.code
		pres[i], temp[i], psal[i] = m.pres, m.temp, m.psal
		for _, p := range []struct {
			v  float64
			qc []byte
		}{{m.pres, presQC}, {m.temp, tempQC}, {m.psal, psalQC}} {
			if !math.IsNaN(p.v) {
				p.qc[i] = '1'
			}
		}
	}
	d.add("JULD", nc.Double, m1, juldV, timeAttrs("Julian day (UTC) of each measurement relative to REFERENCE_DATE_TIME")...)
	d.flags("JULD_STATUS", m1, status, longName("Status of the date and time"), conventions("Argo reference table 19"), fillC)
	d.flags("JULD_QC", m1, qc, longName("Quality on date and time"), qcConv, fillC)
	d.add("JULD_ADJUSTED", nc.Double, m1, f64s(nans(n), fillJuld), timeAttrs("Adjusted julian day (UTC) of each measurement relative to REFERENCE_DATE_TIME")...)
	d.flags("JULD_ADJUSTED_STATUS", m1, blanks(n), longName("Status of the JULD_ADJUSTED date"), conventions("Argo reference table 19"), fillC)
	d.flags("JULD_ADJUSTED_QC", m1, blanks(n), longName("Quality on adjusted date and time"), qcConv, fillC)
	d.add("LATITUDE", nc.Double, m1, f64s(lats, fillPos), longName("Latitude of each location"), str("standard_name", "latitude"),
		str("units", "degree_north"), fillPosD, f64("valid_min", -90), f64("valid_max", 90), str("axis", "Y"))
	d.add("LONGITUDE", nc.Double, m1, f64s(lons, fillPos), longName("Longitude of each location"), str("standard_name", "longitude"),
		str("units", "degree_east"), fillPosD, f64("valid_min", -180), f64("valid_max", 180), str("axis", "X"))
	d.flags("POSITION_ACCURACY", m1, acc, longName("Estimated accuracy in latitude and longitude"), conventions("Argo reference table 5"), fillC)
	d.flags("POSITION_QC", m1, posQC, longName("Quality on position"), qcConv, fillC)
	trajCycleConv := conventions("0...N, 0 : launch cycle, 1 : first complete cycle")
	d.add("CYCLE_NUMBER", nc.Int, m1, cyc, longName("Float cycle number of the measurement"), trajCycleConv, fillI)
	d.add("CYCLE_NUMBER_ADJUSTED", nc.Int, m1, cyc, longName("Adjusted float cycle number of the measurement"), trajCycleConv, fillI)
	d.add("MEASUREMENT_CODE", nc.Int, m1, codes, longName("Flag referring to a measurement event in the cycle"), conventions("Argo reference table 15"), fillI)
	for _, p := range []struct {
		name string
		v    []float64
		qc   []byte
	}{{"PRES", pres, presQC}, {"TEMP", temp, tempQC}, {"PSAL", psal, psalQC}}[:len(params)] {
		pa := paramTable[p.name]
		d.add(p.name, nc.Float, m1, f32s(p.v), pa.valueAttrs(p.name == "PRES")...)
		d.flags(p.name+"_QC", m1, p.qc, qcAttrs...)
		d.add(p.name+"_ADJUSTED", nc.Float, m1, f32s(nans(n)), pa.valueAttrs(p.name == "PRES")...)
		d.flags(p.name+"_ADJUSTED_QC", m1, blanks(n), qcAttrs...)
		d.add(p.name+"_ADJUSTED_ERROR", nc.Float, m1, f32s(nans(n)), pa.errorAttrs()...)
	}
	d.add("AXES_ERROR_ELLIPSE_MAJOR", nc.Float, m1, f32s(nans(n)), longName("Major axis of error ellipse from positioning system"), str("units", "meters"), fillF)
	d.add("AXES_ERROR_ELLIPSE_MINOR", nc.Float, m1, f32s(nans(n)), longName("Minor axis of error ellipse from positioning system"), str("units", "meters"), fillF)
	d.add("AXES_ERROR_ELLIPSE_ANGLE", nc.Float, m1, f32s(nans(n)), longName("Angle of error ellipse from positioning system"), str("units", "Degrees (from North when heading East)"), fillF)
	d.flags("SATELLITE_NAME", m1, blanks(n), longName("Satellite name from positioning system"), fillC)

	// N_CYCLE group.
	nc1 := []string{"N_CYCLE"}
	type event struct {
		name, long, statusLong string
		get                    func(trajCycle) time.Time
		status                 byte
	}
	none := func(trajCycle) time.Time { return time.Time{} }
	events := []event{
		{"JULD_DESCENT_START", "Descent start date of the cycle", "Status of descent start date of the cycle", func(c trajCycle) time.Time { return c.descentStart }, '2'},
		{"JULD_FIRST_STABILIZATION", "Time when a float first becomes water-neutral", "Status of time when a float first becomes water-neutral", none, blank},
		{"JULD_DESCENT_END", "Descent end date of the cycle", "Status of descent end date of the cycle", none, blank},
		{"JULD_PARK_START", "Drift start date of the cycle", "Status of drift start date of the cycle", func(c trajCycle) time.Time { return c.parkStart }, '2'},
		{"JULD_PARK_END", "Drift end date of the cycle", "Status of drift end date of the cycle", func(c trajCycle) time.Time { return c.parkEnd }, '2'},
		{"JULD_DEEP_DESCENT_END", "Deep descent end date of the cycle", "Status of deep descent end date of the cycle", none, blank},
		{"JULD_DEEP_PARK_START", "Deep park start date of the cycle", "Status of deep park start date of the cycle", none, blank},
		{"JULD_DEEP_ASCENT_START", "Deep ascent start date of the cycle", "Status of deep ascent start date of the cycle", none, blank},
		{"JULD_ASCENT_START", "Start date of the ascent to the surface", "Status of start date of the ascent to the surface", func(c trajCycle) time.Time { return c.ascentStart }, '2'},
		{"JULD_ASCENT_END", "End date of ascent to the surface", "Status of end date of ascent to the surface", func(c trajCycle) time.Time { return c.ascentEnd }, '2'},
		{"JULD_TRANSMISSION_START", "Start date of transmission", "Status of start date of transmission", func(c trajCycle) time.Time { return c.transStart }, '2'},
		{"JULD_FIRST_MESSAGE", "Date of earliest float message received", "Status of date of earliest float message received", func(c trajCycle) time.Time { return c.firstMsg }, '4'},
		{"JULD_FIRST_LOCATION", "Date of earliest location", "Status of date of earliest location", func(c trajCycle) time.Time { return c.firstLoc }, '4'},
		{"JULD_LAST_LOCATION", "Date of latest location", "Status of date of latest location", func(c trajCycle) time.Time { return c.lastLoc }, '4'},
		{"JULD_LAST_MESSAGE", "Date of latest float message received", "Status of date of latest float message received", func(c trajCycle) time.Time { return c.lastMsg }, '4'},
		{"JULD_TRANSMISSION_END", "Transmission end date", "Status of transmission end date", func(c trajCycle) time.Time { return c.transEnd }, '2'},
	}
	ncyc := len(cycles)
	for _, e := range events {
		v := make([]float64, ncyc)
		st := blanks(ncyc)
		for i, c := range cycles {
			v[i] = fillJuld
			if t := e.get(c); !t.IsZero() {
				v[i], st[i] = juld(t), e.status
			}
		}
		d.add(e.name, nc.Double, nc1, v, longName(e.long), str("standard_name", "time"), juldUnits, juldConv, f64("resolution", res), fillD)
		d.flags(e.name+"_STATUS", nc1, st, longName(e.statusLong), conventions("Argo reference table 19"), fillC)
	}
	parkP := make([]float64, ncyc)
	grounded, parkSt, modes := blanks(ncyc), blanks(ncyc), blanks(ncyc)
	cycleIdx, missions := make([]int32, ncyc), make([]int32, ncyc)
	for i, c := range cycles {
		parkP[i], parkSt[i], grounded[i], modes[i] = c.parkPres, '1', c.grounded, 'R'
		cycleIdx[i], missions[i] = int32(c.cycle), 1
	}
	d.add("CLOCK_OFFSET", nc.Double, nc1, f64s(nans(ncyc), fillJuld), longName("Time of float clock drift"), str("units", "days"),
		conventions("Days with decimal part (as parts of day)"), fillD)
	d.add("REPRESENTATIVE_PARK_PRESSURE", nc.Float, nc1, f32s(parkP), longName("Best pressure value during park phase"), str("units", "decibar"), fillF)
	d.flags("REPRESENTATIVE_PARK_PRESSURE_STATUS", nc1, parkSt, longName("Status of best pressure value during park phase"), conventions("Argo reference table 21"), fillC)
	d.flags("GROUNDED", nc1, grounded, longName("Did the profiler touch the ground for that cycle?"), conventions("Argo reference table 20"), fillC)
	d.add("CONFIG_MISSION_NUMBER", nc.Int, nc1, missions, longName("Unique number denoting the missions performed by the float"), missionCnv, fillI)
	d.add("CYCLE_NUMBER_INDEX", nc.Int, nc1, cycleIdx, longName("Cycle number that corresponds to the current index"), trajCycleConv, fillI)
	d.add("CYCLE_NUMBER_INDEX_ADJUSTED", nc.Int, nc1, cycleIdx, longName("Adjusted cycle number that corresponds to the current index"), trajCycleConv, fillI)
	d.flags("DATA_MODE", nc1, modes, longName("Delayed mode or real time data"), modeConv, fillC)

	// History: one real-time QC record.
	h1 := []string{"N_HISTORY"}
	hist := func(name, width, value string, attrs ...nc.Attr) {
		d.text(name, []string{"N_HISTORY", width}, []string{value}, attrs...)
	}
	inst := conventions("Institution dependent")
	hist("HISTORY_INSTITUTION", "STRING4", f.Centre, longName("Institution which performed action"), conventions("Argo reference table 4"), fillC)
	hist("HISTORY_STEP", "STRING4", "ARGQ", longName("Step in data processing"), conventions("Argo reference table 12"), fillC)
	hist("HISTORY_SOFTWARE", "STRING4", "COQC", longName("Name of software which performed action"), inst, fillC)
	hist("HISTORY_SOFTWARE_RELEASE", "STRING4", "2.9", longName("Version/release of software which performed action"), inst, fillC)
	hist("HISTORY_REFERENCE", "STRING64", "", longName("Reference of database"), inst, fillC)
	hist("HISTORY_DATE", "DATE_TIME", stamp(updated), longName("Date the history record was created"), dateConv, fillC)
	hist("HISTORY_ACTION", "STRING4", "QCP$", longName("Action performed on data"), conventions("Argo reference table 7"), fillC)
	hist("HISTORY_PARAMETER", "STRING16", "", longName("Station parameter action is performed on"), conventions("Argo reference table 3"), fillC)
	d.add("HISTORY_PREVIOUS_VALUE", nc.Float, h1, []float32{fillFloat}, longName("Parameter/Flag previous value before action"), fillF)
	d.flags("HISTORY_INDEX_DIMENSION", h1, []byte{'M'}, longName("Name of dimension to which HISTORY_START_INDEX and HISTORY_STOP_INDEX correspond"),
		conventions("C: N_CYCLE, M: N_MEASUREMENT"), fillC)
	d.add("HISTORY_START_INDEX", nc.Int, h1, []int32{1}, longName("Start index action applied on"), fillI)
	d.add("HISTORY_STOP_INDEX", nc.Int, h1, []int32{int32(n)}, longName("Stop index action applied on"), fillI)
	hist("HISTORY_QCTEST", "STRING16", "000FFFFE", longName("Documentation of tests performed, tests failed (in hex form)"),
		conventions("Write tests performed when ACTION=QCP$; tests failed when ACTION=QCF$"), fillC)

	d.global = []nc.Attr{
		str("title", "Argo float trajectory file"),
		str("institution", f.Institution),
		str("source", "Argo float"),
		str("history", historyAttr(created, updated)),
		str("references", "http://www.argodatamgt.org/Documentation"),
		str("user_manual_version", "3.1"),
		str("Conventions", "Argo-3.1 CF-1.6"),
		str("featureType", "trajectory"),
		str("comment", synthetic),
	}
	return d.write(path, nc.Classic)
}
