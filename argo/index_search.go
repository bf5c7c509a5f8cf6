package argo

import (
	"bytes"
	"cmp"
	"iter"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/insitu-go/insitu/geo"
	"github.com/paulmach/orb"
)

// Query selects index entries and, for sources, profiles. The zero value
// selects everything. Bounds follow the library's rule: space closed
// (a point on the region's edge is in), time half-open [Start, End),
// pressure closed.
type Query struct {
	Region     geo.Region // nil: anywhere (entries without a position never match a region)
	Start, End time.Time  // zero: unbounded
	Platforms  []string   // WMO numbers
	Cycles     []int
	Direction  Direction // 0: both
	// Params lists parameter names that entries of bio/synthetic/aux
	// indexes must carry, as exact tokens (DOXY does not match DOXY2 or
	// TEMP_DOXY): all of them when ParamsAll, any of them otherwise.
	Params    []string
	ParamsAll bool
	// ParamModes requires parameters to be in one of the given modes, e.g.
	// {"DOXY": {Delayed}}. On the core index the file-name mode letter is used.
	ParamModes    map[string][]Mode
	DACs          []string // e.g. "coriolis"
	Institutions  []string // R04 codes, e.g. "IF"
	ProfilerTypes []int    // WMO_INST_TYPE codes, e.g. 846
	Ocean         byte     // 'A', 'I', 'P'; 0: any

	// Used by sources (GDAC, ERDDAP) when they fetch profiles:
	PresMin, PresMax float64  // pressure bounds in dbar (closed); both zero: no bound, PresMax zero: no upper bound
	Mode             UserMode // the user mode applied to the profiles (zero: Standard, argopy's default)
}

// Entry is one row of an index, with the fields derived from its file name.
type Entry struct {
	Row            int // row number in the index, from 0
	File           string
	Date           time.Time // zero when empty
	Lat, Lon       float64   // NaN when empty; traj indexes: the maxima
	LatMin, LonMin float64   // traj indexes: the minima (NaN otherwise)
	Ocean          byte
	ProfilerType   int // -1 when empty
	Institution    string
	Parameters     []string // bio, synthetic, aux indexes
	ParameterModes []Mode   // aligned with Parameters
	DateUpdate     time.Time

	DAC       string
	Platform  string
	Cycle     int // -1 when the file has no cycle (meta, traj, tech, multi-cycle)
	Direction Direction
	Prefix    string // "R", "D", "BR", "BD", "SR", "SD", "MR", "MD"; "" for other files
}

// Point returns the entry position as an orb.Point {lon, lat}.
func (e Entry) Point() orb.Point { return orb.Point{e.Lon, e.Lat} }

// fileKey holds what a profile file name says.
type fileKey struct {
	dac       []byte
	wmo       uint32
	cycle     int
	direction Direction
	prefix    []byte // B/S/M + R/D
	ok        bool   // the base name is a profile file name
}

// parseFileName splits "dac/wmo/profiles/[BSM]?[RD]wmo_ccc[D].nc" (and
// "dac/wmo/wmo_meta.nc"-like names, which give dac and wmo only).
func parseFileName(f []byte) fileKey {
	var k fileKey
	k.cycle = -1
	i := bytes.IndexByte(f, '/')
	if i < 0 {
		return k
	}
	k.dac = f[:i]
	rest := f[i+1:]
	j := bytes.IndexByte(rest, '/')
	if j < 0 {
		return k
	}
	k.wmo = parseUint(rest[:j])
	base := f[bytes.LastIndexByte(f, '/')+1:]
	if !bytes.HasSuffix(base, []byte(".nc")) {
		return k
	}
	base = base[:len(base)-3]
	p := 0
	for p < len(base) && p < 2 && (base[p] == 'B' || base[p] == 'S' || base[p] == 'M' || base[p] == 'R' || base[p] == 'D') {
		if base[p] == 'R' || base[p] == 'D' {
			p++
			break
		}
		p++
	}
	if p == 0 || (base[p-1] != 'R' && base[p-1] != 'D') {
		return k
	}
	us := bytes.IndexByte(base, '_')
	if us < 0 {
		return k
	}
	cyc := base[us+1:]
	if len(cyc) > 0 && cyc[len(cyc)-1] == 'D' {
		k.direction = Descending
		cyc = cyc[:len(cyc)-1]
	} else {
		k.direction = Ascending
	}
	if len(cyc) < 3 || len(cyc) > 4 || parseUint(base[p:us]) == 0 {
		return k
	}
	c := parseUint(cyc)
	if c == 0 && !bytes.Equal(cyc, []byte("000")) && !bytes.Equal(cyc, []byte("0000")) {
		return k
	}
	k.cycle = int(c)
	k.prefix = base[:p]
	k.ok = true
	return k
}

func parseUint(b []byte) uint32 {
	var v uint64
	if len(b) == 0 || len(b) > 9 {
		return 0
	}
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return 0
		}
		v = v*10 + uint64(ch-'0')
	}
	return uint32(v)
}

// Entry returns row i as an Entry.
func (ix *Index) Entry(i int) Entry {
	e := Entry{
		Row: i, File: ix.File(i), Lat: ix.lat[i], Lon: ix.lon[i], LatMin: math.NaN(), LonMin: math.NaN(),
		Ocean: ix.ocean[i], ProfilerType: int(ix.profiler[i]), Institution: strings.TrimRight(string(ix.inst[i][:]), "\x00"),
		DAC: ix.dac(i), Cycle: int(ix.cycle[i]), Prefix: prefixOf(ix.flags[i]),
	}
	if e.Prefix != "" {
		e.Direction = Ascending
		if ix.flags[i]&flagDescending != 0 {
			e.Direction = Descending
		}
	}
	if ix.wmo[i] != 0 {
		e.Platform = strconv.FormatUint(uint64(ix.wmo[i]), 10)
	}
	e.Date, e.DateUpdate = stampTime(ix.date[i]), stampTime(ix.dateUpdate[i])
	if ix.hasMin {
		e.LatMin, e.LonMin = ix.latMin[i], ix.lonMin[i]
	}
	if ix.hasParams {
		s := ix.sets[ix.params[i]]
		e.Parameters, e.ParameterModes = s.names, s.modes
	}
	return e
}

// Column returns the text of row i in a column the reader does not model
// (the detailed index's profile_temp_qc, n_levels, ...), and whether the
// index has that column.
func (ix *Index) Column(name string, i int) (string, bool) {
	for k, c := range ix.extra {
		if strings.EqualFold(c, name) {
			start := uint32(0)
			if i > 0 {
				start = ix.extraEnd[k][i-1]
			}
			return string(ix.extraText[k][start:ix.extraEnd[k][i]]), true
		}
	}
	return "", false
}

// All iterates over every entry in index order.
func (ix *Index) All() iter.Seq2[int, Entry] {
	return func(yield func(int, Entry) bool) {
		for i := range ix.n {
			if !yield(i, ix.Entry(i)) {
				return
			}
		}
	}
}

// dedupe drops duplicate rows: the same (prefix, WMO, cycle, direction) for
// profile files (whatever the DAC), the same WMO and suffix for multi-cycle
// files, the same name otherwise; the row with the latest date_update is
// kept (the first on a tie). It also leaves the WMO order built.
func (ix *Index) dedupe() {
	rows := ix.buildWMOOrder()
	drop := make([]bool, ix.n)
	// split the WMO groups between the cores
	workers := max(1, runtime.GOMAXPROCS(0))
	cuts := []int{0}
	for w := 1; w < workers; w++ {
		c := max(len(rows)*w/workers, cuts[len(cuts)-1])
		for c > 0 && c < len(rows) && ix.wmo[rows[c]] == ix.wmo[rows[c-1]] {
			c++
		}
		cuts = append(cuts, c)
	}
	cuts = append(cuts, len(rows))
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[w] = ix.dedupeRange(rows[cuts[w]:cuts[w+1]], drop)
		}()
	}
	wg.Wait()
	dropped := 0
	for _, c := range counts {
		dropped += c
	}
	if dropped > 0 {
		ix.compact(drop)
		ix.duplicates = dropped
		rows = ix.buildWMOOrder()
	}
	ix.wmoOnce.Do(func() { ix.wmoRows = rows })
}

// dedupeRange marks the duplicates among rows (whole WMO groups, sorted by
// WMO) and returns how many it marked.
func (ix *Index) dedupeRange(rows []uint32, drop []bool) int {
	dropped := 0
	var buf, sorted []keyed
	var packed []uint64
	var seen []uint32 // stamps by key, for distinctKeys
	stamp := uint32(0)
	for lo := 0; lo < len(rows); {
		w := ix.wmo[rows[lo]]
		hi := lo + 1
		for hi < len(rows) && ix.wmo[rows[hi]] == w {
			hi++
		}
		stamp++
		if hi-lo > 1 && hi-lo < 1<<22 && !ix.strictlyIncreasing(rows[lo:hi]) && !ix.distinctKeys(rows[lo:hi], &seen, stamp) {
			buf, packed = buf[:0], packed[:0]
			for _, r := range rows[lo:hi] {
				var k uint64
				if ix.dacID[r] == dacException {
					k = 1<<40 | uint64(hashBytes(ix.appendFile(nil, int(r)))) // names compared by hash, then exactly
				} else {
					k = uint64(uint16(ix.cycle[r]))<<8 | uint64(ix.flags[r])
				}
				packed = append(packed, k<<22|uint64(len(packed))) // key, then position (index order)
				buf = append(buf, keyed{k, r})
			}
			slices.Sort(packed)
			sorted = sorted[:0]
			for _, p := range packed {
				sorted = append(sorted, buf[p&(1<<22-1)])
			}
			for a := 0; a < len(sorted); {
				b := a + 1
				for b < len(sorted) && sorted[b].key == sorted[a].key {
					b++
				}
				if b-a > 1 {
					dropped += ix.keepLatest(sorted[a:b], drop)
				}
				a = b
			}
		}
		lo = hi
	}
	return dropped
}

// keepLatest marks for dropping all rows of a group of equal keys but the one
// with the latest date_update (the first on a tie); exception names that only
// share a hash are compared exactly.
func (ix *Index) keepLatest(group []keyed, drop []bool) int {
	dropped := 0
	for a, x := range group {
		if drop[x.row] {
			continue
		}
		for _, y := range group[a+1:] {
			if drop[y.row] || (x.key>>40 == 1 && ix.File(int(x.row)) != ix.File(int(y.row))) {
				continue
			}
			// y comes after x in the index
			if ix.dateUpdate[y.row] > ix.dateUpdate[x.row] {
				drop[x.row] = true
				dropped++
				break
			}
			drop[y.row] = true
			dropped++
		}
	}
	return dropped
}

// strictlyIncreasing reports whether the (cycle, flags) keys of a WMO's rows,
// in index order, strictly increase: then there is no duplicate among them
// (the usual case: the GDAC sorts its index by file name).
func (ix *Index) strictlyIncreasing(rows []uint32) bool {
	prev := int32(-1)
	for _, r := range rows {
		if ix.dacID[r] == dacException {
			return false
		}
		k := int32(uint16(ix.cycle[r]))<<8 | int32(ix.flags[r])
		if k <= prev {
			return false
		}
		prev = k
	}
	return true
}

// distinctKeys reports whether the (cycle, flags) keys of a WMO's rows are
// all distinct, in one pass over a table of stamps indexed by key (shared
// by the calls of one worker; stamp is new for each call): the common case
// of an index that is not sorted by file name but has no duplicates, which
// then needs no sort. It answers false, leaving the decision to the sort,
// for names kept whole and for cycles beyond 1023.
func (ix *Index) distinctKeys(rows []uint32, seen *[]uint32, stamp uint32) bool {
	const maxKey = 1 << 18 // cycle < 1024, 8 bits of flags
	if *seen == nil {
		*seen = make([]uint32, maxKey)
	}
	tab := *seen
	for _, r := range rows {
		k := uint32(uint16(ix.cycle[r]))<<8 | uint32(ix.flags[r])
		if ix.dacID[r] == dacException || k >= maxKey || tab[k] == stamp {
			return false
		}
		tab[k] = stamp
	}
	return true
}

// keyed is a row with its duplicate key.
type keyed struct {
	key uint64
	row uint32
}

func hashBytes(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// compact removes the dropped rows, keeping the order.
func (ix *Index) compact(drop []bool) {
	w := 0
	var excRows, excEnd []uint32
	var excNames []byte
	for i := range ix.n {
		if drop[i] {
			continue
		}
		if ix.dacID[i] == dacException {
			excNames = ix.appendFile(excNames, i)
			excRows = append(excRows, uint32(w))
			excEnd = append(excEnd, uint32(len(excNames)))
		}
		ix.dacID[w], ix.wmo[w], ix.cycle[w], ix.flags[w] = ix.dacID[i], ix.wmo[i], ix.cycle[i], ix.flags[i]
		ix.date[w], ix.dateUpdate[w] = ix.date[i], ix.dateUpdate[i]
		ix.lat[w], ix.lon[w] = ix.lat[i], ix.lon[i]
		if ix.hasMin {
			ix.latMin[w], ix.lonMin[w] = ix.latMin[i], ix.lonMin[i]
		}
		ix.ocean[w], ix.profiler[w], ix.inst[w] = ix.ocean[i], ix.profiler[i], ix.inst[i]
		if ix.hasParams {
			ix.params[w] = ix.params[i]
		}
		w++
	}
	for k := range ix.extra { // extra columns (detailed index) are rebuilt apart
		text := make([]byte, 0, len(ix.extraText[k]))
		ends := make([]uint32, 0, w)
		for i := range ix.n {
			if drop[i] {
				continue
			}
			start := uint32(0)
			if i > 0 {
				start = ix.extraEnd[k][i-1]
			}
			text = append(text, ix.extraText[k][start:ix.extraEnd[k][i]]...)
			ends = append(ends, uint32(len(text)))
		}
		ix.extraText[k], ix.extraEnd[k] = text, ends
	}
	ix.excRows, ix.excNames, ix.excEnd = excRows, excNames, excEnd
	ix.dacID, ix.wmo, ix.cycle, ix.flags = ix.dacID[:w], ix.wmo[:w], ix.cycle[:w], ix.flags[:w]
	ix.date, ix.dateUpdate = ix.date[:w], ix.dateUpdate[:w]
	ix.lat, ix.lon = ix.lat[:w], ix.lon[:w]
	if ix.hasMin {
		ix.latMin, ix.lonMin = ix.latMin[:w], ix.lonMin[:w]
	}
	ix.ocean, ix.profiler, ix.inst = ix.ocean[:w], ix.profiler[:w], ix.inst[:w]
	if ix.hasParams {
		ix.params = ix.params[:w]
	}
	ix.n = w
}

// buildWMOOrder returns the rows sorted by WMO, index order within a WMO.
// GDAC indexes list each float's files together (they are sorted by file
// name), so the rows form runs of one WMO: the runs are sorted (stably),
// which costs one pass over the column. An index with many short runs is
// radix sorted instead.
func (ix *Index) buildWMOOrder() []uint32 {
	n := ix.n
	type run struct{ wmo, start, end uint32 }
	var runs []run
	for i := 0; i < n; {
		j := i + 1
		for j < n && ix.wmo[j] == ix.wmo[i] {
			j++
		}
		if len(runs) >= n/16+16 {
			return ix.radixWMOOrder()
		}
		runs = append(runs, run{ix.wmo[i], uint32(i), uint32(j)})
		i = j
	}
	slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(a.wmo, b.wmo) })
	rows := make([]uint32, n)
	k := 0
	for _, r := range runs {
		for i := r.start; i < r.end; i++ {
			rows[k] = i
			k++
		}
	}
	return rows
}

// radixWMOOrder is buildWMOOrder by a least-significant-digit radix sort
// of the WMO column.
func (ix *Index) radixWMOOrder() []uint32 {
	n := ix.n
	rows, tmp := make([]uint32, n), make([]uint32, n)
	for i := range rows {
		rows[i] = uint32(i)
	}
	for shift := uint(0); shift < 32; shift += 8 {
		var count [257]int
		for _, r := range rows {
			count[(ix.wmo[r]>>shift)&0xFF+1]++
		}
		if count[1] == n { // every key has a zero digit here
			continue
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for _, r := range rows {
			d := (ix.wmo[r] >> shift) & 0xFF
			tmp[count[d]] = r
			count[d]++
		}
		rows, tmp = tmp, rows
	}
	return rows
}

func (ix *Index) wmoIndex() []uint32 {
	ix.wmoOnce.Do(func() { ix.wmoRows = ix.buildWMOOrder() })
	return ix.wmoRows
}

// spatialGrid buckets the rows with a position into 1° cells; within a cell
// rows are sorted by date.
type spatialGrid struct {
	start []uint32 // cell c holds rows[start[c]:start[c+1]]
	rows  []uint32
}

const gridW, gridH = 360, 180

func cellOf(lon, lat float64) int {
	x := min(int(math.Floor(lon+180)), gridW-1)
	y := min(int(math.Floor(lat+90)), gridH-1)
	return max(y, 0)*gridW + max(x, 0)
}

func (ix *Index) spatial() *spatialGrid {
	ix.gridOnce.Do(func() { ix.grid = ix.buildGrid() })
	return ix.grid
}

// buildGrid buckets the rows by cell (a counting sort) and sorts each cell by date.
func (ix *Index) buildGrid() *spatialGrid {
	{
		g := &spatialGrid{start: make([]uint32, gridW*gridH+1)}
		cells := make([]int32, ix.n)
		for i := range ix.n {
			lat, lon := ix.lat[i], ix.lon[i]
			if math.IsNaN(lat) || math.IsNaN(lon) {
				cells[i] = -1
				continue
			}
			c := cellOf(lon, lat)
			cells[i] = int32(c)
			g.start[c+1]++
		}
		for c := 1; c < len(g.start); c++ {
			g.start[c] += g.start[c-1]
		}
		g.rows = make([]uint32, g.start[len(g.start)-1])
		fill := slices.Clone(g.start[:gridW*gridH])
		for i, c := range cells {
			if c >= 0 {
				g.rows[fill[c]] = uint32(i)
				fill[c]++
			}
		}
		for c := range gridW * gridH {
			cell := g.rows[g.start[c]:g.start[c+1]]
			if len(cell) > 1 {
				slices.SortStableFunc(cell, func(a, b uint32) int { return cmp.Compare(ix.date[a], ix.date[b]) })
			}
		}
		return g
	}
}

// Prepare builds the search structures (spatial grid, WMO order) now rather
// than on the first search that needs them.
func (ix *Index) Prepare() {
	ix.spatial()
	ix.wmoIndex()
}

// Search returns the entries matching the query, in index order.
func (ix *Index) Search(q Query) []Entry {
	var out []Entry
	for _, r := range ix.SearchRows(q) {
		out = append(out, ix.Entry(r))
	}
	return out
}

// Entries iterates over the entries matching the query, in index order.
func (ix *Index) Entries(q Query) iter.Seq[Entry] {
	return func(yield func(Entry) bool) {
		for _, r := range ix.SearchRows(q) {
			if !yield(ix.Entry(r)) {
				return
			}
		}
	}
}

// SearchRows returns the row numbers matching the query, ascending.
func (ix *Index) SearchRows(q Query) []int {
	m := ix.matcher(q)
	var cand []int
	switch {
	case len(q.Platforms) > 0:
		rows := ix.wmoIndex()
		for _, p := range q.Platforms {
			w := parseUint([]byte(strings.TrimSpace(p)))
			lo, _ := slices.BinarySearchFunc(rows, w, func(r, w uint32) int { return cmp.Compare(ix.wmo[r], w) })
			for k := lo; k < len(rows) && ix.wmo[rows[k]] == w; k++ {
				cand = append(cand, int(rows[k]))
			}
		}
		slices.Sort(cand)
		cand = slices.Compact(cand)
	case q.Region != nil && !ix.hasMin:
		g := ix.spatial()
		lo, hi := int64(math.MinInt64+1), int64(math.MaxInt64)
		if !q.Start.IsZero() {
			lo = timeStamp(q.Start)
		}
		if !q.End.IsZero() {
			hi = timeStamp(q.End)
		}
		seenCell := map[int]bool{}
		for _, b := range geo.Bounds(q.Region) {
			x0, x1 := cellX(b.Min[0]), cellX(b.Max[0])
			y0, y1 := cellY(b.Min[1]), cellY(b.Max[1])
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					c := y*gridW + x
					if seenCell[c] {
						continue
					}
					seenCell[c] = true
					cell := g.rows[g.start[c]:g.start[c+1]]
					a, _ := slices.BinarySearchFunc(cell, lo, func(r uint32, t int64) int { return cmp.Compare(ix.date[r], t) })
					for _, r := range cell[a:] {
						if ix.date[r] >= hi {
							break
						}
						cand = append(cand, int(r))
					}
				}
			}
		}
		slices.Sort(cand)
	default:
		cand = make([]int, 0, 1024)
		for i := range ix.n {
			if m(i) {
				cand = append(cand, i)
			}
		}
		return cand
	}
	out := cand[:0]
	for _, r := range cand {
		if m(r) {
			out = append(out, r)
		}
	}
	return out
}

// Cells touched by a bound: boundary points (lon = 180, lat = 90) fall in
// the last cell, as cellOf puts them.
func cellX(lon float64) int { return min(max(int(math.Floor(lon+180)), 0), gridW-1) }
func cellY(lat float64) int { return min(max(int(math.Floor(lat+90)), 0), gridH-1) }

// matcher returns the predicate of every condition of the query.
func (ix *Index) matcher(q Query) func(i int) bool {
	var conds []func(i int) bool
	if q.Region != nil {
		r := q.Region
		if ix.hasMin {
			conds = append(conds, func(i int) bool { return trajIntersects(r, ix.latMin[i], ix.lat[i], ix.lonMin[i], ix.lon[i]) })
		} else {
			conds = append(conds, func(i int) bool {
				lat, lon := ix.lat[i], ix.lon[i]
				return !math.IsNaN(lat) && !math.IsNaN(lon) && r.Contains(orb.Point{lon, lat})
			})
		}
	}
	if !q.Start.IsZero() || !q.End.IsZero() {
		lo, hi := int64(math.MinInt64+1), int64(math.MaxInt64)
		if !q.Start.IsZero() {
			lo = timeStamp(q.Start)
		}
		if !q.End.IsZero() {
			hi = timeStamp(q.End)
		}
		conds = append(conds, func(i int) bool { d := ix.date[i]; return d != missingTime && d >= lo && d < hi })
	}
	if len(q.Platforms) > 0 {
		wmos := map[uint32]bool{}
		for _, p := range q.Platforms {
			wmos[parseUint([]byte(strings.TrimSpace(p)))] = true
		}
		conds = append(conds, func(i int) bool { return wmos[ix.wmo[i]] })
	}
	needKey := len(q.Cycles) > 0 || q.Direction != 0 || len(q.DACs) > 0 || (len(q.ParamModes) > 0 && !ix.hasParams)
	if needKey {
		cycles := map[int]bool{}
		for _, c := range q.Cycles {
			cycles[c] = true
		}
		dacs := map[string]bool{}
		for _, d := range q.DACs {
			dacs[strings.ToLower(strings.TrimSpace(d))] = true
		}
		dacOK := make([]bool, len(ix.dacs))
		for k, d := range ix.dacs {
			dacOK[k] = dacs[d]
		}
		conds = append(conds, func(i int) bool {
			if len(cycles) > 0 && !cycles[int(ix.cycle[i])] {
				return false
			}
			if q.Direction != 0 {
				dir := Direction(0)
				if prefixOf(ix.flags[i]) != "" {
					dir = Ascending
					if ix.flags[i]&flagDescending != 0 {
						dir = Descending
					}
				}
				if dir != q.Direction {
					return false
				}
			}
			if len(dacs) > 0 {
				if d := ix.dacID[i]; d != dacException && !dacOK[d] || d == dacException && !dacs[ix.dac(i)] {
					return false
				}
			}
			if len(q.ParamModes) > 0 && !ix.hasParams {
				// core index: the file-name mode letter applies to every parameter
				mode := fileModeOf(ix.flags[i])
				for _, modes := range q.ParamModes {
					if !slices.Contains(modes, mode) {
						return false
					}
				}
			}
			return true
		})
	}
	if len(q.Institutions) > 0 {
		insts := map[[2]byte]bool{}
		for _, s := range q.Institutions {
			var b [2]byte
			copy(b[:], strings.ToUpper(strings.TrimSpace(s)))
			insts[b] = true
		}
		conds = append(conds, func(i int) bool { return insts[ix.inst[i]] })
	}
	if len(q.ProfilerTypes) > 0 {
		types := map[int16]bool{}
		for _, t := range q.ProfilerTypes {
			types[int16(t)] = true
		}
		conds = append(conds, func(i int) bool { return types[ix.profiler[i]] })
	}
	if q.Ocean != 0 {
		conds = append(conds, func(i int) bool { return ix.ocean[i] == q.Ocean })
	}
	if ix.hasParams && (len(q.Params) > 0 || len(q.ParamModes) > 0) {
		// evaluate once per distinct parameter set
		ok := make([]bool, len(ix.sets))
		for s, set := range ix.sets {
			ok[s] = setMatches(set, q)
		}
		conds = append(conds, func(i int) bool { return ok[ix.params[i]] })
	} else if len(q.Params) > 0 {
		conds = append(conds, func(int) bool { return false }) // this index has no parameters
	}
	return func(i int) bool {
		for _, c := range conds {
			if !c(i) {
				return false
			}
		}
		return true
	}
}

func setMatches(set paramSet, q Query) bool {
	if len(q.Params) > 0 {
		found := 0
		for _, p := range q.Params {
			if slices.Contains(set.names, p) {
				found++
			}
		}
		if q.ParamsAll && found < len(q.Params) || !q.ParamsAll && found == 0 {
			return false
		}
	}
	for name, modes := range q.ParamModes {
		k := slices.Index(set.names, name)
		if k < 0 || k >= len(set.modes) || !slices.Contains(modes, set.modes[k]) {
			return false
		}
	}
	return true
}

// trajIntersects reports whether a trajectory's bounding box meets the region's bounds.
func trajIntersects(r geo.Region, latMin, latMax, lonMin, lonMax float64) bool {
	if math.IsNaN(latMin) || math.IsNaN(latMax) || math.IsNaN(lonMin) || math.IsNaN(lonMax) {
		return false
	}
	for _, b := range geo.Bounds(r) {
		if latMax >= b.Min[1] && latMin <= b.Max[1] && lonMax >= b.Min[0] && lonMin <= b.Max[0] {
			return true
		}
	}
	return false
}
