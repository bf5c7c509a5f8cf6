package argo

import (
	"bytes"
	"cmp"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
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
	PresMin, PresMax float64  // pressure bounds in dbar; both zero: no bound
	Mode             UserMode // the user mode applied to the profiles
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
	name := ix.fileBytes(i)
	k := parseFileName(name)
	e := Entry{
		Row: i, File: string(name), Lat: ix.lat[i], Lon: ix.lon[i], LatMin: math.NaN(), LonMin: math.NaN(),
		Ocean: ix.ocean[i], ProfilerType: int(ix.profiler[i]), Institution: strings.TrimRight(string(ix.inst[i][:]), "\x00"),
		DAC: string(k.dac), Cycle: k.cycle, Direction: k.direction, Prefix: string(k.prefix),
	}
	if k.wmo != 0 {
		e.Platform = strconv.FormatUint(uint64(k.wmo), 10)
	}
	if ix.date[i] != missingTime {
		e.Date = time.Unix(ix.date[i], 0).UTC()
	}
	if ix.dateUpdate[i] != missingTime {
		e.DateUpdate = time.Unix(ix.dateUpdate[i], 0).UTC()
	}
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

// dedupe drops duplicate rows: same DAC-independent key (prefix, WMO, cycle,
// direction) for profile files, same file name otherwise; the row with the
// latest date_update is kept (the first on a tie).
func (ix *Index) dedupe() {
	type key struct {
		wmo    uint32
		cycle  int
		dir    Direction
		prefix string
	}
	rows, keys := ix.buildWMOOrder()
	drop := make([]bool, ix.n)
	dropped := 0
	seen := map[key]int{}
	seenName := map[string]int{}
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && keys[hi] == keys[lo] {
			hi++
		}
		if hi-lo > 1 {
			clear(seen)
			clear(seenName)
			for _, r := range rows[lo:hi] {
				i := int(r)
				k := parseFileName(ix.fileBytes(i))
				prev, dup := -1, false
				if k.ok {
					kk := key{k.wmo, k.cycle, k.direction, string(k.prefix)}
					prev, dup = seen[kk]
					if !dup || ix.dateUpdate[i] > ix.dateUpdate[prev] {
						seen[kk] = i
					}
				} else {
					name := string(ix.fileBytes(i))
					prev, dup = seenName[name]
					if !dup || ix.dateUpdate[i] > ix.dateUpdate[prev] {
						seenName[name] = i
					}
				}
				if dup {
					dropped++
					if ix.dateUpdate[i] > ix.dateUpdate[prev] {
						drop[prev] = true
					} else {
						drop[i] = true
					}
				}
			}
		}
		lo = hi
	}
	if dropped == 0 {
		return
	}
	ix.compact(drop)
	ix.duplicates = dropped
}

// compact removes the dropped rows, keeping the order.
func (ix *Index) compact(drop []bool) {
	w := 0
	names := make([]byte, 0, len(ix.names))
	var end uint32
	for i := range ix.n {
		if drop[i] {
			continue
		}
		f := ix.fileBytes(i)
		names = append(names, f...)
		end += uint32(len(f))
		ix.nameEnd[w] = end
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
	ix.names = names
	ix.nameEnd = ix.nameEnd[:w]
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

// buildWMOOrder returns the rows sorted by WMO (stable: index order within
// a WMO) with their WMO keys, by a least-significant-digit radix sort.
func (ix *Index) buildWMOOrder() (rows, keys []uint32) {
	n := ix.n
	keys = make([]uint32, n)
	rows = make([]uint32, n)
	for i := range n {
		keys[i] = parseFileName(ix.fileBytes(i)).wmo
		rows[i] = uint32(i)
	}
	tk, tr := make([]uint32, n), make([]uint32, n)
	for shift := uint(0); shift < 32; shift += 8 {
		var count [257]int
		for _, k := range keys {
			count[(k>>shift)&0xFF+1]++
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for i, k := range keys {
			d := (k >> shift) & 0xFF
			tk[count[d]], tr[count[d]] = k, rows[i]
			count[d]++
		}
		keys, tk = tk, keys
		rows, tr = tr, rows
	}
	return rows, keys
}

func (ix *Index) wmoIndex() ([]uint32, []uint32) {
	ix.wmoOnce.Do(func() { ix.wmoRows, ix.wmoKeys = ix.buildWMOOrder() })
	return ix.wmoRows, ix.wmoKeys
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
	ix.gridOnce.Do(func() {
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
		ix.grid = g
	})
	return ix.grid
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
		rows, keys := ix.wmoIndex()
		for _, p := range q.Platforms {
			w := parseUint([]byte(strings.TrimSpace(p)))
			lo, _ := slices.BinarySearch(keys, w)
			for k := lo; k < len(keys) && keys[k] == w; k++ {
				cand = append(cand, int(rows[k]))
			}
		}
		slices.Sort(cand)
		cand = slices.Compact(cand)
	case q.Region != nil && !ix.hasMin:
		g := ix.spatial()
		lo, hi := int64(math.MinInt64+1), int64(math.MaxInt64)
		if !q.Start.IsZero() {
			lo = q.Start.Unix()
			if q.Start.Nanosecond() > 0 {
				lo++ // index dates are whole seconds
			}
		}
		if !q.End.IsZero() {
			hi = q.End.Unix()
			if q.End.Nanosecond() > 0 {
				hi++
			}
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
		start, end := q.Start, q.End
		conds = append(conds, func(i int) bool {
			if ix.date[i] == missingTime {
				return false
			}
			t := time.Unix(ix.date[i], 0)
			return (start.IsZero() || !t.Before(start)) && (end.IsZero() || t.Before(end))
		})
	}
	if len(q.Platforms) > 0 {
		wmos := map[uint32]bool{}
		for _, p := range q.Platforms {
			wmos[parseUint([]byte(strings.TrimSpace(p)))] = true
		}
		conds = append(conds, func(i int) bool { return wmos[parseFileName(ix.fileBytes(i)).wmo] })
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
		conds = append(conds, func(i int) bool {
			k := parseFileName(ix.fileBytes(i))
			if len(cycles) > 0 && !cycles[k.cycle] {
				return false
			}
			if q.Direction != 0 && k.direction != q.Direction {
				return false
			}
			if len(dacs) > 0 && !dacs[string(k.dac)] {
				return false
			}
			if len(q.ParamModes) > 0 && !ix.hasParams {
				// core index: the file-name mode letter applies to every parameter
				mode := ModeUnknown
				if len(k.prefix) > 0 {
					mode = ParseMode(k.prefix[len(k.prefix)-1])
				}
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
