package argo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/insitu-go/insitu/erddap"
	"github.com/insitu-go/insitu/geo"
)

// Errors of the ERDDAP source.
var (
	// ErrUnsupported is wrapped by the errors of queries the ERDDAP source
	// cannot answer exactly (a filter the datasets have no column for).
	ErrUnsupported = errors.New("argo: not supported by the ERDDAP source")
	// ErrNoParamModes is returned for synthetic BGC profiles from ERDDAP in
	// Standard or Research mode without a synthetic index: the
	// ArgoFloats-synthetic-BGC dataset has no parameter data modes, and the
	// user modes need them (argopy rebuilds them from the same index).
	ErrNoParamModes = errors.New("argo: the ERDDAP synthetic BGC dataset has no parameter data modes: give the synthetic profile index (WithERDDAPIndex) or use Expert mode")
)

// The Ifremer ERDDAP's Argo datasets, argopy's "phy", "bgc" and "ref".
const (
	ERDDAPDatasetPhy = "ArgoFloats"
	ERDDAPDatasetBGC = "ArgoFloats-synthetic-BGC"
	ERDDAPDatasetRef = "ArgoFloats-reference"
)

// ERDDAPDatasetIndex is the Ifremer ERDDAP's copy of the core profile index
// (ar_index_global_prof.txt), which argopy's erddap index fetcher reads.
const ERDDAPDatasetIndex = "ArgoFloats-index"

// IfremerERDDAP is the ERDDAP server argopy reads Argo data from.
const IfremerERDDAP = "https://erddap.ifremer.fr/erddap"

// erddapPhyVars is argopy's variable list for the ArgoFloats dataset, in
// every user mode (sorted, as argopy sends it).
var erddapPhyVars = []string{
	"config_mission_number", "cycle_number", "data_mode", "direction", "latitude", "longitude",
	"platform_number", "position_qc",
	"pres", "pres_adjusted", "pres_adjusted_error", "pres_adjusted_qc", "pres_qc",
	"psal", "psal_adjusted", "psal_adjusted_error", "psal_adjusted_qc", "psal_qc",
	"temp", "temp_adjusted", "temp_adjusted_error", "temp_adjusted_qc", "temp_qc",
	"time", "time_qc", "vertical_sampling_scheme",
}

// erddapBGCMeta are the per-profile columns argopy asks of the synthetic BGC dataset.
var erddapBGCMeta = []string{"config_mission_number", "cycle_number", "direction", "latitude", "longitude", "platform_number", "position_qc", "time", "time_qc"}

// erddapRefVars is argopy's variable list for the reference dataset.
var erddapRefVars = []string{"cycle_number", "latitude", "longitude", "platform_number", "pres", "psal", "ptmp", "temp", "time"}

// ERDDAP is an Argo [Source] backed by an ERDDAP server's Argo datasets (by
// default those of the Ifremer ERDDAP, as argopy uses them). It sends
// argopy's requests and groups the rows back into [Profile]s with the same
// types, modes and flags as the file readers, so a program can switch
// between a [GDAC] and an ERDDAP server.
//
// An ERDDAP is safe for concurrent use.
type ERDDAP struct {
	client      *erddap.Client
	dataset     Dataset
	datasetID   string
	params      []string
	index       *Index
	perRequest  int
	concurrency int
	chunkLon    float64
	chunkLat    float64
	chunkTime   time.Duration

	mu        sync.Mutex
	allParams []string // the synthetic dataset's parameters, from its info
}

// ERDDAPOption configures an [ERDDAP] source.
type ERDDAPOption func(*ERDDAP) error

// WithERDDAPDataset selects the dataset: DatasetPhy (ArgoFloats, the
// default), DatasetBGC (ArgoFloats-synthetic-BGC) or DatasetRef
// (ArgoFloats-reference, ship CTD reference data, which has neither flags
// nor data modes: user modes do not apply to it).
func WithERDDAPDataset(d Dataset) ERDDAPOption {
	return func(s *ERDDAP) error {
		switch d {
		case DatasetPhy, DatasetBGC, DatasetRef:
			s.dataset = d
			return nil
		}
		return fmt.Errorf("%w: dataset %v (B files are on the GDAC only)", ErrUnsupported, d)
	}
}

// WithERDDAPDatasetID replaces the dataset ID the requests name, for a
// server that serves the same dataset under another name.
func WithERDDAPDatasetID(id string) ERDDAPOption {
	return func(s *ERDDAP) error {
		if id == "" {
			return errors.New("argo: empty ERDDAP dataset ID")
		}
		s.datasetID = id
		return nil
	}
}

// WithERDDAPParams lists the BGC parameters to request from the synthetic
// dataset (Argo names, e.g. "DOXY", "CHLA"); PRES, TEMP and PSAL are always
// requested. Without it, a query's Params are requested, and without those
// every parameter the dataset's info lists (argopy's params="all").
func WithERDDAPParams(params ...string) ERDDAPOption {
	return func(s *ERDDAP) error {
		for _, p := range params {
			if p == "" || strings.ContainsAny(p, ",&\"") {
				return fmt.Errorf("argo: bad parameter name %q", p)
			}
		}
		s.params = params
		return nil
	}
}

// WithERDDAPIndex gives the synthetic profile index
// (argo_synthetic-profile_index.txt) the source reads the parameter data
// modes of synthetic BGC profiles from, as argopy does: the ERDDAP dataset
// has none. Standard and Research modes need it for DatasetBGC.
func WithERDDAPIndex(ix *Index) ERDDAPOption {
	return func(s *ERDDAP) error {
		if ix == nil || ix.Kind() != IndexSynthetic {
			return errors.New("argo: WithERDDAPIndex needs the synthetic profile index")
		}
		s.index = ix
		return nil
	}
}

// WithERDDAPFloatsPerRequest sets how many floats one request names
// (default 5, and 1 for the synthetic BGC dataset, as argopy).
func WithERDDAPFloatsPerRequest(n int) ERDDAPOption {
	return func(s *ERDDAP) error {
		if n < 1 {
			return fmt.Errorf("argo: floats per request %d < 1", n)
		}
		s.perRequest = n
		return nil
	}
}

// WithERDDAPConcurrency sets how many requests are decoded ahead of the
// consumer (default 2). The erddap.Client's own limit on concurrent
// requests still applies.
func WithERDDAPConcurrency(n int) ERDDAPOption {
	return func(s *ERDDAP) error {
		if n < 1 {
			return fmt.Errorf("argo: concurrency %d < 1", n)
		}
		s.concurrency = n
		return nil
	}
}

// WithERDDAPChunks splits region requests into sub-boxes of at most lon by
// lat degrees and time windows of at most period (argopy's defaults are 20°,
// 20° and 90 days), so that no single request runs into the server's
// timeout or memory limit. Zero leaves that axis unsplit. Profiles on the
// edge of two sub-boxes are yielded once.
func WithERDDAPChunks(lon, lat float64, period time.Duration) ERDDAPOption {
	return func(s *ERDDAP) error {
		if lon < 0 || lat < 0 || period < 0 || math.IsNaN(lon) || math.IsNaN(lat) {
			return errors.New("argo: negative chunk size")
		}
		s.chunkLon, s.chunkLat, s.chunkTime = lon, lat, period
		return nil
	}
}

// NewERDDAP returns an Argo source reading the Argo datasets of the ERDDAP
// server c talks to:
//
//	c, _ := erddap.NewClient(argo.IfremerERDDAP)
//	src, _ := argo.NewERDDAP(c)
//	for p, err := range src.Profiles(ctx, argo.Query{Platforms: []string{"6902746"}, Cycles: []int{34}}) { ... }
func NewERDDAP(c *erddap.Client, opts ...ERDDAPOption) (*ERDDAP, error) {
	if c == nil {
		return nil, errors.New("argo: NewERDDAP needs an erddap.Client")
	}
	s := &ERDDAP{client: c, concurrency: 2}
	for _, o := range opts {
		if err := o(s); err != nil {
			return nil, err
		}
	}
	if s.datasetID == "" {
		s.datasetID = map[Dataset]string{DatasetPhy: ERDDAPDatasetPhy, DatasetBGC: ERDDAPDatasetBGC, DatasetRef: ERDDAPDatasetRef}[s.dataset]
	}
	if s.perRequest == 0 {
		s.perRequest = 5
		if s.dataset == DatasetBGC {
			s.perRequest = 1
		}
	}
	return s, nil
}

// Queries returns the tabledap queries [ERDDAP.Profiles] sends for q, in
// order; [erddap.Client.TableURL] with ".nc" gives their URLs. The
// synthetic dataset's parameter list may need the server (its info) when
// neither WithERDDAPParams nor q.Params names them.
func (s *ERDDAP) Queries(ctx context.Context, q Query) ([]*erddap.TableQuery, error) {
	if err := s.check(q); err != nil {
		return nil, err
	}
	vars, err := s.variables(ctx, q)
	if err != nil {
		return nil, err
	}
	pres := "pres"
	if q.Mode == Research && s.dataset != DatasetRef {
		pres = "pres_adjusted"
	}

	// Floats: at most perRequest per request.
	var wmoGroups [][]string
	for i := 0; i < len(q.Platforms); i += s.perRequest {
		wmoGroups = append(wmoGroups, q.Platforms[i:min(i+s.perRequest, len(q.Platforms))])
	}
	if len(wmoGroups) == 0 {
		wmoGroups = [][]string{nil}
	}
	// Space: the region's boxes (two across the antimeridian), split into chunks.
	var boxes []orb.Bound
	if q.Region != nil {
		for _, b := range geo.Bounds(q.Region) {
			boxes = append(boxes, splitBound(b, s.chunkLon, s.chunkLat)...)
		}
		if len(boxes) == 0 {
			return nil, nil // an empty region
		}
	} else {
		boxes = []orb.Bound{{}}
	}
	windows := splitTime(q.Start, q.End, s.chunkTime)

	var out []*erddap.TableQuery
	for _, wmos := range wmoGroups {
		for _, b := range boxes {
			for _, w := range windows {
				t := erddap.NewTableQuery(s.datasetID).Select(vars...)
				if q.Region != nil {
					t.Where("longitude", ">=", b.Min[0]).Where("longitude", "<=", b.Max[0]).
						Where("latitude", ">=", b.Min[1]).Where("latitude", "<=", b.Max[1])
				}
				if q.PresMin != 0 || q.PresMax != 0 {
					t.Where(pres, ">=", q.PresMin)
					if q.PresMax != 0 {
						t.Where(pres, "<=", q.PresMax)
					}
				}
				if !w[0].IsZero() {
					t.Where("time", ">=", w[0])
				}
				if !w[1].IsZero() {
					t.Where("time", "<", w[1])
				}
				if len(wmos) > 0 {
					t.Where("platform_number", "=~", strings.Join(wmos, "|"))
				}
				if len(q.Cycles) > 0 {
					cs := make([]string, len(q.Cycles))
					for i, c := range q.Cycles {
						cs[i] = strconv.Itoa(c)
					}
					t.Where("cycle_number", "=~", strings.Join(cs, "|"))
				}
				if q.Direction != 0 {
					t.Where("direction", "=", q.Direction.String())
				}
				if len(q.Institutions) > 0 {
					t.Where("data_center", "=~", strings.Join(q.Institutions, "|"))
				}
				if len(q.ProfilerTypes) > 0 {
					ts := make([]string, len(q.ProfilerTypes))
					for i, c := range q.ProfilerTypes {
						ts[i] = strconv.Itoa(c)
					}
					t.Where("wmo_inst_type", "=~", strings.Join(ts, "|"))
				}
				if q.Mode == Research && s.dataset != DatasetRef {
					for _, p := range coreParams {
						t.Where(strings.ToLower(p)+"_adjusted", "!=", math.NaN())
					}
				}
				t.Where("latitude", "!=", math.NaN()).Where("longitude", "!=", math.NaN()).
					Distinct().OrderBy("time", pres)
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// check rejects the query fields the datasets cannot answer.
func (s *ERDDAP) check(q Query) error {
	switch {
	case len(q.DACs) > 0:
		return fmt.Errorf("%w: DACs (the datasets have no DAC column; use Institutions, the data centre codes)", ErrUnsupported)
	case s.dataset == DatasetBGC && len(q.Institutions) > 0:
		return fmt.Errorf("%w: Institutions on the synthetic BGC dataset (it has no data_center column)", ErrUnsupported)
	case s.dataset == DatasetRef && (len(q.Institutions) > 0 || len(q.ProfilerTypes) > 0 || q.Direction != 0 || len(q.ParamModes) > 0):
		return fmt.Errorf("%w: the reference dataset has only positions, times and values", ErrUnsupported)
	case s.dataset == DatasetBGC && s.index == nil && (q.Mode != Expert || len(q.ParamModes) > 0):
		return ErrNoParamModes
	}
	if q.Direction != 0 && q.Direction != Ascending && q.Direction != Descending {
		return fmt.Errorf("argo: direction %q", byte(q.Direction))
	}
	return nil
}

// variables returns the columns to request, sorted as argopy sends them.
func (s *ERDDAP) variables(ctx context.Context, q Query) ([]string, error) {
	switch s.dataset {
	case DatasetPhy:
		return erddapPhyVars, nil
	case DatasetRef:
		return erddapRefVars, nil
	}
	params := s.params
	if len(params) == 0 {
		params = q.Params
	}
	if len(params) == 0 {
		all, err := s.datasetParams(ctx)
		if err != nil {
			return nil, err
		}
		params = all
	}
	set := map[string]bool{}
	for _, v := range erddapBGCMeta {
		set[v] = true
	}
	for _, p := range append(slices.Clone(coreParams), params...) {
		p = strings.ToLower(p)
		suffixes := []string{"", "_adjusted", "_adjusted_error", "_adjusted_qc", "_qc"}
		if q.Mode == Research {
			suffixes = suffixes[1:4]
		}
		for _, x := range suffixes {
			set[p+x] = true
		}
	}
	vars := make([]string, 0, len(set))
	for v := range set {
		vars = append(vars, v)
	}
	slices.Sort(vars)
	return vars, nil
}

// datasetParams lists the parameters of the synthetic dataset from its
// info: the variables v that have a v_adjusted_qc companion. The answer is
// kept for the source's life.
func (s *ERDDAP) datasetParams(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.allParams != nil {
		return s.allParams, nil
	}
	info, err := s.client.Info(ctx, s.datasetID)
	if err != nil {
		return nil, fmt.Errorf("argo: listing the parameters of %s: %w", s.datasetID, err)
	}
	names := map[string]bool{}
	for _, v := range info.Variables {
		names[v.Name] = true
	}
	var params []string
	for n := range names {
		if names[n+"_adjusted_qc"] && !isCore(strings.ToUpper(n)) {
			params = append(params, strings.ToUpper(n))
		}
	}
	slices.Sort(params)
	s.allParams = params
	return params, nil
}

// Profiles yields the profiles matching q, request by request in the order
// of [ERDDAP.Queries] and, within a request, in the server's time order,
// with q's pressure bounds and user mode applied as for a [GDAC]. Regions
// other than boxes are requested by their bounding boxes and filtered
// here; Ocean, Params (any, or all with ParamsAll) and ParamModes are
// filtered here too.
//
// A request the server answers "no matching results" gives no profiles; a
// request that fails otherwise gives a *FetchError naming its URL and the
// iteration goes on, so a failed chunk is never a silently shorter result.
// The caller stops by breaking out of the loop.
func (s *ERDDAP) Profiles(ctx context.Context, q Query) iter.Seq2[*Profile, error] {
	return func(yield func(*Profile, error) bool) {
		queries, err := s.Queries(ctx, q)
		if err != nil {
			yield(nil, err)
			return
		}
		urls := make([]string, len(queries))
		for i, t := range queries {
			urls[i] = s.client.TableURL(t, ".nc")
		}
		var modes map[erddapKey]Entry
		if s.index != nil {
			modes = s.paramModes(q)
		}
		fetch := func(ctx context.Context, i int) fetched {
			var buf bytes.Buffer
			n, err := s.client.Download(ctx, queries[i], ".nc", &buf)
			if errors.Is(err, erddap.ErrNoData) {
				return fetched{bytes: int(n)}
			}
			if err != nil {
				return fetched{err: err, bytes: int(n)}
			}
			ps, err := DecodeERDDAP(urls[i], buf.Bytes())
			if err != nil {
				return fetched{err: err, bytes: int(n)}
			}
			return fetched{ps: s.postFilter(ps, q, modes), bytes: int(n)}
		}
		seen := map[erddapKey]bool{}
		for i, r := range fetchOrdered(ctx, len(queries), s.concurrency, fetch) {
			if r.err != nil {
				if ctx.Err() != nil {
					yield(nil, ctx.Err())
					return
				}
				if !yield(nil, &FetchError{File: urls[i], Err: r.err}) {
					return
				}
				continue
			}
			for _, p := range r.ps {
				k := erddapKey{p.Platform, p.Cycle, p.Direction}
				if seen[k] { // on the edge of two chunks
					continue
				}
				seen[k] = true
				if !yield(p, nil) {
					return
				}
			}
		}
	}
}

type erddapKey struct {
	platform string
	cycle    int
	dir      Direction
}

// paramModes maps the synthetic index entries that may match q to their
// profiles.
func (s *ERDDAP) paramModes(q Query) map[erddapKey]Entry {
	iq := Query{Region: q.Region, Start: q.Start, End: q.End, Platforms: q.Platforms, Cycles: q.Cycles, Direction: q.Direction}
	m := map[erddapKey]Entry{}
	for _, e := range s.index.Search(iq) {
		m[erddapKey{e.Platform, e.Cycle, e.Direction}] = e
	}
	return m
}

// postFilter completes and filters the profiles of one response.
func (s *ERDDAP) postFilter(ps []*Profile, q Query, modes map[erddapKey]Entry) []*Profile {
	out := ps[:0]
	for _, p := range ps {
		if s.dataset == DatasetBGC && modes != nil {
			e, ok := modes[erddapKey{p.Platform, p.Cycle, p.Direction}]
			if !ok {
				p.Warnings = append(p.Warnings, "no synthetic index entry: parameter data modes unknown")
			}
			p.DataMode = ModeUnknown
			for _, par := range p.Params {
				if k := slices.Index(e.Parameters, par.Name); k >= 0 && k < len(e.ParameterModes) {
					par.Mode = e.ParameterModes[k]
				}
				if par.Mode.rank() > p.DataMode.rank() {
					p.DataMode = par.Mode
				}
			}
		}
		if q.Region != nil && !q.Region.Contains(p.Point()) {
			continue
		}
		if q.Ocean != 0 && byte(geo.OceanBasin(p.Point())) != q.Ocean {
			continue
		}
		if !hasParams(p, q.Params, q.ParamsAll) || !inParamModes(p, q.ParamModes) {
			continue
		}
		out = append(out, p)
	}
	if s.dataset == DatasetRef {
		q.Mode = Expert // no flags, no modes
	}
	return filterQuery(out, q)
}

// hasParams reports whether p has values of any (or all) of params.
func hasParams(p *Profile, params []string, all bool) bool {
	if len(params) == 0 {
		return true
	}
	for _, name := range params {
		q := p.Param(name)
		has := q != nil && (slices.ContainsFunc(q.Raw, notNaN) || slices.ContainsFunc(q.Adjusted, notNaN))
		if has && !all {
			return true
		}
		if !has && all {
			return false
		}
	}
	return all
}

func notNaN(x float64) bool { return !math.IsNaN(x) }

// inParamModes reports whether every parameter named in modes is in one of its modes.
func inParamModes(p *Profile, modes map[string][]Mode) bool {
	for name, ms := range modes {
		q := p.Param(name)
		if q == nil || !slices.Contains(ms, q.Mode) {
			return false
		}
	}
	return true
}

// splitBound cuts b into boxes at most dlon by dlat wide (0: no cut).
func splitBound(b orb.Bound, dlon, dlat float64) []orb.Bound {
	cuts := func(lo, hi, d float64) [][2]float64 {
		if d <= 0 || hi-lo <= d {
			return [][2]float64{{lo, hi}}
		}
		var out [][2]float64
		for x := lo; x < hi; x += d {
			out = append(out, [2]float64{x, math.Min(x+d, hi)})
		}
		return out
	}
	var out []orb.Bound
	for _, x := range cuts(b.Min[0], b.Max[0], dlon) {
		for _, y := range cuts(b.Min[1], b.Max[1], dlat) {
			out = append(out, orb.Bound{Min: orb.Point{x[0], y[0]}, Max: orb.Point{x[1], y[1]}})
		}
	}
	return out
}

// splitTime cuts [start, end) into windows of at most d (0: one window);
// an unbounded side stays unbounded and uncut.
func splitTime(start, end time.Time, d time.Duration) [][2]time.Time {
	if d <= 0 || start.IsZero() || end.IsZero() || !end.After(start.Add(d)) {
		return [][2]time.Time{{start, end}}
	}
	var out [][2]time.Time
	for t := start; t.Before(end); t = t.Add(d) {
		out = append(out, [2]time.Time{t, minTime(t.Add(d), end)})
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// erddapIndexVars are the columns of the ArgoFloats-index dataset, in the
// order of the core profile index file.
var erddapIndexVars = []string{"file", "date", "latitude", "longitude", "ocean", "profiler_type", "institution", "date_update"}

// Index fetches the core profile index rows for q from the server's
// ArgoFloats-index dataset (ERDDAPDatasetIndex), as argopy's erddap index
// fetcher does, and returns them as an [*Index], which searches, iterates
// and derives fields (WMO, cycle, direction, DAC) exactly like an index file
// read from a GDAC.
//
// The server is asked for q's region (one request per box of
// [geo.Bounds]), period (date >= Start, date < End) and floats; the other
// fields of q are not sent. The Index holds every row the server returned:
// call [Index.Search] with q for the exact selection (cycles, direction,
// DACs, institutions, profiler types, ocean, the region's exact shape).
// A query that matches nothing gives an empty Index.
func (s *ERDDAP) Index(ctx context.Context, q Query) (*Index, error) {
	var boxes []orb.Bound
	if q.Region != nil {
		boxes = geo.Bounds(q.Region)
		if len(boxes) == 0 {
			return readIndexRows(nil)
		}
	} else {
		boxes = []orb.Bound{{}}
	}
	var rows []string
	seen := map[string]bool{}
	for _, b := range boxes {
		t := erddap.NewTableQuery(ERDDAPDatasetIndex).Select(erddapIndexVars...)
		if q.Region != nil {
			t.Where("longitude", ">=", b.Min[0]).Where("longitude", "<=", b.Max[0]).
				Where("latitude", ">=", b.Min[1]).Where("latitude", "<=", b.Max[1])
		}
		if !q.Start.IsZero() {
			t.Where("date", ">=", q.Start)
		}
		if !q.End.IsZero() {
			t.Where("date", "<", q.End)
		}
		if len(q.Platforms) > 0 {
			for _, p := range q.Platforms {
				if !isDigits(p) {
					return nil, fmt.Errorf("argo: platform %q is not a WMO number", p)
				}
			}
			t.Where("file", "=~", ".*/("+strings.Join(q.Platforms, "|")+")/profiles/.*")
		}
		t.Distinct().OrderBy("date")
		tab, err := s.client.Table(ctx, t)
		if errors.Is(err, erddap.ErrNoData) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("argo: reading %s: %w", ERDDAPDatasetIndex, err)
		}
		for _, name := range erddapIndexVars {
			if tab.Column(name) == nil {
				return nil, fmt.Errorf("argo: %s answered without a %s column", ERDDAPDatasetIndex, name)
			}
		}
		files := tab.Strings("file")
		dates, updates := tab.Times("date"), tab.Times("date_update")
		lats, lons := tab.Float64s("latitude"), tab.Float64s("longitude")
		oceans, insts := tab.Strings("ocean"), tab.Strings("institution")
		profilers := tab.Float64s("profiler_type")
		for i, f := range files {
			if strings.ContainsAny(f, ",\n") || strings.ContainsAny(oceans[i]+insts[i], ",\n") {
				return nil, fmt.Errorf("argo: %s row %d has a comma or newline in a text field", ERDDAPDatasetIndex, i+1)
			}
			prof := ""
			if !math.IsNaN(profilers[i]) {
				prof = strconv.FormatFloat(profilers[i], 'f', -1, 64)
			}
			row := strings.Join([]string{f, indexStamp(dates[i]), formatCoord(lats[i]), formatCoord(lons[i]),
				oceans[i], prof, insts[i], indexStamp(updates[i])}, ",")
			if seen[row] { // on the edge of two boxes; a file's other rows are duplicates ReadIndex resolves
				continue
			}
			seen[row] = true
			rows = append(rows, row)
		}
	}
	return readIndexRows(rows)
}

// readIndexRows reads core profile index rows as an index file.
func readIndexRows(rows []string) (*Index, error) {
	var b strings.Builder
	b.WriteString("# Title : Profile directory file of the Argo Global Data Assembly Center\n")
	b.WriteString("# Description : rows of the ERDDAP dataset " + ERDDAPDatasetIndex + "\n")
	b.WriteString(strings.Join(erddapIndexVars, ",") + "\n")
	for _, r := range rows {
		b.WriteString(r)
		b.WriteByte('\n')
	}
	return ReadIndex(strings.NewReader(b.String()))
}

func indexStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("20060102150405")
}

func formatCoord(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
