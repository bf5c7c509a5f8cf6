package argo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// File describes the Argo file a record was read from.
type File struct {
	Name            string // the path or name given to the reader
	Kind            Kind
	DataType        string            // DATA_TYPE, e.g. "Argo profile"
	FormatVersion   string            // FORMAT_VERSION, e.g. "3.1"
	HandbookVersion string            // HANDBOOK_VERSION
	ReferenceTime   time.Time         // REFERENCE_DATE_TIME (1950-01-01 in practice)
	Created         time.Time         // DATE_CREATION
	Updated         time.Time         // DATE_UPDATE
	MultiCycle      bool              // a _prof.nc / _Sprof.nc aggregate rather than a single-cycle file
	Attrs           map[string]string // global text attributes (title, institution, Conventions, ...)
}

// Profile is one vertical profile (one N_PROF index of a profile file) with
// every per-profile field of format 3.1 and its parameters.
//
// Missing numbers are NaN, missing times the zero time, missing text "".
type Profile struct {
	File  *File // the file it came from (shared by its profiles)
	Index int   // the N_PROF index in the file

	Platform           string // PLATFORM_NUMBER (WMO number)
	Cycle              int    // CYCLE_NUMBER; -1 when missing
	Direction          Direction
	DataMode           Mode // DATA_MODE; for S files, the highest PARAMETER_DATA_MODE
	DataCentre         string
	DCReference        string
	DataStateIndicator string
	Project            string
	PI                 string
	PlatformType       string // PLATFORM_TYPE (format 3.x)
	FloatSerialNo      string
	FirmwareVersion    string
	WMOInstType        string // WMO_INST_TYPE, e.g. "846"
	InstReference      string // INST_REFERENCE (format 2.x, in place of PLATFORM_TYPE...)

	Time              time.Time // JULD
	TimeQC            QC
	TimeLocation      time.Time // JULD_LOCATION
	Lat, Lon          float64   // NaN when missing
	PositionQC        QC
	PositioningSystem string
	PositionErrorRep  float64          // POSITION_ERROR_REPORTED in metres, NaN when absent
	PositionErrorEst  float64          // POSITION_ERROR_ESTIMATED in metres, NaN when absent
	VerticalSampling  string           // VERTICAL_SAMPLING_SCHEME
	ConfigMission     int              // CONFIG_MISSION_NUMBER; -1 when missing
	Grades            map[string]Grade // PROFILE_<PARAM>_QC by parameter name
	Calibrations      []Calibration
	History           []History
	Params            []*Param // STATION_PARAMETERS order, then parameters found only as variables
	Warnings          []string // what the reader noticed (non-primary first profile, unlisted parameters...)
}

// Calibration is one SCIENTIFIC_CALIB entry of a profile (free text: never parsed).
type Calibration struct {
	Calib       int // the N_CALIB index
	Parameter   string
	Equation    string
	Coefficient string
	Comment     string
	Date        time.Time
}

// History is one HISTORY entry of a profile.
type History struct {
	Institution     string
	Step            string
	Software        string
	SoftwareRelease string
	Reference       string
	Date            time.Time
	Action          string
	Parameter       string
	StartPres       float64
	StopPres        float64
	PreviousValue   float64
	QCTest          string
}

// Param is one parameter of a profile: raw and adjusted values with their
// flags and errors, one element per level (NValues elements per level for
// spectra).
type Param struct {
	Name          string
	Mode          Mode // PARAMETER_DATA_MODE for B and S files, else the profile's DATA_MODE
	Raw           []float64
	RawQC         []QC      // nil when the file has no <PARAM>_QC (PRES in B files)
	Adjusted      []float64 // nil when the file has no <PARAM>_ADJUSTED (intermediate parameters)
	AdjustedQC    []QC
	AdjustedError []float64
	STD, MED      []float64 // optional <PARAM>_STD and <PARAM>_MED
	DPres         []float64 // <PARAM>_dPRES of synthetic files: pressure offset from the sampled level
	NValues       int       // values per level for spectra (N_VALUESnn); 1 otherwise
	Units         string
	LongName      string
	Attrs         map[string]string // the variable's text attributes
	Listed        bool              // listed in STATION_PARAMETERS (false: found only as a variable)
}

// Param returns the parameter with the given name, or nil.
func (p *Profile) Param(name string) *Param {
	for _, q := range p.Params {
		if q.Name == name {
			return q
		}
	}
	return nil
}

// Point returns the profile position as an orb.Point {lon, lat}: Profile
// implements orb.Pointer.
func (p *Profile) Point() orb.Point { return orb.Point{p.Lon, p.Lat} }

// Levels returns the number of levels of the profile.
func (p *Profile) Levels() int {
	for _, q := range p.Params {
		return len(q.Raw) / max(q.NValues, 1)
	}
	return 0
}

// Primary reports whether the profile is a primary sampling (its vertical
// sampling scheme starts with "Primary sampling"); a blank scheme (format
// 2.x) counts as primary for the first profile of a file.
func (p *Profile) Primary() bool {
	s := strings.TrimSpace(p.VerticalSampling)
	if s == "" {
		return p.Index == 0
	}
	return strings.HasPrefix(strings.ToLower(s), "primary sampling")
}

// ID returns "<platform>_<cycle>" (cycle on at least 3 digits) with a "D"
// suffix for descending profiles: the key of GDAC file names and argopy.
func (p *Profile) ID() string {
	id := fmt.Sprintf("%s_%03d", p.Platform, p.Cycle)
	if p.Direction == Descending {
		id += "D"
	}
	return id
}

// Best returns the values to use, by the Argo rule: adjusted values, flags
// and errors for modes A and D; raw values and flags for R and unknown modes
// (errs is nil then). A missing adjusted value in D mode stays missing (NaN):
// see [Param.BestFallback] to fall back on raw values. The slices are the
// parameter's own, not copies.
func (p *Param) Best() (values []float64, qc []QC, errs []float64) {
	if p.Mode.UsesAdjusted() && p.Adjusted != nil {
		return p.Adjusted, p.AdjustedQC, p.AdjustedError
	}
	if p.Mode.UsesAdjusted() {
		// A/D mode without adjusted variables (intermediate parameters): nothing adjusted.
		return nanSlice(len(p.Raw)), nil, nil
	}
	return p.Raw, p.RawQC, nil
}

// BestFallback is [Param.Best], except that where an A or D mode parameter
// has no adjusted value, the raw value and flag are used (argoFloats'
// useAdjusted(fallback=TRUE)). The returned slices are new.
func (p *Param) BestFallback() (values []float64, qc []QC, errs []float64) {
	if !p.Mode.UsesAdjusted() || p.Adjusted == nil {
		if !p.Mode.UsesAdjusted() {
			return clone(p.Raw), cloneQC(p.RawQC), nil
		}
		return clone(p.Raw), cloneQC(p.RawQC), nanSlice(len(p.Raw))
	}
	values = clone(p.Adjusted)
	qc = cloneQC(p.AdjustedQC)
	errs = clone(p.AdjustedError)
	if errs == nil {
		errs = nanSlice(len(values))
	}
	for i, v := range values {
		if math.IsNaN(v) && i < len(p.Raw) {
			values[i] = p.Raw[i]
			if qc != nil && p.RawQC != nil {
				qc[i] = p.RawQC[i]
			}
		}
	}
	return values, qc, errs
}

// Spectrum returns the NValues values of level i of a spectral parameter (raw values).
func (p *Param) Spectrum(i int) []float64 {
	n := max(p.NValues, 1)
	return p.Raw[i*n : (i+1)*n]
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

func clone(s []float64) []float64 {
	if s == nil {
		return nil
	}
	return append([]float64(nil), s...)
}

func cloneQC(s []QC) []QC {
	if s == nil {
		return nil
	}
	return append([]QC(nil), s...)
}
