package thredds

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Metadata is a threddsMetadataGroup: what a dataset, a <metadata> block or
// a catalog reference says about data. Single-valued fields are "" or nil
// when absent.
type Metadata struct {
	ServiceName string
	Authority   string
	DataType    string // Grid, Point, Station, Trajectory, Radial, ... (TDS 5 also writes feature types)
	DataFormat  string
	DataSize    DataSize
	// FeatureType is the featureType element some TDS 5 catalogs write.
	FeatureType        string
	TimeCoverage       *TimeCoverage
	GeospatialCoverage *GeospatialCoverage
	VariableMap        *Link // variableMap xlink

	Documentation []Documentation
	Keywords      []Vocab
	Projects      []Vocab
	Creators      []Source
	Publishers    []Source
	Contributors  []Contributor
	Dates         []Date
	Properties    []Property
	Variables     []Variables
	// Links are <metadata xlink:href=...> references to external metadata
	// documents (THREDDS, DublinCore, DIF, ISO, ...).
	Links []MetadataLink
}

// DataSize is a dataSize element: a value and its units (bytes, Kbytes,
// Mbytes, Gbytes, Tbytes; decimal multipliers).
type DataSize struct {
	Value float64
	Units string
}

// Bytes returns the size in bytes, or -1 when the size is unknown or its
// units are not recognised.
func (s DataSize) Bytes() int64 {
	if s.Units == "" && s.Value == 0 {
		return -1
	}
	m := 0.0
	switch strings.ToLower(strings.TrimSpace(s.Units)) {
	case "bytes", "byte", "b", "":
		m = 1
	case "kbytes", "kb", "kbyte", "kilobytes":
		m = 1e3
	case "mbytes", "mb", "mbyte", "megabytes":
		m = 1e6
	case "gbytes", "gb", "gbyte", "gigabytes":
		m = 1e9
	case "tbytes", "tb", "tbyte", "terabytes":
		m = 1e12
	case "pbytes", "pb":
		m = 1e15
	default:
		return -1
	}
	v := s.Value * m
	if math.IsNaN(v) || v < 0 || v > math.MaxInt64/2 {
		return -1
	}
	return int64(math.Round(v))
}

// Documentation is a documentation element: inline text, a link, or both.
type Documentation struct {
	Type  string // summary, rights, history, funding, processing_level, ...
	Text  string
	Href  string // resolved against the catalog's base
	Title string
}

// Vocab is a keyword or project: a value from an optional vocabulary.
type Vocab struct {
	Vocabulary string
	Value      string
}

// Source is a creator or publisher.
type Source struct {
	Name       string
	Vocabulary string
	URL        string
	Email      string
}

// Contributor is a contributor element.
type Contributor struct {
	Role string
	Name string
}

// Date is a date element; Time is zero when the text is not a date this
// package reads (see [ParseTime]).
type Date struct {
	Type string // created, modified, issued, metadataCreated, ...
	Text string
	Time time.Time
}

// Property is a name/value property.
type Property struct {
	Name  string
	Value string
}

// Link is an xlink reference.
type Link struct {
	Href  string // resolved against the catalog's base
	Title string
}

// MetadataLink is a <metadata> element that points at an external document.
type MetadataLink struct {
	Type  string // metadataType
	Href  string // resolved against the catalog's base
	Title string
}

// Variables is a variables element: variables named in a vocabulary, or a
// link to a variable map.
type Variables struct {
	Vocabulary string
	Href       string // variableMap xlink:href, resolved
	Variables  []Variable
}

// Variable is a variable element.
type Variable struct {
	Name           string
	VocabularyName string
	Units          string
	Description    string
}

// GeospatialCoverage is a geospatialCoverage element. Each range covers
// Start..Start+Size.
type GeospatialCoverage struct {
	Name       string // e.g. "global"
	ZPositive  string // "up" or "down"
	NorthSouth *Range
	EastWest   *Range
	UpDown     *Range
}

// Range is a northsouth, eastwest or updown element. Resolution is NaN when
// absent.
type Range struct {
	Start, Size, Resolution float64
	Units                   string
}

// BBox returns the horizontal extent as west, south, east, north, and false
// when either range is missing. East may exceed 180 (the coverage is
// start+size).
func (g *GeospatialCoverage) BBox() (west, south, east, north float64, ok bool) {
	if g == nil || g.NorthSouth == nil || g.EastWest == nil {
		return 0, 0, 0, 0, false
	}
	ns, ew := g.NorthSouth, g.EastWest
	south, north = ns.Start, ns.Start+ns.Size
	if south > north {
		south, north = north, south
	}
	return ew.Start, south, ew.Start + ew.Size, north, true
}

// TimeCoverage is a timeCoverage element: two of start, end and duration,
// and an optional resolution.
type TimeCoverage struct {
	Start      DateType
	End        DateType
	Duration   Duration
	Resolution Duration
	Calendar   string // the calendar attribute, when given (e.g. uniform30day)
}

// DateType is a date that may be "present" (the time of the request).
type DateType struct {
	Text    string
	Time    time.Time // zero when Text is empty, "present", or not a readable date
	Present bool
}

// IsZero reports whether the date was not given.
func (d DateType) IsZero() bool { return d.Text == "" }

// at returns the date, with "present" taken as now.
func (d DateType) at(now time.Time) (time.Time, bool) {
	if d.Present {
		return now, true
	}
	return d.Time, !d.Time.IsZero()
}

// Range returns the coverage as a half-open interval [start, end), with
// "present" taken as now and the missing bound computed from the duration.
// It reports false when the coverage does not fix both ends.
func (tc *TimeCoverage) Range(now time.Time) (start, end time.Time, ok bool) {
	if tc == nil {
		return time.Time{}, time.Time{}, false
	}
	now = now.UTC()
	s, sok := tc.Start.at(now)
	e, eok := tc.End.at(now)
	switch {
	case sok && eok:
		return s, e, true
	case sok && tc.Duration.Valid():
		return s, tc.Duration.AddTo(s, 1), true
	case eok && tc.Duration.Valid():
		return tc.Duration.AddTo(e, -1), e, true
	}
	return time.Time{}, time.Time{}, false
}

// Duration is a THREDDS duration: a udunits string ("45 days", "3 hour",
// "0 hours") or an ISO 8601 duration ("P3M", "PT6H").
type Duration struct {
	Text string

	years, months, days int
	d                   time.Duration
	ok                  bool
}

// Valid reports whether the text was a duration this package reads.
func (d Duration) Valid() bool { return d.ok }

// AddTo adds the duration to t sign times (sign is 1 or -1). Years and
// months are calendar years and months (time.AddDate).
func (d Duration) AddTo(t time.Time, sign int) time.Time {
	if !d.ok {
		return t
	}
	return t.AddDate(sign*d.years, sign*d.months, sign*d.days).Add(time.Duration(sign) * d.d)
}

// Approx returns the duration as a time.Duration, counting a month as
// 30.436875 days and a year as 365.2425 days.
func (d Duration) Approx() time.Duration {
	const day = 24 * time.Hour
	f := float64(d.years)*365.2425*float64(day) + float64(d.months)*30.436875*float64(day) + float64(d.days)*float64(day) + float64(d.d)
	return time.Duration(f)
}

// ParseDuration reads a udunits duration ("45 days", "3 hour", "10 min",
// "1.5 hours") or an ISO 8601 duration ("P3M", "P1DT12H", "PT30M").
func ParseDuration(s string) Duration {
	out := Duration{Text: s}
	t := strings.TrimSpace(s)
	if t == "" {
		return out
	}
	if t[0] == 'P' || t[0] == 'p' || ((t[0] == '-' || t[0] == '+') && len(t) > 1 && (t[1] == 'P' || t[1] == 'p')) {
		return parseISODuration(out, t)
	}
	fields := strings.Fields(t)
	var num float64
	var unit string
	var err error
	switch len(fields) {
	case 1:
		// "3hours" or a bare number of seconds
		i := 0
		for i < len(t) && (t[i] == '.' || t[i] == '-' || t[i] == '+' || t[i] == 'e' || (t[i] >= '0' && t[i] <= '9')) {
			i++
		}
		num, err = strconv.ParseFloat(t[:i], 64)
		unit = t[i:]
		if unit == "" {
			unit = "s"
		}
	case 2:
		num, err = strconv.ParseFloat(fields[0], 64)
		unit = fields[1]
	default:
		return out
	}
	if err != nil || math.IsNaN(num) || math.IsInf(num, 0) || math.Abs(num) > 1e12 {
		return out
	}
	var unitDur float64
	switch strings.ToLower(strings.TrimSuffix(strings.ToLower(unit), "s")) {
	case "sec", "second", "":
		unitDur = float64(time.Second)
	case "min", "minute":
		unitDur = float64(time.Minute)
	case "h", "hr", "hour":
		unitDur = float64(time.Hour)
	case "d", "day":
		unitDur = float64(24 * time.Hour)
	case "week":
		unitDur = float64(7 * 24 * time.Hour)
	case "month":
		if num == math.Trunc(num) {
			out.months, out.ok = int(num), true
			return out
		}
		unitDur = 30.436875 * float64(24*time.Hour)
	case "year", "yr":
		if num == math.Trunc(num) {
			out.years, out.ok = int(num), true
			return out
		}
		unitDur = 365.2425 * float64(24*time.Hour)
	default:
		return out
	}
	v := num * unitDur
	if math.Abs(v) > float64(math.MaxInt64)/2 {
		return out
	}
	out.d, out.ok = time.Duration(v), true
	return out
}

func parseISODuration(out Duration, t string) Duration {
	neg := false
	if t[0] == '-' || t[0] == '+' {
		neg = t[0] == '-'
		t = t[1:]
	}
	t = strings.ToUpper(t[1:])
	inTime := false
	seen := false
	for len(t) > 0 {
		if t[0] == 'T' {
			inTime = true
			t = t[1:]
			continue
		}
		i := 0
		for i < len(t) && (t[i] == '.' || t[i] == ',' || (t[i] >= '0' && t[i] <= '9')) {
			i++
		}
		if i == 0 || i == len(t) {
			return out
		}
		num, err := strconv.ParseFloat(strings.Replace(t[:i], ",", ".", 1), 64)
		if err != nil || num > 1e9 {
			return out
		}
		whole := num == math.Trunc(num)
		switch u := t[i]; {
		case u == 'Y' && !inTime && whole:
			out.years += int(num)
		case u == 'M' && !inTime && whole:
			out.months += int(num)
		case u == 'W' && !inTime:
			out.d += time.Duration(num * 7 * 24 * float64(time.Hour))
		case u == 'D' && !inTime && whole:
			out.days += int(num)
		case u == 'D' && !inTime:
			out.d += time.Duration(num * 24 * float64(time.Hour))
		case u == 'H' && inTime:
			out.d += time.Duration(num * float64(time.Hour))
		case u == 'M' && inTime:
			out.d += time.Duration(num * float64(time.Minute))
		case u == 'S' && inTime:
			out.d += time.Duration(num * float64(time.Second))
		default:
			return Duration{Text: out.Text}
		}
		seen = true
		t = t[i+1:]
	}
	if !seen {
		return Duration{Text: out.Text}
	}
	if neg {
		out.years, out.months, out.days, out.d = -out.years, -out.months, -out.days, -out.d
	}
	out.ok = true
	return out
}

// timeLayouts are the date spellings seen in catalogs and NCSS responses.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04Z",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05Z",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04",
	"2006-01-02Z",
	"2006-01-02",
	"2006-01",
	"2006",
}

// ParseTime reads the dates THREDDS servers write: ISO 8601 with or without
// a zone, with a space instead of the T, with a " UTC" suffix (RAMADDA), or
// a date alone. Times without a zone are taken as UTC; the result is in UTC.
// It reports false for anything else ("present" included).
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if strings.HasSuffix(s, " UTC") || strings.HasSuffix(s, " GMT") {
		s = strings.TrimSpace(s[:len(s)-4]) + "Z"
		s = strings.Replace(s, " ", "T", 1)
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func parseDateType(s string) DateType {
	d := DateType{Text: s}
	if strings.EqualFold(strings.TrimSpace(s), "present") {
		d.Present = true
		return d
	}
	d.Time, _ = ParseTime(s)
	return d
}

// Effective returns the dataset's metadata with inheritance applied, as
// netcdf-java's Dataset does:
//
//   - single-valued fields (serviceName, authority, dataType, dataFormat,
//     dataSize, featureType, geospatialCoverage, timeCoverage, variableMap)
//     come from the dataset's own metadata, else its inheritable metadata,
//     else the inheritable metadata of the nearest ancestor that has one;
//   - list fields (documentation, keywords, projects, creators, publishers,
//     contributors, dates, properties, variables, external links) accumulate
//     local entries first, then inherited ones, nearest ancestor first;
//     properties are unique by name, the nearest value winning.
//
// Only <metadata inherited="true"> passes down: a serviceName attribute on
// a parent is not inherited (netcdf-java TestClientCatalogInherit).
func (d *Dataset) Effective() Metadata {
	m := d.effectiveSingles()
	add := func(src *Metadata) {
		m.Documentation = append(m.Documentation, src.Documentation...)
		m.Keywords = append(m.Keywords, src.Keywords...)
		m.Projects = append(m.Projects, src.Projects...)
		m.Creators = append(m.Creators, src.Creators...)
		m.Publishers = append(m.Publishers, src.Publishers...)
		m.Contributors = append(m.Contributors, src.Contributors...)
		m.Dates = append(m.Dates, src.Dates...)
		m.Variables = append(m.Variables, src.Variables...)
		m.Links = append(m.Links, src.Links...)
		for _, p := range src.Properties {
			dup := false
			for _, q := range m.Properties {
				if q.Name == p.Name {
					dup = true
					break
				}
			}
			if !dup {
				m.Properties = append(m.Properties, p)
			}
		}
	}
	add(&d.Metadata)
	for p := d; p != nil; p = p.Parent {
		add(&p.Inheritable)
	}
	return m
}

// effectiveSingles returns the single-valued effective fields only.
func (d *Dataset) effectiveSingles() Metadata {
	var m Metadata
	fill := func(src *Metadata) {
		if m.ServiceName == "" {
			m.ServiceName = src.ServiceName
		}
		if m.Authority == "" {
			m.Authority = src.Authority
		}
		if m.DataType == "" {
			m.DataType = src.DataType
		}
		if m.DataFormat == "" {
			m.DataFormat = src.DataFormat
		}
		if m.DataSize.Units == "" && m.DataSize.Value == 0 {
			m.DataSize = src.DataSize
		}
		if m.FeatureType == "" {
			m.FeatureType = src.FeatureType
		}
		if m.TimeCoverage == nil {
			m.TimeCoverage = src.TimeCoverage
		}
		if m.GeospatialCoverage == nil {
			m.GeospatialCoverage = src.GeospatialCoverage
		}
		if m.VariableMap == nil {
			m.VariableMap = src.VariableMap
		}
	}
	fill(&d.Metadata)
	for p := d; p != nil; p = p.Parent {
		fill(&p.Inheritable)
	}
	return m
}

// ServiceName returns the dataset's default service name (its own, or
// inherited through <metadata inherited="true">), or "".
func (d *Dataset) ServiceName() string { return d.effectiveSingles().ServiceName }

// DataType returns the dataset's effective dataType (or featureType), or "".
func (d *Dataset) DataType() string {
	m := d.effectiveSingles()
	if m.DataType != "" {
		return m.DataType
	}
	return m.FeatureType
}

// Authority returns the dataset's effective naming authority, or "".
func (d *Dataset) Authority() string { return d.effectiveSingles().Authority }

// DataSize returns the dataset's effective dataSize in bytes, or -1.
func (d *Dataset) DataSize() int64 { return d.effectiveSingles().DataSize.Bytes() }

// TimeCoverage returns the dataset's effective time coverage, or nil.
func (d *Dataset) TimeCoverage() *TimeCoverage { return d.effectiveSingles().TimeCoverage }

// GeospatialCoverage returns the dataset's effective geospatial coverage, or nil.
func (d *Dataset) GeospatialCoverage() *GeospatialCoverage {
	return d.effectiveSingles().GeospatialCoverage
}

// Restricted returns the effective restrictAccess value: the dataset's own,
// or the nearest ancestor's (it is always inherited).
func (d *Dataset) Restricted() string {
	for p := d; p != nil; p = p.Parent {
		if p.RestrictAccess != "" {
			return p.RestrictAccess
		}
	}
	return ""
}

// Modified returns the dataset's "modified" date (the first one when it
// has several), or the zero time.
func (d *Dataset) Modified() time.Time {
	for _, dt := range d.Metadata.Dates {
		if strings.EqualFold(dt.Type, "modified") {
			return dt.Time
		}
	}
	return time.Time{}
}
