package argo

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// Trajectory is the content of an Argo trajectory file (<WMO>_Rtraj.nc,
// _Dtraj.nc, and the B files _BRtraj.nc, _BDtraj.nc), formats 2.2 to 3.2:
// the float-level fields, the N_MEASUREMENT group (every timed event,
// position and in-situ measurement of the float's life, in file order) and
// the N_CYCLE group (one timing summary per cycle).
//
// Measurements are stored by column (see [Measurements]): trajectory files
// hold tens of thousands of measurements with a dozen fields and a few
// parameters each, and columns keep them in a few dozen slices rather than
// one map and one struct per measurement. [Measurements.At] gives one row.
//
// Measurements are kept in file order, never sorted: JULD can go backwards
// (clock drift before adjustment), and the order is the file's own (cycle,
// then event).
type Trajectory struct {
	File *File // the file it came from

	Platform           string // PLATFORM_NUMBER (WMO number)
	Project            string // PROJECT_NAME
	PI                 string // PI_NAME
	DataCentre         string // DATA_CENTRE (reference table 4)
	DataStateIndicator string // DATA_STATE_INDICATOR (reference table 6)
	PlatformType       string // PLATFORM_TYPE (format 3.x)
	FloatSerialNo      string
	FirmwareVersion    string
	WMOInstType        string // WMO_INST_TYPE (reference table 8)
	InstReference      string // INST_REFERENCE (format 2.x)
	PositioningSystem  string // POSITIONING_SYSTEM

	// Parameters are the TRAJECTORY_PARAMETERS entries, blanks dropped
	// (nil in files without the variable, such as many format 2.2 files).
	Parameters []string

	Measurements Measurements
	Cycles       []CycleInfo

	// Attrs holds the other file-level text variables that are not blank, by name.
	Attrs map[string]string
	// Warnings lists what the reader noticed and skipped: misshapen
	// variables, parameters listed without a variable, unlisted parameters.
	Warnings []string
}

// Measurements is the N_MEASUREMENT group of a trajectory file, by column:
// element i of every non-nil slice is measurement i, in file order.
//
// The columns Time, TimeStatus, TimeQC, Lat, Lon, PositionAccuracy,
// PositionQC, Cycle and MeasurementCode always have one element per
// measurement, filled with "missing" (the zero time, ' ', NaN, MissingInt)
// where the file has no value or no variable. The other columns are nil
// when the file does not have their variable. Status and accuracy bytes are
// as written in the file, with NULs read as ' '.
type Measurements struct {
	Time               []time.Time // JULD: the time as the float or the positioning system gave it
	TimeStatus         []byte      // JULD_STATUS (reference table 19)
	TimeQC             []QC        // JULD_QC
	TimeAdjusted       []time.Time // JULD_ADJUSTED: the best estimate of the time (clock drift corrected)
	TimeAdjustedStatus []byte      // JULD_ADJUSTED_STATUS (reference table 19)
	TimeAdjustedQC     []QC        // JULD_ADJUSTED_QC
	TimeMode           []Mode      // JULD_DATA_MODE
	Lat, Lon           []float64   // LATITUDE, LONGITUDE; NaN when missing
	PositionAccuracy   []byte      // POSITION_ACCURACY (reference table 5: '0'-'3', 'A', 'B', 'Z', 'G', ...)
	PositionQC         []QC        // POSITION_QC
	Cycle              []int       // CYCLE_NUMBER; -1 marks the launch and prelude; MissingInt when missing
	CycleAdjusted      []int       // CYCLE_NUMBER_ADJUSTED
	MeasurementCode    []int       // MEASUREMENT_CODE (reference table 15); MissingInt in files without it (format 2.2)
	SatelliteName      []byte      // SATELLITE_NAME
	EllipseMajor       []float64   // AXES_ERROR_ELLIPSE_MAJOR in metres
	EllipseMinor       []float64   // AXES_ERROR_ELLIPSE_MINOR in metres
	EllipseAngle       []float64   // AXES_ERROR_ELLIPSE_ANGLE in degrees from north
	DataMode           []Mode      // DATA_MODE per measurement (format 2.x; format 3.x has it per cycle)

	// Params are the measured parameters: the TRAJECTORY_PARAMETERS
	// entries in order, then parameters found only as variables that hold
	// data, sorted by name.
	Params []*TrajParam
}

// TrajParam is one parameter of the N_MEASUREMENT group, by column: raw
// and adjusted values with their flags and errors, one element per
// measurement (NValues elements per measurement for spectra). Missing
// values are NaN, missing flags ' '.
type TrajParam struct {
	Name          string
	Raw           []float64
	RawQC         []QC      // nil when the file has no <PARAM>_QC (PRES in B files)
	Adjusted      []float64 // nil when the file has no <PARAM>_ADJUSTED
	AdjustedQC    []QC      // nil when the file has no <PARAM>_ADJUSTED_QC
	AdjustedError []float64 // nil when the file has no <PARAM>_ADJUSTED_ERROR
	// Mode is the parameter's TRAJECTORY_PARAMETER_DATA_MODE column; nil
	// when the file has none (then see the cycle's DataMode).
	Mode     []Mode
	NValues  int // values per measurement (N_VALUESnn for spectra); 1 otherwise
	Units    string
	LongName string
	Listed   bool // listed in TRAJECTORY_PARAMETERS (false: found only as a variable)
}

// TrajValue is the value of one parameter at one measurement.
type TrajValue struct {
	Raw           float64
	RawQC         QC
	Adjusted      float64
	AdjustedQC    QC
	AdjustedError float64
	Mode          Mode // the TRAJECTORY_PARAMETER_DATA_MODE, or unknown
}

// Measurement is one row of the N_MEASUREMENT group; see [Measurements]
// for the meaning of the fields. Absent variables give missing values.
type Measurement struct {
	Index              int // the N_MEASUREMENT index
	Time               time.Time
	TimeStatus         byte
	TimeQC             QC
	TimeAdjusted       time.Time
	TimeAdjustedStatus byte
	TimeAdjustedQC     QC
	TimeMode           Mode
	Lat, Lon           float64
	PositionAccuracy   byte
	PositionQC         QC
	Cycle              int
	CycleAdjusted      int
	MeasurementCode    int
	DataMode           Mode
	// Values holds every parameter with one value per measurement (spectra
	// are left out: read them from [Measurements.Params]).
	Values map[string]TrajValue
}

// Len returns the number of measurements.
func (m *Measurements) Len() int { return len(m.Time) }

// Param returns the named parameter, or nil.
func (m *Measurements) Param(name string) *TrajParam {
	for _, p := range m.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// BestTime returns the time of measurement i: JULD_ADJUSTED when the file
// has a value, JULD otherwise.
func (m *Measurements) BestTime(i int) time.Time {
	if i < len(m.TimeAdjusted) && !m.TimeAdjusted[i].IsZero() {
		return m.TimeAdjusted[i]
	}
	return m.Time[i]
}

// At returns measurement i (0 <= i < Len()) as a row.
func (m *Measurements) At(i int) Measurement {
	nan := math.NaN()
	r := Measurement{
		Index:              i,
		Time:               m.Time[i],
		TimeStatus:         at(m.TimeStatus, i, ' '),
		TimeQC:             at(m.TimeQC, i, QCNone),
		TimeAdjusted:       at(m.TimeAdjusted, i, time.Time{}),
		TimeAdjustedStatus: at(m.TimeAdjustedStatus, i, ' '),
		TimeAdjustedQC:     at(m.TimeAdjustedQC, i, QCNone),
		TimeMode:           at(m.TimeMode, i, ModeUnknown),
		Lat:                at(m.Lat, i, nan),
		Lon:                at(m.Lon, i, nan),
		PositionAccuracy:   at(m.PositionAccuracy, i, ' '),
		PositionQC:         at(m.PositionQC, i, QCNone),
		Cycle:              at(m.Cycle, i, MissingInt),
		CycleAdjusted:      at(m.CycleAdjusted, i, MissingInt),
		MeasurementCode:    at(m.MeasurementCode, i, MissingInt),
		DataMode:           at(m.DataMode, i, ModeUnknown),
		Values:             make(map[string]TrajValue, len(m.Params)),
	}
	for _, p := range m.Params {
		if p.NValues > 1 {
			continue
		}
		r.Values[p.Name] = TrajValue{
			Raw: at(p.Raw, i, nan), RawQC: at(p.RawQC, i, QCNone),
			Adjusted: at(p.Adjusted, i, nan), AdjustedQC: at(p.AdjustedQC, i, QCNone),
			AdjustedError: at(p.AdjustedError, i, nan), Mode: at(p.Mode, i, ModeUnknown),
		}
	}
	return r
}

// Event is the time of one cycle event of the N_CYCLE group and its status
// (reference table 19: '0' estimated from pre-deployment information, '1'
// estimated, '2' transmitted by the float, '3' computed from transmitted
// information, '4' determined by satellite, '9' not yet known; ' ' when
// missing).
type Event struct {
	Time   time.Time
	Status byte
}

// CycleInfo is one element of the N_CYCLE group of a trajectory file: the
// timing of the cycle's events and its summary. Events the file does not
// have are the zero time with status ' '.
type CycleInfo struct {
	Row int // the N_CYCLE index
	// CycleIndex is CYCLE_NUMBER_INDEX (CYCLE_NUMBER_ACTUAL in format 2.3):
	// the cycle number this element describes. It is MissingInt when the
	// file does not say (format 2.2, whose N_CYCLE elements are in cycle
	// order without a number).
	CycleIndex         int
	CycleIndexAdjusted int  // CYCLE_NUMBER_INDEX_ADJUSTED; MissingInt when absent
	DataMode           Mode // DATA_MODE (format 3.x)
	ConfigMission      int  // CONFIG_MISSION_NUMBER; MissingInt when missing

	DescentStart       Event // JULD_DESCENT_START
	FirstStabilization Event // JULD_FIRST_STABILIZATION
	DescentEnd         Event // JULD_DESCENT_END
	ParkStart          Event // JULD_PARK_START
	ParkEnd            Event // JULD_PARK_END
	DeepDescentEnd     Event // JULD_DEEP_DESCENT_END
	DeepParkStart      Event // JULD_DEEP_PARK_START
	AscentStart        Event // JULD_ASCENT_START
	DeepAscentStart    Event // JULD_DEEP_ASCENT_START
	AscentEnd          Event // JULD_ASCENT_END
	TransmissionStart  Event // JULD_TRANSMISSION_START (JULD_START_TRANSMISSION in format 2.2)
	FirstMessage       Event // JULD_FIRST_MESSAGE
	FirstLocation      Event // JULD_FIRST_LOCATION
	LastLocation       Event // JULD_LAST_LOCATION
	LastMessage        Event // JULD_LAST_MESSAGE
	TransmissionEnd    Event // JULD_TRANSMISSION_END

	ClockOffset float64 // CLOCK_OFFSET: float clock minus UTC, in days; NaN when missing
	Grounded    byte    // GROUNDED (reference table 20: 'Y', 'N', 'U', ...); ' ' when missing
	// RepresentativeParkPressure is the best pressure of the park phase in
	// decibar (NaN when missing), and its status (reference table 21).
	RepresentativeParkPressure       float64
	RepresentativeParkPressureStatus byte
}

// Cycle returns the first N_CYCLE element whose CycleIndex is n, or nil.
func (t *Trajectory) Cycle(n int) *CycleInfo {
	for i := range t.Cycles {
		if t.Cycles[i].CycleIndex == n {
			return &t.Cycles[i]
		}
	}
	return nil
}

// ReadTrajectory reads an Argo trajectory file (core or B, real-time or
// delayed mode, formats 2.2 to 3.2). Files that are not Argo files give an
// error wrapping [ErrNotArgo]; Argo files of another kind an error wrapping
// [ErrKind]; a file without its identity (PLATFORM_NUMBER, JULD over
// N_MEASUREMENT) a [*FormatError].
func ReadTrajectory(path string) (*Trajectory, error) {
	f, err := nc.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	return decodeTrajectory(path, f)
}

// DecodeTrajectory is [ReadTrajectory] for a file held in memory; name is used in messages.
func DecodeTrajectory(name string, data []byte) (*Trajectory, error) {
	f, err := nc.OpenBytes(name, data)
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	return decodeTrajectory(name, f)
}

const nMeas = "N_MEASUREMENT"

func decodeTrajectory(name string, f *nc.File) (*Trajectory, error) {
	info, err := openKind(name, f, KindTrajectory)
	if err != nil {
		return nil, err
	}
	if v := f.Var("PLATFORM_NUMBER"); v == nil || v.Type != nc.Char || len(v.Shape) > 1 {
		return nil, &FormatError{File: name, Var: "PLATFORM_NUMBER", Msg: "missing, or not a file-level text variable"}
	}
	jv := f.Var("JULD")
	if jv == nil || len(jv.Shape) != 1 || jv.Dims[0] != nMeas || jv.Type == nc.Char || jv.Type == nc.String {
		return nil, &FormatError{File: name, Var: "JULD", Msg: "missing, or not a numeric (N_MEASUREMENT) variable"}
	}
	n := jv.Shape[0]
	r := newFlat(name, f)
	for _, v := range []string{"DATA_TYPE", "FORMAT_VERSION", "HANDBOOK_VERSION", "REFERENCE_DATE_TIME", "DATE_CREATION", "DATE_UPDATE"} {
		r.used[v] = true
	}
	t := &Trajectory{
		File:               info,
		Platform:           r.text("PLATFORM_NUMBER"),
		Project:            r.text("PROJECT_NAME"),
		PI:                 r.text("PI_NAME"),
		DataCentre:         r.text("DATA_CENTRE"),
		DataStateIndicator: r.text("DATA_STATE_INDICATOR"),
		PlatformType:       r.text("PLATFORM_TYPE"),
		FloatSerialNo:      r.text("FLOAT_SERIAL_NO"),
		FirmwareVersion:    r.text("FIRMWARE_VERSION"),
		WMOInstType:        r.text("WMO_INST_TYPE"),
		InstReference:      r.text("INST_REFERENCE"),
		PositioningSystem:  r.text("POSITIONING_SYSTEM"),
	}
	ref := info.ReferenceTime
	m := &t.Measurements
	m.Time = r.times("JULD", nMeas, n, ref)
	if m.Time == nil {
		return nil, &FormatError{File: name, Var: "JULD", Msg: "unreadable"}
	}
	m.TimeStatus = orFill(r.chars("JULD_STATUS", nMeas, n), n, byte(' '))
	m.TimeQC = orFill(qcColumn(r.chars("JULD_QC", nMeas, n)), n, QCNone)
	m.TimeAdjusted = r.times("JULD_ADJUSTED", nMeas, n, ref)
	m.TimeAdjustedStatus = r.chars("JULD_ADJUSTED_STATUS", nMeas, n)
	m.TimeAdjustedQC = qcColumn(r.chars("JULD_ADJUSTED_QC", nMeas, n))
	m.TimeMode = modeColumn(r.chars("JULD_DATA_MODE", nMeas, n))
	m.Lat = orFill(r.floats("LATITUDE", nMeas, n), n, math.NaN())
	m.Lon = orFill(r.floats("LONGITUDE", nMeas, n), n, math.NaN())
	for i := range n {
		m.Lat[i] = position(m.Lat[i], 90)
		if m.Lon[i] = position(m.Lon[i], 180); m.Lon[i] > 180 {
			m.Lon[i] -= 360
		}
	}
	m.PositionAccuracy = orFill(r.chars("POSITION_ACCURACY", nMeas, n), n, byte(' '))
	m.PositionQC = orFill(qcColumn(r.chars("POSITION_QC", nMeas, n)), n, QCNone)
	m.Cycle = orFill(r.ints("CYCLE_NUMBER", nMeas, n), n, MissingInt)
	m.CycleAdjusted = r.ints("CYCLE_NUMBER_ADJUSTED", nMeas, n)
	m.MeasurementCode = orFill(r.ints("MEASUREMENT_CODE", nMeas, n), n, MissingInt)
	m.SatelliteName = r.chars("SATELLITE_NAME", nMeas, n)
	m.EllipseMajor = r.floats("AXES_ERROR_ELLIPSE_MAJOR", nMeas, n)
	m.EllipseMinor = r.floats("AXES_ERROR_ELLIPSE_MINOR", nMeas, n)
	m.EllipseAngle = r.floats("AXES_ERROR_ELLIPSE_ANGLE", nMeas, n)
	if v := f.Var("DATA_MODE"); v != nil && len(v.Dims) == 1 && v.Dims[0] == nMeas {
		m.DataMode = modeColumn(r.chars("DATA_MODE", nMeas, n))
	}

	listed := r.trajParameters()
	for _, p := range listed {
		if p != "" {
			t.Parameters = append(t.Parameters, p)
		}
	}
	var err2 error
	m.Params, err2 = r.trajParams(listed, n)
	if err2 != nil {
		return nil, err2
	}
	t.Cycles = r.cycles(ref)
	t.Attrs = r.extras()
	t.Warnings = r.warnings
	return t, nil
}

// orFill returns s, or n copies of fill when s is nil.
func orFill[T any](s []T, n int, fill T) []T {
	if s != nil {
		return s
	}
	s = make([]T, n)
	for i := range s {
		s[i] = fill
	}
	return s
}

func qcColumn(b []byte) []QC {
	if b == nil {
		return nil
	}
	out := make([]QC, len(b))
	for i, c := range b {
		out[i] = ParseQC(c)
	}
	return out
}

func modeColumn(b []byte) []Mode {
	if b == nil {
		return nil
	}
	out := make([]Mode, len(b))
	for i, c := range b {
		out[i] = ParseMode(c)
	}
	return out
}

// times reads a numeric (dim) variable of days since ref as times (nil when absent or misshapen).
func (r *flat) times(name, dim string, n int, ref time.Time) []time.Time {
	x := r.floats(name, dim, n)
	if x == nil {
		return nil
	}
	round := timeRounding(r.f.Var(name))
	out := make([]time.Time, n)
	for i, d := range x {
		out[i] = julian(ref, d, round)
	}
	return out
}

// trajParameters reads TRAJECTORY_PARAMETERS, blank entries kept so that
// indexes align with TRAJECTORY_PARAMETER_DATA_MODE.
func (r *flat) trajParameters() []string {
	if r.f.Var("TRAJECTORY_PARAMETERS") == nil {
		return nil
	}
	return r.texts("TRAJECTORY_PARAMETERS", "", -1)
}

// trajKnown are the numeric N_MEASUREMENT variables that are not parameters.
var trajKnown = map[string]bool{
	"JULD": true, "JULD_ADJUSTED": true, "LATITUDE": true, "LONGITUDE": true,
	"CYCLE_NUMBER": true, "CYCLE_NUMBER_ADJUSTED": true, "MEASUREMENT_CODE": true,
	"AXES_ERROR_ELLIPSE_MAJOR": true, "AXES_ERROR_ELLIPSE_MINOR": true, "AXES_ERROR_ELLIPSE_ANGLE": true,
}

// trajParams reads the parameters: those listed in TRAJECTORY_PARAMETERS,
// then numeric (N_MEASUREMENT[, N_VALUES]) variables that are neither known
// fields nor companions (_QC, _ADJUSTED, ...) of another variable.
func (r *flat) trajParams(listed []string, n int) ([]*TrajParam, error) {
	isMeas := func(v *nc.Var) bool {
		return v != nil && (len(v.Shape) == 1 || len(v.Shape) == 2) && v.Dims[0] == nMeas && v.Shape[0] == n &&
			v.Type != nc.Char && v.Type != nc.String
	}
	var modes []byte
	np := 0
	if v := r.f.Var("TRAJECTORY_PARAMETER_DATA_MODE"); v != nil {
		r.used[v.Name] = true
		if v.Type == nc.Char && len(v.Shape) == 2 && v.Dims[0] == nMeas && v.Shape[0] == n && v.Shape[1] == len(listed) {
			if b, err := r.f.Bytes(v.Name); err == nil && len(b) == n*len(listed) {
				modes, np = b, len(listed)
			}
		} else {
			r.warn("TRAJECTORY_PARAMETER_DATA_MODE is not a (N_MEASUREMENT, N_PARAM) char variable matching TRAJECTORY_PARAMETERS: skipped")
		}
	}
	var out []*TrajParam
	seen := map[string]bool{}
	add := func(name string, j int) error {
		v := r.f.Var(name)
		if !isMeas(v) {
			if v == nil {
				r.warn("TRAJECTORY_PARAMETERS lists %s, which has no variable", name)
			} else {
				r.warn("%s is not a numeric (N_MEASUREMENT) variable: skipped", name)
			}
			return nil
		}
		p, err := r.trajParam(v, n)
		if err != nil {
			return err
		}
		if p == nil {
			return nil
		}
		if j >= 0 {
			p.Listed = true
			if modes != nil {
				p.Mode = make([]Mode, n)
				for i := range n {
					p.Mode[i] = ParseMode(modes[i*np+j])
				}
			}
		}
		out = append(out, p)
		return nil
	}
	for j, name := range listed {
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		if err := add(name, j); err != nil {
			return nil, err
		}
	}
	var extra []string
	for _, v := range r.f.Vars {
		if !isMeas(v) || trajKnown[v.Name] || seen[v.Name] {
			continue
		}
		derived := false
		for _, suf := range derivedSuffixes {
			if stem, ok := strings.CutSuffix(v.Name, suf); ok && r.f.Var(stem) != nil && isMeas(r.f.Var(stem)) {
				derived = true
				break
			}
		}
		if !derived {
			extra = append(extra, v.Name)
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		before := len(out)
		if err := add(name, -1); err != nil {
			return nil, err
		}
		if len(out) > before {
			p := out[len(out)-1]
			if !slices.ContainsFunc(p.Raw, func(x float64) bool { return !math.IsNaN(x) }) {
				out = out[:before] // an all-fill variable that is not listed: not a parameter of this float
				continue
			}
			if listed != nil {
				r.warn("%s holds data but is not in TRAJECTORY_PARAMETERS", name)
			}
		}
	}
	return out, nil
}

// trajParam reads one parameter variable and its companions of the same shape.
func (r *flat) trajParam(v *nc.Var, n int) (*TrajParam, error) {
	p := &TrajParam{Name: v.Name, NValues: 1}
	if len(v.Shape) == 2 {
		if p.NValues = v.Shape[1]; p.NValues < 1 {
			r.warn("%s has no values per measurement: skipped", v.Name)
			return nil, nil
		}
	}
	if a, ok := v.Attr("units"); ok {
		p.Units = strings.TrimSpace(a.String())
	}
	if a, ok := v.Attr("long_name"); ok {
		p.LongName = strings.TrimSpace(a.String())
	}
	var err error
	num := func(name string) []float64 {
		w := r.f.Var(name)
		if w == nil {
			return nil
		}
		r.used[name] = true
		if !slices.Equal(w.Shape, v.Shape) || w.Type == nc.Char || w.Type == nc.String {
			r.warn("%s does not have the shape of %s: skipped", name, v.Name)
			return nil
		}
		x, e := r.f.Float64s(name)
		if e != nil {
			err = e
			return nil
		}
		return x
	}
	flags := func(name string) []QC {
		w := r.f.Var(name)
		if w == nil {
			return nil
		}
		r.used[name] = true
		if !slices.Equal(w.Shape, v.Shape) || w.Type != nc.Char {
			r.warn("%s does not have the shape of %s: skipped", name, v.Name)
			return nil
		}
		b, e := r.f.Bytes(name)
		if e != nil {
			err = e
			return nil
		}
		return qcColumn(b)
	}
	p.Raw = num(v.Name)
	p.RawQC = flags(v.Name + "_QC")
	p.Adjusted = num(v.Name + "_ADJUSTED")
	p.AdjustedQC = flags(v.Name + "_ADJUSTED_QC")
	p.AdjustedError = num(v.Name + "_ADJUSTED_ERROR")
	if err != nil {
		return nil, fmt.Errorf("argo: %s: %s: %w", r.name, v.Name, err)
	}
	if p.Raw == nil || len(p.Raw) != n*p.NValues {
		return nil, nil
	}
	return p, nil
}

// cycleEvents maps the N_CYCLE time variables to the CycleInfo fields.
var cycleEvents = []struct {
	names []string // the variable name, then older names
	field func(*CycleInfo) *Event
}{
	{[]string{"JULD_DESCENT_START"}, func(c *CycleInfo) *Event { return &c.DescentStart }},
	{[]string{"JULD_FIRST_STABILIZATION"}, func(c *CycleInfo) *Event { return &c.FirstStabilization }},
	{[]string{"JULD_DESCENT_END"}, func(c *CycleInfo) *Event { return &c.DescentEnd }},
	{[]string{"JULD_PARK_START"}, func(c *CycleInfo) *Event { return &c.ParkStart }},
	{[]string{"JULD_PARK_END"}, func(c *CycleInfo) *Event { return &c.ParkEnd }},
	{[]string{"JULD_DEEP_DESCENT_END"}, func(c *CycleInfo) *Event { return &c.DeepDescentEnd }},
	{[]string{"JULD_DEEP_PARK_START"}, func(c *CycleInfo) *Event { return &c.DeepParkStart }},
	{[]string{"JULD_ASCENT_START"}, func(c *CycleInfo) *Event { return &c.AscentStart }},
	{[]string{"JULD_DEEP_ASCENT_START"}, func(c *CycleInfo) *Event { return &c.DeepAscentStart }},
	{[]string{"JULD_ASCENT_END"}, func(c *CycleInfo) *Event { return &c.AscentEnd }},
	{[]string{"JULD_TRANSMISSION_START", "JULD_START_TRANSMISSION"}, func(c *CycleInfo) *Event { return &c.TransmissionStart }},
	{[]string{"JULD_FIRST_MESSAGE"}, func(c *CycleInfo) *Event { return &c.FirstMessage }},
	{[]string{"JULD_FIRST_LOCATION"}, func(c *CycleInfo) *Event { return &c.FirstLocation }},
	{[]string{"JULD_LAST_LOCATION"}, func(c *CycleInfo) *Event { return &c.LastLocation }},
	{[]string{"JULD_LAST_MESSAGE"}, func(c *CycleInfo) *Event { return &c.LastMessage }},
	{[]string{"JULD_TRANSMISSION_END"}, func(c *CycleInfo) *Event { return &c.TransmissionEnd }},
}

const nCycle = "N_CYCLE"

// cycles reads the N_CYCLE group. There is one element per index of the
// N_CYCLE dimension, provided some variable over N_CYCLE holds data (so
// that the count is bounded by the size of the file).
func (r *flat) cycles(ref time.Time) []CycleInfo {
	n := r.dimLen(nCycle)
	if n <= 0 || !r.hasColumn(nCycle, n) {
		return nil
	}
	out := make([]CycleInfo, n)
	for i := range out {
		c := &out[i]
		c.Row = i
		c.CycleIndex, c.CycleIndexAdjusted, c.ConfigMission = MissingInt, MissingInt, MissingInt
		c.ClockOffset, c.RepresentativeParkPressure = math.NaN(), math.NaN()
		c.Grounded, c.RepresentativeParkPressureStatus = ' ', ' '
		for _, e := range cycleEvents {
			e.field(c).Status = ' '
		}
	}
	for _, e := range cycleEvents {
		for _, name := range e.names {
			if r.f.Var(name) == nil {
				continue
			}
			times := r.times(name, nCycle, n, ref)
			status := r.chars(name+"_STATUS", nCycle, n)
			for i := range out {
				ev := e.field(&out[i])
				ev.Time = at(times, i, time.Time{})
				ev.Status = at(status, i, ' ')
			}
			break
		}
	}
	index := r.ints("CYCLE_NUMBER_INDEX", nCycle, n)
	if index == nil && r.f.Var("CYCLE_NUMBER_ACTUAL") != nil {
		index = r.ints("CYCLE_NUMBER_ACTUAL", nCycle, n)
	}
	indexAdj := r.ints("CYCLE_NUMBER_INDEX_ADJUSTED", nCycle, n)
	mission := r.ints("CONFIG_MISSION_NUMBER", nCycle, n)
	var mode []byte
	if v := r.f.Var("DATA_MODE"); v != nil && len(v.Dims) == 1 && v.Dims[0] == nCycle {
		mode = r.chars("DATA_MODE", nCycle, n)
	}
	clock := r.floats("CLOCK_OFFSET", nCycle, n)
	grounded := r.chars("GROUNDED", nCycle, n)
	rpp := r.floats("REPRESENTATIVE_PARK_PRESSURE", nCycle, n)
	rppStatus := r.chars("REPRESENTATIVE_PARK_PRESSURE_STATUS", nCycle, n)
	for i := range out {
		c := &out[i]
		c.CycleIndex = at(index, i, MissingInt)
		c.CycleIndexAdjusted = at(indexAdj, i, MissingInt)
		c.ConfigMission = at(mission, i, MissingInt)
		c.DataMode = ParseMode(at(mode, i, 0))
		c.ClockOffset = at(clock, i, math.NaN())
		c.Grounded = at(grounded, i, ' ')
		c.RepresentativeParkPressure = at(rpp, i, math.NaN())
		c.RepresentativeParkPressureStatus = at(rppStatus, i, ' ')
	}
	return out
}

// hasColumn reports whether the file has a variable of one dimension, dim,
// with n values.
func (r *flat) hasColumn(dim string, n int) bool {
	for _, v := range r.f.Vars {
		if len(v.Dims) == 1 && v.Dims[0] == dim && v.Shape[0] == n && v.Type.Size() > 0 {
			return true
		}
	}
	return false
}
