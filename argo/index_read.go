package argo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Rows are parsed in blocks on all cores and written straight into the
// index columns: the reader goroutine cuts the input at line ends, counts
// the data rows of each block and gives it its row range; the workers parse
// blocks into those ranges; what a block finds that needs the whole file
// (DAC names, parameter sets, names kept whole, extra columns) comes back
// as a small per-block result that is folded in, in order, at the end.

const blockSize = 4 << 20

// rowBlock is a piece of the input holding whole lines.
type rowBlock struct {
	seq       int
	data      []byte
	start     int // index of its first row
	rows      int // data rows (not comments or blank lines)
	firstLine int // file line number of its first line
}

// blockResult is what a worker reports about a block.
type blockResult struct {
	seq, start, rows int
	err              error
	dacs             []string // block-local DAC numbers → names
	lastDAC          int      // the DAC of the previous row
	sets             []string // block-local parameter-set numbers → "parameters,modes"
	excRows          []uint32 // block-relative rows whose names are kept whole
	excNames         []byte
	excLen           []uint32
	extraText        [][]byte
	extraLen         [][]uint32
}

// readRows parses the rows after the header.
func (ix *Index) readRows(br *bufio.Reader, sizeHint int64) error {
	capRows := 1 << 16
	if sizeHint > 0 {
		capRows = int(sizeHint/80) + 1024 // GDAC rows are 80-300 bytes
	}
	ix.allocate(capRows)
	var grow sync.RWMutex // writers hold R; growing the columns holds W
	workers := max(1, runtime.GOMAXPROCS(0))
	blocks := make(chan rowBlock, workers)
	results := make(chan blockResult, workers)
	freeBufs := make(chan []byte, workers+2)
	var readErr error
	total := 0

	go func() { // reader
		defer close(blocks)
		var carry []byte
		seq, line := 0, ix.lines
		for {
			var buf []byte
			select {
			case buf = <-freeBufs:
			default:
				buf = make([]byte, 0, blockSize+4096)
			}
			buf = append(buf[:0], carry...)
			carry = carry[:0]
			n, err := io.ReadFull(br, buf[len(buf):blockSize])
			buf = buf[:len(buf)+n]
			eof := err == io.EOF || err == io.ErrUnexpectedEOF
			if err != nil && !eof {
				readErr = err
				return
			}
			if !eof {
				if k := bytes.LastIndexByte(buf, '\n'); k >= 0 {
					carry = append(carry, buf[k+1:]...)
					buf = buf[:k+1]
				} else if len(buf) >= blockSize {
					readErr = fmt.Errorf("%w: line %d is longer than %d bytes", ErrIndexFormat, line+1, blockSize)
					return
				}
			}
			if len(buf) > 0 {
				rows, lines := countRows(buf)
				if total+rows > len(ix.date) {
					grow.Lock()
					ix.allocate(max(2*len(ix.date), total+rows))
					grow.Unlock()
				}
				blocks <- rowBlock{seq: seq, data: buf, start: total, rows: rows, firstLine: line}
				total += rows
				line += lines
				seq++
			}
			if eof {
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			setIDs := map[string]uint32{}
			for b := range blocks {
				grow.RLock()
				r := ix.parseRows(b, setIDs)
				grow.RUnlock()
				select {
				case freeBufs <- b.data:
				default:
				}
				results <- r
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := map[int]blockResult{}
	next := 0
	var firstErr error
	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if r.err != nil && firstErr == nil {
				firstErr = r.err
			}
			if firstErr == nil {
				ix.fold(r)
			}
		}
	}
	if readErr != nil {
		return readErr
	}
	if firstErr != nil {
		return firstErr
	}
	ix.n = total
	ix.truncate(total)
	return nil
}

// countRows counts the data rows and the lines of a block.
func countRows(data []byte) (rows, lines int) {
	for len(data) > 0 {
		k := bytes.IndexByte(data, '\n')
		var line []byte
		if k < 0 {
			line, data = data, nil
		} else {
			line, data = data[:k], data[k+1:]
		}
		lines++
		if len(line) > 0 && line[0] != '#' && !(len(line) == 1 && line[0] == '\r') {
			rows++
		}
	}
	return rows, lines
}

// allocate (re)sizes every column to n rows, keeping what is there.
func (ix *Index) allocate(n int) {
	ix.dacID = resize(ix.dacID, n)
	ix.wmo = resize(ix.wmo, n)
	ix.cycle = resize(ix.cycle, n)
	ix.flags = resize(ix.flags, n)
	ix.date = resize(ix.date, n)
	ix.dateUpdate = resize(ix.dateUpdate, n)
	ix.lat = resize(ix.lat, n)
	ix.lon = resize(ix.lon, n)
	if ix.hasMin {
		ix.latMin = resize(ix.latMin, n)
		ix.lonMin = resize(ix.lonMin, n)
	}
	ix.ocean = resize(ix.ocean, n)
	ix.profiler = resize(ix.profiler, n)
	ix.inst = resize(ix.inst, n)
	if ix.hasParams {
		ix.params = resize(ix.params, n)
	}
}

func resize[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	if len(s) == 0 {
		// A plain make: fresh pages from the OS are known to be zero. make
		// followed by copy compiles to makeslicecopy, which clears the
		// whole slice itself, touching every page on this one goroutine
		// (about 0.2 s for the columns of a 3.25 M-row index).
		return make([]T, n)
	}
	out := make([]T, n)
	copy(out, s)
	return out
}

// truncate cuts the columns to n rows. The spare capacity of an
// overestimated row count stays allocated but untouched.
func (ix *Index) truncate(n int) {
	ix.dacID, ix.wmo, ix.cycle, ix.flags = ix.dacID[:n], ix.wmo[:n], ix.cycle[:n], ix.flags[:n]
	ix.date, ix.dateUpdate, ix.lat, ix.lon = ix.date[:n], ix.dateUpdate[:n], ix.lat[:n], ix.lon[:n]
	ix.ocean, ix.profiler, ix.inst = ix.ocean[:n], ix.profiler[:n], ix.inst[:n]
	if ix.hasMin {
		ix.latMin, ix.lonMin = ix.latMin[:n], ix.lonMin[:n]
	}
	if ix.hasParams {
		ix.params = ix.params[:n]
	}
}

// fold merges a block's result: DAC and parameter-set numbers become the
// index's, names kept whole and extra columns are appended.
func (ix *Index) fold(r blockResult) {
	remap := make([]uint8, len(r.dacs))
	identity := true
	for k, d := range r.dacs {
		remap[k] = ix.internDAC(d)
		identity = identity && remap[k] == uint8(k)
	}
	if !identity {
		for i := r.start; i < r.start+r.rows; i++ {
			if d := ix.dacID[i]; d != dacException {
				ix.dacID[i] = remap[d]
			}
		}
	}
	if ix.hasParams {
		sets := make([]uint32, len(r.sets))
		identity := true
		for k, key := range r.sets {
			sets[k] = ix.internSet(key)
			identity = identity && sets[k] == uint32(k)
		}
		if !identity {
			for i := r.start; i < r.start+r.rows; i++ {
				ix.params[i] = sets[ix.params[i]]
			}
		}
	}
	off := uint32(0)
	for k, row := range r.excRows {
		ix.excRows = append(ix.excRows, uint32(r.start)+row)
		ix.excNames = append(ix.excNames, r.excNames[off:off+r.excLen[k]]...)
		ix.excEnd = append(ix.excEnd, uint32(len(ix.excNames)))
		off += r.excLen[k]
	}
	for k := range ix.extra {
		base := uint32(len(ix.extraText[k]))
		ix.extraText[k] = append(ix.extraText[k], r.extraText[k]...)
		for _, l := range r.extraLen[k] {
			base += l
			ix.extraEnd[k] = append(ix.extraEnd[k], base)
		}
	}
}

// internDAC returns the number of a DAC name; names beyond 254 distinct
// DACs (real GDACs have 11) are kept whole as exceptions.
func (ix *Index) internDAC(d string) uint8 {
	for k, x := range ix.dacs {
		if x == d {
			return uint8(k)
		}
	}
	if len(ix.dacs) >= dacException {
		return dacException
	}
	ix.dacs = append(ix.dacs, d)
	return uint8(len(ix.dacs) - 1)
}

// internSet returns the id of a "parameters,modes" key in the index's set table.
func (ix *Index) internSet(key string) uint32 {
	if id, ok := ix.setIndex[key]; ok {
		return id
	}
	if ix.setIndex == nil {
		ix.setIndex = map[string]uint32{}
	}
	ix.setIndex[key] = uint32(len(ix.sets))
	names, modes, _ := strings.Cut(key, ",")
	s := paramSet{names: strings.Fields(names)}
	for i := range s.names {
		m := ModeUnknown
		if i < len(modes) {
			m = ParseMode(modes[i])
		}
		s.modes = append(s.modes, m)
	}
	ix.sets = append(ix.sets, s)
	return uint32(len(ix.sets) - 1)
}

// parseRows parses a block into the rows [b.start, b.start+b.rows). The
// caller holds the read side of the growth lock.
func (ix *Index) parseRows(b rowBlock, setIDs map[string]uint32) (r blockResult) {
	r.seq, r.start, r.rows = b.seq, b.start, b.rows
	clear(setIDs)
	r.extraText, r.extraLen = make([][]byte, len(ix.extra)), make([][]uint32, len(ix.extra))
	ncol := len(ix.roles)
	fast := slices.Equal(ix.roles, coreLayout) && !ix.hasMin && !ix.hasParams
	var fields [32][]byte
	var key []byte
	data := b.data
	line, row := b.firstLine, b.start
	nan := math.NaN()
	for len(data) > 0 {
		var text []byte
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			text, data = data[:k], data[k+1:]
		} else {
			text, data = data, nil
		}
		line++
		if len(text) > 0 && text[len(text)-1] == '\r' {
			text = text[:len(text)-1]
		}
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		if fast && ix.parseCoreRow(text, row, &r) {
			row++
			continue
		}
		// split on commas, 8 bytes at a time
		nf := 0
		for from := 0; ; {
			k := nextComma(text, from)
			if nf < len(fields) {
				fields[nf] = text[from:k]
			}
			nf++
			if k == len(text) {
				break
			}
			from = k + 1
		}
		if nf != ncol {
			r.err = fmt.Errorf("line %d: %w: %d fields, the header has %d", line, ErrIndexFormat, nf, ncol)
			return r
		}
		ix.lat[row], ix.lon[row] = nan, nan
		if ix.hasMin {
			ix.latMin[row], ix.lonMin[row] = nan, nan
		}
		ix.date[row], ix.dateUpdate[row] = missingTime, missingTime
		ix.profiler[row] = -1
		var paramsField, modesField []byte
		hasSet := false
		extra := 0
		for i, f := range fields[:nf] {
			switch ix.roles[i] {
			case colFile:
				if len(f) == 0 {
					r.err = fmt.Errorf("line %d: %w: empty file name", line, ErrIndexFormat)
					return r
				}
				r.addName(ix, row, f)
			case colDate:
				ix.date[row] = indexDate(f)
			case colDateUpdate:
				ix.dateUpdate[row] = indexDate(f)
			case colLat, colLatMax:
				ix.lat[row] = indexCoord(f, 90)
			case colLon, colLonMax:
				ix.lon[row] = indexCoord(f, 180)
			case colLatMin:
				ix.latMin[row] = indexCoord(f, 90)
			case colLonMin:
				ix.lonMin[row] = indexCoord(f, 180)
			case colOcean:
				ix.ocean[row] = 0
				if len(f) > 0 {
					ix.ocean[row] = f[0]
				}
			case colProfiler:
				ix.profiler[row] = indexInt16(f)
			case colInstitution:
				var inst [2]byte
				copy(inst[:], f)
				ix.inst[row] = inst
			case colParams:
				paramsField, hasSet = f, true
			case colParamModes:
				modesField, hasSet = f, true
			default:
				r.extraText[extra] = append(r.extraText[extra], f...)
				r.extraLen[extra] = append(r.extraLen[extra], uint32(len(f)))
				extra++
			}
		}
		if ix.hasParams {
			key = append(append(append(key[:0], paramsField...), ','), modesField...)
			if !hasSet {
				key = append(key[:0], ',')
			}
			id, ok := setIDs[string(key)]
			if !ok {
				id = uint32(len(r.sets))
				setIDs[string(key)] = id
				r.sets = append(r.sets, string(key))
			}
			ix.params[row] = id
		}
		row++
	}
	return r
}

// coreLayout is the column layout of the core profile index
// (ar_index_global_prof.txt), which parseCoreRow reads.
var coreLayout = []int{colFile, colDate, colLat, colLon, colOcean, colProfiler, colInstitution, colDateUpdate}

// parseCoreRow parses a row of the core profile index in one pass, each
// field read up to its comma, and reports false, having written nothing
// that the general path does not overwrite, for any row it does not
// recognise exactly (empty or odd fields, sentinels): those take the
// general path.
func (ix *Index) parseCoreRow(text []byte, row int, r *blockResult) bool {
	k := bytes.IndexByte(text, ',')
	if k <= 0 {
		return false
	}
	name := text[:k]
	i := k + 1
	// date: 14 digits and a comma
	if len(text) < i+15 || text[i+14] != ',' {
		return false
	}
	date := indexDate(text[i : i+14])
	if date == missingTime {
		return false
	}
	i += 15
	lat, i, ok := decimalField(text, i)
	if !ok || lat < -90 || lat > 90 || lat == -99.999 {
		return false
	}
	lon, i, ok := decimalField(text, i+1)
	if !ok || lon < -180 || lon > 180 || lon == -99.999 {
		return false
	}
	// ocean: one letter; profiler: 1-4 digits; institution: two letters; date_update: 14 digits
	i++
	if len(text) < i+2 || text[i] == ',' || text[i+1] != ',' {
		return false
	}
	ocean := text[i]
	i += 2
	prof := 0
	j := i
	for j < len(text) && j-i < 4 && text[j] >= '0' && text[j] <= '9' {
		prof = prof*10 + int(text[j]-'0')
		j++
	}
	if j == i || j >= len(text) || text[j] != ',' {
		return false
	}
	i = j + 1
	if len(text) != i+2+1+14 || text[i+2] != ',' {
		return false
	}
	inst := [2]byte{text[i], text[i+1]}
	update := indexDate(text[i+3:])
	if update == missingTime {
		return false
	}
	ix.date[row], ix.dateUpdate[row] = date, update
	ix.lat[row], ix.lon[row] = lat, lon
	ix.ocean[row], ix.profiler[row], ix.inst[row] = ocean, int16(prof), inst
	r.addName(ix, row, name)
	return true
}

// decimalField parses [-]digits[.digits] (at most 15 digits) from b[i:] up
// to a comma, as fastDecimal does, and returns the index of the comma. ok
// is false for anything else, an empty field, or no comma.
func decimalField(b []byte, i int) (v float64, comma int, ok bool) {
	neg := i < len(b) && b[i] == '-'
	if neg {
		i++
	}
	var mant uint64
	start, frac := i, -1
	for ; i < len(b); i++ {
		ch := b[i]
		switch {
		case ch >= '0' && ch <= '9':
			mant = mant*10 + uint64(ch-'0')
		case ch == '.' && frac < 0:
			frac = i
		case ch == ',':
			digits := i - start
			if frac >= 0 {
				digits--
			}
			if digits == 0 || digits > 15 {
				return 0, i, false
			}
			v = float64(mant)
			if frac >= 0 {
				v /= pow10[i-frac-1]
			}
			if neg {
				v = -v
			}
			return v, i, true
		default:
			return 0, i, false
		}
	}
	return 0, i, false
}

// addName stores a canonical file name in parts (block-local DAC number),
// any other whole.
func (r *blockResult) addName(ix *Index, row int, f []byte) {
	if p, ok := splitName(f); ok {
		dac := -1
		if r.lastDAC < len(r.dacs) && r.dacs[r.lastDAC] == string(p.dac) { // rows come grouped by DAC
			dac = r.lastDAC
		} else {
			for k, d := range r.dacs {
				if d == string(p.dac) {
					dac, r.lastDAC = k, k
					break
				}
			}
		}
		if dac < 0 && len(r.dacs) < dacException {
			r.dacs = append(r.dacs, string(p.dac))
			dac = len(r.dacs) - 1
		}
		if dac >= 0 { // canonical (splitName): rebuilds exactly, FuzzIndexNames checks it
			ix.dacID[row], ix.wmo[row], ix.cycle[row], ix.flags[row] = uint8(dac), p.wmo, p.cycle, p.flags
			return
		}
	}
	// kept whole; the parts that parse still go in the columns for searches
	k := parseFileName(f)
	flags := uint8(flagUnknown)
	if k.ok {
		for code, s := range namePrefixes {
			if string(k.prefix) == s {
				flags = uint8(code)
			}
		}
		if k.direction == Descending && flags != flagUnknown {
			flags |= flagDescending
		}
	}
	ix.dacID[row], ix.wmo[row], ix.cycle[row], ix.flags[row] = dacException, k.wmo, int16(max(min(k.cycle, 32767), -1)), flags
	r.excRows = append(r.excRows, uint32(row-r.start))
	r.excNames = append(r.excNames, f...)
	r.excLen = append(r.excLen, uint32(len(f)))
}
