package argo

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// Tech is the content of an Argo technical file (<WMO>_tech.nc): the
// float's engineering parameters, cycle by cycle, as name and value text.
type Tech struct {
	File *File // the file it came from

	Platform   string // PLATFORM_NUMBER (WMO number)
	DataCentre string // DATA_CENTRE (reference table 4)

	// Params are the TECHNICAL_PARAMETER_NAME, _VALUE and CYCLE_NUMBER
	// entries in file order, entries with a blank name dropped. A name can
	// occur more than once in a cycle.
	Params []TechParam

	// Series is the optional time series of technical measurements (the
	// N_TECH_MEASUREMENT group); nil when the file has none.
	Series *TechSeries

	// Warnings lists what the reader skipped (misshapen variables).
	Warnings []string
}

// TechParam is one technical parameter value of one cycle. Values are
// text, kept as written: their meaning and unit come with the name
// (reference table 14, "<WHAT>_<Description>_<unit>", such as
// VOLTAGE_BatteryInitialAtProfileDepth_volts or FLAG_ProfileTermination_hex).
type TechParam struct {
	Name  string
	Value string
	Cycle int // CYCLE_NUMBER; MissingInt when missing
}

// TechSeries is the N_TECH_MEASUREMENT group of a technical file, by column:
// element i of every non-nil slice is measurement i. Time, Cycle and
// MeasurementCode always have one element per measurement (missing: the
// zero time, MissingInt); the other columns are nil when the file lacks
// their variable.
type TechSeries struct {
	Time               []time.Time // JULD
	TimeStatus         []byte      // JULD_STATUS (reference table 19)
	TimeQC             []QC        // JULD_QC
	TimeAdjusted       []time.Time // JULD_ADJUSTED
	TimeAdjustedStatus []byte      // JULD_ADJUSTED_STATUS
	TimeAdjustedQC     []QC        // JULD_ADJUSTED_QC
	Cycle              []int       // CYCLE_NUMBER_MEAS
	MeasurementCode    []int       // MEASUREMENT_CODE (reference table 15)
	// Params are the technical parameters measured, one column each, sorted by name.
	Params []*TechSeriesParam
}

// TechSeriesParam is one technical parameter of the N_TECH_MEASUREMENT
// group: one value (NaN when missing) and one flag per measurement.
type TechSeriesParam struct {
	Name   string
	Values []float64
	QC     []QC // <PARAM>_QC; nil when absent
	Units  string
}

// Value returns the value text of the first entry with the given name and
// cycle, and whether there is one.
func (t *Tech) Value(name string, cycle int) (string, bool) {
	for _, p := range t.Params {
		if p.Cycle == cycle && p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Float returns the value of the first entry with the given name and cycle
// as a number, and whether there is one that parses. Names whose unit is
// "hex" (FLAG_ProfileTermination_hex) are read as hexadecimal integers,
// with or without a 0x prefix; other values as decimal numbers.
func (t *Tech) Float(name string, cycle int) (float64, bool) {
	s, ok := t.Value(name, cycle)
	if !ok {
		return math.NaN(), false
	}
	return parseTechValue(name, s)
}

// Entries returns every entry with the given name, in file order: the
// history of one technical parameter over the cycles.
func (t *Tech) Entries(name string) []TechParam {
	var out []TechParam
	for _, p := range t.Params {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// Names returns the distinct parameter names, in order of first appearance.
func (t *Tech) Names() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range t.Params {
		if !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p.Name)
		}
	}
	return out
}

func parseTechValue(name, s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(strings.ToLower(name), "_hex") {
		h := strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
		u, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			return math.NaN(), false
		}
		return float64(u), true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return math.NaN(), false
	}
	return v, true
}

// ReadTech reads an Argo technical file (<WMO>_tech.nc). Files that are not
// Argo files give an error wrapping [ErrNotArgo]; Argo files of another
// kind an error wrapping [ErrKind]; a file without PLATFORM_NUMBER or the
// TECHNICAL_PARAMETER_NAME and _VALUE pair a [*FormatError].
func ReadTech(path string) (*Tech, error) {
	f, err := nc.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	return decodeTech(path, f)
}

// DecodeTech is [ReadTech] for a file held in memory; name is used in messages.
func DecodeTech(name string, data []byte) (*Tech, error) {
	f, err := nc.OpenBytes(name, data)
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	return decodeTech(name, f)
}

func decodeTech(name string, f *nc.File) (*Tech, error) {
	info, err := openKind(name, f, KindTech)
	if err != nil {
		return nil, err
	}
	if v := f.Var("PLATFORM_NUMBER"); v == nil || v.Type != nc.Char || len(v.Shape) > 1 {
		return nil, &FormatError{File: name, Var: "PLATFORM_NUMBER", Msg: "missing, or not a file-level text variable"}
	}
	r := newFlat(name, f)
	t := &Tech{File: info, Platform: r.text("PLATFORM_NUMBER"), DataCentre: r.text("DATA_CENTRE")}
	nv := f.Var("TECHNICAL_PARAMETER_NAME")
	if nv == nil || nv.Type != nc.Char || len(nv.Shape) != 2 || isTextDim(nv.Dims[0]) || nv.Shape[1] < 1 {
		return nil, &FormatError{File: name, Var: "TECHNICAL_PARAMETER_NAME", Msg: "missing, or not a (N_TECH_PARAM, STRINGnn) char variable"}
	}
	dim, n := nv.Dims[0], nv.Shape[0]
	vv := f.Var("TECHNICAL_PARAMETER_VALUE")
	if vv == nil || vv.Type != nc.Char || len(vv.Shape) != 2 || vv.Dims[0] != dim || vv.Shape[0] != n || vv.Shape[1] < 1 {
		return nil, &FormatError{File: name, Var: "TECHNICAL_PARAMETER_VALUE", Msg: "missing, or not a char variable matching TECHNICAL_PARAMETER_NAME"}
	}
	names := r.texts("TECHNICAL_PARAMETER_NAME", dim, n)
	values := r.texts("TECHNICAL_PARAMETER_VALUE", dim, n)
	if names == nil || values == nil {
		return nil, &FormatError{File: name, Var: "TECHNICAL_PARAMETER_NAME", Msg: "unreadable"}
	}
	cycles := r.ints("CYCLE_NUMBER", dim, n)
	for i := range n {
		if names[i] == "" {
			continue
		}
		t.Params = append(t.Params, TechParam{Name: names[i], Value: values[i], Cycle: at(cycles, i, MissingInt)})
	}
	t.Series = r.techSeries(info.ReferenceTime)
	t.Warnings = r.warnings
	return t, nil
}

// techKnown are the N_TECH_MEASUREMENT variables that are not technical parameters.
var techKnown = map[string]bool{
	"JULD": true, "JULD_ADJUSTED": true, "CYCLE_NUMBER_MEAS": true, "MEASUREMENT_CODE": true,
}

const nTechMeas = "N_TECH_MEASUREMENT"

// techSeries reads the optional N_TECH_MEASUREMENT group: nil when no
// variable over N_TECH_MEASUREMENT holds data.
func (r *flat) techSeries(ref time.Time) *TechSeries {
	n := r.dimLen(nTechMeas)
	if n < 0 || !r.hasColumn(nTechMeas, n) {
		return nil
	}
	s := &TechSeries{
		Time:               orFill(r.times("JULD", nTechMeas, n, ref), n, time.Time{}),
		TimeStatus:         r.chars("JULD_STATUS", nTechMeas, n),
		TimeQC:             qcColumn(r.chars("JULD_QC", nTechMeas, n)),
		TimeAdjusted:       r.times("JULD_ADJUSTED", nTechMeas, n, ref),
		TimeAdjustedStatus: r.chars("JULD_ADJUSTED_STATUS", nTechMeas, n),
		TimeAdjustedQC:     qcColumn(r.chars("JULD_ADJUSTED_QC", nTechMeas, n)),
		Cycle:              orFill(r.ints("CYCLE_NUMBER_MEAS", nTechMeas, n), n, MissingInt),
		MeasurementCode:    orFill(r.ints("MEASUREMENT_CODE", nTechMeas, n), n, MissingInt),
	}
	var names []string
	for _, v := range r.f.Vars {
		if len(v.Shape) != 1 || v.Dims[0] != nTechMeas || v.Type == nc.Char || v.Type == nc.String || techKnown[v.Name] {
			continue
		}
		names = append(names, v.Name)
	}
	slices.Sort(names)
	for _, name := range names {
		x := r.floats(name, nTechMeas, n)
		if x == nil {
			continue
		}
		p := &TechSeriesParam{Name: name, Values: x}
		if a, ok := r.f.Var(name).Attr("units"); ok {
			p.Units = strings.TrimSpace(a.String())
		}
		if r.f.Var(name+"_QC") != nil {
			p.QC = qcColumn(r.chars(name+"_QC", nTechMeas, n))
		}
		s.Params = append(s.Params, p)
	}
	return s
}
