package argo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// IndexKind is the kind of a GDAC index file.
type IndexKind int

// Index kinds.
const (
	IndexUnknown   IndexKind = iota
	IndexProfile             // ar_index_global_prof.txt: core profiles
	IndexBio                 // argo_bio-profile_index.txt: B profiles
	IndexSynthetic           // argo_synthetic-profile_index.txt: S profiles
	IndexAux                 // etc/argo-index/argo_aux-profile_index.txt
	IndexMeta                // ar_index_global_meta.txt
	IndexTraj                // ar_index_global_traj.txt
	IndexBioTraj             // argo_bio-traj_index.txt
	IndexTech                // ar_index_global_tech.txt
	IndexDetailed            // etc/argo-index/argo_profile_detailled_index.txt
)

var indexFiles = [...]string{"", "ar_index_global_prof.txt", "argo_bio-profile_index.txt", "argo_synthetic-profile_index.txt",
	"etc/argo-index/argo_aux-profile_index.txt", "ar_index_global_meta.txt", "ar_index_global_traj.txt",
	"argo_bio-traj_index.txt", "ar_index_global_tech.txt", "etc/argo-index/argo_profile_detailled_index.txt"}

// File returns the path of the index file under the GDAC root (without .gz).
func (k IndexKind) File() string {
	if k > 0 && int(k) < len(indexFiles) {
		return indexFiles[k]
	}
	return ""
}

// String returns the kind's file name.
func (k IndexKind) String() string {
	if f := k.File(); f != "" {
		return f
	}
	return "unknown index"
}

// IndexHeader is what the comment lines and the column line of an index
// file say.
type IndexHeader struct {
	Title, Description, Project string
	FormatVersion               string
	Updated                     time.Time // "Date of update"
	FTPRoots                    []string
	GDACNode                    string
	Columns                     []string
}

// Errors of index reading.
var (
	// ErrIndexFormat is wrapped by errors for malformed index files.
	ErrIndexFormat = errors.New("argo: malformed index file")
)

// missingTime marks an empty date in the index columns.
const missingTime = math.MinInt64

// column roles of the index files (argo-format.md §10).
const (
	colOther = iota
	colFile
	colDate
	colLat
	colLon
	colOcean
	colProfiler
	colInstitution
	colParams
	colParamModes
	colDateUpdate
	colLatMax
	colLatMin
	colLonMax
	colLonMin
)

var columnRoles = map[string]int{
	"file": colFile, "date": colDate, "latitude": colLat, "longitude": colLon, "ocean": colOcean,
	"profiler_type": colProfiler, "institution": colInstitution, "parameters": colParams,
	"parameter_data_mode": colParamModes, "date_update": colDateUpdate,
	"latitude_max": colLatMax, "latitude_min": colLatMin, "longitude_max": colLonMax, "longitude_min": colLonMin,
}

// paramSet is one distinct (parameters, parameter_data_mode) pair of a
// bio, synthetic or aux index.
type paramSet struct {
	names []string
	modes []Mode
}

// Index is a GDAC index file held in columns (struct of arrays: file names
// in one byte arena, numbers in typed slices; no per-row strings or
// pointers), with searches accelerated by lazily built structures.
//
// An Index is safe for concurrent use once read.
type Index struct {
	kind   IndexKind
	header IndexHeader
	roles  []int // per column
	extra  []string

	n          int
	dacID      []uint8 // into dacs; dacException: the name is in exc
	wmo        []uint32
	cycle      []int16 // -1 when the name has no cycle
	flags      []uint8 // prefix/suffix code and direction (index_names.go)
	dacs       []string
	excRows    []uint32 // rows whose names are kept whole, ascending
	excNames   []byte
	excEnd     []uint32
	date       []int64 // YYYYMMDDHHMISS as a number (orders like time), missingTime when empty
	dateUpdate []int64
	lat, lon   []float64 // NaN when empty or a sentinel; traj: the maxima
	latMin     []float64 // traj: the minima
	lonMin     []float64
	ocean      []byte
	profiler   []int16 // -1 when empty
	inst       [][2]byte
	params     []uint32 // index into sets
	sets       []paramSet
	extraText  [][]byte   // per extra column: arena
	extraEnd   [][]uint32 // per extra column: end offsets
	duplicates int
	hasParams  bool // a parameters or parameter_data_mode column
	hasMin     bool // latitude_min / longitude_min columns (traj indexes)
	setIndex   map[string]uint32
	lines      int // header lines, for messages

	gridOnce sync.Once
	grid     *spatialGrid
	wmoOnce  sync.Once
	wmoRows  []uint32 // rows sorted by WMO (then row)
}

// Len returns the number of rows.
func (ix *Index) Len() int { return ix.n }

// Kind returns the kind of index, from the header title and columns.
func (ix *Index) Kind() IndexKind { return ix.kind }

// Header returns the header of the index file.
func (ix *Index) Header() IndexHeader { return ix.header }

// Duplicates returns how many duplicate rows the reader dropped (same
// prefix, WMO, cycle and direction; the row with the latest date_update is
// kept).
func (ix *Index) Duplicates() int { return ix.duplicates }

// File returns the file name of row i, relative to the GDAC dac/ folder.
func (ix *Index) File(i int) string { return string(ix.appendFile(nil, i)) }

// appendFile appends row i's file name to dst.
func (ix *Index) appendFile(dst []byte, i int) []byte {
	if ix.dacID[i] == dacException {
		k, _ := slices.BinarySearch(ix.excRows, uint32(i))
		start := uint32(0)
		if k > 0 {
			start = ix.excEnd[k-1]
		}
		return append(dst, ix.excNames[start:ix.excEnd[k]]...)
	}
	return appendName(dst, ix.dacs[ix.dacID[i]], ix.wmo[i], ix.cycle[i], ix.flags[i])
}

// dac returns row i's DAC.
func (ix *Index) dac(i int) string {
	if ix.dacID[i] != dacException {
		return ix.dacs[ix.dacID[i]]
	}
	name := ix.appendFile(nil, i)
	if k := bytes.IndexByte(name, '/'); k > 0 {
		return string(name[:k])
	}
	return ""
}

// OpenIndex reads an index file from disk; see [ReadIndex].
func OpenIndex(path string) (*Index, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("argo: %w", err)
	}
	defer f.Close()
	var sizeHint int64
	if st, err := f.Stat(); err == nil {
		sizeHint = st.Size()
	}
	ix, err := readIndex(f, sizeHint)
	if err != nil {
		return nil, fmt.Errorf("argo: read index %s: %w", path, err)
	}
	return ix, nil
}

// ReadIndex reads any GDAC index file (core, bio, synthetic, aux, meta,
// traj, bio-traj, tech, detailed) from r: the comment lines, the header line
// naming the columns (columns are found by name, never by position), then
// the rows. Gzipped data is detected by its magic bytes. Quirks are handled:
// empty dates and positions (zero time, NaN), the -99.999/-999.999
// sentinels (NaN), profiler codes such as 0851, duplicate rows (the latest
// date_update is kept). Rows are parsed on all cores.
func ReadIndex(r io.Reader) (*Index, error) {
	ix, err := readIndex(r, 0)
	if err != nil {
		return nil, fmt.Errorf("argo: read index: %w", err)
	}
	return ix, nil
}

func readIndex(r io.Reader, sizeHint int64) (*Index, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<16)
		sizeHint = 0
	}
	ix := &Index{}
	consumed, err := ix.readHeader(br)
	if err != nil {
		return nil, err
	}
	if sizeHint > 0 {
		sizeHint -= consumed
	}
	if err := ix.readRows(br, sizeHint); err != nil {
		return nil, err
	}
	ix.dedupe()
	return ix, nil
}

// readHeader reads the "# Key : value" comment lines and the column line.
func (ix *Index) readHeader(br *bufio.Reader) (int64, error) {
	var consumed int64
	for {
		line, err := br.ReadString('\n')
		consumed += int64(len(line))
		ix.lines++
		if err != nil && (err != io.EOF || line == "") {
			if err == io.EOF {
				return 0, fmt.Errorf("%w: no header line", ErrIndexFormat)
			}
			return 0, err
		}
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(line, "#") {
			key, value, _ := strings.Cut(strings.TrimPrefix(line, "#"), ":")
			key, value = strings.TrimSpace(key), strings.TrimSpace(value)
			switch {
			case key == "Title":
				ix.header.Title = value
			case key == "Description":
				ix.header.Description = value
			case key == "Project":
				ix.header.Project = value
			case key == "Format version":
				ix.header.FormatVersion = value
			case key == "Date of update":
				ix.header.Updated = parseDate(value)
			case strings.HasPrefix(key, "FTP root"):
				ix.header.FTPRoots = append(ix.header.FTPRoots, value)
			case key == "GDAC node":
				ix.header.GDACNode = value
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, ",")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		ix.header.Columns = cols
		ix.roles = make([]int, len(cols))
		seen := map[int]bool{}
		for i, c := range cols {
			role := columnRoles[strings.ToLower(c)]
			if role != colOther && seen[role] {
				return 0, fmt.Errorf("%w: column %q appears twice", ErrIndexFormat, c)
			}
			seen[role] = true
			ix.roles[i] = role
			if role == colOther {
				ix.extra = append(ix.extra, c)
			}
		}
		if !seen[colFile] {
			return 0, fmt.Errorf("%w: header line %q has no file column", ErrIndexFormat, line)
		}
		ix.kind = guessKind(ix.header.Title, seen)
		ix.hasParams = seen[colParams] || seen[colParamModes]
		ix.hasMin = seen[colLatMin] || seen[colLonMin]
		ix.extraText = make([][]byte, len(ix.extra))
		ix.extraEnd = make([][]uint32, len(ix.extra))
		return consumed, nil
	}
}

func guessKind(title string, seen map[int]bool) IndexKind {
	t := strings.ToLower(title)
	switch {
	case strings.Contains(t, "detail"):
		return IndexDetailed
	case strings.Contains(t, "bio-trajectory") || strings.Contains(t, "bio-traj") || (seen[colLatMax] && seen[colParams]):
		return IndexBioTraj
	case strings.Contains(t, "trajectory") || seen[colLatMax]:
		return IndexTraj
	case strings.Contains(t, "synthetic"):
		return IndexSynthetic
	case strings.Contains(t, "bio"):
		return IndexBio
	case strings.Contains(t, "aux"):
		return IndexAux
	case strings.Contains(t, "metadata") || strings.Contains(t, "meta-data"):
		return IndexMeta
	case strings.Contains(t, "technical") || strings.Contains(t, "tech"):
		return IndexTech
	case seen[colParams] && seen[colParamModes]:
		return IndexSynthetic
	case seen[colDate] && seen[colLat]:
		return IndexProfile
	case !seen[colLat] && !seen[colLatMax] && seen[colProfiler]:
		return IndexMeta
	case !seen[colLat] && !seen[colProfiler]:
		return IndexTech
	}
	return IndexUnknown
}

// chunk holds the parsed rows of one block, reused between blocks.
type chunk struct {
	seq        int
	err        error
	n          int
	dacID      []uint8 // chunk-local DAC numbers
	wmo        []uint32
	cycle      []int16
	flags      []uint8
	dacs       []string
	excRows    []uint32 // chunk-local rows
	excNames   []byte
	excLen     []uint32
	date       []int64
	dateUpdate []int64
	lat, lon   []float64
	latMin     []float64
	lonMin     []float64
	ocean      []byte
	profiler   []int16
	inst       [][2]byte
	params     []uint32 // chunk-local set ids
	sets       []string // chunk-local distinct "parameters,modes" keys
	setIDs     map[string]uint32
	extraText  [][]byte
	extraLen   [][]uint32
	lines      int // lines of the block
	errLine    int // block-relative line of err
}

func (c *chunk) reset(nextra int) {
	c.n, c.err, c.lines, c.errLine = 0, nil, 0, 0
	c.dacID, c.wmo, c.cycle, c.flags, c.dacs = c.dacID[:0], c.wmo[:0], c.cycle[:0], c.flags[:0], c.dacs[:0]
	c.excRows, c.excNames, c.excLen = c.excRows[:0], c.excNames[:0], c.excLen[:0]
	c.date, c.dateUpdate = c.date[:0], c.dateUpdate[:0]
	c.lat, c.lon, c.latMin, c.lonMin = c.lat[:0], c.lon[:0], c.latMin[:0], c.lonMin[:0]
	c.ocean, c.profiler, c.inst, c.params = c.ocean[:0], c.profiler[:0], c.inst[:0], c.params[:0]
	c.sets = c.sets[:0]
	clear(c.setIDs)
	if len(c.extraText) != nextra {
		c.extraText, c.extraLen = make([][]byte, nextra), make([][]uint32, nextra)
	}
	for k := range c.extraText {
		c.extraText[k], c.extraLen[k] = c.extraText[k][:0], c.extraLen[k][:0]
	}
}

type block struct {
	seq  int
	data []byte
}

const blockSize = 4 << 20

// readRows parses the rows in blocks on all cores and appends them in order.
func (ix *Index) readRows(br *bufio.Reader, sizeHint int64) error {
	if sizeHint > 0 {
		ix.reserve(int(sizeHint/90)+1024, sizeHint)
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	blocks := make(chan block, workers)
	results := make(chan *chunk, workers)
	free := make(chan *chunk, 2*workers+2)
	freeBufs := make(chan []byte, 2*workers+2)
	for range 2*workers + 2 {
		free <- &chunk{setIDs: map[string]uint32{}}
	}
	var readErr error
	// reader
	go func() {
		defer close(blocks)
		var carry []byte
		seq := 0
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
				}
			}
			if len(buf) > 0 {
				blocks <- block{seq: seq, data: buf}
				seq++
			}
			if eof {
				return
			}
		}
	}()
	// workers
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range blocks {
				c := <-free
				c.reset(len(ix.extra))
				c.seq = b.seq
				ix.parseBlock(c, b.data)
				select {
				case freeBufs <- b.data:
				default:
				}
				results <- c
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	// merge in order
	pending := map[int]*chunk{}
	next := 0
	line := ix.lines // lines before the block
	var firstErr error
	for c := range results {
		pending[c.seq] = c
		for {
			c, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if c.err != nil && firstErr == nil {
				firstErr = fmt.Errorf("line %d: %w", line+c.errLine, c.err)
			}
			line += c.lines
			if firstErr == nil {
				ix.appendChunk(c)
			}
			free <- c
		}
	}
	if readErr != nil {
		return readErr
	}
	return firstErr
}

// reserve pre-sizes the columns for about rows rows of a file of size bytes.
func (ix *Index) reserve(rows int, size int64) {
	ix.dacID = make([]uint8, 0, rows)
	ix.wmo = make([]uint32, 0, rows)
	ix.cycle = make([]int16, 0, rows)
	ix.flags = make([]uint8, 0, rows)
	ix.date = make([]int64, 0, rows)
	ix.dateUpdate = make([]int64, 0, rows)
	ix.lat = make([]float64, 0, rows)
	ix.lon = make([]float64, 0, rows)
	ix.ocean = make([]byte, 0, rows)
	ix.profiler = make([]int16, 0, rows)
	ix.inst = make([][2]byte, 0, rows)
}

func (ix *Index) appendChunk(c *chunk) {
	remapDAC := make([]uint8, len(c.dacs))
	for k, d := range c.dacs {
		remapDAC[k] = ix.internDAC(d)
	}
	for _, d := range c.dacID {
		if d != dacException {
			d = remapDAC[d]
		}
		ix.dacID = append(ix.dacID, d)
	}
	ix.wmo = append(ix.wmo, c.wmo...)
	ix.cycle = append(ix.cycle, c.cycle...)
	ix.flags = append(ix.flags, c.flags...)
	off := uint32(0)
	for k, r := range c.excRows {
		ix.excRows = append(ix.excRows, uint32(ix.n)+r)
		ix.excNames = append(ix.excNames, c.excNames[off:off+c.excLen[k]]...)
		ix.excEnd = append(ix.excEnd, uint32(len(ix.excNames)))
		off += c.excLen[k]
	}
	ix.date = append(ix.date, c.date...)
	ix.dateUpdate = append(ix.dateUpdate, c.dateUpdate...)
	ix.lat = append(ix.lat, c.lat...)
	ix.lon = append(ix.lon, c.lon...)
	if ix.hasMin {
		ix.latMin = append(ix.latMin, c.latMin...)
		ix.lonMin = append(ix.lonMin, c.lonMin...)
	}
	ix.ocean = append(ix.ocean, c.ocean...)
	ix.profiler = append(ix.profiler, c.profiler...)
	ix.inst = append(ix.inst, c.inst...)
	if ix.hasParams {
		remap := make([]uint32, len(c.sets))
		for i, key := range c.sets {
			remap[i] = ix.internSet(key)
		}
		for _, id := range c.params {
			ix.params = append(ix.params, remap[id])
		}
	}
	for k := range ix.extra {
		base := uint32(len(ix.extraText[k]))
		ix.extraText[k] = append(ix.extraText[k], c.extraText[k]...)
		for _, l := range c.extraLen[k] {
			base += l
			ix.extraEnd[k] = append(ix.extraEnd[k], base)
		}
	}
	ix.n += c.n
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

// parseBlock parses the rows of one block into c.
func (ix *Index) parseBlock(c *chunk, data []byte) {
	line := 0
	ncol := len(ix.roles)
	var fields [32][]byte
	var paramsField, modesField []byte
	for len(data) > 0 {
		var row []byte
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			row, data = data[:k], data[k+1:]
		} else {
			row, data = data, nil
		}
		line++
		if len(row) > 0 && row[len(row)-1] == '\r' {
			row = row[:len(row)-1]
		}
		if len(row) == 0 || row[0] == '#' {
			continue
		}
		nf := 0
		for nf < len(fields) {
			k := bytes.IndexByte(row, ',')
			if k < 0 {
				fields[nf] = row
				nf++
				break
			}
			fields[nf] = row[:k]
			row = row[k+1:]
			nf++
		}
		if nf != ncol {
			c.err, c.errLine = fmt.Errorf("%w: %d fields, the header has %d", ErrIndexFormat, nf, ncol), line
			return
		}
		nan := math.NaN()
		lat, lon, latMin, lonMin := nan, nan, nan, nan
		date, dateUpd := int64(missingTime), int64(missingTime)
		var ocean byte
		prof := int16(-1)
		var inst [2]byte
		paramsField, modesField = nil, nil
		extra := 0
		for i, f := range fields[:nf] {
			switch ix.roles[i] {
			case colFile:
				if len(f) == 0 {
					c.err, c.errLine = fmt.Errorf("%w: empty file name", ErrIndexFormat), line
					return
				}
				c.addName(f)
			case colDate:
				date = indexDate(f)
			case colDateUpdate:
				dateUpd = indexDate(f)
			case colLat, colLatMax:
				lat = indexCoord(f, 90)
			case colLon, colLonMax:
				lon = indexCoord(f, 180)
			case colLatMin:
				latMin = indexCoord(f, 90)
			case colLonMin:
				lonMin = indexCoord(f, 180)
			case colOcean:
				if len(f) > 0 {
					ocean = f[0]
				}
			case colProfiler:
				prof = indexInt16(f)
			case colInstitution:
				copy(inst[:], f)
			case colParams:
				paramsField = f
			case colParamModes:
				modesField = f
			default:
				c.extraText[extra] = append(c.extraText[extra], f...)
				c.extraLen[extra] = append(c.extraLen[extra], uint32(len(f)))
				extra++
			}
		}
		c.date = append(c.date, date)
		c.dateUpdate = append(c.dateUpdate, dateUpd)
		c.lat = append(c.lat, lat)
		c.lon = append(c.lon, lon)
		c.latMin = append(c.latMin, latMin)
		c.lonMin = append(c.lonMin, lonMin)
		c.ocean = append(c.ocean, ocean)
		c.profiler = append(c.profiler, prof)
		c.inst = append(c.inst, inst)
		if paramsField != nil || modesField != nil {
			key := string(paramsField) + "," + string(modesField)
			id, ok := c.setIDs[key]
			if !ok {
				id = uint32(len(c.sets))
				c.setIDs[key] = id
				c.sets = append(c.sets, key)
			}
			c.params = append(c.params, id)
		} else if ix.hasParams {
			c.params = append(c.params, c.emptySet())
		}
		c.n++
	}
	c.lines = line
}

// addName stores a canonical file name in parts, any other whole.
func (c *chunk) addName(f []byte) {
	p, ok := splitName(f)
	if ok {
		dac := -1
		for k, d := range c.dacs {
			if d == string(p.dac) {
				dac = k
				break
			}
		}
		if dac < 0 && len(c.dacs) < dacException {
			c.dacs = append(c.dacs, string(p.dac))
			dac = len(c.dacs) - 1
		}
		if dac >= 0 { // canonical (splitName): rebuilds exactly, FuzzIndexNames checks it
			c.dacID = append(c.dacID, uint8(dac))
			c.wmo = append(c.wmo, p.wmo)
			c.cycle = append(c.cycle, p.cycle)
			c.flags = append(c.flags, p.flags)
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
	c.dacID = append(c.dacID, dacException)
	c.wmo = append(c.wmo, k.wmo)
	c.cycle = append(c.cycle, int16(max(min(k.cycle, 32767), -1)))
	c.flags = append(c.flags, flags)
	c.excRows = append(c.excRows, uint32(c.n))
	c.excNames = append(c.excNames, f...)
	c.excLen = append(c.excLen, uint32(len(f)))
}

func (c *chunk) emptySet() uint32 {
	id, ok := c.setIDs[","]
	if !ok {
		id = uint32(len(c.sets))
		c.setIDs[","] = id
		c.sets = append(c.sets, ",")
	}
	return id
}

// indexDate parses YYYYMMDDHHMISS (or a 12-digit YYYYMMDDHHMI, as the user's
// manual shows) into the number YYYYMMDDHHMISS, which orders like the time
// it stands for; empty or invalid dates are missing. The calendar arithmetic
// is left to the rows a search returns ([stampTime]).
func indexDate(f []byte) int64 {
	if len(f) != 14 && len(f) != 12 {
		return missingTime
	}
	var v int64
	for _, ch := range f {
		d := ch - '0'
		if d > 9 {
			return missingTime
		}
		v = v*10 + int64(d)
	}
	if len(f) == 12 {
		v *= 100
	}
	mo, day, h, mi, sec := v/100000000%100, v/1000000%100, v/10000%100, v/100%100, v%100
	if mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60 {
		return missingTime
	}
	return v
}

// stampTime converts a YYYYMMDDHHMISS number to a UTC time (zero when missing).
func stampTime(v int64) time.Time {
	if v == missingTime {
		return time.Time{}
	}
	return time.Date(int(v/10000000000), time.Month(v/100000000%100), int(v/1000000%100),
		int(v/10000%100), int(v/100%100), int(v%100), 0, time.UTC)
}

// timeStamp converts a time to the YYYYMMDDHHMISS number of the first whole
// second at or after it: index dates d satisfy d >= t iff d >= timeStamp(t).
func timeStamp(t time.Time) int64 {
	t = t.UTC()
	if t.Nanosecond() > 0 {
		t = t.Truncate(time.Second).Add(time.Second)
	}
	y, mo, d := t.Date()
	return int64(y)*10000000000 + int64(mo)*100000000 + int64(d)*1000000 + int64(t.Hour())*10000 + int64(t.Minute())*100 + int64(t.Second())
}

// indexCoord parses a position; empty fields, sentinels (-99.999, -999.999)
// and anything beyond the limit (90 or 180; longitudes up to 360 are
// normalised) are NaN. Plain decimals are parsed exactly without strconv.
func indexCoord(f []byte, limit float64) float64 {
	if len(f) == 0 {
		return math.NaN()
	}
	v, ok := fastDecimal(f)
	if !ok {
		return math.NaN()
	}
	if limit == 180 && v > 180 && v <= 360 {
		v -= 360
	}
	if v < -limit || v > limit || v == -99.999 {
		return math.NaN()
	}
	return v
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// fastDecimal parses [-+]digits[.digits] with at most 15 significant digits:
// the integer mantissa and the power of ten are both exact in float64, so
// one IEEE division gives the correctly rounded result, as strconv would.
func fastDecimal(f []byte) (float64, bool) {
	neg := false
	if f[0] == '-' || f[0] == '+' {
		neg = f[0] == '-'
		f = f[1:]
	}
	var mant uint64
	digits, frac := 0, -1
	for i, ch := range f {
		switch {
		case ch >= '0' && ch <= '9':
			mant = mant*10 + uint64(ch-'0')
			digits++
		case ch == '.' && frac < 0:
			frac = i
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	v := float64(mant)
	if frac >= 0 {
		v /= pow10[len(f)-frac-1]
	}
	if neg {
		v = -v
	}
	return v, true
}

func indexInt16(f []byte) int16 {
	if len(f) == 0 || len(f) > 5 {
		return -1
	}
	v := 0
	for _, ch := range f {
		if ch < '0' || ch > '9' {
			return -1
		}
		v = v*10 + int(ch-'0')
	}
	if v > math.MaxInt16 {
		return -1
	}
	return int16(v)
}
