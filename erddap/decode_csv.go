package erddap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// maxLineBytes bounds one record (line) of a text response, so that a hostile
// body without newlines cannot grow the buffer without limit.
const maxLineBytes = 64 << 20

var errRecordTooLong = errors.New("erddap: a line is longer than 64 MiB")

// lineReader hands out the records of a text response from one reusable
// buffer. With quoting, a record continues over newlines inside a "quoted"
// field. A record is valid until the next call.
type lineReader struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	line     int   // lines consumed so far
	start    int   // line where the last record starts
	total    int64 // body size when the reader tells it, else -1
	read     int64 // bytes read from r
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{r: r, buf: make([]byte, 64<<10), total: -1}
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		lr.total = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }: // *os.File
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			if sk, ok := r.(io.Seeker); ok {
				if off, err := sk.Seek(0, io.SeekCurrent); err == nil && off <= fi.Size() {
					lr.total = fi.Size() - off
				}
			}
		}
	}
	return lr
}

// rowsHint estimates the rows left from the body size and the lines in the
// buffer (0 when the size is unknown).
func (lr *lineReader) rowsHint() int {
	if lr.total < 0 {
		return 0
	}
	win := lr.buf[lr.pos:lr.end]
	nl := bytes.Count(win, newlineSep)
	if nl < 8 {
		return 0
	}
	left := lr.total - lr.read + int64(len(win))
	return int(left / int64(len(win)/nl))
}

// fill reads more bytes, moving the unread ones to the front and growing
// the buffer when it is full.
func (lr *lineReader) fill() error {
	if lr.pos > 0 {
		n := copy(lr.buf, lr.buf[lr.pos:lr.end])
		lr.end, lr.pos = n, 0
	}
	if lr.end == len(lr.buf) {
		if len(lr.buf) >= maxLineBytes {
			return errRecordTooLong
		}
		nb := make([]byte, 2*len(lr.buf))
		copy(nb, lr.buf[:lr.end])
		lr.buf = nb
	}
	for range 100 {
		n, err := lr.r.Read(lr.buf[lr.end:])
		lr.end += n
		lr.read += int64(n)
		if err == io.EOF {
			lr.eof = true
			return nil
		}
		if err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
	}
	return io.ErrNoProgress
}

// record returns the next record without its line end ("\n" or "\r\n").
// complete is false for a last record that has no final newline. It
// returns io.EOF when nothing is left.
func (lr *lineReader) record(quoting bool) (rec []byte, complete bool, err error) {
	scan := lr.pos // next byte to search for a newline
	odd := false   // an odd number of quotes in buf[pos:scan]
	for {
		if i := bytes.IndexByte(lr.buf[scan:lr.end], '\n'); i >= 0 {
			nl := scan + i
			if quoting {
				if bytes.Count(lr.buf[scan:nl], quoteSep)%2 == 1 {
					odd = !odd
				}
				if odd {
					scan = nl + 1
					continue
				}
			}
			rec = lr.buf[lr.pos:nl]
			lr.pos = nl + 1
			lr.start = lr.line + 1
			lr.line++
			if quoting {
				lr.line += bytes.Count(rec, newlineSep)
			}
			if len(rec) > 0 && rec[len(rec)-1] == '\r' {
				rec = rec[:len(rec)-1]
			}
			return rec, true, nil
		}
		if lr.eof {
			if lr.pos == lr.end {
				return nil, false, io.EOF
			}
			rec = lr.buf[lr.pos:lr.end]
			lr.pos = lr.end
			lr.start = lr.line + 1
			lr.line += 1 + bytes.Count(rec, newlineSep)
			return rec, false, nil
		}
		if quoting && bytes.Count(lr.buf[scan:lr.end], quoteSep)%2 == 1 {
			odd = !odd
		}
		off := lr.end - lr.pos // searched so far, relative to pos
		if err := lr.fill(); err != nil {
			return nil, false, err
		}
		scan = lr.pos + off
	}
}

var (
	quoteSep   = []byte{'"'}
	newlineSep = []byte{'\n'}
)

// fieldSplitter splits a record into fields, reusing its slices.
type fieldSplitter struct {
	fields  [][]byte
	quoted  []bool
	scratch []byte
}

var errBadQuote = errors.New(`erddap: bad quoting (text after a closing quote, or an unclosed quote)`)

// split splits rec at sep. With quoting, a field starting with '"' runs to
// the matching '"', with "" standing for one quote.
func (fs *fieldSplitter) split(rec []byte, sep byte, quoting bool) error {
	fs.fields, fs.quoted, fs.scratch = fs.fields[:0], fs.quoted[:0], fs.scratch[:0]
	i := 0
	for {
		if quoting && i < len(rec) && rec[i] == '"' {
			j := i + 1
			start, simple := j, true
			for {
				k := bytes.IndexByte(rec[j:], '"')
				if k < 0 {
					return errBadQuote
				}
				j += k
				if j+1 < len(rec) && rec[j+1] == '"' {
					simple = false
					j += 2
					continue
				}
				break
			}
			val := rec[start:j]
			if !simple {
				off := len(fs.scratch)
				for k := 0; k < len(val); k++ {
					fs.scratch = append(fs.scratch, val[k])
					if val[k] == '"' {
						k++ // skip the doubled quote
					}
				}
				val = fs.scratch[off:]
			}
			fs.fields = append(fs.fields, val)
			fs.quoted = append(fs.quoted, true)
			i = j + 1
			if i == len(rec) {
				return nil
			}
			if rec[i] != sep {
				return errBadQuote
			}
			i++
			continue
		}
		k := bytes.IndexByte(rec[i:], sep)
		if k < 0 {
			fs.fields = append(fs.fields, rec[i:])
			fs.quoted = append(fs.quoted, false)
			return nil
		}
		fs.fields = append(fs.fields, rec[i:i+k])
		fs.quoted = append(fs.quoted, false)
		i += k + 1
	}
}

// csvSource reads .csv, .csvp, .csv0 and the .tsv equivalents.
type csvSource struct {
	lr       *lineReader
	fs       fieldSplitter
	sep      byte
	quoting  bool
	noHeader bool
}

func newCSVSource(r io.Reader, ft string, st *rowState) (tableSource, error) {
	s := &csvSource{lr: newLineReader(r), sep: ',', quoting: true}
	if strings.HasPrefix(ft, "tsv") {
		s.sep, s.quoting = '\t', false
	}
	switch ft[3:] {
	case "0":
		s.noHeader = true
		return s, nil
	case "p":
		names, err := s.header(st, "column names")
		if err != nil {
			return nil, err
		}
		cols := make([]*Column, len(names))
		for i, n := range names {
			cols[i] = &Column{Name: n}
			// "name (units)"
			if strings.HasSuffix(n, ")") {
				if j := strings.LastIndex(n, " ("); j > 0 {
					cols[i].Name, cols[i].Units = n[:j], n[j+2:len(n)-1]
				}
			}
		}
		return s, st.setColumns(cols, false)
	}
	names, err := s.header(st, "column names")
	if err != nil {
		return nil, err
	}
	units, err := s.header(st, "units")
	if err != nil {
		return nil, err
	}
	if len(units) != len(names) {
		return nil, &DecodeError{Line: st.line, Err: fmt.Errorf("erddap: %d units for %d column names", len(units), len(names))}
	}
	cols := make([]*Column, len(names))
	for i, n := range names {
		cols[i] = &Column{Name: n, Units: units[i]}
	}
	return s, st.setColumns(cols, false)
}

// header reads one header line as strings.
func (s *csvSource) header(st *rowState, what string) ([]string, error) {
	rec, complete, err := s.lr.record(s.quoting)
	st.line = s.lr.start
	if err == io.EOF || (err == nil && !complete) {
		if err == io.EOF {
			st.line = s.lr.line + 1
		}
		return nil, st.truncated("no line of " + what)
	}
	if err != nil {
		return nil, readError(err)
	}
	if err := s.fs.split(rec, s.sep, s.quoting); err != nil {
		return nil, &DecodeError{Line: st.line, Err: err}
	}
	out := make([]string, len(s.fs.fields))
	for i, f := range s.fs.fields {
		out[i] = string(f)
	}
	return out, nil
}

func readError(err error) error {
	if errors.Is(err, errRecordTooLong) {
		return err
	}
	return fmt.Errorf("erddap: reading the response: %w", err)
}

func (s *csvSource) global() []Attribute { return nil }

func (s *csvSource) rowsHint() int { return s.lr.rowsHint() }

func (s *csvSource) next(st *rowState) (bool, error) {
	rec, complete, err := s.lr.record(s.quoting)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, readError(err)
	}
	st.row++
	st.line = s.lr.start
	if !complete {
		return false, st.truncated("the last row has no final newline")
	}
	if err := s.fs.split(rec, s.sep, s.quoting); err != nil {
		return false, st.fail(-1, err)
	}
	if s.noHeader && st.cols == nil {
		cols := make([]*Column, len(s.fs.fields))
		for i := range cols {
			cols[i] = &Column{Name: "column" + strconv.Itoa(i+1)}
		}
		if err := st.setColumns(cols, false); err != nil {
			return false, err
		}
	}
	if len(s.fs.fields) != len(st.cells) {
		return false, st.fail(-1, fmt.Errorf("erddap: row has %d fields, want %d", len(s.fs.fields), len(st.cells)))
	}
	for i, f := range s.fs.fields {
		if err := st.setText(i, f, true); err != nil {
			return false, err
		}
	}
	return true, nil
}
