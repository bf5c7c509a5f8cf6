//go:build cgo

package nc

/*
#cgo pkg-config: netcdf
#include <stdlib.h>
#include <netcdf.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"

	"github.com/fhs/go-netcdf/netcdf"
)

// Writer creates one NetCDF file through libnetcdf. Define the dimensions
// ([Writer.AddDim]), variables ([Writer.AddVar]) and attributes
// ([Writer.PutAttr]) first, then write each variable's data once with
// [Writer.Write], and finish with [Writer.Close].
//
// Every method holds the package's libnetcdf lock for its whole duration, so
// a Writer never runs libnetcdf concurrently with other files of this
// package; still, a Writer is meant to be used by one goroutine.
type Writer struct {
	path   string
	format Format
	ds     netcdf.Dataset
	dims   map[string]writerDim
	vars   map[string]*writerVar
	define bool // still in define mode
	closed bool
}

// writerDim is a defined dimension; n is 0 for an unlimited dimension.
type writerDim struct {
	d netcdf.Dim
	n int
}

// writerVar is a defined variable. shape holds the dimension lengths, with 0
// for the unlimited (record) dimension, which may only come first.
type writerVar struct {
	t      Type
	v      netcdf.Var
	shape  []int
	record bool
}

// Create creates (or overwrites) the file at path in the given format:
// [Classic] (CDF-1), [Offset64] (CDF-2) or [NetCDF4] (HDF5, without the
// classic model). Other formats give an error wrapping [errors.ErrUnsupported].
// The new file starts in define mode.
//
// NetCDF-4 files written twice with the same definitions and data have the
// same content (ncdump output); their bytes can still differ between
// libnetcdf/HDF5 versions, which record themselves in the file.
func Create(path string, format Format) (*Writer, error) {
	var mode netcdf.FileMode
	switch format {
	case Classic:
		mode = netcdf.CLOBBER
	case Offset64:
		mode = netcdf.CLOBBER | netcdf.OFFSET_64BIT
	case NetCDF4:
		mode = netcdf.CLOBBER | netcdf.NETCDF4
	default:
		return nil, fmt.Errorf("nc: create %s: writing %v files: %w", path, format, errors.ErrUnsupported)
	}
	libMu.Lock()
	ds, err := netcdf.CreateFile(path, mode)
	libMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("nc: create %s: %w", path, err)
	}
	return &Writer{
		path:   path,
		format: format,
		ds:     ds,
		dims:   make(map[string]writerDim),
		vars:   make(map[string]*writerVar),
		define: true,
	}, nil
}

// defining reports an error unless the file is open and in define mode.
func (w *Writer) defining(what string) error {
	if w.closed {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, ErrClosed)
	}
	if !w.define {
		return fmt.Errorf("nc: %s: %s: definitions are closed after the first Write", w.path, what)
	}
	return nil
}

// AddDim defines a dimension. A length of 0 makes it unlimited (the record
// dimension); classic files allow at most one.
func (w *Writer) AddDim(name string, length int) error {
	libMu.Lock()
	defer libMu.Unlock()
	what := fmt.Sprintf("add dimension %q", name)
	if err := w.defining(what); err != nil {
		return err
	}
	if name == "" {
		return fmt.Errorf("nc: %s: add dimension: empty name", w.path)
	}
	if length < 0 {
		return fmt.Errorf("nc: %s: %s: negative length %d", w.path, what, length)
	}
	if _, dup := w.dims[name]; dup {
		return fmt.Errorf("nc: %s: %s: already defined", w.path, what)
	}
	d, err := w.ds.AddDim(name, uint64(length))
	if err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	w.dims[name] = writerDim{d: d, n: length}
	return nil
}

// AddVar defines a variable of type t over the named dimensions (slowest
// varying first; none for a scalar) and writes its attributes in the given
// order. An unlimited dimension may only be the first one. Types and
// attribute values are checked before libnetcdf is called: a mismatch gives
// an error wrapping [ErrType].
func (w *Writer) AddVar(name string, t Type, dims []string, attrs ...Attr) error {
	libMu.Lock()
	defer libMu.Unlock()
	what := fmt.Sprintf("add variable %s", name)
	if err := w.defining(what); err != nil {
		return err
	}
	if name == "" {
		return fmt.Errorf("nc: %s: add variable: empty name", w.path)
	}
	if _, dup := w.vars[name]; dup {
		return fmt.Errorf("nc: %s: %s: already defined", w.path, what)
	}
	if err := writableType(t, w.format); err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	wv := &writerVar{t: t, shape: make([]int, len(dims))}
	ndims := make([]netcdf.Dim, len(dims))
	for i, dn := range dims {
		d, ok := w.dims[dn]
		if !ok {
			return fmt.Errorf("nc: %s: %s: no dimension %q", w.path, what, dn)
		}
		if d.n == 0 {
			if i != 0 {
				return fmt.Errorf("nc: %s: %s: unlimited dimension %q must come first", w.path, what, dn)
			}
			wv.record = true
		}
		ndims[i] = d.d
		wv.shape[i] = d.n
	}
	for _, a := range attrs {
		if err := checkAttr(a, w.format, t, true); err != nil {
			return fmt.Errorf("nc: %s: %s: attribute %s: %w", w.path, what, a.Name, err)
		}
	}
	v, err := w.ds.AddVar(name, netcdf.Type(t), ndims)
	if err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	wv.v = v
	w.vars[name] = wv
	for _, a := range attrs {
		if err := w.putAttr(name, v.Attr(a.Name), a); err != nil {
			return fmt.Errorf("nc: %s: %s: attribute %s: %w", w.path, what, a.Name, err)
		}
	}
	return nil
}

// PutAttr writes an attribute of the variable varName, or a global attribute
// when varName is "". It must be called before the first [Writer.Write].
func (w *Writer) PutAttr(varName string, a Attr) error {
	libMu.Lock()
	defer libMu.Unlock()
	owner := "global"
	if varName != "" {
		owner = varName
	}
	what := fmt.Sprintf("put attribute %s:%s", owner, a.Name)
	if err := w.defining(what); err != nil {
		return err
	}
	if varName == "" {
		if err := checkAttr(a, w.format, 0, false); err != nil {
			return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
		}
		if err := w.putAttr("", w.ds.Attr(a.Name), a); err != nil {
			return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
		}
		return nil
	}
	wv, ok := w.vars[varName]
	if !ok {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, ErrNoVar)
	}
	if err := checkAttr(a, w.format, wv.t, true); err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	if err := w.putAttr(varName, wv.v.Attr(a.Name), a); err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	return nil
}

// Write writes all the data of a variable. The first call ends define mode.
// data must match the variable's type: []byte or string for Char, []int8
// (Byte), []uint8 (UByte), []int16, []uint16, []int32, []uint32, []int64,
// []uint64, []float32 or []float64, in row-major order. Its length must be
// the variable's total length; for a record variable it must be a multiple
// of one record's length and sets the number of records written (an empty
// slice writes nothing).
func (w *Writer) Write(name string, data any) error {
	libMu.Lock()
	defer libMu.Unlock()
	what := fmt.Sprintf("write %s", name)
	if w.closed {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, ErrClosed)
	}
	wv, ok := w.vars[name]
	if !ok {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, ErrNoVar)
	}
	if s, ok := data.(string); ok && wv.t == Char {
		data = []byte(s)
	}
	n, err := dataLen(wv.t, data)
	if err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	per := 1
	for _, s := range wv.shape {
		if s > 0 {
			per *= s
		}
	}
	nrec := 0
	if wv.record {
		if n%per != 0 {
			return fmt.Errorf("nc: %s: %s: %d values are not a whole number of %d-value records: %w", w.path, what, n, per, ErrType)
		}
		nrec = n / per
	} else if n != per {
		return fmt.Errorf("nc: %s: %s: %d values for a variable of %d: %w", w.path, what, n, per, ErrType)
	}
	if w.define {
		if err := w.ds.EndDef(); err != nil {
			return fmt.Errorf("nc: %s: end definitions: %w", w.path, err)
		}
		w.define = false
	}
	if n == 0 {
		return nil
	}
	if err := wv.write(data, nrec); err != nil {
		return fmt.Errorf("nc: %s: %s: %w", w.path, what, err)
	}
	return nil
}

// Close ends define mode if the file is still in it and closes the file.
// Closing twice is harmless.
func (w *Writer) Close() error {
	libMu.Lock()
	defer libMu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	var errs []error
	if w.define {
		w.define = false
		if err := w.ds.EndDef(); err != nil {
			errs = append(errs, fmt.Errorf("nc: %s: end definitions: %w", w.path, err))
		}
	}
	if err := w.ds.Close(); err != nil {
		errs = append(errs, fmt.Errorf("nc: %s: close: %w", w.path, err))
	}
	return errors.Join(errs...)
}

// write hands data (already checked by dataLen) to go-netcdf.
func (wv *writerVar) write(data any, nrec int) error {
	v := wv.v
	switch d := data.(type) {
	case []byte:
		if wv.t == Char {
			return writeVals(wv, d, nrec, v.WriteBytes, v.WriteBytesAt, v.WriteBytesSlice)
		}
		return writeVals(wv, d, nrec, v.WriteUint8s, v.WriteUint8At, v.WriteUint8Slice)
	case []int8:
		return writeVals(wv, d, nrec, v.WriteInt8s, v.WriteInt8At, v.WriteInt8Slice)
	case []int16:
		return writeVals(wv, d, nrec, v.WriteInt16s, v.WriteInt16At, v.WriteInt16Slice)
	case []uint16:
		return writeVals(wv, d, nrec, v.WriteUint16s, v.WriteUint16At, v.WriteUint16Slice)
	case []int32:
		return writeVals(wv, d, nrec, v.WriteInt32s, v.WriteInt32At, v.WriteInt32Slice)
	case []uint32:
		return writeVals(wv, d, nrec, v.WriteUint32s, v.WriteUint32At, v.WriteUint32Slice)
	case []int64:
		return writeVals(wv, d, nrec, v.WriteInt64s, v.WriteInt64At, v.WriteInt64Slice)
	case []uint64:
		return writeVals(wv, d, nrec, v.WriteUint64s, v.WriteUint64At, v.WriteUint64Slice)
	case []float32:
		return writeVals(wv, d, nrec, v.WriteFloat32s, v.WriteFloat32At, v.WriteFloat32Slice)
	case []float64:
		return writeVals(wv, d, nrec, v.WriteFloat64s, v.WriteFloat64At, v.WriteFloat64Slice)
	}
	return fmt.Errorf("%T: %w", data, ErrType) // unreachable after dataLen
}

// writeVals writes a fixed-size variable in one call. go-netcdf checks slice
// bounds against the current length of the record dimension, so a record
// variable first gets its last record's first value (which extends the
// record dimension), then the whole slab.
func writeVals[T any](wv *writerVar, d []T, nrec int,
	all func([]T) error, at func([]uint64, T) error, slab func([]T, []uint64, []uint64) error) error {
	if !wv.record {
		return all(d)
	}
	per := len(d) / nrec
	idx := make([]uint64, len(wv.shape))
	idx[0] = uint64(nrec - 1)
	if err := at(idx, d[len(d)-per]); err != nil {
		return err
	}
	start := make([]uint64, len(wv.shape))
	count := make([]uint64, len(wv.shape))
	count[0] = uint64(nrec)
	for i := 1; i < len(wv.shape); i++ {
		count[i] = uint64(wv.shape[i])
	}
	return slab(d, start, count)
}

// putAttr writes one checked attribute through go-netcdf; empty values,
// which go-netcdf cannot write, go straight to nc_put_att.
func (w *Writer) putAttr(varName string, at netcdf.Attr, a Attr) error {
	switch v := a.Value.(type) {
	case string:
		if v == "" {
			return w.putEmptyAttr(varName, a)
		}
		return at.WriteBytes([]byte(v))
	case []int8:
		return putAttrVals(w, varName, a, v, at.WriteInt8s)
	case []uint8:
		return putAttrVals(w, varName, a, v, at.WriteUint8s)
	case []int16:
		return putAttrVals(w, varName, a, v, at.WriteInt16s)
	case []uint16:
		return putAttrVals(w, varName, a, v, at.WriteUint16s)
	case []int32:
		return putAttrVals(w, varName, a, v, at.WriteInt32s)
	case []uint32:
		return putAttrVals(w, varName, a, v, at.WriteUint32s)
	case []int64:
		return putAttrVals(w, varName, a, v, at.WriteInt64s)
	case []uint64:
		return putAttrVals(w, varName, a, v, at.WriteUint64s)
	case []float32:
		return putAttrVals(w, varName, a, v, at.WriteFloat32s)
	case []float64:
		return putAttrVals(w, varName, a, v, at.WriteFloat64s)
	}
	return fmt.Errorf("value of Go type %T: %w", a.Value, ErrType) // unreachable after checkAttr
}

func putAttrVals[T any](w *Writer, varName string, a Attr, v []T, put func([]T) error) error {
	if len(v) == 0 {
		return w.putEmptyAttr(varName, a)
	}
	return put(v)
}

// putEmptyAttr writes a zero-length attribute of a's type.
func (w *Writer) putEmptyAttr(varName string, a Attr) error {
	ncid := C.int(w.ds)
	varid := C.int(C.NC_GLOBAL)
	if varName != "" {
		cv := C.CString(varName)
		defer C.free(unsafe.Pointer(cv))
		if st := C.nc_inq_varid(ncid, cv, &varid); st != C.NC_NOERR {
			return netcdf.Error(st)
		}
	}
	cn := C.CString(a.Name)
	defer C.free(unsafe.Pointer(cn))
	var buf [8]byte // never read: the length is 0
	if st := C.nc_put_att(ncid, varid, cn, C.nc_type(a.Type), 0, unsafe.Pointer(&buf[0])); st != C.NC_NOERR {
		return netcdf.Error(st)
	}
	return nil
}

// writableType reports an error wrapping ErrType unless the writer can store
// values of type t in a file of the given format.
func writableType(t Type, format Format) error {
	switch t {
	case Byte, Char, Short, Int, Float, Double:
		return nil
	case UByte, UShort, UInt, Int64, UInt64:
		if format == NetCDF4 {
			return nil
		}
		return fmt.Errorf("type %v needs a NetCDF-4 file, not %v: %w", t, format, ErrType)
	case String:
		return fmt.Errorf("type string is not supported by the writer: %w", ErrType)
	}
	return fmt.Errorf("unknown %v: %w", t, ErrType)
}

// checkAttr checks an attribute before it reaches libnetcdf: a name, a
// writable type, a Go value of the matching type and, for a variable's
// _FillValue, a single value of the variable's type.
func checkAttr(a Attr, format Format, varType Type, isVar bool) error {
	if a.Name == "" {
		return errors.New("empty attribute name")
	}
	if err := writableType(a.Type, format); err != nil {
		return err
	}
	n, err := attrLen(a)
	if err != nil {
		return err
	}
	if isVar && a.Name == "_FillValue" {
		if a.Type != varType {
			return fmt.Errorf("_FillValue of type %v for a variable of type %v: %w", a.Type, varType, ErrType)
		}
		if n != 1 {
			return fmt.Errorf("_FillValue with %d values: %w", n, ErrType)
		}
	}
	return nil
}

// attrLen returns the number of values of a, checking that its Go value
// matches its type.
func attrLen(a Attr) (int, error) {
	if a.Type == Char {
		s, ok := a.Value.(string)
		if !ok {
			return 0, fmt.Errorf("char attribute needs a string value, not %T: %w", a.Value, ErrType)
		}
		return len(s), nil
	}
	return dataLen(a.Type, a.Value)
}

// dataLen returns the number of values in data, or an error wrapping ErrType
// when its Go type does not match t.
func dataLen(t Type, data any) (int, error) {
	n, ok := -1, false
	switch d := data.(type) {
	case []byte: // also []uint8
		n, ok = len(d), t == Char || t == UByte
	case []int8:
		n, ok = len(d), t == Byte
	case []int16:
		n, ok = len(d), t == Short
	case []uint16:
		n, ok = len(d), t == UShort
	case []int32:
		n, ok = len(d), t == Int
	case []uint32:
		n, ok = len(d), t == UInt
	case []int64:
		n, ok = len(d), t == Int64
	case []uint64:
		n, ok = len(d), t == UInt64
	case []float32:
		n, ok = len(d), t == Float
	case []float64:
		n, ok = len(d), t == Double
	}
	if !ok {
		return 0, fmt.Errorf("%T value for %v data: %w", data, t, ErrType)
	}
	return n, nil
}
