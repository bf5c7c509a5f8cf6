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

// indexDate parses YYYYMMDDHHMISS (or a 12-digit YYYYMMDDHHMI, as the user's
// manual shows) into the number YYYYMMDDHHMISS, which orders like the time
// it stands for; empty or invalid dates are missing. The calendar arithmetic
// is left to the rows a search returns ([stampTime]).
func indexDate(f []byte) int64 {
	if len(f) != 14 && len(f) != 12 {
		return missingTime
	}
	// two overlapping 8-digit words: digits 0-7 and the last 8
	hi, ok1 := digits8(f[:8])
	lo, ok2 := digits8(f[len(f)-8:])
	if !ok1 || !ok2 {
		return missingTime
	}
	var v int64
	if len(f) == 14 {
		v = int64(hi)*1000000 + int64(lo%1000000)
	} else {
		v = (int64(hi)*10000 + int64(lo%10000)) * 100
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
