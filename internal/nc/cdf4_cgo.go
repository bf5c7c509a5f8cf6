//go:build cgo

package nc

// #cgo pkg-config: netcdf
// #include <stdlib.h>
// #include <netcdf.h>
import "C"

import (
	"fmt"
	"os"
	"unsafe"

	"github.com/fhs/go-netcdf/netcdf"
	"github.com/fhs/go-netcdf/netcdf/ncmem"
)

// libFile is a dataset opened through libnetcdf. Every method holds libMu.
type libFile struct {
	name string
	ds   netcdf.Dataset
	mem  *ncmem.Dataset // set for in-memory datasets, closed through ncmem
	vars map[string]netcdf.Var
}

func openHDF5Path(path string, size int64) (*File, error) {
	head := make([]byte, min(size, 128))
	osf, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("nc: %w", err)
	}
	_, err = osf.ReadAt(head, 0)
	osf.Close()
	if err != nil {
		return nil, fmt.Errorf("nc: read %s: %w", path, err)
	}
	if err := checkHDF5(path, head, size); err != nil {
		return nil, err
	}
	libMu.Lock()
	defer libMu.Unlock()
	quietHDF5()
	ds, err := netcdf.OpenFile(path, netcdf.NOWRITE)
	if err != nil {
		return nil, fmt.Errorf("nc: open %s: %w", path, err)
	}
	return loadLibFile(&libFile{name: path, ds: ds}, NetCDF4)
}

func openHDF5Bytes(name string, data []byte) (*File, error) {
	if err := checkHDF5(name, data[:min(len(data), 128)], int64(len(data))); err != nil {
		return nil, err
	}
	libMu.Lock()
	defer libMu.Unlock()
	quietHDF5()
	// MEMIO_LOCKED: without it go-netcdf v1.2.1 frees the buffer a second time
	// when the open fails (netcdf-notes.md).
	mds, err := ncmem.Open(name, netcdf.NOWRITE, ncmem.MEMIO_LOCKED, data)
	if err != nil {
		return nil, fmt.Errorf("nc: open %s: %w", name, err)
	}
	return loadLibFile(&libFile{name: name, ds: mds.Dataset, mem: &mds}, NetCDF4)
}

// OpenURL opens a remote dataset through OPeNDAP with libnetcdf: DAP2 by
// default, DAP4 with the "#dap4" fragment (or a dap4:// scheme). The network
// I/O happens inside libnetcdf, under the package lock.
func OpenURL(url string) (*File, error) {
	libMu.Lock()
	defer libMu.Unlock()
	quietHDF5()
	ds, err := netcdf.OpenFile(url, netcdf.NOWRITE)
	if err != nil {
		return nil, fmt.Errorf("nc: open %s: %w", url, err)
	}
	return loadLibFile(&libFile{name: url, ds: ds}, Remote)
}

// OpenClassicWithLibrary opens a classic file through libnetcdf instead of the
// pure-Go decoder. It exists for differential tests and benchmarks: libnetcdf
// 4.9.0 crashes the process on some corrupted classic files, so never use it
// on untrusted data.
func OpenClassicWithLibrary(path string) (*File, error) {
	libMu.Lock()
	defer libMu.Unlock()
	ds, err := netcdf.OpenFile(path, netcdf.NOWRITE)
	if err != nil {
		return nil, fmt.Errorf("nc: open %s: %w", path, err)
	}
	var format C.int
	if err := libErr(C.nc_inq_format(C.int(ds), &format)); err != nil {
		ds.Close()
		return nil, fmt.Errorf("nc: open %s: %w", path, err)
	}
	f := Classic
	switch format {
	case C.NC_FORMAT_64BIT_OFFSET:
		f = Offset64
	case C.NC_FORMAT_CDF5:
		f = CDF5
	case C.NC_FORMAT_NETCDF4, C.NC_FORMAT_NETCDF4_CLASSIC:
		f = NetCDF4
	}
	return loadLibFile(&libFile{name: path, ds: ds}, f)
}

func libErr(rc C.int) error {
	if rc == C.NC_NOERR {
		return nil
	}
	return netcdf.Error(rc)
}

// loadLibFile reads the metadata of an open dataset. The caller holds libMu.
func loadLibFile(lf *libFile, format Format) (f *File, err error) {
	defer func() {
		if err != nil {
			lf.closeLocked()
		}
	}()
	ncid := C.int(lf.ds)
	f = &File{Name: lf.name, Format: format, b: lf}

	// dimensions, in id order
	var ndims C.int
	if err := libErr(C.nc_inq_dimids(ncid, &ndims, nil, 0)); err != nil {
		return nil, fmt.Errorf("nc: %s: dimensions: %w", lf.name, err)
	}
	unlimited := map[C.int]bool{}
	var nunlim C.int
	if err := libErr(C.nc_inq_unlimdims(ncid, &nunlim, nil)); err == nil && nunlim > 0 {
		ids := make([]C.int, nunlim)
		if err := libErr(C.nc_inq_unlimdims(ncid, &nunlim, &ids[0])); err == nil {
			for _, id := range ids {
				unlimited[id] = true
			}
		}
	}
	dimNames := map[C.int]string{}
	if ndims > 0 {
		ids := make([]C.int, ndims)
		if err := libErr(C.nc_inq_dimids(ncid, &ndims, &ids[0], 0)); err != nil {
			return nil, fmt.Errorf("nc: %s: dimensions: %w", lf.name, err)
		}
		buf := (*C.char)(C.malloc(C.NC_MAX_NAME + 1))
		defer C.free(unsafe.Pointer(buf))
		for _, id := range ids {
			var length C.size_t
			if err := libErr(C.nc_inq_dim(ncid, id, buf, &length)); err != nil {
				return nil, fmt.Errorf("nc: %s: dimension %d: %w", lf.name, id, err)
			}
			name := C.GoString(buf)
			dimNames[id] = name
			f.Dims = append(f.Dims, Dim{Name: name, Len: int(length), Unlimited: unlimited[id]})
		}
	}

	// global attributes
	if f.Attrs, err = lf.attrs(C.NC_GLOBAL); err != nil {
		return nil, err
	}

	// variables
	var nvars C.int
	if err := libErr(C.nc_inq_varids(ncid, &nvars, nil)); err != nil {
		return nil, fmt.Errorf("nc: %s: variables: %w", lf.name, err)
	}
	lf.vars = make(map[string]netcdf.Var, nvars)
	if nvars > 0 {
		ids := make([]C.int, nvars)
		if err := libErr(C.nc_inq_varids(ncid, &nvars, &ids[0])); err != nil {
			return nil, fmt.Errorf("nc: %s: variables: %w", lf.name, err)
		}
		for _, id := range ids {
			nv := lf.ds.VarN(int(id))
			name, err := nv.Name()
			if err != nil {
				return nil, fmt.Errorf("nc: %s: variable %d: %w", lf.name, id, err)
			}
			t, err := nv.Type()
			if err != nil {
				return nil, fmt.Errorf("nc: %s: variable %s: %w", lf.name, name, err)
			}
			v := &Var{Name: name, Type: Type(t)}
			if v.Type < Byte || v.Type > String {
				return nil, fmt.Errorf("%w: %s: variable %s has unsupported type %d (user-defined types are not supported)", ErrType, lf.name, name, t)
			}
			var rank C.int
			if err := libErr(C.nc_inq_varndims(ncid, id, &rank)); err != nil {
				return nil, fmt.Errorf("nc: %s: variable %s: %w", lf.name, name, err)
			}
			if rank > 0 {
				dimids := make([]C.int, rank)
				if err := libErr(C.nc_inq_vardimid(ncid, id, &dimids[0])); err != nil {
					return nil, fmt.Errorf("nc: %s: variable %s: %w", lf.name, name, err)
				}
				for _, did := range dimids {
					var length C.size_t
					if err := libErr(C.nc_inq_dimlen(ncid, did, &length)); err != nil {
						return nil, fmt.Errorf("nc: %s: variable %s: %w", lf.name, name, err)
					}
					dn, ok := dimNames[did]
					if !ok { // a dimension of a parent group
						buf := (*C.char)(C.malloc(C.NC_MAX_NAME + 1))
						if err := libErr(C.nc_inq_dimname(ncid, did, buf)); err == nil {
							dn = C.GoString(buf)
						}
						C.free(unsafe.Pointer(buf))
					}
					v.Dims = append(v.Dims, dn)
					v.Shape = append(v.Shape, int(length))
				}
			}
			if v.Attrs, err = lf.attrs(id); err != nil {
				return nil, err
			}
			f.Vars = append(f.Vars, v)
			lf.vars[name] = nv
		}
	}
	f.buildIndex()
	return f, nil
}

// attrs reads the attributes of a variable (or NC_GLOBAL). The caller holds libMu.
func (lf *libFile) attrs(varid C.int) ([]Attr, error) {
	ncid := C.int(lf.ds)
	var natts C.int
	if varid == C.NC_GLOBAL {
		if err := libErr(C.nc_inq_natts(ncid, &natts)); err != nil {
			return nil, fmt.Errorf("nc: %s: attributes: %w", lf.name, err)
		}
	} else if err := libErr(C.nc_inq_varnatts(ncid, varid, &natts)); err != nil {
		return nil, fmt.Errorf("nc: %s: attributes: %w", lf.name, err)
	}
	if natts == 0 {
		return nil, nil
	}
	out := make([]Attr, 0, natts)
	buf := (*C.char)(C.malloc(C.NC_MAX_NAME + 1))
	defer C.free(unsafe.Pointer(buf))
	for i := C.int(0); i < natts; i++ {
		if err := libErr(C.nc_inq_attname(ncid, varid, i, buf)); err != nil {
			return nil, fmt.Errorf("nc: %s: attribute %d: %w", lf.name, i, err)
		}
		name := C.GoString(buf)
		var t C.nc_type
		var n C.size_t
		if err := libErr(C.nc_inq_att(ncid, varid, buf, &t, &n)); err != nil {
			return nil, fmt.Errorf("nc: %s: attribute %s: %w", lf.name, name, err)
		}
		a := Attr{Name: name, Type: Type(t)}
		var err error
		a.Value, err = getAttr(ncid, varid, buf, Type(t), int(n))
		if err != nil {
			return nil, fmt.Errorf("nc: %s: attribute %s: %w", lf.name, name, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// getAttr reads an attribute's values into the Go value described on [Attr].
func getAttr(ncid, varid C.int, name *C.char, t Type, n int) (any, error) {
	if t == String {
		if n == 0 {
			return []string{}, nil
		}
		ptrs := make([]*C.char, n)
		if err := libErr(C.nc_get_att_string(ncid, varid, name, &ptrs[0])); err != nil {
			return nil, err
		}
		defer C.nc_free_string(C.size_t(n), &ptrs[0])
		out := make([]string, n)
		for i, p := range ptrs {
			if p != nil {
				out[i] = C.GoString(p)
			}
		}
		return out, nil
	}
	if t < Byte || t > UInt64 {
		return nil, fmt.Errorf("%w: attribute type %d", ErrType, t)
	}
	size := t.Size()
	if n == 0 {
		if t == Char {
			return "", nil
		}
		return decodeNative(t, nil, 0), nil
	}
	buf := make([]byte, n*size)
	if err := libErr(C.nc_get_att(ncid, varid, name, unsafe.Pointer(&buf[0]))); err != nil {
		return nil, err
	}
	if t == Char {
		return attrString(buf), nil
	}
	return decodeNative(t, buf, n), nil
}

// decodeNative copies n values in host byte order from b into a typed slice.
func decodeNative(t Type, b []byte, n int) any {
	switch t {
	case Byte:
		out := make([]int8, n)
		copyNative(out, b)
		return out
	case UByte:
		out := make([]uint8, n)
		copy(out, b)
		return out
	case Char:
		out := make([]byte, n)
		copy(out, b)
		return out
	case Short:
		out := make([]int16, n)
		copyNative(out, b)
		return out
	case UShort:
		out := make([]uint16, n)
		copyNative(out, b)
		return out
	case Int:
		out := make([]int32, n)
		copyNative(out, b)
		return out
	case UInt:
		out := make([]uint32, n)
		copyNative(out, b)
		return out
	case Float:
		out := make([]float32, n)
		copyNative(out, b)
		return out
	case Double:
		out := make([]float64, n)
		copyNative(out, b)
		return out
	case Int64:
		out := make([]int64, n)
		copyNative(out, b)
		return out
	case UInt64:
		out := make([]uint64, n)
		copyNative(out, b)
		return out
	}
	return nil
}

func copyNative[T any](dst []T, src []byte) {
	if len(dst) == 0 {
		return
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), len(dst)*size), src)
}

// read reads a whole variable under the lock.
func (lf *libFile) read(name string) (any, error) {
	libMu.Lock()
	defer libMu.Unlock()
	quietHDF5()
	v, ok := lf.vars[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q in %s", ErrNoVar, name, lf.name)
	}
	t, err := v.Type()
	if err != nil {
		return nil, fmt.Errorf("nc: read %s in %s: %w", name, lf.name, err)
	}
	n64, err := v.Len()
	if err != nil {
		return nil, fmt.Errorf("nc: read %s in %s: %w", name, lf.name, err)
	}
	n := int(n64)
	typ := Type(t)
	if typ == String {
		out := make([]string, n)
		if n == 0 {
			return out, nil
		}
		ptrs := make([]*C.char, n)
		varid, err := lf.varID(name)
		if err != nil {
			return nil, err
		}
		if err := libErr(C.nc_get_var_string(C.int(lf.ds), varid, &ptrs[0])); err != nil {
			return nil, fmt.Errorf("nc: read %s in %s: %w", name, lf.name, err)
		}
		for i, p := range ptrs {
			if p != nil {
				out[i] = C.GoString(p)
			}
		}
		C.nc_free_string(C.size_t(n), &ptrs[0])
		return out, nil
	}
	out := decodeNative(typ, nil, n)
	if n == 0 {
		return out, nil
	}
	switch x := out.(type) {
	case []int8:
		err = v.ReadInt8s(x)
	case []uint8:
		if typ == Char {
			err = v.ReadBytes(x)
		} else {
			err = v.ReadUint8s(x)
		}
	case []int16:
		err = v.ReadInt16s(x)
	case []uint16:
		err = v.ReadUint16s(x)
	case []int32:
		err = v.ReadInt32s(x)
	case []uint32:
		err = v.ReadUint32s(x)
	case []float32:
		err = v.ReadFloat32s(x)
	case []float64:
		err = v.ReadFloat64s(x)
	case []int64:
		err = v.ReadInt64s(x)
	case []uint64:
		err = v.ReadUint64s(x)
	default:
		return nil, fmt.Errorf("%w: %s has type %s", ErrType, name, typ)
	}
	if err != nil {
		return nil, fmt.Errorf("nc: read %s in %s: %w", name, lf.name, err)
	}
	return out, nil
}

func (lf *libFile) varID(name string) (C.int, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var id C.int
	if err := libErr(C.nc_inq_varid(C.int(lf.ds), cname, &id)); err != nil {
		return 0, fmt.Errorf("nc: %s in %s: %w", name, lf.name, err)
	}
	return id, nil
}

func (lf *libFile) close() error {
	libMu.Lock()
	defer libMu.Unlock()
	return lf.closeLocked()
}

func (lf *libFile) closeLocked() error {
	var err error
	if lf.mem != nil {
		err = lf.mem.Close()
	} else {
		err = lf.ds.Close()
	}
	if err != nil {
		return fmt.Errorf("nc: close %s: %w", lf.name, err)
	}
	return nil
}
