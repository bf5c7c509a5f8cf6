package nc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// backend is one decoder behind [File].
type backend interface {
	read(name string) (any, error)
	close() error
}

// File is an open NetCDF dataset: its dimensions, variables and global
// attributes, and typed reads of its variables.
//
// The metadata fields are filled at open time and must not be modified.
// A File is safe for concurrent use by several goroutines: classic files are
// read through an [io.ReaderAt] without a lock, libnetcdf files under the
// package lock.
type File struct {
	Name   string // the path, URL or name given at open time
	Format Format
	Dims   []Dim
	Vars   []*Var
	Attrs  []Attr

	b      backend
	index  map[string]*Var
	closer io.Closer // the os.File behind a classic file opened by path

	mu     sync.RWMutex
	closed bool
}

// inMemoryLimit is the size up to which Open reads a classic file whole.
const inMemoryLimit = 16 << 20

// Signatures.
var (
	hdf5Magic = []byte("\x89HDF\r\n\x1a\n")
)

// Sniff reports the format of a file from its first bytes: Classic, Offset64
// or CDF5 for "CDF\x01", "CDF\x02", "CDF\x05", NetCDF4 for the HDF5
// signature, FormatUnknown otherwise.
func Sniff(head []byte) Format {
	if len(head) >= 4 && string(head[:3]) == "CDF" {
		switch head[3] {
		case 1:
			return Classic
		case 2:
			return Offset64
		case 5:
			return CDF5
		}
	}
	if bytes.HasPrefix(head, hdf5Magic) {
		return NetCDF4
	}
	return FormatUnknown
}

// Open opens the NetCDF file at path. Classic files are decoded in pure Go;
// NetCDF-4/HDF5 files go through libnetcdf (and give [ErrNoNetCDF] in a
// build without cgo).
func Open(path string) (*File, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("nc: %w", err)
	}
	st, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, fmt.Errorf("nc: %w", err)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(osf, head)
	head = head[:n]
	switch Sniff(head) {
	case Classic, Offset64, CDF5:
		if st.Size() <= inMemoryLimit {
			// Small files (nearly every Argo and ERDDAP file) are read whole:
			// one system call instead of one per variable.
			data := make([]byte, st.Size())
			_, err := osf.ReadAt(data, 0)
			osf.Close()
			if err != nil && !(errors.Is(err, io.EOF)) {
				return nil, fmt.Errorf("nc: read %s: %w", path, err)
			}
			return OpenBytes(path, data)
		}
		f, err := NewReader(osf, st.Size(), path)
		if err != nil {
			osf.Close()
			return nil, err
		}
		f.closer = osf
		return f, nil
	case NetCDF4:
		osf.Close()
		return openHDF5Path(path, st.Size())
	}
	osf.Close()
	return nil, notNetCDF(path, head)
}

func notNetCDF(name string, head []byte) error {
	if len(head) == 0 {
		return fmt.Errorf("%w: %s is empty", ErrNotNetCDF, name)
	}
	return fmt.Errorf("%w: %s starts with %q", ErrNotNetCDF, name, head)
}

// OpenBytes opens a NetCDF file held in memory; name is used in messages.
// Classic files are decoded in place (data must not be modified while the
// File is in use); NetCDF-4 files are handed to libnetcdf with
// NC_MEMIO_LOCKED.
func OpenBytes(name string, data []byte) (*File, error) {
	head := data[:min(len(data), 8)]
	switch Sniff(head) {
	case Classic, Offset64, CDF5:
		c, err := openClassic(bytes.NewReader(data), int64(len(data)), name, data)
		if err != nil {
			return nil, err
		}
		return newClassicFile(c), nil
	case NetCDF4:
		return openHDF5Bytes(name, data)
	}
	return nil, notNetCDF(name, head)
}

// NewReader opens a classic NetCDF file (CDF-1, CDF-2 or CDF-5) read through
// r, whose size is given. It never needs cgo. The caller keeps r open while
// the File is used.
func NewReader(r io.ReaderAt, size int64, name string) (*File, error) {
	c, err := openClassic(r, size, name, nil)
	if err != nil {
		return nil, err
	}
	return newClassicFile(c), nil
}

func newClassicFile(c *classicFile) *File {
	f := &File{Name: c.name, Dims: c.dims, Attrs: c.attrs, b: c}
	switch c.version {
	case 1:
		f.Format = Classic
	case 2:
		f.Format = Offset64
	case 5:
		f.Format = CDF5
	}
	f.Vars = make([]*Var, len(c.vars))
	f.index = make(map[string]*Var, len(c.vars))
	for i, cv := range c.vars {
		f.Vars[i] = &cv.Var
		f.index[cv.Name] = &cv.Var
	}
	return f
}

func (f *File) buildIndex() {
	f.index = make(map[string]*Var, len(f.Vars))
	for _, v := range f.Vars {
		f.index[v.Name] = v
	}
}

// Close releases the file. Reads after Close return [ErrClosed].
func (f *File) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return nil
	}
	f.closed = true
	err := f.b.close()
	if f.closer != nil {
		if cerr := f.closer.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Var returns the variable with the given name, or nil.
func (f *File) Var(name string) *Var { return f.index[name] }

// Dim returns the dimension with the given name.
func (f *File) Dim(name string) (Dim, bool) {
	for _, d := range f.Dims {
		if d.Name == name {
			return d, true
		}
	}
	return Dim{}, false
}

// Attr returns the global attribute with the given name.
func (f *File) Attr(name string) (Attr, bool) { return findAttr(f.Attrs, name) }

// Values reads a whole variable as a typed slice in row-major order: []int8
// (byte), []byte (char), []int16, []int32, []float32, []float64, []uint8,
// []uint16, []uint32, []int64, []uint64 or []string, as the variable's type
// says. No fill value or scaling is applied.
func (f *File) Values(name string) (any, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.closed {
		return nil, ErrClosed
	}
	if f.index[name] == nil {
		return nil, fmt.Errorf("%w: %q in %s", ErrNoVar, name, f.Name)
	}
	return f.b.read(name)
}
