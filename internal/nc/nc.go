// Package nc is the one place in insitu that reads and writes NetCDF.
//
// Two decoders sit behind one API:
//
//   - Classic NetCDF (CDF-1, CDF-2 and CDF-5) is decoded in pure Go from an
//     [io.ReaderAt]. The header is parsed and validated completely (counts,
//     names, types, dimension sizes, record size, every variable's offset and
//     extent) before any data is read, so corrupted or truncated files give a
//     [*FormatError] and never a panic. This decoder needs no cgo and no lock:
//     files decode in parallel on all cores.
//   - NetCDF-4/HDF5 files and OPeNDAP/DAP4 URLs go through libnetcdf
//     (github.com/fhs/go-netcdf). Every libnetcdf call holds one package mutex,
//     since libnetcdf and HDF5 are not thread-safe. Built without cgo, these
//     paths return [ErrNoNetCDF].
//
// Writing (the testdata generator, CF exports) also goes through libnetcdf.
//
// Typed reads are fill-aware: [File.Float64s] turns _FillValue, missing_value,
// NaN and ±Inf into NaN and applies CF scale_factor/add_offset; [File.Strings]
// splits char arrays into fixed-width strings decoded as Latin-1 with trailing
// spaces and NULs trimmed.
package nc

import (
	"errors"
	"fmt"
)

// Type is a NetCDF external data type. The values are those of netcdf.h.
type Type int

// NetCDF data types.
const (
	Byte   Type = 1  // signed 8-bit integer
	Char   Type = 2  // 8-bit character
	Short  Type = 3  // signed 16-bit integer
	Int    Type = 4  // signed 32-bit integer
	Float  Type = 5  // 32-bit IEEE float
	Double Type = 6  // 64-bit IEEE float
	UByte  Type = 7  // unsigned 8-bit integer (CDF-5, NetCDF-4)
	UShort Type = 8  // unsigned 16-bit integer (CDF-5, NetCDF-4)
	UInt   Type = 9  // unsigned 32-bit integer (CDF-5, NetCDF-4)
	Int64  Type = 10 // signed 64-bit integer (CDF-5, NetCDF-4)
	UInt64 Type = 11 // unsigned 64-bit integer (CDF-5, NetCDF-4)
	String Type = 12 // variable-length string (NetCDF-4 only)
)

var typeNames = [...]string{"", "byte", "char", "short", "int", "float", "double", "ubyte", "ushort", "uint", "int64", "uint64", "string"}

// String returns the CDL name of the type ("float", "char", ...).
func (t Type) String() string {
	if t > 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("type(%d)", int(t))
}

// Size returns the size in bytes of one value of the type, or 0 for String and unknown types.
func (t Type) Size() int {
	switch t {
	case Byte, Char, UByte:
		return 1
	case Short, UShort:
		return 2
	case Int, Float, UInt:
		return 4
	case Double, Int64, UInt64:
		return 8
	}
	return 0
}

// Format is the on-disk format of a NetCDF file.
type Format int

// File formats.
const (
	FormatUnknown Format = iota
	Classic              // CDF-1: classic format, 32-bit offsets
	Offset64             // CDF-2: 64-bit offset format
	CDF5                 // CDF-5: 64-bit data format (PnetCDF)
	NetCDF4              // NetCDF-4 on HDF5
	Remote               // an OPeNDAP/DAP4 dataset opened from a URL
)

// String returns a short name of the format.
func (f Format) String() string {
	switch f {
	case Classic:
		return "classic"
	case Offset64:
		return "64-bit offset"
	case CDF5:
		return "cdf5"
	case NetCDF4:
		return "netCDF-4"
	case Remote:
		return "remote"
	}
	return "unknown"
}

// Dim is a NetCDF dimension.
type Dim struct {
	Name      string
	Len       int
	Unlimited bool
}

// Attr is a NetCDF attribute. Value holds a string for Char attributes and a
// slice of the matching Go type otherwise: []int8 (Byte), []uint8 (UByte),
// []int16, []uint16, []int32, []uint32, []int64, []uint64, []float32,
// []float64, or []string (String).
type Attr struct {
	Name  string
	Type  Type
	Value any
}

// Var describes a NetCDF variable: its type, dimension names, shape and attributes.
type Var struct {
	Name  string
	Type  Type
	Dims  []string // dimension names, slowest varying first
	Shape []int    // dimension lengths (the current record count for an unlimited dimension)
	Attrs []Attr
}

// Len returns the number of values of the variable (the product of its shape).
func (v *Var) Len() int {
	n := 1
	for _, s := range v.Shape {
		n *= s
	}
	return n
}

// Attr returns the attribute with the given name.
func (v *Var) Attr(name string) (Attr, bool) { return findAttr(v.Attrs, name) }

func findAttr(attrs []Attr, name string) (Attr, bool) {
	for _, a := range attrs {
		if a.Name == name {
			return a, true
		}
	}
	return Attr{}, false
}

// Errors callers branch on.
var (
	// ErrNoNetCDF is returned by the functions that need libnetcdf
	// (NetCDF-4/HDF5, OPeNDAP, writing) in a build without cgo.
	ErrNoNetCDF = errors.New("nc: this needs libnetcdf through cgo (build with CGO_ENABLED=1 and libnetcdf installed)")
	// ErrNotNetCDF is returned when the data does not start with a NetCDF or HDF5 signature.
	ErrNotNetCDF = errors.New("nc: not a NetCDF file")
	// ErrNoVar is returned when a variable is not in the file.
	ErrNoVar = errors.New("nc: no such variable")
	// ErrType is returned when a variable's type does not fit the requested read.
	ErrType = errors.New("nc: wrong type")
	// ErrClosed is returned when a closed file is read.
	ErrClosed = errors.New("nc: file is closed")
)

// FormatError reports a malformed file: what is wrong and where.
type FormatError struct {
	Name   string // file name or URL, if known
	Offset int64  // byte offset in the file where the problem was found, or -1
	Msg    string
}

func (e *FormatError) Error() string {
	name := e.Name
	if name == "" {
		name = "data"
	}
	if e.Offset >= 0 {
		return fmt.Sprintf("nc: %s: malformed at byte %d: %s", name, e.Offset, e.Msg)
	}
	return fmt.Sprintf("nc: %s: malformed: %s", name, e.Msg)
}
