package nc

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// The classic NetCDF format (CDF-1, CDF-2, CDF-5), decoded in pure Go.
//
// Grammar (NetCDF User's Guide, "File Format Specification"):
//
//	header    = magic numrecs dim_list gatt_list var_list
//	magic     = 'C' 'D' 'F' VERSION            (1, 2 or 5)
//	numrecs   = NON_NEG | STREAMING             (int32; int64 in CDF-5)
//	dim_list  = ABSENT | NC_DIMENSION nelems {dim}
//	dim       = name dim_length                 (0 = the record dimension)
//	att_list  = ABSENT | NC_ATTRIBUTE nelems {attr}
//	attr      = name nc_type nelems [values] (padded to 4 bytes)
//	var_list  = ABSENT | NC_VARIABLE nelems {var}
//	var       = name nelems [dimid ...] vatt_list nc_type vsize begin
//
// nelems, dim_length, dimid and vsize are 64-bit in CDF-5; begin is 32-bit in
// CDF-1 and 64-bit otherwise. Everything is big-endian.

const (
	tagDimension = 0x0A
	tagVariable  = 0x0B
	tagAttribute = 0x0C

	streaming = 0xFFFFFFFF

	// maxNameLen bounds names; libnetcdf's NC_MAX_NAME is 256.
	maxNameLen = 256
	// maxDims bounds the rank of a variable (libnetcdf's NC_MAX_VAR_DIMS is 1024).
	maxDims = 1024
)

// classicVar is a variable of a classic file with its data layout.
type classicVar struct {
	Var
	dimIDs []int
	begin  int64
	record bool  // first dimension is the record dimension
	slab   int64 // bytes of one record (record variables) or of the whole variable, unpadded
}

// classicFile is a parsed and validated classic header over its data.
type classicFile struct {
	r        io.ReaderAt
	mem      []byte // the whole file when it is in memory (no copy on read)
	size     int64
	name     string
	version  byte
	numrecs  int64
	recsize  int64
	recDim   int // index of the record dimension, or -1
	dims     []Dim
	attrs    []Attr
	vars     []*classicVar
	varIndex map[string]*classicVar
}

// errShort says that the header parser ran past the bytes it was given.
var errShort = errors.New("short header buffer")

// headerParser reads the header from a prefix of the file.
type headerParser struct {
	buf     []byte
	str     string // buf as one string: names and text attributes are substrings of it (no allocation each)
	off     int
	size    int64 // size of the whole file
	version byte
	name    string

	// Arenas: the header's many small slices are carved out of a few large
	// ones (a real Argo header has ~60 variables and ~500 attributes).
	attrArena []Attr
	intArena  []int
	strArena  []string
	f32Arena  []float32
	f64Arena  []float64
	i32Arena  []int32
	i16Arena  []int16
}

// carve returns n elements of *arena (growing it by chunks), capped so that
// appending to the result never writes into a neighbour.
func carve[T any](arena *[]T, n int) []T {
	if cap(*arena)-len(*arena) < n {
		*arena = make([]T, 0, max(n, 256))
	}
	start := len(*arena)
	*arena = (*arena)[:start+n]
	return (*arena)[start : start+n : start+n]
}

func (p *headerParser) fail(format string, args ...any) error {
	return &FormatError{Name: p.name, Offset: int64(p.off), Msg: fmt.Sprintf(format, args...)}
}

// remaining returns the bytes left in the file after the current offset.
func (p *headerParser) remaining() int64 { return p.size - int64(p.off) }

func (p *headerParser) need(n int) error {
	if int64(p.off)+int64(n) > p.size {
		return p.fail("header runs past the end of the file (%d bytes)", p.size)
	}
	if p.off+n > len(p.buf) {
		return errShort
	}
	return nil
}

func (p *headerParser) u32() (uint32, error) {
	if err := p.need(4); err != nil {
		return 0, err
	}
	v := binary.BigEndian.Uint32(p.buf[p.off:])
	p.off += 4
	return v, nil
}

func (p *headerParser) u64() (uint64, error) {
	if err := p.need(8); err != nil {
		return 0, err
	}
	v := binary.BigEndian.Uint64(p.buf[p.off:])
	p.off += 8
	return v, nil
}

// count reads a non-negative count (32-bit, or 64-bit in CDF-5) and checks
// that count elements of at least minSize bytes each fit in the rest of the file.
func (p *headerParser) count(what string, minSize int64) (int, error) {
	var n uint64
	if p.version == 5 {
		v, err := p.u64()
		if err != nil {
			return 0, err
		}
		n = v
	} else {
		v, err := p.u32()
		if err != nil {
			return 0, err
		}
		if v > math.MaxInt32 {
			return 0, p.fail("negative %s count", what)
		}
		n = uint64(v)
	}
	if minSize > 0 && n > uint64(p.remaining()/minSize) {
		return 0, p.fail("%s count %d does not fit in the file", what, n)
	}
	if n > math.MaxInt32 {
		return 0, p.fail("%s count %d too large", what, n)
	}
	return int(n), nil
}

func (p *headerParser) name_() (string, error) {
	n, err := p.count("name length", 1)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return "", p.fail("empty name")
	}
	if n > maxNameLen {
		return "", p.fail("name length %d exceeds %d", n, maxNameLen)
	}
	padded := pad4(int64(n))
	if err := p.need(int(padded)); err != nil {
		return "", err
	}
	s := p.str[p.off : p.off+n]
	p.off += int(padded)
	return s, nil
}

// listHeader reads the tag and element count of a dim, attribute or variable list.
// An ABSENT list is two zero words (the second is 64-bit in CDF-5).
func (p *headerParser) listHeader(tag uint32, what string, minSize int64) (int, error) {
	t, err := p.u32()
	if err != nil {
		return 0, err
	}
	if t == 0 {
		n, err := p.count(what, 0)
		if err != nil {
			return 0, err
		}
		if n != 0 {
			return 0, p.fail("absent %s list with a non-zero count", what)
		}
		return 0, nil
	}
	if t != tag {
		return 0, p.fail("expected the %s list tag 0x%02X, found 0x%X", what, tag, t)
	}
	return p.count(what, minSize)
}

func pad4(n int64) int64 { return (n + 3) &^ 3 }

func (p *headerParser) attrs() ([]Attr, error) {
	n, err := p.listHeader(tagAttribute, "attribute", 12)
	if err != nil || n == 0 {
		return nil, err
	}
	attrs := carve(&p.attrArena, n)[:0]
	for range n {
		name, err := p.name_()
		if err != nil {
			return nil, err
		}
		tv, err := p.u32()
		if err != nil {
			return nil, err
		}
		t := Type(tv)
		if !p.validType(t) {
			return nil, p.fail("attribute %q has invalid type %d", name, tv)
		}
		cnt, err := p.count("attribute value", int64(t.Size()))
		if err != nil {
			return nil, err
		}
		nbytes := int64(cnt) * int64(t.Size())
		padded := pad4(nbytes)
		if padded > p.remaining() {
			return nil, p.fail("attribute %q values run past the end of the file", name)
		}
		if err := p.need(int(padded)); err != nil {
			return nil, err
		}
		raw := p.buf[p.off : p.off+int(nbytes)]
		var value any
		if t == Char {
			value = attrSubstring(raw, p.str[p.off:p.off+int(nbytes)])
		} else {
			value = p.decodeAttrValues(t, raw, cnt)
		}
		p.off += int(padded)
		attrs = append(attrs, Attr{Name: name, Type: t, Value: value})
	}
	return attrs, nil
}

func (p *headerParser) validType(t Type) bool {
	if t >= Byte && t <= Double {
		return true
	}
	return p.version == 5 && t >= UByte && t <= UInt64
}

// attrSubstring decodes a char attribute like attrString, returning a
// substring of s (the same bytes as raw) when no conversion is needed.
func attrSubstring(raw []byte, s string) string {
	end := len(raw)
	for end > 0 && raw[end-1] == 0 {
		end--
	}
	if utf8.Valid(raw[:end]) {
		return s[:end]
	}
	return decodeText(raw[:end])
}

// decodeAttrValues decodes attribute values, the common types from the arenas.
func (p *headerParser) decodeAttrValues(t Type, b []byte, n int) any {
	switch t {
	case Float:
		out := carve(&p.f32Arena, n)
		for i := range out {
			out[i] = math.Float32frombits(binary.BigEndian.Uint32(b[4*i:]))
		}
		return out
	case Double:
		out := carve(&p.f64Arena, n)
		for i := range out {
			out[i] = math.Float64frombits(binary.BigEndian.Uint64(b[8*i:]))
		}
		return out
	case Int:
		out := carve(&p.i32Arena, n)
		for i := range out {
			out[i] = int32(binary.BigEndian.Uint32(b[4*i:]))
		}
		return out
	case Short:
		out := carve(&p.i16Arena, n)
		for i := range out {
			out[i] = int16(binary.BigEndian.Uint16(b[2*i:]))
		}
		return out
	}
	return decodeBE(t, b, n)
}

// decodeBE decodes n big-endian values of type t (not Char) into a new typed slice.
func decodeBE(t Type, b []byte, n int) any {
	switch t {
	case Byte:
		out := make([]int8, n)
		for i := range out {
			out[i] = int8(b[i])
		}
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
		for i := range out {
			out[i] = int16(binary.BigEndian.Uint16(b[2*i:]))
		}
		return out
	case UShort:
		out := make([]uint16, n)
		for i := range out {
			out[i] = binary.BigEndian.Uint16(b[2*i:])
		}
		return out
	case Int:
		out := make([]int32, n)
		for i := range out {
			out[i] = int32(binary.BigEndian.Uint32(b[4*i:]))
		}
		return out
	case UInt:
		out := make([]uint32, n)
		for i := range out {
			out[i] = binary.BigEndian.Uint32(b[4*i:])
		}
		return out
	case Float:
		out := make([]float32, n)
		for i := range out {
			out[i] = math.Float32frombits(binary.BigEndian.Uint32(b[4*i:]))
		}
		return out
	case Double:
		out := make([]float64, n)
		for i := range out {
			out[i] = math.Float64frombits(binary.BigEndian.Uint64(b[8*i:]))
		}
		return out
	case Int64:
		out := make([]int64, n)
		for i := range out {
			out[i] = int64(binary.BigEndian.Uint64(b[8*i:]))
		}
		return out
	case UInt64:
		out := make([]uint64, n)
		for i := range out {
			out[i] = binary.BigEndian.Uint64(b[8*i:])
		}
		return out
	}
	return nil
}

// parseClassicHeader parses and validates the header in buf, a prefix of a
// file of the given size. It returns errShort when buf is too short.
func parseClassicHeader(buf []byte, size int64, name string) (*classicFile, error) {
	p := &headerParser{buf: buf, str: string(buf), size: size, name: name}
	if err := p.need(4); err != nil {
		return nil, err
	}
	if string(buf[:3]) != "CDF" {
		return nil, ErrNotNetCDF
	}
	p.version = buf[3]
	if p.version != 1 && p.version != 2 && p.version != 5 {
		return nil, p.fail("unknown classic format version %d", p.version)
	}
	p.off = 4
	f := &classicFile{size: size, name: name, version: p.version, recDim: -1}

	// numrecs
	var numrecs uint64
	if p.version == 5 {
		v, err := p.u64()
		if err != nil {
			return nil, err
		}
		numrecs = v
		if v == math.MaxUint64 {
			numrecs = streaming
		}
	} else {
		v, err := p.u32()
		if err != nil {
			return nil, err
		}
		numrecs = uint64(v)
	}
	isStreaming := numrecs == streaming
	if !isStreaming && numrecs > math.MaxInt32 {
		return nil, p.fail("record count %d too large", numrecs)
	}

	// dimensions
	ndims, err := p.listHeader(tagDimension, "dimension", 8)
	if err != nil {
		return nil, err
	}
	f.dims = make([]Dim, 0, ndims)
	for range ndims {
		dname, err := p.name_()
		if err != nil {
			return nil, err
		}
		var length uint64
		if p.version == 5 {
			length, err = p.u64()
		} else {
			var v uint32
			v, err = p.u32()
			if v > math.MaxInt32 {
				return nil, p.fail("dimension %q has negative length", dname)
			}
			length = uint64(v)
		}
		if err != nil {
			return nil, err
		}
		if length > math.MaxInt32 {
			return nil, p.fail("dimension %q length %d too large", dname, length)
		}
		d := Dim{Name: dname, Len: int(length)}
		if length == 0 {
			if f.recDim >= 0 {
				return nil, p.fail("more than one unlimited dimension (%q)", dname)
			}
			f.recDim = len(f.dims)
			d.Unlimited = true
		}
		f.dims = append(f.dims, d)
	}

	// global attributes
	if f.attrs, err = p.attrs(); err != nil {
		return nil, err
	}

	// variables
	nvars, err := p.listHeader(tagVariable, "variable", 24)
	if err != nil {
		return nil, err
	}
	f.vars = make([]*classicVar, 0, nvars)
	f.varIndex = make(map[string]*classicVar, nvars)
	varArena := make([]classicVar, nvars)
	for range nvars {
		vname, err := p.name_()
		if err != nil {
			return nil, err
		}
		rank, err := p.count("dimension id", 4)
		if err != nil {
			return nil, err
		}
		if rank > maxDims {
			return nil, p.fail("variable %q has %d dimensions", vname, rank)
		}
		cv := &varArena[len(f.vars)]
		cv.Name = vname
		cv.dimIDs = carve(&p.intArena, rank)
		if rank > 0 {
			cv.Dims = carve(&p.strArena, rank)
			cv.Shape = carve(&p.intArena, rank)
		}
		for i := range rank {
			var id uint64
			if p.version == 5 {
				id, err = p.u64()
			} else {
				var v uint32
				v, err = p.u32()
				id = uint64(v)
			}
			if err != nil {
				return nil, err
			}
			if id >= uint64(len(f.dims)) {
				return nil, p.fail("variable %q uses undefined dimension id %d", vname, id)
			}
			if int(id) == f.recDim && i != 0 {
				return nil, p.fail("variable %q uses the record dimension other than first", vname)
			}
			cv.dimIDs[i] = int(id)
			cv.Dims[i] = f.dims[id].Name
			cv.Shape[i] = f.dims[id].Len
		}
		cv.record = rank > 0 && cv.dimIDs[0] == f.recDim
		if cv.Attrs, err = p.attrs(); err != nil {
			return nil, err
		}
		tv, err := p.u32()
		if err != nil {
			return nil, err
		}
		cv.Type = Type(tv)
		if !p.validType(cv.Type) {
			return nil, p.fail("variable %q has invalid type %d", vname, tv)
		}
		// vsize is advisory (it overflows for large variables): skip it and compute.
		if p.version == 5 {
			_, err = p.u64()
		} else {
			_, err = p.u32()
		}
		if err != nil {
			return nil, err
		}
		var begin uint64
		if p.version == 1 {
			var v uint32
			v, err = p.u32()
			begin = uint64(v)
		} else {
			begin, err = p.u64()
		}
		if err != nil {
			return nil, err
		}
		if begin > math.MaxInt64/2 {
			return nil, p.fail("variable %q begins at %d, past the end of the file (%d bytes)", vname, begin, size)
		}
		// A record variable of a file with no records may begin past the end.
		cv.begin = int64(begin)
		// Size of the variable (one record of it for record variables), with overflow checks.
		slab := int64(cv.Type.Size())
		for i, id := range cv.dimIDs {
			if cv.record && i == 0 {
				continue
			}
			l := int64(f.dims[id].Len)
			if l != 0 && slab > size/l {
				return nil, p.fail("variable %q is larger than the file", vname)
			}
			slab *= l
		}
		cv.slab = slab
		if _, dup := f.varIndex[vname]; dup {
			return nil, p.fail("duplicate variable name %q", vname)
		}
		f.vars = append(f.vars, cv)
		f.varIndex[vname] = cv
	}
	headerEnd := int64(p.off)

	// Record size: the sum of the padded per-record sizes of the record
	// variables, except that a lone record variable of a 1- or 2-byte type is
	// not padded (NetCDF format specification, "Note on padding").
	var recVars []*classicVar
	for _, cv := range f.vars {
		if cv.record {
			recVars = append(recVars, cv)
		}
	}
	if len(recVars) == 1 && recVars[0].Type.Size() < 4 {
		f.recsize = recVars[0].slab
	} else {
		for _, cv := range recVars {
			f.recsize += pad4(cv.slab)
			if f.recsize > size {
				return nil, &FormatError{Name: name, Offset: -1, Msg: "record size larger than the file"}
			}
		}
	}

	// The number of records: as stored, or computed from the size for streaming files.
	if isStreaming {
		if f.recsize == 0 || len(recVars) == 0 {
			numrecs = 0
		} else {
			first := recVars[0].begin
			for _, cv := range recVars {
				first = min(first, cv.begin)
			}
			numrecs = uint64((size - first) / f.recsize)
		}
	}
	f.numrecs = int64(numrecs)
	if f.recDim >= 0 {
		f.dims[f.recDim].Len = int(f.numrecs)
	}

	// Validate every variable's extent before any data is read.
	for _, cv := range f.vars {
		if cv.record {
			cv.Shape[0] = int(f.numrecs)
		}
		if cv.begin < headerEnd && (cv.slab > 0 && (!cv.record || f.numrecs > 0)) {
			return nil, &FormatError{Name: name, Offset: -1, Msg: fmt.Sprintf("variable %q begins at %d, inside the header (which ends at %d)", cv.Name, cv.begin, headerEnd)}
		}
		if cv.begin > size && !(cv.record && f.numrecs == 0) {
			return nil, &FormatError{Name: name, Offset: -1, Msg: fmt.Sprintf("variable %q begins at %d, past the end of the file (%d bytes; truncated?)", cv.Name, cv.begin, size)}
		}
		var end int64
		if cv.record {
			if f.numrecs == 0 || cv.slab == 0 {
				continue
			}
			if f.numrecs-1 > (size-cv.begin)/max(f.recsize, 1) {
				return nil, &FormatError{Name: name, Offset: -1, Msg: fmt.Sprintf("record variable %q: %d records do not fit in the file (truncated?)", cv.Name, f.numrecs)}
			}
			end = cv.begin + (f.numrecs-1)*f.recsize + cv.slab
		} else {
			end = cv.begin + cv.slab
		}
		if end > size || end < cv.begin {
			return nil, &FormatError{Name: name, Offset: -1, Msg: fmt.Sprintf("variable %q (bytes %d to %d) extends past the end of the file (%d bytes; truncated?)", cv.Name, cv.begin, end, size)}
		}
	}
	return f, nil
}

// openClassic parses the header of a classic file read through r.
func openClassic(r io.ReaderAt, size int64, name string, mem []byte) (*classicFile, error) {
	if size < 4 {
		return nil, &FormatError{Name: name, Offset: 0, Msg: "file shorter than the 4-byte magic number"}
	}
	n := min(size, 32<<10)
	for {
		var buf []byte
		if mem != nil {
			buf = mem[:n]
		} else {
			buf = make([]byte, n)
			if _, err := r.ReadAt(buf, 0); err != nil && !(errors.Is(err, io.EOF) && int64(len(buf)) == n) {
				return nil, fmt.Errorf("nc: read header of %s: %w", name, err)
			}
		}
		f, err := parseClassicHeader(buf, size, name)
		if err == errShort && n < size {
			n = min(size, 4*n)
			continue
		}
		if err == errShort {
			return nil, &FormatError{Name: name, Offset: n, Msg: "header runs past the end of the file"}
		}
		if err != nil {
			return nil, err
		}
		f.r = r
		f.mem = mem
		return f, nil
	}
}

// read returns the whole variable as a typed slice (see [File.Values]).
func (f *classicFile) read(name string) (any, error) {
	cv := f.varIndex[name]
	if cv == nil {
		return nil, fmt.Errorf("%w: %q in %s", ErrNoVar, name, f.name)
	}
	n := cv.Len()
	size := cv.Type.Size()
	total := int64(n) * int64(size)
	var b []byte
	switch {
	case !cv.record && f.mem != nil:
		b = f.mem[cv.begin : cv.begin+total]
	case !cv.record:
		b = make([]byte, total)
		if _, err := f.r.ReadAt(b, cv.begin); err != nil {
			return nil, fmt.Errorf("nc: read %s in %s: %w", name, f.name, err)
		}
	default:
		b = make([]byte, total)
		for rec := int64(0); rec < f.numrecs; rec++ {
			off := cv.begin + rec*f.recsize
			dst := b[rec*cv.slab : (rec+1)*cv.slab]
			if f.mem != nil {
				copy(dst, f.mem[off:off+cv.slab])
			} else if _, err := f.r.ReadAt(dst, off); err != nil {
				return nil, fmt.Errorf("nc: read %s record %d in %s: %w", name, rec, f.name, err)
			}
		}
	}
	return decodeBE(cv.Type, b, n), nil
}

func (f *classicFile) close() error { return nil }
