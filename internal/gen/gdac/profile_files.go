package main

import (
	"fmt"
	"math"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// fileKind is the family of a profile file.
type fileKind int

const (
	kindCore fileKind = iota // R/D files and <wmo>_prof.nc
	kindB                    // BR/BD files
	kindS                    // SR/SD files and <wmo>_Sprof.nc
)

// profileFile is one profile file to write.
type profileFile struct {
	kind        fileKind
	v22         bool // core file in format 2.2
	profiles    []*profile
	created     time.Time
	updated     time.Time
	institution string
	history     bool // write history entries (single-cycle core and B files)
}

// paramAttrs holds the R03 attributes of a parameter.
type paramAttrs struct {
	long, std, units string
	min, max         float32
	cfmt, ffmt       string
	res              float32
}

var paramTable = map[string]paramAttrs{
	"PRES":      {"Sea water pressure, equals 0 at sea-level", "sea_water_pressure", "decibar", 0, 12000, "%7.1f", "F7.1", 0.1},
	"TEMP":      {"Sea temperature in-situ ITS-90 scale", "sea_water_temperature", "degree_Celsius", -2.5, 40, "%9.3f", "F9.3", 0.001},
	"PSAL":      {"Practical salinity", "sea_water_salinity", "psu", 2, 41, "%9.3f", "F9.3", 0.001},
	"TEMP_DOXY": {"Sea temperature from oxygen sensor ITS-90 scale", "temperature_of_sensor_for_oxygen_in_sea_water", "degree_Celsius", -2, 40, "%9.3f", "F9.3", 0.001},
	"DOXY":      {"Dissolved oxygen", "moles_of_oxygen_per_unit_mass_in_sea_water", "micromole/kg", -5, 600, "%9.3f", "F9.3", 0.001},
}

// paramTable22 holds the format 2.2 attributes of the core parameters.
var paramTable22 = map[string]struct {
	long, comment string
	min, max      float32
}{
	"PRES": {"SEA PRESSURE", "In situ measurement, sea surface = 0", 0, 12000},
	"TEMP": {"SEA TEMPERATURE IN SITU ITS-90 SCALE", "In situ measurement", -2, 40},
	"PSAL": {"PRACTICAL SALINITY", "In situ measurement", 0, 42},
}

const errLongName = "Contains the error on the adjusted values as determined by the delayed mode QC process"

func (pa paramAttrs) valueAttrs(withAxis bool) []nc.Attr {
	as := []nc.Attr{longName(pa.long)}
	if pa.std != "" {
		as = append(as, str("standard_name", pa.std))
	}
	as = append(as, fillF, str("units", pa.units), f32("valid_min", pa.min), f32("valid_max", pa.max),
		str("C_format", pa.cfmt), str("FORTRAN_format", pa.ffmt), f32("resolution", pa.res))
	if withAxis {
		as = append(as, str("axis", "Z"))
	}
	return as
}

func (pa paramAttrs) errorAttrs() []nc.Attr {
	return []nc.Attr{longName(errLongName), fillF, str("units", pa.units),
		str("C_format", pa.cfmt), str("FORTRAN_format", pa.ffmt), f32("resolution", pa.res)}
}

func (pa paramAttrs) attrs22(name string) []nc.Attr {
	t := paramTable22[name]
	return []nc.Attr{longName(t.long), str("units", pa.units), fillF, f32("valid_min", t.min), f32("valid_max", t.max),
		str("comment", t.comment), str("C_format", pa.cfmt), str("FORTRAN_format", pa.ffmt), f32("resolution", pa.res)}
}

func (pa paramAttrs) errorAttrs22(name string) []nc.Attr {
	return []nc.Attr{longName(paramTable22[name].long), str("units", pa.units), fillF,
		str("comment", errLongName+"."), str("C_format", pa.cfmt), str("FORTRAN_format", pa.ffmt), f32("resolution", pa.res)}
}

var qcAttrs = []nc.Attr{longName("quality flag"), qcConv, fillC}

// paramNames returns the parameters of the profiles in order of appearance.
func paramNames(ps []*profile) []string {
	var names []string
	seen := map[string]bool{}
	for _, p := range ps {
		for _, s := range p.Params {
			if !seen[s.Name] {
				seen[s.Name] = true
				names = append(names, s.Name)
			}
		}
	}
	return names
}

// firstSeries returns a profile's series for the name from any profile, used
// to decide which companion variables a parameter has.
func firstSeries(ps []*profile, name string) *series {
	for _, p := range ps {
		if s := p.param(name); s != nil {
			return s
		}
	}
	return nil
}

// build lays out a profile file as a dataset, following the variable order
// and attributes of the real files of the same kind and format.
func (pf *profileFile) build() *dataset {
	d := &dataset{}
	ps := pf.profiles
	np := len(ps)
	nparam, nlev := 0, 0
	for _, p := range ps {
		nparam = max(nparam, len(p.Params))
		nlev = max(nlev, p.nlevels())
	}
	strParam := "STRING16"
	if pf.kind != kindCore {
		strParam = "STRING64"
	}
	nhist := 0
	if pf.history {
		for _, p := range ps {
			nhist = max(nhist, len(historyOf(p)))
		}
	}

	d.dim("DATE_TIME", 14)
	d.dim("STRING256", 256)
	d.dim("STRING64", 64)
	d.dim("STRING32", 32)
	if pf.kind != kindS {
		d.dim("STRING16", 16)
	}
	d.dim("STRING8", 8)
	d.dim("STRING4", 4)
	d.dim("STRING2", 2)
	d.dim("N_PROF", np)
	d.dim("N_PARAM", nparam)
	d.dim("N_LEVELS", nlev)
	d.dim("N_CALIB", 1)
	if pf.kind != kindS {
		d.unlimited("N_HISTORY", nhist)
	}

	// File-level variables.
	dataType, typeDim, version := "Argo profile", "STRING16", "3.1"
	switch pf.kind {
	case kindB:
		dataType, typeDim = "B-Argo profile", "STRING32"
	case kindS:
		dataType, typeDim, version = "Argo synthetic profile", "STRING32", "1.0"
	}
	if pf.v22 {
		version = "2.2"
	}
	describe := func(s string) nc.Attr { // 2.2 files use comment where 3.x uses long_name
		if pf.v22 {
			return str("comment", s)
		}
		return longName(s)
	}
	if pf.v22 {
		d.text("DATA_TYPE", []string{typeDim}, []string{dataType}, describe("Data type"), fillC)
	} else {
		d.text("DATA_TYPE", []string{typeDim}, []string{dataType}, longName("Data type"), conventions("Argo reference table 1"), fillC)
	}
	d.text("FORMAT_VERSION", []string{"STRING4"}, []string{version}, describe("File format version"), fillC)
	d.text("HANDBOOK_VERSION", []string{"STRING4"}, []string{"1.2"}, describe("Data handbook version"), fillC)
	d.text("REFERENCE_DATE_TIME", []string{"DATE_TIME"}, []string{stamp(ref1950)}, describe("Date of reference for Julian days"), dateConv, fillC)
	d.text("DATE_CREATION", []string{"DATE_TIME"}, []string{stamp(pf.created)}, describe("Date of file creation"), dateConv, fillC)
	d.text("DATE_UPDATE", []string{"DATE_TIME"}, []string{stamp(pf.updated)}, longName("Date of update of this file"), dateConv, fillC)

	// Per-profile variables.
	prof := func(name, width string, get func(*profile) string, attrs ...nc.Attr) {
		rows := make([]string, np)
		for i, p := range ps {
			rows[i] = get(p)
		}
		d.text(name, []string{"N_PROF", width}, rows, attrs...)
	}
	perProf := func(name string, get func(*profile) byte, attrs ...nc.Attr) {
		b := make([]byte, np)
		for i, p := range ps {
			b[i] = get(p)
		}
		d.flags(name, []string{"N_PROF"}, b, attrs...)
	}
	f := ps[0].Float
	prof("PLATFORM_NUMBER", "STRING8", func(*profile) string { return f.WMO },
		longName("Float unique identifier"), conventions("WMO float identifier : A9IIIII"), fillC)
	prof("PROJECT_NAME", "STRING64", func(*profile) string { return f.Project }, describe("Name of the project"), fillC)
	prof("PI_NAME", "STRING64", func(*profile) string { return f.PI }, describe("Name of the principal investigator"), fillC)
	var stations []string
	for _, p := range ps {
		for j := 0; j < nparam; j++ {
			name := ""
			if j < len(p.Params) {
				name = p.Params[j].Name
			}
			stations = append(stations, name)
		}
	}
	d.text("STATION_PARAMETERS", []string{"N_PROF", "N_PARAM", strParam}, stations,
		longName("List of available parameters for the station"), conventions("Argo reference table 3"), fillC)
	cycles := make([]int32, np)
	for i, p := range ps {
		cycles[i] = int32(p.Cycle)
	}
	cycleConvention := cycleConv
	if pf.v22 {
		cycleConvention = conventions("0..N, 0 : launch cycle (if exists), 1 : first complete cycle")
	}
	d.add("CYCLE_NUMBER", nc.Int, []string{"N_PROF"}, cycles, longName("Float cycle number"), cycleConvention, fillI)
	perProf("DIRECTION", func(p *profile) byte { return p.Dir },
		longName("Direction of the station profiles"), conventions("A: ascending profiles, D: descending profiles"), fillC)
	prof("DATA_CENTRE", "STRING2", func(*profile) string { return f.Centre },
		longName("Data centre in charge of float data processing"), conventions("Argo reference table 4"), fillC)
	if pf.kind != kindS {
		prof("DC_REFERENCE", "STRING32", dcReference,
			longName("Station unique identifier in data centre"), conventions("Data centre convention"), fillC)
		prof("DATA_STATE_INDICATOR", "STRING4", dataState,
			longName("Degree of processing the data have passed through"), conventions("Argo reference table 6"), fillC)
		perProf("DATA_MODE", func(p *profile) byte { return p.Mode },
			longName("Delayed mode or real time data"), modeConv, fillC)
	}
	if pf.kind != kindCore {
		var modes []byte
		for _, p := range ps {
			for j := 0; j < nparam; j++ {
				m := blank
				if j < len(p.Params) {
					m = p.Params[j].Mode
				}
				modes = append(modes, m)
			}
		}
		d.flags("PARAMETER_DATA_MODE", []string{"N_PROF", "N_PARAM"}, modes,
			longName("Delayed mode or real time data"), modeConv, fillC)
	}
	if pf.v22 {
		prof("INST_REFERENCE", "STRING64", func(*profile) string { return f.PlatformType + ", SBE41, " + f.SerialNo },
			longName("Instrument type"), conventions("Brand, type, serial number"), fillC)
	} else {
		prof("PLATFORM_TYPE", "STRING32", func(*profile) string { return f.PlatformType },
			longName("Type of float"), conventions("Argo reference table 23"), fillC)
		prof("FLOAT_SERIAL_NO", "STRING32", func(*profile) string { return f.SerialNo }, longName("Serial number of the float"), fillC)
		prof("FIRMWARE_VERSION", "STRING32", func(*profile) string { return f.Firmware }, longName("Instrument firmware version"), fillC)
	}
	prof("WMO_INST_TYPE", "STRING4", func(*profile) string { return f.InstType },
		longName("Coded instrument type"), conventions("Argo reference table 8"), fillC)

	juldVals := make([]float64, np)
	locVals := make([]float64, np)
	lats := make([]float64, np)
	lons := make([]float64, np)
	for i, p := range ps {
		juldVals[i], locVals[i] = juld(p.Time), juld(p.LocTime)
		lats[i], lons[i] = p.Lat, p.Lon
	}
	const res = 1.1574e-05 // one second
	juldLong := "Julian day (UTC) of the station relative to REFERENCE_DATE_TIME"
	locLong := "Julian day (UTC) of the location relative to REFERENCE_DATE_TIME"
	if pf.v22 {
		d.add("JULD", nc.Double, []string{"N_PROF"}, juldVals, longName(juldLong), juldConv, juldUnits, fillD)
		perProf("JULD_QC", qcGood, longName("Quality on Date and Time"), qcConv, fillC)
		d.add("JULD_LOCATION", nc.Double, []string{"N_PROF"}, locVals, longName(locLong), juldUnits, juldConv, fillD)
		d.add("LATITUDE", nc.Double, []string{"N_PROF"}, lats, longName("Latitude of the station, best estimate"),
			fillPosD, str("units", "degree_north"), f64("valid_min", -90), f64("valid_max", 90))
		d.add("LONGITUDE", nc.Double, []string{"N_PROF"}, lons, longName("Longitude of the station, best estimate"),
			fillPosD, str("units", "degree_east"), f64("valid_min", -180), f64("valid_max", 180))
	} else {
		d.add("JULD", nc.Double, []string{"N_PROF"}, juldVals, longName(juldLong), str("standard_name", "time"),
			juldUnits, juldConv, f64("resolution", res), fillD, str("axis", "T"))
		perProf("JULD_QC", qcGood, longName("Quality on date and time"), qcConv, fillC)
		d.add("JULD_LOCATION", nc.Double, []string{"N_PROF"}, locVals, longName(locLong),
			juldUnits, juldConv, f64("resolution", res), fillD)
		d.add("LATITUDE", nc.Double, []string{"N_PROF"}, lats, longName("Latitude of the station, best estimate"),
			str("standard_name", "latitude"), str("units", "degree_north"), fillPosD,
			f64("valid_min", -90), f64("valid_max", 90), str("axis", "Y"))
		d.add("LONGITUDE", nc.Double, []string{"N_PROF"}, lons, longName("Longitude of the station, best estimate"),
			str("standard_name", "longitude"), str("units", "degree_east"), fillPosD,
			f64("valid_min", -180), f64("valid_max", 180), str("axis", "X"))
	}
	perProf("POSITION_QC", qcGood, longName("Quality on position (latitude and longitude)"), qcConv, fillC)
	prof("POSITIONING_SYSTEM", "STRING8", func(*profile) string { return f.Positioning }, longName("Positioning system"), fillC)

	names := paramNames(ps)
	profileQC := func(name string) {
		perProf("PROFILE_"+name+"_QC", func(p *profile) byte {
			s := p.param(name)
			if s == nil {
				return blank
			}
			if s.Mode != 'R' && s.AdjQC != nil {
				return grade(s.AdjQC)
			}
			return grade(s.RawQC)
		}, longName("Global quality flag of "+name+" profile"), gradeConv, fillC)
	}
	if pf.kind != kindS && !pf.v22 {
		for _, name := range names {
			if s := firstSeries(ps, name); !s.PresOnly {
				profileQC(name)
			}
		}
		prof("VERTICAL_SAMPLING_SCHEME", "STRING256", func(p *profile) string { return p.Sampling },
			longName("Vertical sampling scheme"), conventions("Argo reference table 16"), fillC)
	}
	if !pf.v22 {
		missions := make([]int32, np)
		for i := range missions {
			missions[i] = 1
		}
		d.add("CONFIG_MISSION_NUMBER", nc.Int, []string{"N_PROF"}, missions,
			longName("Unique number denoting the missions performed by the float"), missionCnv, fillI)
	}
	if pf.kind == kindS {
		pf.calibration(d, strParam, nparam)
		for _, name := range names {
			profileQC(name)
		}
	}

	// Measurements.
	levelVar := func(name string, t nc.Type, get func(*series) []float64, qc func(*series) []byte, attrs []nc.Attr) {
		dims := []string{"N_PROF", "N_LEVELS"}
		if t == nc.Char {
			b := blanks(np * nlev)
			for i, p := range ps {
				if s := p.param(seriesName(name)); s != nil {
					copy(b[i*nlev:], qc(s))
				}
			}
			d.flags(name, dims, b, attrs...)
			return
		}
		x := nans(np * nlev)
		for i, p := range ps {
			if s := p.param(seriesName(name)); s != nil {
				copy(x[i*nlev:], get(s))
			}
		}
		d.add(name, nc.Float, dims, f32s(x), attrs...)
	}
	raw := func(s *series) []float64 { return s.Raw }
	rawQC := func(s *series) []byte { return s.RawQC }
	adj := func(s *series) []float64 { return s.Adj }
	adjQC := func(s *series) []byte { return s.AdjQC }
	adjErr := func(s *series) []float64 { return s.AdjErr }
	dpres := func(s *series) []float64 { return s.DPres }
	for _, name := range names {
		pa := paramTable[name]
		s0 := firstSeries(ps, name)
		if pf.v22 {
			profileQC(name)
			levelVar(name, nc.Float, raw, nil, pa.attrs22(name))
			levelVar(name+"_QC", nc.Char, nil, rawQC, qcAttrs)
			levelVar(name+"_ADJUSTED", nc.Float, adj, nil, pa.attrs22(name))
			levelVar(name+"_ADJUSTED_QC", nc.Char, nil, adjQC, qcAttrs)
			levelVar(name+"_ADJUSTED_ERROR", nc.Float, adjErr, nil, pa.errorAttrs22(name))
			continue
		}
		levelVar(name, nc.Float, raw, nil, pa.valueAttrs(name == "PRES"))
		if s0.PresOnly {
			continue
		}
		levelVar(name+"_QC", nc.Char, nil, rawQC, qcAttrs)
		if s0.Intermediate {
			continue
		}
		if pf.kind == kindS && name != "PRES" {
			levelVar(name+"_dPRES", nc.Float, dpres, nil, []nc.Attr{
				longName(name + " pressure displacement from original sampled value"), fillF, str("units", "decibar")})
		}
		levelVar(name+"_ADJUSTED", nc.Float, adj, nil, pa.valueAttrs(name == "PRES"))
		levelVar(name+"_ADJUSTED_QC", nc.Char, nil, adjQC, qcAttrs)
		levelVar(name+"_ADJUSTED_ERROR", nc.Float, adjErr, nil, pa.errorAttrs())
	}

	if pf.kind != kindS {
		pf.calibration(d, strParam, nparam)
		pf.historyVars(d, strParam, nhist)
	}
	d.global = pf.globals()
	return d
}

// seriesName strips the companion suffix of a measurement variable name.
func seriesName(v string) string {
	for _, suf := range []string{"_ADJUSTED_ERROR", "_ADJUSTED_QC", "_ADJUSTED", "_dPRES", "_QC"} {
		if len(v) > len(suf) && v[len(v)-len(suf):] == suf {
			return v[:len(v)-len(suf)]
		}
	}
	return v
}

func qcGood(*profile) byte { return '1' }

// dcReference is the DAC's station identifier (DC_REFERENCE).
func dcReference(p *profile) string {
	return fmt.Sprintf("%s_%03d%c", p.Float.SerialNo, p.Cycle, p.Dir)
}

// dataState is DATA_STATE_INDICATOR (R06) for the profile's mode.
func dataState(p *profile) string {
	switch p.Mode {
	case 'D':
		return "2C"
	case 'A':
		return "2B+"
	}
	return "2B"
}

// calibration writes the N_CALIB=1 calibration section.
func (pf *profileFile) calibration(d *dataset, strParam string, nparam int) {
	dims := func(w string) []string { return []string{"N_PROF", "N_CALIB", "N_PARAM", w} }
	var params, eqs, coefs, comments, dates []string
	for _, p := range pf.profiles {
		for j := 0; j < nparam; j++ {
			var c calib
			name := ""
			if j < len(p.Params) {
				name = p.Params[j].Name
				c = calibOf(p, p.Params[j])
			}
			params = append(params, name)
			eqs = append(eqs, c.eq)
			coefs = append(coefs, c.coef)
			comments = append(comments, c.comment)
			dates = append(dates, c.date)
		}
	}
	d.text("PARAMETER", dims(strParam), params,
		longName("List of parameters with calibration information"), conventions("Argo reference table 3"), fillC)
	d.text("SCIENTIFIC_CALIB_EQUATION", dims("STRING256"), eqs, longName("Calibration equation for this parameter"), fillC)
	d.text("SCIENTIFIC_CALIB_COEFFICIENT", dims("STRING256"), coefs, longName("Calibration coefficients for this equation"), fillC)
	d.text("SCIENTIFIC_CALIB_COMMENT", dims("STRING256"), comments, longName("Comment applying to this parameter calibration"), fillC)
	if pf.v22 {
		d.text("CALIBRATION_DATE", dims("DATE_TIME"), dates, fillC)
	} else {
		d.text("SCIENTIFIC_CALIB_DATE", dims("DATE_TIME"), dates, longName("Date of calibration"), dateConv, fillC)
	}
}

// calib is one cell of the calibration section.
type calib struct{ eq, coef, comment, date string }

// calibOf describes the adjustment of a parameter (blank in real time),
// dated when the adjustment was made: at creation in A mode, at the
// delayed-mode update in D mode.
func calibOf(p *profile, s *series) calib {
	date := stamp(p.Updated)
	if s.Mode == 'A' {
		date = stamp(p.Created)
	}
	switch {
	case s.Mode == 'R' || s.Intermediate || s.PresOnly:
		return calib{}
	case s.Name == "PRES":
		return calib{"PRES_ADJUSTED = PRES - dP", "dP = 0.1 dbar.",
			"Pressure adjusted using the surface pressure offset reported by the float.", date}
	case s.Name == "TEMP":
		return calib{"none", "none", "The quoted error is manufacturer specified accuracy with respect to ITS-90 at time of laboratory calibration.", date}
	case s.Name == "PSAL" && s.Mode == 'A':
		return calib{"PSAL_ADJUSTED = PSAL + dS", "dS = 0.004", "Real-time salinity offset carried forward from the last delayed-mode assessment.", date}
	case s.Name == "PSAL":
		return calib{"PSAL_ADJUSTED = PSAL + dS", "dS = 0.005", "Salinity drift correction from a comparison with reference data (OWC method).", date}
	case s.Name == "DOXY" && s.Mode == 'A':
		return calib{"DOXY_ADJUSTED = G * DOXY", "G = 1.030", "Real-time gain from in-air optode measurements.", date}
	case s.Name == "DOXY":
		return calib{"DOXY_ADJUSTED = G * DOXY", "G = 1.032", "Delayed-mode gain from in-air optode measurements and a reference climatology.", date}
	}
	return calib{}
}

// hist is one history record.
type hist struct {
	inst, step, software, release, ref, date, action, param, qctest string
	start, stop, previous                                           float64
}

// historyOf returns the history records of a profile: the real-time QC
// record, a record for each failed test, and the delayed-mode record.
func historyOf(p *profile) []hist {
	created := stamp(p.Created)
	inst := p.Float.Centre
	hs := []hist{{inst: inst, step: "ARGQ", software: "COQC", release: "2.9", date: created,
		action: "QCP$", qctest: "000FFFFE", start: math.NaN(), stop: math.NaN(), previous: math.NaN()}}
	for _, e := range p.Spec.QC {
		if e.Flag == '4' && e.Param == "TEMP" {
			hs = append(hs, hist{inst: inst, step: "ARGQ", software: "COQC", release: "2.9", date: created,
				action: "QCF$", qctest: "00000200", start: math.NaN(), stop: math.NaN(), previous: math.NaN()})
			break
		}
	}
	// The delayed-mode record names the parameter the PI adjusted: PSAL in
	// core files (with OWC), DOXY in B files (with SAGE-O2).
	for _, s := range p.Params {
		if s.Mode != 'D' || (s.Name != "PSAL" && s.Name != "DOXY") {
			continue
		}
		software, ref := "OWC", "WOD2018/ARGO_2021V03"
		if s.Name == "DOXY" {
			software, ref = "SAGE", "WOA2018"
		}
		hs = append(hs, hist{inst: inst, step: "ARSQ", software: software, release: "3.0", ref: ref,
			date: stamp(p.Updated), action: "IP", param: s.Name, start: math.NaN(), stop: math.NaN(), previous: math.NaN()})
	}
	return hs
}

// historyVars writes the history section, dimensioned (N_HISTORY, N_PROF).
func (pf *profileFile) historyVars(d *dataset, strParam string, nhist int) {
	np := len(pf.profiles)
	records := make([][]hist, np)
	for i, p := range pf.profiles {
		if pf.history {
			records[i] = historyOf(p)
		}
	}
	get := func(h int, i int) (hist, bool) {
		if h >= len(records[i]) {
			return hist{}, false
		}
		return records[i][h], true
	}
	text := func(name, width string, field func(hist) string, attrs ...nc.Attr) {
		rows := make([]string, nhist*np)
		for h := 0; h < nhist; h++ {
			for i := 0; i < np; i++ {
				if e, ok := get(h, i); ok {
					rows[h*np+i] = field(e)
				}
			}
		}
		d.text(name, []string{"N_HISTORY", "N_PROF", width}, rows, attrs...)
	}
	float := func(name string, field func(hist) float64, attrs ...nc.Attr) {
		x := nans(nhist * np)
		for h := 0; h < nhist; h++ {
			for i := 0; i < np; i++ {
				if e, ok := get(h, i); ok {
					x[h*np+i] = field(e)
				}
			}
		}
		d.add(name, nc.Float, []string{"N_HISTORY", "N_PROF"}, f32s(x), attrs...)
	}
	inst := conventions("Institution dependent")
	text("HISTORY_INSTITUTION", "STRING4", func(e hist) string { return e.inst },
		longName("Institution which performed action"), conventions("Argo reference table 4"), fillC)
	text("HISTORY_STEP", "STRING4", func(e hist) string { return e.step },
		longName("Step in data processing"), conventions("Argo reference table 12"), fillC)
	text("HISTORY_SOFTWARE", "STRING4", func(e hist) string { return e.software },
		longName("Name of software which performed action"), inst, fillC)
	text("HISTORY_SOFTWARE_RELEASE", "STRING4", func(e hist) string { return e.release },
		longName("Version/release of software which performed action"), inst, fillC)
	text("HISTORY_REFERENCE", "STRING64", func(e hist) string { return e.ref },
		longName("Reference of database"), inst, fillC)
	text("HISTORY_DATE", "DATE_TIME", func(e hist) string { return e.date },
		longName("Date the history record was created"), dateConv, fillC)
	text("HISTORY_ACTION", "STRING4", func(e hist) string { return e.action },
		longName("Action performed on data"), conventions("Argo reference table 7"), fillC)
	text("HISTORY_PARAMETER", strParam, func(e hist) string { return e.param },
		longName("Station parameter action is performed on"), conventions("Argo reference table 3"), fillC)
	float("HISTORY_START_PRES", func(e hist) float64 { return e.start },
		longName("Start pressure action applied on"), fillF, str("units", "decibar"))
	float("HISTORY_STOP_PRES", func(e hist) float64 { return e.stop },
		longName("Stop pressure action applied on"), fillF, str("units", "decibar"))
	float("HISTORY_PREVIOUS_VALUE", func(e hist) float64 { return e.previous },
		longName("Parameter/Flag previous value before action"), fillF)
	text("HISTORY_QCTEST", "STRING16", func(e hist) string { return e.qctest },
		longName("Documentation of tests performed, tests failed (in hex form)"),
		conventions("Write tests performed when ACTION=QCP$; tests failed when ACTION=QCF$"), fillC)
}

// globals returns the global attributes of the file.
func (pf *profileFile) globals() []nc.Attr {
	if pf.v22 { // format 2.2 requires no global attributes
		return []nc.Attr{str("comment", synthetic)}
	}
	manual := "3.1"
	if pf.kind == kindS {
		manual = "1.0"
	}
	return []nc.Attr{
		str("title", "Argo float vertical profile"),
		str("institution", pf.institution),
		str("source", "Argo float"),
		str("history", historyAttr(pf.created, pf.updated)),
		str("references", "http://www.argodatamgt.org/Documentation"),
		str("user_manual_version", manual),
		str("Conventions", "Argo-3.1 CF-1.6"),
		str("featureType", "trajectoryProfile"),
		str("comment", synthetic),
	}
}

// synthetic is the comment attribute of every generated NetCDF file.
const synthetic = "Synthetic test data generated by github.com/insitu-go/insitu/internal/gen/gdac; not real Argo data"

// historyAttr is the global history attribute.
func historyAttr(created, updated time.Time) string {
	h := created.UTC().Format(time.RFC3339) + " creation"
	if !updated.Equal(created) {
		h += "; " + updated.UTC().Format(time.RFC3339) + " last update"
	}
	return h
}

// write writes the profile file.
func (pf *profileFile) write(path string, format nc.Format) error {
	return pf.build().write(path, format)
}
