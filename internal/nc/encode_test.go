package nc

import (
	"bytes"
	"encoding/binary"
	"math"
)

// This file holds a small classic-format encoder used by the tests to build
// files with exact layouts (record variables, CDF-2, CDF-5, streaming record
// counts) without libnetcdf, so that the pure-Go decoder is tested in a
// CGO_ENABLED=0 build too.

type encVar struct {
	name  string
	typ   Type
	dims  []int // dimension indexes
	attrs []Attr
	data  any // typed slice in row-major order ([]byte for char)
}

type encFile struct {
	version   byte
	dims      []Dim // Len 0 = record dimension
	numrecs   int
	streaming bool
	attrs     []Attr
	vars      []encVar
}

func (e *encFile) put(b *bytes.Buffer, v uint64, wide bool) {
	if wide {
		binary.Write(b, binary.BigEndian, v)
	} else {
		binary.Write(b, binary.BigEndian, uint32(v))
	}
}

func (e *encFile) name(b *bytes.Buffer, s string) {
	e.put(b, uint64(len(s)), e.version == 5)
	b.WriteString(s)
	for b.Len()%4 != 0 {
		b.WriteByte(0)
	}
}

func encodeValues(t Type, v any) []byte {
	var b bytes.Buffer
	switch x := v.(type) {
	case string:
		b.WriteString(x)
	case []byte:
		b.Write(x)
	default:
		binary.Write(&b, binary.BigEndian, x)
	}
	return b.Bytes()
}

func valueCount(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x)
	case []int8:
		return len(x)
	case []int16:
		return len(x)
	case []int32:
		return len(x)
	case []float32:
		return len(x)
	case []float64:
		return len(x)
	case []uint16:
		return len(x)
	case []uint32:
		return len(x)
	case []int64:
		return len(x)
	case []uint64:
		return len(x)
	}
	panic("valueCount: unsupported")
}

func (e *encFile) attrList(b *bytes.Buffer, attrs []Attr) {
	wide := e.version == 5
	if len(attrs) == 0 {
		e.put(b, 0, false)
		e.put(b, 0, wide)
		return
	}
	e.put(b, tagAttribute, false)
	e.put(b, uint64(len(attrs)), wide)
	for _, a := range attrs {
		e.name(b, a.Name)
		e.put(b, uint64(a.Type), false)
		e.put(b, uint64(valueCount(a.Value)), wide)
		b.Write(encodeValues(a.Type, a.Value))
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
	}
}

// encode writes the file. Record variables' data hold numrecs records.
func (e *encFile) encode() []byte {
	wide := e.version == 5
	offWide := e.version != 1
	isRec := func(v encVar) bool { return len(v.dims) > 0 && e.dims[v.dims[0]].Len == 0 }
	slab := func(v encVar) int64 {
		n := int64(v.typ.Size())
		for i, d := range v.dims {
			if i == 0 && isRec(v) {
				continue
			}
			n *= int64(e.dims[d].Len)
		}
		return n
	}
	var recVars []int
	for i, v := range e.vars {
		if isRec(v) {
			recVars = append(recVars, i)
		}
	}
	var recsize int64
	if len(recVars) == 1 && e.vars[recVars[0]].typ.Size() < 4 {
		recsize = slab(e.vars[recVars[0]])
	} else {
		for _, i := range recVars {
			recsize += pad4(slab(e.vars[i]))
		}
	}

	header := func(begins []int64) []byte {
		var b bytes.Buffer
		b.WriteString("CDF")
		b.WriteByte(e.version)
		if e.streaming {
			e.put(&b, math.MaxUint64, wide)
		} else {
			e.put(&b, uint64(e.numrecs), wide)
		}
		if len(e.dims) == 0 {
			e.put(&b, 0, false)
			e.put(&b, 0, wide)
		} else {
			e.put(&b, tagDimension, false)
			e.put(&b, uint64(len(e.dims)), wide)
			for _, d := range e.dims {
				e.name(&b, d.Name)
				e.put(&b, uint64(d.Len), wide)
			}
		}
		e.attrList(&b, e.attrs)
		if len(e.vars) == 0 {
			e.put(&b, 0, false)
			e.put(&b, 0, wide)
		} else {
			e.put(&b, tagVariable, false)
			e.put(&b, uint64(len(e.vars)), wide)
			for i, v := range e.vars {
				e.name(&b, v.name)
				e.put(&b, uint64(len(v.dims)), wide)
				for _, d := range v.dims {
					e.put(&b, uint64(d), wide)
				}
				e.attrList(&b, v.attrs)
				e.put(&b, uint64(v.typ), false)
				e.put(&b, uint64(pad4(slab(v))), wide)
				e.put(&b, uint64(begins[i]), offWide)
			}
		}
		return b.Bytes()
	}
	begins := make([]int64, len(e.vars))
	hlen := int64(len(header(begins)))
	off := hlen
	for i, v := range e.vars {
		if !isRec(v) {
			begins[i] = off
			off += pad4(slab(v))
		}
	}
	recStart := off
	for _, i := range recVars {
		begins[i] = off
		off += pad4(slab(e.vars[i]))
	}
	out := header(begins)
	for i, v := range e.vars {
		if isRec(v) {
			continue
		}
		out = append(out, encodeValues(v.typ, v.data)...)
		for int64(len(out)) < begins[i]+pad4(slab(v)) {
			out = append(out, 0)
		}
	}
	for r := 0; r < e.numrecs; r++ {
		base := recStart + int64(r)*recsize
		for _, i := range recVars {
			v := e.vars[i]
			s := slab(v)
			all := encodeValues(v.typ, v.data)
			for int64(len(out)) < base+(begins[i]-recStart) {
				out = append(out, 0)
			}
			out = append(out, all[int64(r)*s:int64(r+1)*s]...)
		}
	}
	// pad the last record
	for int64(len(out)) < recStart+int64(e.numrecs)*recsize {
		out = append(out, 0)
	}
	return out
}
