package argo

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// Errors callers branch on.
var (
	// ErrNotArgo is returned for files that are not Argo NetCDF files: other
	// NetCDF files (such as an ERDDAP table with lower-case variables), HTML
	// error pages, text, or empty data.
	ErrNotArgo = errors.New("argo: not an Argo file")
	// ErrKind is returned when an Argo file of another kind is given to a
	// reader (a meta-data file to ReadProfiles, say).
	ErrKind = errors.New("argo: wrong kind of Argo file")
)

// FormatError reports an Argo file whose structure breaks the format: a
// missing identity variable, or a variable of the wrong shape.
type FormatError struct {
	File string
	Var  string
	Msg  string
}

func (e *FormatError) Error() string {
	if e.Var != "" {
		return fmt.Sprintf("argo: %s: %s: %s", e.File, e.Var, e.Msg)
	}
	return fmt.Sprintf("argo: %s: %s", e.File, e.Msg)
}

// ReadProfiles reads every profile (all N_PROF) of an Argo profile file of
// any kind: core R/D, B (BR/BD), synthetic S (SR/SD), single-cycle or
// multi-cycle (_prof.nc, _Sprof.nc), formats 2.2 to 3.1. Classic files are
// decoded in pure Go; NetCDF-4 files (_Sprof.nc) need libnetcdf.
func ReadProfiles(path string) ([]*Profile, error) {
	f, err := nc.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	return decodeFile(path, f)
}

// DecodeProfiles is [ReadProfiles] for a file held in memory; name (the file
// name) is used for messages and for the file kind when DATA_TYPE is blank.
func DecodeProfiles(name string, data []byte) ([]*Profile, error) {
	f, err := nc.OpenBytes(name, data)
	if err != nil {
		return nil, openError(name, err)
	}
	defer f.Close()
	return decodeFile(name, f)
}

func openError(name string, err error) error {
	if errors.Is(err, nc.ErrNotNetCDF) {
		return fmt.Errorf("%w: %s: %w", ErrNotArgo, name, err)
	}
	return fmt.Errorf("argo: %s: %w", name, err)
}

// fileNameRE matches GDAC profile file names: prefix, mode, WMO, cycle, descending suffix.
var fileNameRE = regexp.MustCompile(`^([BSM]?)([RD])(\d{5,8})_(\d{3,4})(D?)\.nc$`)

// fileInfo reads the file-level variables and decides the kind of file.
func fileInfo(name string, f *nc.File) (*File, error) {
	if f.Var("DATA_TYPE") == nil && f.Var("PLATFORM_NUMBER") == nil {
		if f.Var("platform_number") != nil || f.Var("data_type") != nil {
			return nil, fmt.Errorf("%w: %s has lower-case variables (an ERDDAP or other re-export, not a GDAC file)", ErrNotArgo, name)
		}
		return nil, fmt.Errorf("%w: %s has neither DATA_TYPE nor PLATFORM_NUMBER", ErrNotArgo, name)
	}
	info := &File{Name: name, Attrs: map[string]string{}}
	info.DataType = scalarString(f, "DATA_TYPE")
	info.FormatVersion = scalarString(f, "FORMAT_VERSION")
	info.HandbookVersion = scalarString(f, "HANDBOOK_VERSION")
	info.ReferenceTime = parseDate(scalarString(f, "REFERENCE_DATE_TIME"))
	if info.ReferenceTime.IsZero() {
		info.ReferenceTime = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	info.Created = parseDate(scalarString(f, "DATE_CREATION"))
	info.Updated = parseDate(scalarString(f, "DATE_UPDATE"))
	for _, a := range f.Attrs {
		if a.Type == nc.Char {
			info.Attrs[a.Name] = a.String()
		}
	}
	base := filepath.Base(name)
	info.MultiCycle = strings.HasSuffix(base, "_prof.nc") || strings.HasSuffix(base, "_Sprof.nc")

	dt := strings.ToLower(info.DataType)
	_, hasProf := f.Dim("N_PROF")
	switch {
	case strings.Contains(dt, "meta"):
		info.Kind = KindMeta
	case strings.Contains(dt, "traj"):
		info.Kind = KindTrajectory
	case strings.Contains(dt, "technical"):
		info.Kind = KindTech
	case strings.Contains(dt, "synthetic"):
		info.Kind = KindSynthetic
	case strings.Contains(dt, "merged"):
		info.Kind = KindMerged
	case hasProf && f.Var("PARAMETER_DATA_MODE") != nil && f.Var("DATA_MODE") == nil:
		info.Kind = KindSynthetic
	case hasProf && (f.Var("PARAMETER_DATA_MODE") != nil || strings.HasPrefix(dt, "b-")):
		info.Kind = KindBio
	case hasProf:
		info.Kind = KindCore
	case f.Var("TECHNICAL_PARAMETER_NAME") != nil:
		info.Kind = KindTech
	case f.Var("N_MEASUREMENT") != nil || hasDim(f, "N_MEASUREMENT"):
		info.Kind = KindTrajectory
	case f.Var("LAUNCH_DATE") != nil:
		info.Kind = KindMeta
	}
	if m := fileNameRE.FindStringSubmatch(base); m != nil && info.Kind == KindCore && m[1] == "B" {
		info.Kind = KindBio
	}
	return info, nil
}

func hasDim(f *nc.File, name string) bool {
	_, ok := f.Dim(name)
	return ok
}

// scalarString reads a file-level char variable as one trimmed string ("" when absent).
func scalarString(f *nc.File, name string) string {
	v := f.Var(name)
	if v == nil || v.Type != nc.Char || len(v.Shape) > 1 {
		return ""
	}
	s, err := f.Strings(name)
	if err != nil || len(s) == 0 {
		return ""
	}
	return strings.TrimSpace(s[0])
}

// decoder reads the per-profile variables of one file.
type decoder struct {
	name  string
	f     *nc.File
	nprof int
	nlev  int
}

func (d *decoder) formatError(v, format string, args ...any) error {
	return &FormatError{File: d.name, Var: v, Msg: fmt.Sprintf(format, args...)}
}

// profVar returns the variable if its first dimension is N_PROF.
func (d *decoder) profVar(name string) *nc.Var {
	v := d.f.Var(name)
	if v == nil || len(v.Shape) == 0 || v.Dims[0] != "N_PROF" || v.Shape[0] != d.nprof {
		return nil
	}
	return v
}

// strs reads a (N_PROF, STRINGn) char variable as one trimmed string per profile (nil if absent or misshapen).
func (d *decoder) strs(name string) []string {
	v := d.profVar(name)
	if v == nil || v.Type != nc.Char || len(v.Shape) != 2 {
		return nil
	}
	s, err := d.f.Strings(name)
	if err != nil || len(s) != d.nprof {
		return nil
	}
	for i := range s {
		s[i] = strings.TrimSpace(s[i])
	}
	return s
}

// chars reads a (N_PROF) char variable as one byte per profile (nil if absent or misshapen).
func (d *decoder) chars(name string) []byte {
	v := d.profVar(name)
	if v == nil || v.Type != nc.Char || len(v.Shape) != 1 {
		return nil
	}
	b, err := d.f.Bytes(name)
	if err != nil || len(b) != d.nprof {
		return nil
	}
	return b
}

// floats reads a numeric (N_PROF) variable (nil if absent or misshapen).
func (d *decoder) floats(name string) []float64 {
	v := d.profVar(name)
	if v == nil || len(v.Shape) != 1 || v.Type == nc.Char || v.Type == nc.String {
		return nil
	}
	x, err := d.f.Float64s(name)
	if err != nil || len(x) != d.nprof {
		return nil
	}
	return x
}

func (d *decoder) ints(name string) []int {
	x := d.floats(name)
	if x == nil {
		return nil
	}
	out := make([]int, len(x))
	for i, v := range x {
		if math.IsNaN(v) || v >= 99999 || v <= -99999 {
			out[i] = -1
		} else {
			out[i] = int(v)
		}
	}
	return out
}

func at[T any](s []T, i int, missing T) T {
	if i < len(s) {
		return s[i]
	}
	return missing
}

func (d *decoder) time(ref time.Time, name string) []time.Time {
	x := d.floats(name)
	if x == nil {
		return nil
	}
	round := timeRounding(d.f.Var(name))
	out := make([]time.Time, len(x))
	for i, days := range x {
		out[i] = julian(ref, days, round)
	}
	return out
}

// timeRounding returns the unit Argo times of a variable are rounded to: a
// second, unless the variable's resolution attribute (in days) says it is
// finer than half a second, then a millisecond. JULD values are days with
// their time of day as a fraction: 24781.368055555504 is 08:49:59.999995,
// written for 08:50:00.
func timeRounding(v *nc.Var) time.Duration {
	if v != nil {
		if a, ok := v.Attr("resolution"); ok {
			if r := a.Float64s(); len(r) == 1 && r[0] > 0 && r[0]*86400 < 0.5 {
				return time.Millisecond
			}
		}
	}
	return time.Second
}

// julian converts days since the reference time to a UTC time rounded to
// the given unit; NaN and absurd values give the zero time.
func julian(ref time.Time, days float64, round time.Duration) time.Time {
	if math.IsNaN(days) || math.Abs(days) > 1e6 {
		return time.Time{}
	}
	ns := math.Round(days*86400e9/float64(round)) * float64(round)
	return ref.Add(time.Duration(ns)).UTC()
}

func decodeFile(name string, f *nc.File) ([]*Profile, error) {
	info, err := fileInfo(name, f)
	if err != nil {
		return nil, err
	}
	if !info.Kind.IsProfile() {
		return nil, fmt.Errorf("%w: %s is a %s file, not a profile file", ErrKind, name, info.Kind)
	}
	np, ok := f.Dim("N_PROF")
	if !ok {
		return nil, &FormatError{File: name, Msg: "no N_PROF dimension"}
	}
	d := &decoder{name: name, f: f, nprof: np.Len}
	if nl, ok := f.Dim("N_LEVELS"); ok {
		d.nlev = nl.Len
	}
	for _, required := range []string{"PLATFORM_NUMBER", "CYCLE_NUMBER", "JULD", "LATITUDE", "LONGITUDE"} {
		if d.profVar(required) == nil {
			return nil, d.formatError(required, "missing, or not dimensioned by N_PROF")
		}
	}
	return d.profiles(info)
}

func (d *decoder) profiles(info *File) ([]*Profile, error) {
	n := d.nprof
	platform := d.strs("PLATFORM_NUMBER")
	if platform == nil {
		return nil, d.formatError("PLATFORM_NUMBER", "not a (N_PROF, STRING) char array")
	}
	cycle := d.ints("CYCLE_NUMBER")
	juld := d.time(info.ReferenceTime, "JULD")
	lat, lon := d.floats("LATITUDE"), d.floats("LONGITUDE")
	if cycle == nil || juld == nil || lat == nil || lon == nil {
		return nil, d.formatError("", "CYCLE_NUMBER, JULD, LATITUDE and LONGITUDE must be numeric (N_PROF) variables")
	}
	direction := d.chars("DIRECTION")
	dataMode := d.chars("DATA_MODE")
	juldQC, posQC := d.chars("JULD_QC"), d.chars("POSITION_QC")
	juldLoc := d.time(info.ReferenceTime, "JULD_LOCATION")
	centre, dcRef, dsi := d.strs("DATA_CENTRE"), d.strs("DC_REFERENCE"), d.strs("DATA_STATE_INDICATOR")
	project, pi := d.strs("PROJECT_NAME"), d.strs("PI_NAME")
	ptype, serial, firmware := d.strs("PLATFORM_TYPE"), d.strs("FLOAT_SERIAL_NO"), d.strs("FIRMWARE_VERSION")
	wmoInst, instRef := d.strs("WMO_INST_TYPE"), d.strs("INST_REFERENCE")
	posSys, vss := d.strs("POSITIONING_SYSTEM"), d.strs("VERTICAL_SAMPLING_SCHEME")
	posErrRep, posErrEst := d.floats("POSITION_ERROR_REPORTED"), d.floats("POSITION_ERROR_ESTIMATED")
	mission := d.ints("CONFIG_MISSION_NUMBER")

	stationParams, pdm, err := d.stationParameters()
	if err != nil {
		return nil, err
	}
	levels, err := d.levelVariables()
	if err != nil {
		return nil, err
	}
	grades := d.grades()
	calibs := d.calibrations()
	history := d.history()

	nan := math.NaN()
	out := make([]*Profile, n)
	for i := range n {
		p := &Profile{
			File:               info,
			Index:              i,
			Platform:           platform[i],
			Cycle:              cycle[i],
			Direction:          parseDirection(at(direction, i, 0)),
			DataMode:           ParseMode(at(dataMode, i, 0)),
			DataCentre:         at(centre, i, ""),
			DCReference:        at(dcRef, i, ""),
			DataStateIndicator: at(dsi, i, ""),
			Project:            at(project, i, ""),
			PI:                 at(pi, i, ""),
			PlatformType:       at(ptype, i, ""),
			FloatSerialNo:      at(serial, i, ""),
			FirmwareVersion:    at(firmware, i, ""),
			WMOInstType:        at(wmoInst, i, ""),
			InstReference:      at(instRef, i, ""),
			Time:               juld[i],
			TimeQC:             ParseQC(at(juldQC, i, 0)),
			TimeLocation:       at(juldLoc, i, time.Time{}),
			Lat:                position(lat[i], 90),
			Lon:                position(lon[i], 180),
			PositionQC:         ParseQC(at(posQC, i, 0)),
			PositioningSystem:  at(posSys, i, ""),
			PositionErrorRep:   at(posErrRep, i, nan),
			PositionErrorEst:   at(posErrEst, i, nan),
			VerticalSampling:   at(vss, i, ""),
			ConfigMission:      at(mission, i, -1),
			Grades:             grades[i],
			Calibrations:       calibs[i],
			History:            history[i],
		}
		if !math.IsNaN(lon[i]) && lon[i] > 180 && lon[i] <= 360 {
			p.Lon = lon[i] - 360
		}
		d.profileParams(p, stationParams[i], pdm[i], levels)
		if info.Kind == KindSynthetic && p.DataMode == ModeUnknown {
			for _, q := range p.Params {
				if q.Mode.rank() > p.DataMode.rank() {
					p.DataMode = q.Mode
				}
			}
		}
		out[i] = p
	}
	if n > 0 && !out[0].Primary() {
		out[0].Warnings = append(out[0].Warnings, fmt.Sprintf("the first profile is not a primary sampling (VERTICAL_SAMPLING_SCHEME %q)", out[0].VerticalSampling))
	}
	return out, nil
}

// position returns v, or NaN when it is beyond the valid range (fill values, sentinels).
func position(v, limit float64) float64 {
	if math.IsNaN(v) || v < -limit || v > 360 || (limit == 90 && v > 90) {
		return math.NaN()
	}
	return v
}

// stationParameters returns each profile's STATION_PARAMETERS row (names as
// in the file, blank entries kept so indexes align with PARAMETER_DATA_MODE)
// and its PARAMETER_DATA_MODE row.
func (d *decoder) stationParameters() ([][]string, [][]byte, error) {
	rows := make([][]string, d.nprof)
	modes := make([][]byte, d.nprof)
	v := d.profVar("STATION_PARAMETERS")
	if v != nil && v.Type == nc.Char && len(v.Shape) == 3 {
		s, err := d.f.Strings("STATION_PARAMETERS")
		if err != nil {
			return nil, nil, fmt.Errorf("argo: %s: %w", d.name, err)
		}
		np := v.Shape[1]
		for i := range d.nprof {
			row := s[i*np : (i+1)*np]
			for j := range row {
				row[j] = strings.TrimSpace(row[j])
			}
			rows[i] = row
		}
	}
	if v := d.profVar("PARAMETER_DATA_MODE"); v != nil && v.Type == nc.Char && len(v.Shape) == 2 {
		b, err := d.f.Bytes("PARAMETER_DATA_MODE")
		if err == nil {
			np := v.Shape[1]
			for i := range d.nprof {
				modes[i] = b[i*np : (i+1)*np]
			}
		}
	}
	return rows, modes, nil
}

// levelArrays are the (N_PROF, N_LEVELS[, N_VALUES]) variables of one parameter.
type levelArrays struct {
	name                       string
	nvalues                    int
	raw, adj, adjErr           []float64
	std, med, dpres            []float64
	rawQC, adjQC               []byte
	hasRawQC, hasAdj, hasAdjQC bool
	units, longName            string
	attrs                      map[string]string
}

var derivedSuffixes = []string{"_QC", "_ADJUSTED", "_ADJUSTED_QC", "_ADJUSTED_ERROR", "_STD", "_MED", "_dPRES", "_ADJUSTED_STD", "_ADJUSTED_MED", "_STD_QC", "_MED_QC"}

// levelVariables finds the parameters among the variables: every
// (N_PROF, N_LEVELS[, N_VALUES]) numeric variable that is not a companion
// (_QC, _ADJUSTED, ...) of another one, and reads its companions.
func (d *decoder) levelVariables() (map[string]*levelArrays, error) {
	isLevel := func(v *nc.Var) bool {
		return v != nil && len(v.Shape) >= 2 && len(v.Shape) <= 3 && v.Dims[0] == "N_PROF" && v.Shape[0] == d.nprof && v.Dims[1] == "N_LEVELS"
	}
	out := map[string]*levelArrays{}
	for _, v := range d.f.Vars {
		if !isLevel(v) || v.Type == nc.Char || v.Type == nc.String {
			continue
		}
		derived := false
		for _, suf := range derivedSuffixes {
			if stem, ok := strings.CutSuffix(v.Name, suf); ok && isLevel(d.f.Var(stem)) {
				derived = true
				break
			}
		}
		if derived {
			continue
		}
		la := &levelArrays{name: v.Name, nvalues: 1, attrs: map[string]string{}}
		if len(v.Shape) == 3 {
			la.nvalues = v.Shape[2]
		}
		for _, a := range v.Attrs {
			if a.Type == nc.Char {
				la.attrs[a.Name] = a.String()
			}
		}
		la.units, la.longName = la.attrs["units"], la.attrs["long_name"]
		var err error
		read := func(suffix string, qc bool) ([]float64, []byte, bool) {
			w := d.f.Var(v.Name + suffix)
			if w == nil || !slices.Equal(w.Shape, v.Shape) {
				return nil, nil, false
			}
			if qc {
				if w.Type != nc.Char {
					return nil, nil, false
				}
				b, e := d.f.Bytes(w.Name)
				if e != nil {
					err = e
				}
				return nil, b, e == nil
			}
			if w.Type == nc.Char || w.Type == nc.String {
				return nil, nil, false
			}
			x, e := d.f.Float64s(w.Name)
			if e != nil {
				err = e
			}
			return x, nil, e == nil
		}
		la.raw, _, _ = read("", false)
		_, la.rawQC, la.hasRawQC = read("_QC", true)
		la.adj, _, la.hasAdj = read("_ADJUSTED", false)
		_, la.adjQC, la.hasAdjQC = read("_ADJUSTED_QC", true)
		la.adjErr, _, _ = read("_ADJUSTED_ERROR", false)
		la.std, _, _ = read("_STD", false)
		la.med, _, _ = read("_MED", false)
		la.dpres, _, _ = read("_dPRES", false)
		if err != nil {
			return nil, fmt.Errorf("argo: %s: %s: %w", d.name, v.Name, err)
		}
		if la.raw == nil {
			continue
		}
		out[v.Name] = la
	}
	return out, nil
}

// profileParams builds profile p's parameters: those listed in
// STATION_PARAMETERS (in order), then those found only as variables that
// hold data in this profile. Arrays are trimmed of trailing empty levels.
func (d *decoder) profileParams(p *Profile, listed []string, modes []byte, levels map[string]*levelArrays) {
	type pick struct {
		la     *levelArrays
		mode   Mode
		listed bool
	}
	var picks []pick
	seen := map[string]bool{}
	for j, name := range listed {
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		la := levels[name]
		if la == nil {
			p.Warnings = append(p.Warnings, fmt.Sprintf("STATION_PARAMETERS lists %s, which has no variable", name))
			continue
		}
		mode := p.DataMode
		if j < len(modes) {
			if m := ParseMode(modes[j]); m != ModeUnknown {
				mode = m
			}
		}
		picks = append(picks, pick{la, mode, true})
	}
	var extra []string
	for name := range levels {
		if !seen[name] {
			extra = append(extra, name)
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		la := levels[name]
		if !hasData(la, p.Index, d.nlev) {
			continue
		}
		if len(listed) > 0 && !allBlank(listed) {
			p.Warnings = append(p.Warnings, fmt.Sprintf("%s holds data but is not in STATION_PARAMETERS", name))
		}
		picks = append(picks, pick{la, p.DataMode, false})
	}
	// Trailing levels where no parameter has a value or a flag are padding.
	used := 0
	for _, pk := range picks {
		used = max(used, lastLevel(pk.la, p.Index, d.nlev)+1)
	}
	for _, pk := range picks {
		la := pk.la
		w := la.nvalues
		lo, hi := p.Index*d.nlev*w, (p.Index*d.nlev+used)*w
		q := &Param{
			Name: la.name, Mode: pk.mode, NValues: w, Units: la.units, LongName: la.longName,
			Attrs: la.attrs, Listed: pk.listed,
			Raw:           cut(la.raw, lo, hi),
			Adjusted:      cut(la.adj, lo, hi),
			AdjustedError: cut(la.adjErr, lo, hi),
			STD:           cut(la.std, lo, hi),
			MED:           cut(la.med, lo, hi),
			DPres:         cut(la.dpres, lo, hi),
			RawQC:         qcs(la.rawQC, lo, hi),
			AdjustedQC:    qcs(la.adjQC, lo, hi),
		}
		if q.Adjusted != nil && q.AdjustedError == nil {
			q.AdjustedError = nanSlice(len(q.Adjusted))
		}
		p.Params = append(p.Params, q)
	}
}

func allBlank(s []string) bool {
	for _, x := range s {
		if x != "" {
			return false
		}
	}
	return true
}

func cut(x []float64, lo, hi int) []float64 {
	if x == nil {
		return nil
	}
	return x[lo:hi:hi]
}

func qcs(b []byte, lo, hi int) []QC {
	if b == nil {
		return nil
	}
	out := make([]QC, hi-lo)
	for i, c := range b[lo:hi] {
		out[i] = ParseQC(c)
	}
	return out
}

// lastLevel returns the last level of profile i with a value or a flag, or -1.
func lastLevel(la *levelArrays, i, nlev int) int {
	w := la.nvalues
	for l := nlev - 1; l >= 0; l-- {
		for k := (i*nlev + l) * w; k < (i*nlev+l+1)*w; k++ {
			if !math.IsNaN(la.raw[k]) || (la.adj != nil && !math.IsNaN(la.adj[k])) ||
				(la.rawQC != nil && la.rawQC[k] != ' ' && la.rawQC[k] != 0) ||
				(la.adjQC != nil && la.adjQC[k] != ' ' && la.adjQC[k] != 0) {
				return l
			}
		}
	}
	return -1
}

func hasData(la *levelArrays, i, nlev int) bool {
	w := la.nvalues
	for k := i * nlev * w; k < (i+1)*nlev*w; k++ {
		if !math.IsNaN(la.raw[k]) || (la.adj != nil && !math.IsNaN(la.adj[k])) {
			return true
		}
	}
	return false
}

// grades reads PROFILE_<PARAM>_QC for each profile.
func (d *decoder) grades() []map[string]Grade {
	out := make([]map[string]Grade, d.nprof)
	for i := range out {
		out[i] = map[string]Grade{}
	}
	for _, v := range d.f.Vars {
		name, ok := strings.CutPrefix(v.Name, "PROFILE_")
		if !ok {
			continue
		}
		name, ok = strings.CutSuffix(name, "_QC")
		if !ok {
			continue
		}
		b := d.chars(v.Name)
		for i, c := range b {
			g := Grade(c)
			if c == 0 {
				g = GradeNone
			}
			out[i][name] = g
		}
	}
	return out
}

// calibrations reads the SCIENTIFIC_CALIB section: (N_PROF, N_CALIB, N_PARAM, STRINGn).
func (d *decoder) calibrations() [][]Calibration {
	out := make([][]Calibration, d.nprof)
	pv := d.profVar("PARAMETER")
	if pv == nil || pv.Type != nc.Char || len(pv.Shape) != 4 {
		return out
	}
	ncal, npar := pv.Shape[1], pv.Shape[2]
	read := func(name string) []string {
		v := d.profVar(name)
		if v == nil || v.Type != nc.Char || len(v.Shape) != 4 || v.Shape[1] != ncal || v.Shape[2] != npar {
			return nil
		}
		s, err := d.f.Strings(name)
		if err != nil {
			return nil
		}
		return s
	}
	param := read("PARAMETER")
	eq, coef, comment := read("SCIENTIFIC_CALIB_EQUATION"), read("SCIENTIFIC_CALIB_COEFFICIENT"), read("SCIENTIFIC_CALIB_COMMENT")
	date := read("SCIENTIFIC_CALIB_DATE")
	if date == nil {
		date = read("CALIBRATION_DATE")
	}
	for i := range d.nprof {
		for c := range ncal {
			for j := range npar {
				k := (i*ncal+c)*npar + j
				cal := Calibration{
					Calib:       c,
					Parameter:   strings.TrimSpace(at(param, k, "")),
					Equation:    strings.TrimSpace(at(eq, k, "")),
					Coefficient: strings.TrimSpace(at(coef, k, "")),
					Comment:     strings.TrimSpace(at(comment, k, "")),
					Date:        parseDate(strings.TrimSpace(at(date, k, ""))),
				}
				if cal.Parameter == "" && cal.Equation == "" && cal.Coefficient == "" && cal.Comment == "" {
					continue
				}
				out[i] = append(out[i], cal)
			}
		}
	}
	return out
}

// history reads the HISTORY section: (N_HISTORY, N_PROF[, STRINGn]).
func (d *decoder) history() [][]History {
	out := make([][]History, d.nprof)
	hv := d.f.Var("HISTORY_INSTITUTION")
	if hv == nil || len(hv.Shape) != 3 || hv.Dims[1] != "N_PROF" || hv.Shape[1] != d.nprof || hv.Shape[0] == 0 {
		return out
	}
	nh := hv.Shape[0]
	str := func(name string) []string {
		v := d.f.Var(name)
		if v == nil || v.Type != nc.Char || len(v.Shape) != 3 || v.Shape[0] != nh || v.Shape[1] != d.nprof {
			return nil
		}
		s, err := d.f.Strings(name)
		if err != nil {
			return nil
		}
		return s
	}
	num := func(name string) []float64 {
		v := d.f.Var(name)
		if v == nil || len(v.Shape) != 2 || v.Shape[0] != nh || v.Shape[1] != d.nprof || v.Type == nc.Char {
			return nil
		}
		x, err := d.f.Float64s(name)
		if err != nil {
			return nil
		}
		return x
	}
	inst, step, sw, swr := str("HISTORY_INSTITUTION"), str("HISTORY_STEP"), str("HISTORY_SOFTWARE"), str("HISTORY_SOFTWARE_RELEASE")
	ref, date, action, param, qct := str("HISTORY_REFERENCE"), str("HISTORY_DATE"), str("HISTORY_ACTION"), str("HISTORY_PARAMETER"), str("HISTORY_QCTEST")
	start, stop, prev := num("HISTORY_START_PRES"), num("HISTORY_STOP_PRES"), num("HISTORY_PREVIOUS_VALUE")
	nan := math.NaN()
	for h := range nh {
		for i := range d.nprof {
			k := h*d.nprof + i
			e := History{
				Institution: strings.TrimSpace(at(inst, k, "")), Step: strings.TrimSpace(at(step, k, "")),
				Software: strings.TrimSpace(at(sw, k, "")), SoftwareRelease: strings.TrimSpace(at(swr, k, "")),
				Reference: strings.TrimSpace(at(ref, k, "")), Date: parseDate(strings.TrimSpace(at(date, k, ""))),
				Action: strings.TrimSpace(at(action, k, "")), Parameter: strings.TrimSpace(at(param, k, "")),
				StartPres: at(start, k, nan), StopPres: at(stop, k, nan), PreviousValue: at(prev, k, nan),
				QCTest: strings.TrimSpace(at(qct, k, "")),
			}
			if e == (History{StartPres: e.StartPres, StopPres: e.StopPres, PreviousValue: e.PreviousValue}) &&
				math.IsNaN(e.StartPres) && math.IsNaN(e.StopPres) && math.IsNaN(e.PreviousValue) {
				continue
			}
			out[i] = append(out[i], e)
		}
	}
	return out
}
