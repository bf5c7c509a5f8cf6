package argo

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// ErrNotERDDAPTable is returned by [DecodeERDDAP] for data that is a NetCDF
// file but not an ERDDAP tabledap table of Argo rows (no row dimension, no
// platform_number, cycle_number, time, latitude or longitude column).
var ErrNotERDDAPTable = errors.New("argo: not an ERDDAP Argo table")

// erddapMeta are the per-profile columns of the Ifremer Argo datasets
// (ArgoFloats, ArgoFloats-synthetic-BGC, ArgoFloats-reference): they are not
// parameters.
var erddapMeta = map[string]bool{
	"fileNumber": true, "data_type": true, "format_version": true, "handbook_version": true,
	"reference_date_time": true, "date_creation": true, "date_update": true,
	"platform_number": true, "project_name": true, "pi_name": true, "cycle_number": true,
	"direction": true, "data_center": true, "dc_reference": true, "data_state_indicator": true,
	"data_mode": true, "platform_type": true, "float_serial_no": true, "firmware_version": true,
	"wmo_inst_type": true, "time": true, "time_qc": true, "time_location": true,
	"latitude": true, "longitude": true, "position_qc": true, "positioning_system": true,
	"vertical_sampling_scheme": true, "config_mission_number": true,
	"n_levels": true, "n_prof": true, "source": true, "qclevel": true,
}

// paramSuffixes are the columns that belong to a parameter p: p, p_qc,
// p_adjusted, p_adjusted_qc, p_adjusted_error.
var paramSuffixes = []string{"_adjusted_error", "_adjusted_qc", "_adjusted", "_qc"}

var profileGradeRE = regexp.MustCompile(`^profile_(.+)_qc$`)

// DecodeERDDAP groups the rows of an ERDDAP tabledap .nc response of the
// Argo datasets (one row per level, a "row" dimension, lower-case column
// names: what https://erddap.ifremer.fr/erddap/tabledap/ArgoFloats.nc?...
// answers) back into profiles, with the same types as the file readers.
//
// A profile is the rows sharing platform_number, cycle_number and direction,
// in the order of their first row (ERDDAP's orderBy("time,pres") gives time
// order); its levels keep the order of the rows. Parameters are found from
// the columns: p with any of p_qc, p_adjusted, p_adjusted_qc,
// p_adjusted_error, named in upper case (temp_doxy is TEMP_DOXY), core
// parameters first. The table has every column for every profile: a
// parameter with no value and no flag in a profile's rows is left out of
// that profile, as its file would not have it (PSAL of a TEMP-only float,
// DOXY of a float without an oxygen sensor). A column that was not
// requested is missing: raw values
// of a research-mode request (adjusted columns only) are NaN and their flags
// nil. The table's data_mode column (ArgoFloats) gives the profile's and its
// parameters' mode; the synthetic BGC dataset has no data-mode column, so
// its parameters have [ModeUnknown] until [ERDDAP] fills them from a
// synthetic index. Fill values are NaN, times are UTC to the millisecond.
//
// The returned profiles' File has the name given, the kind of the GDAC
// files the dataset is built from (core, or synthetic when the table has
// BGC parameters but no data mode), DataType "ERDDAP tabledap", and the
// table's global text attributes.
func DecodeERDDAP(name string, data []byte) ([]*Profile, error) {
	f, err := nc.OpenBytes(name, data)
	if err != nil {
		if looksLikeERDDAPError(data) {
			return nil, fmt.Errorf("%w: %s is an ERDDAP error message: %.200s", ErrNotERDDAPTable, name, strings.TrimSpace(string(data)))
		}
		return nil, openError(name, err)
	}
	defer f.Close()
	return decodeERDDAPFile(name, f)
}

func looksLikeERDDAPError(data []byte) bool {
	return len(data) < 64<<10 && strings.HasPrefix(strings.TrimSpace(string(data[:min(len(data), 16)])), "Error {")
}

// erddapTable is the column view of one response.
type erddapTable struct {
	name string
	f    *nc.File
	rows int
	cols map[string]*nc.Var
}

func (t *erddapTable) formatError(v, format string, args ...any) error {
	return &FormatError{File: t.name, Var: v, Msg: fmt.Sprintf(format, args...)}
}

// floats reads a numeric row column; nil when absent.
func (t *erddapTable) floats(name string) ([]float64, error) {
	v := t.cols[name]
	if v == nil {
		return nil, nil
	}
	if v.Type == nc.Char || v.Type == nc.String || len(v.Shape) != 1 {
		return nil, t.formatError(name, "is %v%v, want a number per row", v.Type, v.Shape)
	}
	x, err := t.f.Float64s(name)
	if err != nil {
		return nil, fmt.Errorf("argo: %s: %w", t.name, err)
	}
	return x, nil
}

// strings reads a (row, strlen) char column as one trimmed string per row; nil when absent.
func (t *erddapTable) strings(name string) ([]string, error) {
	v := t.cols[name]
	if v == nil {
		return nil, nil
	}
	if v.Type != nc.Char && v.Type != nc.String {
		// ERDDAP serves some codes as numbers on some servers (wmo_inst_type).
		x, err := t.floats(name)
		if err != nil {
			return nil, err
		}
		s := make([]string, len(x))
		for i, f := range x {
			if !math.IsNaN(f) {
				s[i] = strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
		return s, nil
	}
	if v.Type == nc.Char && len(v.Shape) != 2 && len(v.Shape) != 1 {
		return nil, t.formatError(name, "has shape %v, want (row, strlen)", v.Shape)
	}
	if v.Type == nc.Char && len(v.Shape) == 1 { // one char per row
		b, err := t.f.Bytes(name)
		if err != nil {
			return nil, fmt.Errorf("argo: %s: %w", t.name, err)
		}
		s := make([]string, len(b))
		for i, c := range b {
			s[i] = strings.TrimSpace(string(rune(c)))
		}
		return s, nil
	}
	s, err := t.f.Strings(name)
	if err != nil {
		return nil, fmt.Errorf("argo: %s: %w", t.name, err)
	}
	if len(s) != t.rows {
		return nil, t.formatError(name, "has %d strings for %d rows", len(s), t.rows)
	}
	for i := range s {
		s[i] = strings.TrimSpace(s[i])
	}
	return s, nil
}

// flags reads a one-character column (QC, mode, direction) as one byte per
// row, ' ' for blanks; nil when absent.
func (t *erddapTable) flags(name string) ([]byte, error) {
	s, err := t.strings(name)
	if s == nil || err != nil {
		return nil, err
	}
	b := make([]byte, len(s))
	for i, x := range s {
		if x == "" {
			b[i] = ' '
		} else {
			b[i] = x[0]
		}
	}
	return b, nil
}

// timeUnitRE matches CF time units: "seconds since 1970-01-01T00:00:00Z".
var timeUnitRE = regexp.MustCompile(`^\s*(seconds?|minutes?|hours?|days?)\s+since\s+(\S+(?:[ T]\S+)?)\s*$`)

// times reads a CF time column; nil when absent.
func (t *erddapTable) times(name string) ([]time.Time, error) {
	x, err := t.floats(name)
	if x == nil || err != nil {
		return nil, err
	}
	unit, epoch := time.Second, time.Unix(0, 0).UTC()
	if a, ok := t.cols[name].Attr("units"); ok {
		m := timeUnitRE.FindStringSubmatch(a.String())
		if m == nil {
			return nil, t.formatError(name, "has units %q, want \"<unit> since <date>\"", a.String())
		}
		switch strings.TrimSuffix(m[1], "s") {
		case "minute":
			unit = time.Minute
		case "hour":
			unit = time.Hour
		case "day":
			unit = 24 * time.Hour
		}
		if epoch = parseEpoch(m[2]); epoch.IsZero() {
			return nil, t.formatError(name, "has an unreadable reference date in units %q", a.String())
		}
	}
	out := make([]time.Time, len(x))
	for i, v := range x {
		// Beyond ±290 years of nanoseconds a Duration overflows: such times are missing.
		if s := v * float64(unit) / 1e9; !math.IsNaN(v) && math.Abs(s) < 9e9 {
			ms := math.Round(v * float64(unit/time.Millisecond))
			out[i] = epoch.Add(time.Duration(ms) * time.Millisecond)
		}
	}
	return out, nil
}

func parseEpoch(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07", "2006-01-02"} {
		if t, err := time.Parse(layout, strings.TrimSuffix(s, "UTC")); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

func decodeERDDAPFile(name string, f *nc.File) ([]*Profile, error) {
	pv := f.Var("platform_number")
	if pv == nil || len(pv.Shape) == 0 {
		return nil, fmt.Errorf("%w: %s has no platform_number column", ErrNotERDDAPTable, name)
	}
	rowDim := pv.Dims[0]
	t := &erddapTable{name: name, f: f, rows: pv.Shape[0], cols: map[string]*nc.Var{}}
	for _, v := range f.Vars {
		if len(v.Dims) > 0 && v.Dims[0] == rowDim {
			if len(v.Shape) > 2 || (len(v.Shape) == 2 && v.Type != nc.Char) {
				return nil, t.formatError(v.Name, "has shape %v: ERDDAP tables have one value per row", v.Shape)
			}
			t.cols[v.Name] = v
		}
	}
	for _, c := range []string{"cycle_number", "time", "latitude", "longitude"} {
		if t.cols[c] == nil {
			return nil, fmt.Errorf("%w: %s has no %s column", ErrNotERDDAPTable, name, c)
		}
	}

	platforms, err := t.strings("platform_number")
	if err != nil {
		return nil, err
	}
	cycles, err := t.floats("cycle_number")
	if err != nil {
		return nil, err
	}
	dirs, err := t.flags("direction")
	if err != nil {
		return nil, err
	}

	// Group rows into profiles, in order of first appearance.
	type key struct {
		platform string
		cycle    float64
		dir      byte
	}
	var groups [][]int
	index := map[key]int{}
	for r := range t.rows {
		k := key{platform: platforms[r], cycle: cycles[r]}
		if math.IsNaN(k.cycle) {
			k.cycle = -1
		}
		if dirs != nil {
			k.dir = dirs[r]
		}
		g, ok := index[k]
		if !ok {
			g = len(groups)
			index[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], r)
	}

	params := erddapParams(t.cols)
	modes, err := t.flags("data_mode")
	if err != nil {
		return nil, err
	}
	info := &File{Name: name, Kind: KindCore, DataType: "ERDDAP tabledap", Attrs: map[string]string{}}
	for _, a := range f.Attrs {
		if a.Type == nc.Char {
			info.Attrs[a.Name] = a.String()
		}
	}
	// The synthetic BGC dataset has flags but no data mode; the reference
	// dataset (ship CTDs) has neither and is read as core profiles.
	hasFlags := slices.ContainsFunc(params, func(p string) bool { return t.cols[p+"_qc"] != nil || t.cols[p+"_adjusted_qc"] != nil })
	if modes == nil && hasFlags && slices.ContainsFunc(params, func(p string) bool { return !isCore(strings.ToUpper(p)) }) {
		info.Kind = KindSynthetic
	}

	prof := make([]*Profile, len(groups))
	for g, rows := range groups {
		r := rows[0]
		p := &Profile{File: info, Index: g, Platform: platforms[r], Cycle: -1, ConfigMission: -1,
			Lat: math.NaN(), Lon: math.NaN(), PositionErrorRep: math.NaN(), PositionErrorEst: math.NaN(),
			TimeQC: QCNone, PositionQC: QCNone}
		if c := cycles[r]; !math.IsNaN(c) {
			p.Cycle = int(c)
		}
		if dirs != nil {
			p.Direction = parseDirection(dirs[r])
		}
		if modes != nil {
			p.DataMode = ParseMode(modes[r])
			for _, rr := range rows[1:] {
				if ParseMode(modes[rr]) != p.DataMode {
					p.Warnings = append(p.Warnings, fmt.Sprintf("rows disagree on data_mode (%q and %q): the first row's is kept", modes[r], modes[rr]))
					break
				}
			}
		}
		prof[g] = p
	}

	// Per-profile columns: the first row of each profile.
	perProfile := func(col string, set func(p *Profile, r int, v float64)) error {
		x, err := t.floats(col)
		if x == nil || err != nil {
			return err
		}
		for g, rows := range groups {
			set(prof[g], rows[0], x[rows[0]])
		}
		return nil
	}
	if err := perProfile("latitude", func(p *Profile, _ int, v float64) { p.Lat = position(v, 90) }); err != nil {
		return nil, err
	}
	if err := perProfile("longitude", func(p *Profile, _ int, v float64) { p.Lon = position(v, 180) }); err != nil {
		return nil, err
	}
	if err := perProfile("config_mission_number", func(p *Profile, _ int, v float64) {
		if !math.IsNaN(v) {
			p.ConfigMission = int(v)
		}
	}); err != nil {
		return nil, err
	}
	for col, field := range map[string]func(p *Profile) *time.Time{
		"time":          func(p *Profile) *time.Time { return &p.Time },
		"time_location": func(p *Profile) *time.Time { return &p.TimeLocation },
	} {
		ts, err := t.times(col)
		if err != nil {
			return nil, err
		}
		for g, rows := range groups {
			if ts != nil {
				*field(prof[g]) = ts[rows[0]]
			}
		}
	}
	for col, field := range map[string]func(p *Profile) *QC{
		"time_qc":     func(p *Profile) *QC { return &p.TimeQC },
		"position_qc": func(p *Profile) *QC { return &p.PositionQC },
	} {
		b, err := t.flags(col)
		if err != nil {
			return nil, err
		}
		for g, rows := range groups {
			if b != nil {
				*field(prof[g]) = ParseQC(b[rows[0]])
			}
		}
	}
	for col, field := range map[string]func(p *Profile) *string{
		"data_center":              func(p *Profile) *string { return &p.DataCentre },
		"dc_reference":             func(p *Profile) *string { return &p.DCReference },
		"data_state_indicator":     func(p *Profile) *string { return &p.DataStateIndicator },
		"project_name":             func(p *Profile) *string { return &p.Project },
		"pi_name":                  func(p *Profile) *string { return &p.PI },
		"platform_type":            func(p *Profile) *string { return &p.PlatformType },
		"float_serial_no":          func(p *Profile) *string { return &p.FloatSerialNo },
		"firmware_version":         func(p *Profile) *string { return &p.FirmwareVersion },
		"wmo_inst_type":            func(p *Profile) *string { return &p.WMOInstType },
		"positioning_system":       func(p *Profile) *string { return &p.PositioningSystem },
		"vertical_sampling_scheme": func(p *Profile) *string { return &p.VerticalSampling },
	} {
		s, err := t.strings(col)
		if err != nil {
			return nil, err
		}
		for g, rows := range groups {
			if s != nil {
				*field(prof[g]) = s[rows[0]]
			}
		}
	}
	for col := range t.cols {
		m := profileGradeRE.FindStringSubmatch(col)
		if m == nil {
			continue
		}
		b, err := t.flags(col)
		if err != nil {
			return nil, err
		}
		for g, rows := range groups {
			if c := b[rows[0]]; c != ' ' {
				if prof[g].Grades == nil {
					prof[g].Grades = map[string]Grade{}
				}
				prof[g].Grades[strings.ToUpper(m[1])] = Grade(c)
			}
		}
	}

	// Levels: one value per row of the profile.
	for _, base := range params {
		name := strings.ToUpper(base)
		cols := [5][]float64{}
		var qcs [2][]byte
		for i, suffix := range []string{"", "_adjusted", "_adjusted_error"} {
			if cols[i], err = t.floats(base + suffix); err != nil {
				return nil, err
			}
		}
		for i, suffix := range []string{"_qc", "_adjusted_qc"} {
			if qcs[i], err = t.flags(base + suffix); err != nil {
				return nil, err
			}
		}
		var units, longName string
		attrs := map[string]string{}
		src := t.cols[base]
		if src == nil {
			src = t.cols[base+"_adjusted"]
		}
		if src != nil {
			for _, a := range src.Attrs {
				if a.Type == nc.Char {
					attrs[a.Name] = a.String()
				}
			}
			units, longName = attrs["units"], attrs["long_name"]
		}
		for g, rows := range groups {
			p := prof[g]
			q := &Param{Name: name, Mode: p.DataMode, NValues: 1, Units: units, LongName: longName, Attrs: attrs, Listed: true}
			if modes == nil {
				q.Mode = ModeUnknown
			}
			q.Raw = pick(cols[0], rows)
			if q.Raw == nil {
				q.Raw = nanSlice(len(rows))
			}
			q.Adjusted = pick(cols[1], rows)
			q.AdjustedError = pick(cols[2], rows)
			q.RawQC = pickQC(qcs[0], rows)
			q.AdjustedQC = pickQC(qcs[1], rows)
			if !measured(q) {
				// The table has a column for every parameter of the
				// dataset; this profile does not have this one (a
				// TEMP-only float's psal, a float without oxygen's doxy),
				// as its file would not.
				continue
			}
			p.Params = append(p.Params, q)
		}
	}
	return prof, nil
}

// measured reports whether a parameter has a value or a QC flag at some level.
func measured(q *Param) bool {
	for _, x := range [][]float64{q.Raw, q.Adjusted, q.AdjustedError} {
		if slices.ContainsFunc(x, notNaN) {
			return true
		}
	}
	for _, f := range [][]QC{q.RawQC, q.AdjustedQC} {
		if slices.ContainsFunc(f, func(c QC) bool { return c != QCNone }) {
			return true
		}
	}
	return false
}

// erddapParams lists the parameter columns' base names, core parameters first.
func erddapParams(cols map[string]*nc.Var) []string {
	seen := map[string]bool{}
	for c, v := range cols {
		if erddapMeta[c] || profileGradeRE.MatchString(c) {
			continue
		}
		base := c
		for _, s := range paramSuffixes {
			if b, ok := strings.CutSuffix(c, s); ok {
				base = b
				break
			}
		}
		if erddapMeta[base] {
			continue
		}
		if base == c && (v.Type == nc.Char || v.Type == nc.String) {
			continue // a text column that is not a parameter
		}
		seen[base] = true
	}
	var out []string
	for _, c := range coreParams {
		if b := strings.ToLower(c); seen[b] {
			out = append(out, b)
			delete(seen, b)
		}
	}
	rest := make([]string, 0, len(seen))
	for b := range seen {
		rest = append(rest, b)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func pick(x []float64, rows []int) []float64 {
	if x == nil {
		return nil
	}
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = x[r]
	}
	return out
}

func pickQC(b []byte, rows []int) []QC {
	if b == nil {
		return nil
	}
	out := make([]QC, len(rows))
	for i, r := range rows {
		out[i] = ParseQC(b[r])
	}
	return out
}
