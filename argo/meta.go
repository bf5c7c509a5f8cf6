package argo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// MissingInt marks a missing integer (a cycle number, a measurement code, a
// mission number) in meta-data, trajectory and technical records. It is not
// -1, because -1 is a valid cycle number there: trajectory files number the
// float's launch and prelude measurements as cycle -1.
const MissingInt = math.MinInt32

// Meta is the content of an Argo meta-data file (<WMO>_meta.nc): the
// float, its deployment, sensors, parameters and configuration.
//
// Missing numbers are NaN, missing times the zero time, missing text "".
// Format 2.2 files are read for what they hold: their INST_REFERENCE,
// PLATFORM_MODEL and other variables without a field here go to Attrs,
// their SENSOR_UNITS, SENSOR_ACCURACY and SENSOR_RESOLUTION fill the
// parameters' units, accuracy and resolution, and their per-configuration
// variables (dimensioned N_CYCLES) become the missions (see [Meta.Missions]).
type Meta struct {
	File *File // the file it came from

	Platform         string // PLATFORM_NUMBER (WMO number)
	PTT              string // transmission identifier (Argos id, Iridium IMEI, ...)
	PlatformFamily   string // PLATFORM_FAMILY (reference table 22)
	PlatformType     string // PLATFORM_TYPE (reference table 23); PLATFORM_MODEL in format 2.x
	PlatformMaker    string // PLATFORM_MAKER (reference table 24)
	FloatSerialNo    string
	FirmwareVersion  string
	WMOInstType      string // WMO_INST_TYPE (reference table 8), e.g. "846"
	Project          string // PROJECT_NAME, or PROGRAM_NAME
	DataCentre       string // DATA_CENTRE (reference table 4)
	PI               string // PI_NAME
	LaunchDate       time.Time
	LaunchLat        float64 // NaN when missing
	LaunchLon        float64 // NaN when missing
	LaunchQC         QC
	StartDate        time.Time // START_DATE: date of the float's first descent
	EndMissionDate   time.Time
	EndMissionStatus string // END_MISSION_STATUS: "T" no more transmission, "R" retrieved, ...
	BatteryType      string
	SpecialFeatures  string

	TransSystems       []string // TRANS_SYSTEM entries: ARGOS, IRIDIUM, ...
	PositioningSystems []string // POSITIONING_SYSTEM entries: ARGOS, GPS, ...
	Sensors            []Sensor
	Parameters         []MetaParam

	// LaunchConfig is the configuration at launch (LAUNCH_CONFIG_PARAMETER_NAME
	// and _VALUE), in file order.
	LaunchConfig []ConfigValue
	// ConfigNames are the CONFIG_PARAMETER_NAME entries; every mission's
	// Values are aligned with them.
	ConfigNames []string
	// Missions are the configuration missions (N_MISSIONS): their number
	// (CONFIG_MISSION_NUMBER, which profiles and trajectory cycles refer to)
	// and their CONFIG_PARAMETER_VALUE row. In format 2.x files, which have
	// no missions, each N_CYCLES configuration is a mission numbered 1 to N
	// in file order and ConfigNames are the names of its variables
	// (CYCLE_TIME, PARKING_PRESSURE, ...).
	Missions []Mission

	// Attrs holds the other file-level text and number variables that are
	// not blank (FLOAT_OWNER, OPERATING_INSTITUTION, DEPLOYMENT_PLATFORM,
	// STARTUP_DATE, CUSTOMISATION, INST_REFERENCE in format 2.x, ...), by
	// variable name; numbers are formatted with strconv 'g'.
	Attrs map[string]string
	// Warnings lists what the reader skipped (misshapen variables).
	Warnings []string
}

// Sensor is one SENSOR entry of a meta-data file.
type Sensor struct {
	Name     string // SENSOR (reference table 25), e.g. CTD_TEMP
	Maker    string // SENSOR_MAKER (reference table 26)
	Model    string // SENSOR_MODEL (reference table 27)
	SerialNo string // SENSOR_SERIAL_NO
}

// MetaParam is one PARAMETER entry of a meta-data file with its sensor,
// units and pre-deployment calibration (free text, never parsed).
type MetaParam struct {
	Name             string // PARAMETER (reference table 3)
	Sensor           string // PARAMETER_SENSOR; SENSOR of the same index in format 2.x
	Units            string // PARAMETER_UNITS (SENSOR_UNITS in format 2.x)
	Accuracy         string // PARAMETER_ACCURACY (SENSOR_ACCURACY in format 2.x)
	Resolution       string // PARAMETER_RESOLUTION (SENSOR_RESOLUTION in format 2.x)
	CalibEquation    string // PREDEPLOYMENT_CALIB_EQUATION
	CalibCoefficient string // PREDEPLOYMENT_CALIB_COEFFICIENT
	CalibComment     string // PREDEPLOYMENT_CALIB_COMMENT
}

// ConfigValue is one named configuration value (NaN when missing).
type ConfigValue struct {
	Name  string
	Value float64
}

// Mission is one configuration mission of a float.
type Mission struct {
	Number  int       // CONFIG_MISSION_NUMBER; MissingInt when missing
	Values  []float64 // aligned with Meta.ConfigNames, NaN when missing; nil when the file has no CONFIG_PARAMETER_VALUE
	Comment string    // CONFIG_MISSION_COMMENT
}

// Config returns the value of the named configuration parameter in the
// mission with the given number, and whether it is there (a known mission,
// a known name and a value that is not missing). Names are compared
// exactly, then without regard to case. It does not fall back on the launch
// configuration: see [Meta.LaunchValue].
func (m *Meta) Config(mission int, name string) (float64, bool) {
	j := indexName(m.ConfigNames, name)
	if j < 0 {
		return math.NaN(), false
	}
	for _, ms := range m.Missions {
		if ms.Number == mission && j < len(ms.Values) {
			v := ms.Values[j]
			return v, !math.IsNaN(v)
		}
	}
	return math.NaN(), false
}

// LaunchValue returns the value of the named launch configuration
// parameter, and whether it is there and not missing.
func (m *Meta) LaunchValue(name string) (float64, bool) {
	names := make([]string, len(m.LaunchConfig))
	for i, c := range m.LaunchConfig {
		names[i] = c.Name
	}
	if j := indexName(names, name); j >= 0 {
		v := m.LaunchConfig[j].Value
		return v, !math.IsNaN(v)
	}
	return math.NaN(), false
}

// Param returns the meta-data of the named parameter, or nil.
func (m *Meta) Param(name string) *MetaParam {
	for i := range m.Parameters {
		if m.Parameters[i].Name == name {
			return &m.Parameters[i]
		}
	}
	return nil
}

// indexName returns the index of name in names (exact match first, then
// case-insensitive), or -1.
func indexName(names []string, name string) int {
	name = strings.TrimSpace(name)
	for i, n := range names {
		if n == name {
			return i
		}
	}
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return i
		}
	}
	return -1
}

// ReadMeta reads an Argo meta-data file (<WMO>_meta.nc), formats 2.2 to 3.1.
// Files that are not Argo files give an error wrapping [ErrNotArgo]; Argo
// files of another kind an error wrapping [ErrKind].
func ReadMeta(path string) (*Meta, error) {
	f, err := nc.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	return decodeMeta(path, f)
}

// DecodeMeta is [ReadMeta] for a file held in memory; name is used in messages.
func DecodeMeta(name string, data []byte) (*Meta, error) {
	f, err := nc.OpenBytes(name, data)
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	return decodeMeta(name, f)
}

// openKind reads the file-level variables and checks the kind of file.
func openKind(name string, f *nc.File, want Kind) (*File, error) {
	info, err := fileInfo(name, f)
	if err != nil {
		return nil, err
	}
	if info.Kind != want {
		return nil, fmt.Errorf("%w: %s is a %s file, not a %s file", ErrKind, name, info.Kind, want)
	}
	return info, nil
}

// flat reads the variables of meta-data, trajectory and technical files,
// checking each variable's type and shape before use: a variable of the
// wrong type or shape reads as absent and is noted in the warnings.
type flat struct {
	name     string
	f        *nc.File
	used     map[string]bool // variables read into a field
	warnings []string
}

func newFlat(name string, f *nc.File) *flat {
	return &flat{name: name, f: f, used: map[string]bool{}}
}

func (r *flat) warn(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// isTextDim reports whether a dimension name is a string width (STRINGnn, DATE_TIME).
func isTextDim(d string) bool { return strings.HasPrefix(d, "STRING") || d == "DATE_TIME" }

// text reads a file-level char variable (0-D, or 1-D over a string width)
// as one trimmed string; "" when absent or misshapen.
func (r *flat) text(name string) string {
	v := r.f.Var(name)
	if v == nil {
		return ""
	}
	r.used[name] = true
	if v.Type != nc.Char || len(v.Shape) > 1 || (len(v.Shape) == 1 && !isTextDim(v.Dims[0])) {
		r.warn("%s is not a text variable: skipped", name)
		return ""
	}
	return scalarString(r.f, name)
}

// number reads a numeric variable holding one value (NaN when absent, misshapen or fill).
func (r *flat) number(name string) float64 {
	v := r.f.Var(name)
	if v == nil {
		return math.NaN()
	}
	r.used[name] = true
	if v.Type == nc.Char || v.Type == nc.String || v.Len() != 1 {
		r.warn("%s is not a single number: skipped", name)
		return math.NaN()
	}
	x, err := r.f.Float64s(name)
	if err != nil || len(x) != 1 {
		return math.NaN()
	}
	return x[0]
}

// listVar returns the (dim, STRINGnn) char variable name when its first
// dimension is dim (any dimension when dim is "") with length n (any length
// when n < 0), or nil.
func (r *flat) listVar(name, dim string, n int) *nc.Var {
	v := r.f.Var(name)
	if v == nil {
		return nil
	}
	// A string width of 0 would make any count of strings fit in no bytes
	// of the file: such a variable is misshapen.
	if v.Type != nc.Char || len(v.Shape) != 2 || isTextDim(v.Dims[0]) || v.Shape[1] < 1 ||
		(dim != "" && v.Dims[0] != dim) || (n >= 0 && v.Shape[0] != n) {
		r.used[name] = true
		r.warn("%s does not have the expected shape: skipped", name)
		return nil
	}
	return v
}

// texts reads a (dim, STRINGnn) char variable as trimmed strings (nil when
// absent or misshapen); see listVar for dim and n.
func (r *flat) texts(name, dim string, n int) []string {
	v := r.listVar(name, dim, n)
	if v == nil {
		return nil
	}
	r.used[name] = true
	s, err := r.f.Strings(name)
	if err != nil || len(s) != v.Shape[0] {
		return nil
	}
	for i := range s {
		s[i] = strings.TrimSpace(s[i])
	}
	return s
}

// column returns the variable when it is 1-D over dim with length n, or nil.
func (r *flat) column(name, dim string, n int, char bool) *nc.Var {
	v := r.f.Var(name)
	if v == nil {
		return nil
	}
	r.used[name] = true
	isChar := v.Type == nc.Char
	if len(v.Shape) != 1 || v.Dims[0] != dim || v.Shape[0] != n || isChar != char || v.Type == nc.String {
		kind := "numeric"
		if char {
			kind = "char"
		}
		r.warn("%s is not a %s (%s) variable: skipped", name, kind, dim)
		return nil
	}
	return v
}

// floats reads a numeric (dim) variable of length n (nil when absent or misshapen).
func (r *flat) floats(name, dim string, n int) []float64 {
	if r.column(name, dim, n, false) == nil {
		return nil
	}
	x, err := r.f.Float64s(name)
	if err != nil || len(x) != n {
		return nil
	}
	return x
}

// ints reads a numeric (dim) variable of length n as ints: fill values,
// NaN, the Argo fill 99999 and values beyond it give MissingInt (nil when
// absent or misshapen).
func (r *flat) ints(name, dim string, n int) []int {
	x := r.floats(name, dim, n)
	if x == nil {
		return nil
	}
	out := make([]int, n)
	for i, v := range x {
		out[i] = toInt(v)
	}
	return out
}

func toInt(v float64) int {
	if math.IsNaN(v) || v >= 99999 || v <= -99999 {
		return MissingInt
	}
	return int(v)
}

// chars reads a char (dim) variable of length n as one byte per index, NULs
// read as blanks (nil when absent or misshapen).
func (r *flat) chars(name, dim string, n int) []byte {
	if r.column(name, dim, n, true) == nil {
		return nil
	}
	b, err := r.f.Bytes(name)
	if err != nil || len(b) != n {
		return nil
	}
	for i, c := range b {
		if c == 0 {
			b[i] = ' '
		}
	}
	return b
}

// extras returns the file-level text and number variables not read into a
// field, with a value: 0-D variables and char variables over a string width.
func (r *flat) extras() map[string]string {
	out := map[string]string{}
	for _, v := range r.f.Vars {
		if r.used[v.Name] {
			continue
		}
		switch {
		case v.Type == nc.Char && (len(v.Shape) == 0 || (len(v.Shape) == 1 && isTextDim(v.Dims[0]))):
			if s := scalarString(r.f, v.Name); s != "" {
				out[v.Name] = s
			}
		case v.Type != nc.Char && v.Type != nc.String && len(v.Shape) == 0:
			if x, err := r.f.Float64s(v.Name); err == nil && len(x) == 1 && !math.IsNaN(x[0]) {
				out[v.Name] = strconv.FormatFloat(x[0], 'g', -1, 64)
			}
		}
	}
	return out
}

// dimLen returns the length of a dimension, or -1 when the file has none of that name.
func (r *flat) dimLen(name string) int {
	if d, ok := r.f.Dim(name); ok {
		return d.Len
	}
	return -1
}

func decodeMeta(name string, f *nc.File) (*Meta, error) {
	info, err := openKind(name, f, KindMeta)
	if err != nil {
		return nil, err
	}
	if v := f.Var("PLATFORM_NUMBER"); v == nil || v.Type != nc.Char || len(v.Shape) > 1 {
		return nil, &FormatError{File: name, Var: "PLATFORM_NUMBER", Msg: "missing, or not a file-level text variable"}
	}
	r := newFlat(name, f)
	for _, n := range []string{"DATA_TYPE", "FORMAT_VERSION", "HANDBOOK_VERSION", "REFERENCE_DATE_TIME", "DATE_CREATION", "DATE_UPDATE"} {
		r.used[n] = true
	}
	m := &Meta{
		File:             info,
		Platform:         r.text("PLATFORM_NUMBER"),
		PTT:              r.text("PTT"),
		PlatformFamily:   r.text("PLATFORM_FAMILY"),
		PlatformType:     r.text("PLATFORM_TYPE"),
		PlatformMaker:    r.text("PLATFORM_MAKER"),
		FloatSerialNo:    r.text("FLOAT_SERIAL_NO"),
		FirmwareVersion:  r.text("FIRMWARE_VERSION"),
		WMOInstType:      r.text("WMO_INST_TYPE"),
		Project:          r.text("PROJECT_NAME"),
		DataCentre:       r.text("DATA_CENTRE"),
		PI:               r.text("PI_NAME"),
		LaunchDate:       parseDate(r.text("LAUNCH_DATE")),
		LaunchLat:        position(r.number("LAUNCH_LATITUDE"), 90),
		LaunchLon:        position(r.number("LAUNCH_LONGITUDE"), 180),
		LaunchQC:         QCNone,
		StartDate:        parseDate(r.text("START_DATE")),
		EndMissionDate:   parseDate(r.text("END_MISSION_DATE")),
		EndMissionStatus: r.text("END_MISSION_STATUS"),
		BatteryType:      r.text("BATTERY_TYPE"),
		SpecialFeatures:  r.text("SPECIAL_FEATURES"),
	}
	if m.LaunchLon > 180 {
		m.LaunchLon -= 360
	}
	if m.Project == "" {
		m.Project = r.text("PROGRAM_NAME")
	}
	if m.PlatformType == "" {
		m.PlatformType = r.text("PLATFORM_MODEL")
	}
	if s := r.text("LAUNCH_QC"); s != "" {
		m.LaunchQC = ParseQC(s[0])
	}
	m.TransSystems = r.entries("TRANS_SYSTEM")
	m.PositioningSystems = r.entries("POSITIONING_SYSTEM")
	m.Sensors = r.sensors()
	m.Parameters = r.metaParams()
	m.LaunchConfig = r.launchConfig()
	m.ConfigNames, m.Missions = r.missions()
	if m.ConfigNames == nil && m.Missions == nil {
		m.ConfigNames, m.Missions = r.legacyMissions()
	}
	m.Attrs = r.extras()
	m.Warnings = r.warnings
	return m, nil
}

// entries reads a list of names: a (N, STRINGnn) variable, or a single text
// variable in format 2.x. Blank entries are dropped.
func (r *flat) entries(name string) []string {
	v := r.f.Var(name)
	if v == nil {
		return nil
	}
	var all []string
	if len(v.Shape) == 2 {
		all = r.texts(name, "", -1)
	} else if s := r.text(name); s != "" {
		all = []string{s}
	}
	var out []string
	for _, s := range all {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// sensors reads SENSOR and its companions, which share SENSOR's first
// dimension (N_SENSOR, or N_PARAM in format 2.x).
func (r *flat) sensors() []Sensor {
	v := r.listVar("SENSOR", "", -1)
	if v == nil {
		return nil
	}
	dim, n := v.Dims[0], v.Shape[0]
	name := r.texts("SENSOR", dim, n)
	maker, model, serial := r.texts("SENSOR_MAKER", dim, n), r.texts("SENSOR_MODEL", dim, n), r.texts("SENSOR_SERIAL_NO", dim, n)
	var out []Sensor
	for i := range n {
		s := Sensor{Name: at(name, i, ""), Maker: at(maker, i, ""), Model: at(model, i, ""), SerialNo: at(serial, i, "")}
		if s != (Sensor{}) {
			out = append(out, s)
		}
	}
	return out
}

// metaParams reads PARAMETER and its companions (N_PARAM).
func (r *flat) metaParams() []MetaParam {
	v := r.listVar("PARAMETER", "", -1)
	if v == nil {
		return nil
	}
	dim, n := v.Dims[0], v.Shape[0]
	name := r.texts("PARAMETER", dim, n)
	pick := func(names ...string) []string {
		for _, nm := range names {
			if r.f.Var(nm) != nil {
				if s := r.texts(nm, dim, n); s != nil {
					return s
				}
			}
		}
		return nil
	}
	sensor := pick("PARAMETER_SENSOR")
	if sensor == nil && r.f.Var("PARAMETER_SENSOR") == nil {
		// Format 2.x: SENSOR is dimensioned by N_PARAM, one sensor per parameter.
		if sv := r.f.Var("SENSOR"); sv != nil && len(sv.Dims) == 2 && sv.Dims[0] == dim && sv.Shape[0] == n {
			sensor = pick("SENSOR")
		}
	}
	units := pick("PARAMETER_UNITS", "SENSOR_UNITS")
	acc := pick("PARAMETER_ACCURACY", "SENSOR_ACCURACY")
	res := pick("PARAMETER_RESOLUTION", "SENSOR_RESOLUTION")
	eq, coef, comment := pick("PREDEPLOYMENT_CALIB_EQUATION"), pick("PREDEPLOYMENT_CALIB_COEFFICIENT"), pick("PREDEPLOYMENT_CALIB_COMMENT")
	var out []MetaParam
	for i := range n {
		if at(name, i, "") == "" {
			continue
		}
		out = append(out, MetaParam{
			Name: name[i], Sensor: at(sensor, i, ""), Units: at(units, i, ""),
			Accuracy: at(acc, i, ""), Resolution: at(res, i, ""),
			CalibEquation: at(eq, i, ""), CalibCoefficient: at(coef, i, ""), CalibComment: at(comment, i, ""),
		})
	}
	return out
}

// launchConfig reads LAUNCH_CONFIG_PARAMETER_NAME and _VALUE (float or double).
func (r *flat) launchConfig() []ConfigValue {
	v := r.listVar("LAUNCH_CONFIG_PARAMETER_NAME", "", -1)
	if v == nil {
		return nil
	}
	dim, n := v.Dims[0], v.Shape[0]
	names := r.texts("LAUNCH_CONFIG_PARAMETER_NAME", dim, n)
	values := r.floats("LAUNCH_CONFIG_PARAMETER_VALUE", dim, n)
	var out []ConfigValue
	for i := range n {
		if at(names, i, "") == "" {
			continue
		}
		out = append(out, ConfigValue{Name: names[i], Value: at(values, i, math.NaN())})
	}
	return out
}

// missions reads CONFIG_PARAMETER_NAME (N_CONFIG_PARAM), CONFIG_MISSION_NUMBER
// (N_MISSIONS) and CONFIG_PARAMETER_VALUE (N_MISSIONS, N_CONFIG_PARAM). The
// number of missions comes from a variable, never from the N_MISSIONS
// dimension alone, so that it is bounded by the size of the file.
func (r *flat) missions() ([]string, []Mission) {
	nv := r.listVar("CONFIG_PARAMETER_NAME", "", -1)
	if nv == nil {
		return nil, nil
	}
	names := r.texts("CONFIG_PARAMETER_NAME", nv.Dims[0], nv.Shape[0])
	if names == nil {
		return nil, nil
	}
	np := len(names)
	mdim, nm := "", -1
	var values []float64
	if vv := r.f.Var("CONFIG_PARAMETER_VALUE"); vv != nil {
		r.used[vv.Name] = true
		if len(vv.Shape) == 2 && np > 0 && vv.Shape[1] == np && vv.Type != nc.Char && vv.Type != nc.String {
			if x, err := r.f.Float64s(vv.Name); err == nil && len(x) == vv.Shape[0]*np {
				mdim, nm, values = vv.Dims[0], vv.Shape[0], x
			}
		} else {
			r.warn("CONFIG_PARAMETER_VALUE is not a numeric (N_MISSIONS, N_CONFIG_PARAM) variable: skipped")
		}
	}
	if values == nil {
		v := r.f.Var("CONFIG_MISSION_NUMBER")
		if v == nil || len(v.Shape) != 1 || v.Type == nc.Char || v.Type == nc.String {
			return names, nil
		}
		mdim, nm = v.Dims[0], v.Shape[0]
	}
	number := r.ints("CONFIG_MISSION_NUMBER", mdim, nm)
	comment := r.texts("CONFIG_MISSION_COMMENT", mdim, nm)
	missions := make([]Mission, nm)
	for i := range missions {
		missions[i] = Mission{Number: at(number, i, MissingInt), Comment: at(comment, i, "")}
		if values != nil {
			missions[i].Values = values[i*np : (i+1)*np : (i+1)*np]
		}
	}
	return names, missions
}

// legacyMissions reads the per-configuration variables of format 2.x
// (numeric variables dimensioned N_CYCLES) as missions numbered 1 to N.
func (r *flat) legacyMissions() ([]string, []Mission) {
	n := r.dimLen("N_CYCLES")
	if n <= 0 {
		return nil, nil
	}
	var names []string
	var cols [][]float64
	for _, v := range r.f.Vars {
		if len(v.Dims) != 1 || v.Dims[0] != "N_CYCLES" || v.Type == nc.Char || v.Type == nc.String {
			continue
		}
		if x := r.floats(v.Name, "N_CYCLES", n); x != nil {
			names = append(names, v.Name)
			cols = append(cols, x)
		}
	}
	if names == nil {
		return nil, nil
	}
	missions := make([]Mission, n)
	for i := range missions {
		missions[i] = Mission{Number: i + 1, Values: make([]float64, len(names))}
		for j := range names {
			missions[i].Values[j] = cols[j][i]
		}
	}
	return names, missions
}
