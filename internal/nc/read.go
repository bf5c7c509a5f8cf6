package nc

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Default fill values of netcdf.h, used when a variable has no _FillValue
// attribute (as netCDF4-python does; 8-bit types have no default fill there
// and none here).
const (
	fillShort  = -32767
	fillInt    = -2147483647
	fillFloat  = float32(9.9692099683868690e+36)
	fillDouble = 9.9692099683868690e+36
	fillUShort = 65535
	fillUInt   = 4294967295
	fillInt64  = -9223372036854775806
	fillUInt64 = 18446744073709551614
)

// Float64s reads a numeric variable as float64 values in row-major order,
// with the CF conventions applied:
//   - values equal to _FillValue (or the netcdf.h default fill of the type
//     when there is no _FillValue, except for 8-bit types) or to any value of
//     missing_value become NaN, compared in the variable's own type;
//   - NaN and ±Inf become NaN;
//   - _Unsigned = "true" makes byte, short and int variables unsigned;
//   - scale_factor and add_offset, when present, are applied to the rest.
//
// Char and string variables give an error wrapping [ErrType].
func (f *File) Float64s(name string) ([]float64, error) {
	raw, err := f.Values(name)
	if err != nil {
		return nil, err
	}
	v := f.index[name]
	scale, offset, scaled := scaling(v)
	out, err := toFloat64(v, raw)
	if err != nil {
		return nil, err
	}
	for i, x := range out {
		if math.IsInf(x, 0) {
			out[i] = math.NaN()
		} else if scaled && !math.IsNaN(x) {
			out[i] = x*scale + offset
		}
	}
	return out, nil
}

func scaling(v *Var) (scale, offset float64, ok bool) {
	scale = 1
	if a, found := v.Attr("scale_factor"); found {
		if s := attrFloats(a); len(s) > 0 {
			scale, ok = s[0], true
		}
	}
	if a, found := v.Attr("add_offset"); found {
		if s := attrFloats(a); len(s) > 0 {
			offset, ok = s[0], true
		}
	}
	return scale, offset, ok
}

// attrFloats returns a numeric attribute's values as float64 (nil for text).
func attrFloats(a Attr) []float64 {
	switch x := a.Value.(type) {
	case []int8:
		return convert(x)
	case []uint8:
		return convert(x)
	case []int16:
		return convert(x)
	case []uint16:
		return convert(x)
	case []int32:
		return convert(x)
	case []uint32:
		return convert(x)
	case []int64:
		return convert(x)
	case []uint64:
		return convert(x)
	case []float32:
		return convert(x)
	case []float64:
		return convert(x)
	}
	return nil
}

// Float64s returns the attribute's values as float64, or nil for a text attribute.
func (a Attr) Float64s() []float64 { return attrFloats(a) }

// String returns a text attribute's value, or the empty string for numeric ones.
func (a Attr) String() string {
	switch x := a.Value.(type) {
	case string:
		return x
	case []string:
		return strings.Join(x, ",")
	}
	return ""
}

type number interface {
	~int8 | ~uint8 | ~int16 | ~uint16 | ~int32 | ~uint32 | ~int64 | ~uint64 | ~float32 | ~float64
}

func convert[T number](x []T) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// fills returns the fill values of v (its _FillValue, or the type's default,
// and every missing_value) as float64. Comparing in float64 is exact for
// every type except 64-bit integers beyond 2^53, which are compared in their
// own type by maskInts.
func fills(v *Var) []float64 {
	var out []float64
	if a, ok := v.Attr("_FillValue"); ok {
		out = append(out, attrFloats(a)...)
	} else {
		switch v.Type {
		case Short:
			out = append(out, fillShort)
		case Int:
			out = append(out, fillInt)
		case Float:
			out = append(out, float64(fillFloat))
		case Double:
			out = append(out, fillDouble)
		case UShort:
			out = append(out, fillUShort)
		case UInt:
			out = append(out, fillUInt)
		case Int64:
			out = append(out, fillInt64)
		case UInt64:
			out = append(out, fillUInt64)
		}
	}
	if a, ok := v.Attr("missing_value"); ok {
		out = append(out, attrFloats(a)...)
	}
	return out
}

func unsigned(v *Var) bool {
	a, ok := v.Attr("_Unsigned")
	return ok && strings.EqualFold(strings.TrimSpace(a.String()), "true")
}

// toFloat64 converts raw values to float64 with fill values masked as NaN.
func toFloat64(v *Var, raw any) ([]float64, error) {
	if v.Type == Char || v.Type == String {
		return nil, fmt.Errorf("%w: %s is %s, not numeric", ErrType, v.Name, v.Type)
	}
	fv := fills(v)
	u := unsigned(v)
	switch x := raw.(type) {
	case []int8:
		if u {
			return maskConv(x, fv, func(b int8) float64 { return float64(uint8(b)) }), nil
		}
		return maskConv(x, fv, func(b int8) float64 { return float64(b) }), nil
	case []uint8:
		return maskConv(x, fv, func(b uint8) float64 { return float64(b) }), nil
	case []int16:
		if u {
			return maskConv(x, fv, func(b int16) float64 { return float64(uint16(b)) }), nil
		}
		return maskConv(x, fv, func(b int16) float64 { return float64(b) }), nil
	case []uint16:
		return maskConv(x, fv, func(b uint16) float64 { return float64(b) }), nil
	case []int32:
		if u {
			return maskConv(x, fv, func(b int32) float64 { return float64(uint32(b)) }), nil
		}
		return maskConv(x, fv, func(b int32) float64 { return float64(b) }), nil
	case []uint32:
		return maskConv(x, fv, func(b uint32) float64 { return float64(b) }), nil
	case []int64:
		return maskConv(x, fv, func(b int64) float64 { return float64(b) }), nil
	case []uint64:
		return maskConv(x, fv, func(b uint64) float64 { return float64(b) }), nil
	case []float32:
		return maskConv(x, fv, func(b float32) float64 { return float64(b) }), nil
	case []float64:
		return maskConv(x, fv, func(b float64) float64 { return b }), nil
	}
	return nil, fmt.Errorf("%w: %s is %s, not numeric", ErrType, v.Name, v.Type)
}

// maskConv converts x to float64, comparing each raw value with the fill
// values in the raw type (a fill that the type cannot represent never matches).
func maskConv[T number](x []T, fillValues []float64, conv func(T) float64) []float64 {
	fills := make([]T, 0, len(fillValues))
	for _, f := range fillValues {
		t := T(f)
		if float64(t) == f {
			fills = append(fills, t)
		}
	}
	out := make([]float64, len(x))
	nan := math.NaN()
	switch len(fills) {
	case 0:
		for i, b := range x {
			out[i] = conv(b)
		}
	case 1:
		f0 := fills[0]
		for i, b := range x {
			if b == f0 {
				out[i] = nan
			} else {
				out[i] = conv(b)
			}
		}
	default:
	outer:
		for i, b := range x {
			for _, f := range fills {
				if b == f {
					out[i] = nan
					continue outer
				}
			}
			out[i] = conv(b)
		}
	}
	return out
}

// Ints reads an integer variable (byte, short, int, int64 and the unsigned
// types) as ints; fill and missing values become the given missing value.
// Floating-point, char and string variables give an error wrapping [ErrType].
func (f *File) Ints(name string, missing int) ([]int, error) {
	raw, err := f.Values(name)
	if err != nil {
		return nil, err
	}
	v := f.index[name]
	if v.Type == Char || v.Type == String {
		return nil, fmt.Errorf("%w: %s is %s, not an integer type", ErrType, v.Name, v.Type)
	}
	fv := fills(v)
	switch x := raw.(type) {
	case []int8:
		return maskInts(x, fv, missing), nil
	case []uint8:
		return maskInts(x, fv, missing), nil
	case []int16:
		return maskInts(x, fv, missing), nil
	case []uint16:
		return maskInts(x, fv, missing), nil
	case []int32:
		return maskInts(x, fv, missing), nil
	case []uint32:
		return maskInts(x, fv, missing), nil
	case []int64:
		return maskInts(x, fv, missing), nil
	case []uint64:
		return maskInts(x, fv, missing), nil
	}
	return nil, fmt.Errorf("%w: %s is %s, not an integer type", ErrType, v.Name, v.Type)
}

type integer interface {
	~int8 | ~uint8 | ~int16 | ~uint16 | ~int32 | ~uint32 | ~int64 | ~uint64
}

func maskInts[T integer](x []T, fillValues []float64, missing int) []int {
	var fills []T
	for _, f := range fillValues {
		if t := T(f); float64(t) == f {
			fills = append(fills, t)
		}
	}
	out := make([]int, len(x))
outer:
	for i, b := range x {
		for _, f := range fills {
			if b == f {
				out[i] = missing
				continue outer
			}
		}
		out[i] = int(b)
	}
	return out
}

// Bytes reads a char variable as raw bytes, in row-major order.
func (f *File) Bytes(name string) ([]byte, error) {
	raw, err := f.Values(name)
	if err != nil {
		return nil, err
	}
	b, ok := raw.([]byte)
	if !ok {
		return nil, fmt.Errorf("%w: %s is %s, not char", ErrType, name, f.index[name].Type)
	}
	return b, nil
}

// Strings reads a char variable as fixed-width strings: the last dimension
// is the width, and there is one string per index of the others (one string
// for a 0- or 1-dimensional variable). Trailing spaces and NULs are trimmed;
// bytes are decoded as UTF-8 when they form valid UTF-8 and as Latin-1
// otherwise, so decoding never fails. String variables (NetCDF-4) are
// returned as they are.
func (f *File) Strings(name string) ([]string, error) {
	raw, err := f.Values(name)
	if err != nil {
		return nil, err
	}
	v := f.index[name]
	switch x := raw.(type) {
	case []string:
		return x, nil
	case []byte:
		width := len(x)
		if len(v.Shape) > 0 {
			width = v.Shape[len(v.Shape)-1]
		}
		if width == 0 {
			n := 1
			for _, s := range v.Shape[:max(len(v.Shape)-1, 0)] {
				n *= s
			}
			return make([]string, n), nil
		}
		out := make([]string, len(x)/width)
		for i := range out {
			out[i] = charString(x[i*width : (i+1)*width])
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: %s is %s, not char", ErrType, name, v.Type)
}

// attrString decodes a char attribute: trailing NULs are trimmed (spaces are
// kept, they can be the value, as in _FillValue = " "), and the bytes are read
// as UTF-8 when valid, as Latin-1 otherwise.
func attrString(b []byte) string {
	end := len(b)
	for end > 0 && b[end-1] == 0 {
		end--
	}
	return decodeText(b[:end])
}

// charString decodes a fixed-width char field: trailing spaces and NULs are
// trimmed, and the bytes are read as UTF-8 when valid, as Latin-1 otherwise.
func charString(b []byte) string {
	end := len(b)
	for end > 0 && (b[end-1] == ' ' || b[end-1] == 0) {
		end--
	}
	return decodeText(b[:end])
}

func decodeText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
