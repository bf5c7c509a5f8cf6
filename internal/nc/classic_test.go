package nc

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"testing"
)

// sample builds a file exercising every classic feature: fixed and record
// variables (several, so records are padded), char arrays, fill values,
// missing_value, scale/offset, _Unsigned, NaN and Inf.
func sample(version byte) *encFile {
	nan32 := float32(math.NaN())
	inf32 := float32(math.Inf(1))
	return &encFile{
		version: version,
		numrecs: 3,
		dims: []Dim{
			{Name: "N_PROF", Len: 2},
			{Name: "N_LEVELS", Len: 3},
			{Name: "STRING8", Len: 8},
			{Name: "TIME", Len: 0},
		},
		attrs: []Attr{
			{Name: "title", Type: Char, Value: "Argo float vertical profile"},
			{Name: "version", Type: Int, Value: []int32{3}},
		},
		vars: []encVar{
			{name: "PLATFORM_NUMBER", typ: Char, dims: []int{0, 2}, attrs: []Attr{{Name: "_FillValue", Type: Char, Value: " "}},
				data: []byte("6900001 6901\xe9\x00\x00\x00")},
			{name: "DATA_MODE", typ: Char, dims: []int{0}, data: []byte("DA")},
			{name: "TEMP", typ: Float, dims: []int{0, 1}, attrs: []Attr{{Name: "_FillValue", Type: Float, Value: []float32{99999}}},
				data: []float32{12.5, 99999, nan32, inf32, -1.25, 3}},
			{name: "CYCLE_NUMBER", typ: Int, dims: []int{0}, attrs: []Attr{{Name: "_FillValue", Type: Int, Value: []int32{99999}}},
				data: []int32{7, 99999}},
			{name: "JULD", typ: Double, dims: []int{0}, attrs: []Attr{{Name: "missing_value", Type: Double, Value: []float64{999999, -1}}},
				data: []float64{25000.5, -1}},
			{name: "packed", typ: Short, dims: []int{0}, attrs: []Attr{
				{Name: "scale_factor", Type: Float, Value: []float32{0.5}},
				{Name: "add_offset", Type: Double, Value: []float64{10}},
				{Name: "_FillValue", Type: Short, Value: []int16{-1}}},
				data: []int16{4, -1}},
			{name: "ubyte", typ: Byte, dims: []int{1}, attrs: []Attr{{Name: "_Unsigned", Type: Char, Value: "true"}},
				data: []int8{-1, 0, 1}},
			{name: "time", typ: Double, dims: []int{3}, data: []float64{1, 2, 3}},
			{name: "flag", typ: Short, dims: []int{3, 0}, data: []int16{1, 2, 3, 4, 5, 6}},
			{name: "code", typ: Char, dims: []int{3}, data: []byte("xyz")},
		},
	}
}

func TestClassicDecode(t *testing.T) {
	for _, version := range []byte{1, 2, 5} {
		data := sample(version).encode()
		f, err := OpenBytes("sample.nc", data)
		if err != nil {
			t.Fatalf("CDF-%d: %v", version, err)
		}
		want := map[byte]Format{1: Classic, 2: Offset64, 5: CDF5}[version]
		if f.Format != want {
			t.Errorf("CDF-%d: format %v, want %v", version, f.Format, want)
		}
		if d, _ := f.Dim("TIME"); d.Len != 3 || !d.Unlimited {
			t.Errorf("CDF-%d: TIME = %+v, want 3 records, unlimited", version, d)
		}
		if a, _ := f.Attr("title"); a.String() != "Argo float vertical profile" {
			t.Errorf("title = %q", a.String())
		}
		s, err := f.Strings("PLATFORM_NUMBER")
		if err != nil || !reflect.DeepEqual(s, []string{"6900001", "6901é"}) {
			t.Errorf("PLATFORM_NUMBER = %q, %v; want Latin-1 decoded and trimmed", s, err)
		}
		if s, _ := f.Strings("DATA_MODE"); !reflect.DeepEqual(s, []string{"DA"}) {
			t.Errorf("DATA_MODE strings = %q", s)
		}
		if b, _ := f.Bytes("DATA_MODE"); string(b) != "DA" {
			t.Errorf("DATA_MODE bytes = %q", b)
		}
		temp, err := f.Float64s("TEMP")
		if err != nil {
			t.Fatal(err)
		}
		wantTemp := []float64{12.5, math.NaN(), math.NaN(), math.NaN(), -1.25, 3}
		if !sameFloats(temp, wantTemp) {
			t.Errorf("TEMP = %v, want %v", temp, wantTemp)
		}
		if c, _ := f.Ints("CYCLE_NUMBER", -1); !reflect.DeepEqual(c, []int{7, -1}) {
			t.Errorf("CYCLE_NUMBER = %v", c)
		}
		if j, _ := f.Float64s("JULD"); !sameFloats(j, []float64{25000.5, math.NaN()}) {
			t.Errorf("JULD = %v (missing_value -1 must be masked)", j)
		}
		if p, _ := f.Float64s("packed"); !sameFloats(p, []float64{12, math.NaN()}) {
			t.Errorf("packed = %v, want [12 NaN]", p)
		}
		if u, _ := f.Float64s("ubyte"); !sameFloats(u, []float64{255, 0, 1}) {
			t.Errorf("ubyte = %v, want [255 0 1]", u)
		}
		if fl, _ := f.Values("flag"); !reflect.DeepEqual(fl, []int16{1, 2, 3, 4, 5, 6}) {
			t.Errorf("flag = %v", fl)
		}
		if r, _ := f.Float64s("time"); !sameFloats(r, []float64{1, 2, 3}) {
			t.Errorf("time = %v", r)
		}
		if v := f.Var("flag"); !reflect.DeepEqual(v.Shape, []int{3, 2}) {
			t.Errorf("flag shape = %v", v.Shape)
		}
		if s, _ := f.Strings("code"); !reflect.DeepEqual(s, []string{"xyz"}) {
			t.Errorf("code = %q", s)
		}
		if _, err := f.Float64s("nope"); !errors.Is(err, ErrNoVar) {
			t.Errorf("missing variable: %v, want ErrNoVar", err)
		}
		if _, err := f.Float64s("DATA_MODE"); !errors.Is(err, ErrType) {
			t.Errorf("Float64s on char: %v, want ErrType", err)
		}
		if _, err := f.Ints("TEMP", 0); !errors.Is(err, ErrType) {
			t.Errorf("Ints on float: %v, want ErrType", err)
		}
		f.Close()
		if _, err := f.Values("TEMP"); !errors.Is(err, ErrClosed) {
			t.Errorf("read after close: %v, want ErrClosed", err)
		}
	}
}

// A record dimension used by one variable of a 2-byte type is not padded.
func TestClassicRecordsSingleShortVar(t *testing.T) {
	e := &encFile{version: 1, numrecs: 5, dims: []Dim{{Name: "t", Len: 0}},
		vars: []encVar{{name: "s", typ: Short, dims: []int{0}, data: []int16{1, 2, 3, 4, 5}}}}
	data := e.encode()
	f, err := OpenBytes("rec.nc", data)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.Values("s")
	if !reflect.DeepEqual(v, []int16{1, 2, 3, 4, 5}) {
		t.Errorf("s = %v", v)
	}
	if len(data) != len(e.encode()) || f.b.(*classicFile).recsize != 2 {
		t.Errorf("recsize = %d, want 2 (no padding for a lone short record variable)", f.b.(*classicFile).recsize)
	}
}

func TestClassicStreamingRecords(t *testing.T) {
	e := sample(2)
	e.streaming = true
	f, err := OpenBytes("streaming.nc", e.encode())
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := f.Dim("TIME"); d.Len != 3 {
		t.Errorf("streaming numrecs = %d, want 3 computed from the size", d.Len)
	}
}

func TestClassicReaderAtMatchesBytes(t *testing.T) {
	data := sample(1).encode()
	a, err := NewReader(bytes.NewReader(data), int64(len(data)), "r")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := OpenBytes("b", data)
	for _, v := range a.Vars {
		x, err1 := a.Values(v.Name)
		y, err2 := b.Values(v.Name)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(fmtValues(x), fmtValues(y)) {
			t.Errorf("%s: ReaderAt %v (%v) != bytes %v (%v)", v.Name, x, err1, y, err2)
		}
	}
}

func TestClassicMalformed(t *testing.T) {
	good := sample(1).encode()
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrNotNetCDF},
		{"html", []byte("<!DOCTYPE html><html>"), ErrNotNetCDF},
		{"magic only", []byte("CDF\x01"), nil},
		{"bad version", []byte("CDF\x03\x00\x00\x00\x00"), ErrNotNetCDF},
		{"truncated header", good[:40], nil},
		{"truncated data", good[:len(good)-13], nil},
		{"huge dim count", append([]byte("CDF\x01\x00\x00\x00\x00\x00\x00\x00\x0a\x7f\xff\xff\xff"), make([]byte, 64)...), nil},
		{"negative numrecs", append([]byte("CDF\x01\x80\x00\x00\x01"), good[8:]...), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := OpenBytes(c.name, c.data)
			if err == nil {
				t.Fatalf("opened a malformed file: %+v", f)
			}
			var fe *FormatError
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			if c.want == nil && !errors.As(err, &fe) {
				t.Errorf("err = %v (%T), want *FormatError", err, err)
			}
		})
	}
}

// Every truncation and every single-bit flip of the header of a small file
// gives an error or values, never a panic, and never values past the data.
func TestClassicExhaustiveCorruption(t *testing.T) {
	good := sample(2).encode()
	hdr := len(good) - 200
	for n := 0; n < len(good); n++ {
		readAll(t, OpenBytes, good[:n])
	}
	for i := 0; i < hdr*8 && i/8 < len(good); i++ {
		b := bytes.Clone(good)
		b[i/8] ^= 1 << (i % 8)
		readAll(t, OpenBytes, b)
	}
}

func readAll(t *testing.T, open func(string, []byte) (*File, error), data []byte) (opened bool) {
	t.Helper()
	f, err := open("corrupt.nc", data)
	if err != nil {
		return false
	}
	defer f.Close()
	readVars(t, f)
	return true
}

// readVars reads every variable through Values and the typed read that fits it.
func readVars(t *testing.T, f *File) {
	t.Helper()
	for _, v := range f.Vars {
		raw, err := f.Values(v.Name)
		if err != nil {
			continue
		}
		if n := reflect.ValueOf(raw).Len(); n != v.Len() {
			t.Fatalf("%s: %d values, shape %v says %d", v.Name, n, v.Shape, v.Len())
		}
		switch v.Type {
		case Char:
			f.Strings(v.Name)
		case String:
		default:
			f.Float64s(v.Name)
		}
	}
}

func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}
