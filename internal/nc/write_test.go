//go:build cgo

package nc

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writerSample writes a small file with every type the format allows, an
// unlimited dimension, char variables and attributes of every type.
func writerSample(t *testing.T, path string, format Format) {
	t.Helper()
	w, err := Create(path, format)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.AddDim("TIME", 0))
	must(w.AddDim("N", 3))
	must(w.AddDim("STRING4", 4))
	must(w.PutAttr("", Attr{Name: "title", Type: Char, Value: "writer test"}))
	must(w.PutAttr("", Attr{Name: "comment", Type: Char, Value: ""}))
	must(w.PutAttr("", Attr{Name: "g_short", Type: Short, Value: []int16{-3, 4}}))
	must(w.PutAttr("", Attr{Name: "g_double", Type: Double, Value: []float64{0.5}}))
	must(w.PutAttr("", Attr{Name: "g_empty", Type: Int, Value: []int32{}}))

	must(w.AddVar("b", Byte, []string{"N"}, Attr{Name: "_FillValue", Type: Byte, Value: []int8{-127}}))
	must(w.AddVar("s", Short, []string{"N"}, Attr{Name: "valid_min", Type: Short, Value: []int16{-10}}))
	must(w.AddVar("i", Int, []string{"N"},
		Attr{Name: "long_name", Type: Char, Value: "an int"},
		Attr{Name: "_FillValue", Type: Int, Value: []int32{99999}}))
	must(w.AddVar("f", Float, []string{"N"},
		Attr{Name: "units", Type: Char, Value: "decibar"},
		Attr{Name: "_FillValue", Type: Float, Value: []float32{99999}},
		Attr{Name: "resolution", Type: Float, Value: []float32{0.1}}))
	must(w.AddVar("d", Double, []string{"N"}, Attr{Name: "_FillValue", Type: Double, Value: []float64{999999}}))
	must(w.AddVar("name", Char, []string{"N", "STRING4"}, Attr{Name: "_FillValue", Type: Char, Value: " "}))
	must(w.AddVar("flag", Char, nil))
	must(w.AddVar("rec", Float, []string{"TIME", "N"}, Attr{Name: "_FillValue", Type: Float, Value: []float32{99999}}))
	must(w.AddVar("rec_name", Char, []string{"TIME", "STRING4"}))
	if format == NetCDF4 {
		must(w.AddVar("ub", UByte, []string{"N"}))
		must(w.AddVar("us", UShort, []string{"N"}))
		must(w.AddVar("ui", UInt, []string{"N"}))
		must(w.AddVar("i64", Int64, []string{"N"}))
		must(w.AddVar("u64", UInt64, []string{"N"}, Attr{Name: "big", Type: UInt64, Value: []uint64{1 << 40}}))
		must(w.PutAttr("", Attr{Name: "g_ubyte", Type: UByte, Value: []uint8{200}}))
		must(w.PutAttr("", Attr{Name: "g_ushort", Type: UShort, Value: []uint16{60000}}))
		must(w.PutAttr("", Attr{Name: "g_uint", Type: UInt, Value: []uint32{4000000000}}))
		must(w.PutAttr("", Attr{Name: "g_int64", Type: Int64, Value: []int64{-5, 6}}))
	}
	must(w.PutAttr("i", Attr{Name: "valid_max", Type: Int, Value: []int32{7}}))

	must(w.Write("b", []int8{-1, 2, -127}))
	must(w.Write("s", []int16{-5, 0, 5}))
	must(w.Write("i", []int32{1, -2, 99999}))
	must(w.Write("f", []float32{5.5, 10, 99999}))
	must(w.Write("d", []float64{24567.25, -0.125, 999999}))
	must(w.Write("name", "ab  cdefgh  "))
	must(w.Write("flag", []byte("Y")))
	must(w.Write("rec", []float32{1, 2, 3, 4, 5, 6}))
	must(w.Write("rec_name", "r1  r2  "))
	if format == NetCDF4 {
		must(w.Write("ub", []uint8{0, 128, 255}))
		must(w.Write("us", []uint16{0, 65534, 7}))
		must(w.Write("ui", []uint32{4000000000, 1, 2}))
		must(w.Write("i64", []int64{-1 << 40, 0, 1}))
		must(w.Write("u64", []uint64{1 << 63, 0, 1}))
	}
	must(w.Close())
	must(w.Close()) // idempotent
}

func writerNcdump(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("ncdump", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ncdump %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func TestWriterFormats(t *testing.T) {
	common := []string{
		"\tTIME = UNLIMITED ; // (2 currently)",
		"\tN = 3 ;",
		"\tSTRING4 = 4 ;",
		"\tbyte b(N) ;",
		"\t\tb:_FillValue = -127b ;",
		"\tint i(N) ;",
		"\t\ti:long_name = \"an int\" ;",
		"\t\ti:_FillValue = 99999 ;",
		"\t\ti:valid_max = 7 ;",
		"\t\tf:units = \"decibar\" ;",
		"\t\tf:resolution = 0.1f ;",
		"\tchar name(N, STRING4) ;",
		"\tchar flag ;",
		"\tfloat rec(TIME, N) ;",
		"\t\t:title = \"writer test\" ;",
		"\t\t:comment = \"\" ;",
		"\t\t:g_short = -3s, 4s ;",
		"\t\t:g_double = 0.5 ;",
		"\t\t:g_empty = \"\" ;", // ncdump shows any zero-length attribute as ""
		" b = -1, 2, _ ;",
		" s = -5, 0, 5 ;",
		" i = 1, -2, _ ;",
		" f = 5.5, 10, _ ;",
		" d = 24567.25, -0.125, _ ;",
		"  \"ab  \",",
		"  \"cdef\",",
		"  \"gh  \" ;",
		" flag = \"Y\" ;",
		"  1, 2, 3,",
		"  4, 5, 6 ;",
		"  \"r1  \",",
		"  \"r2  \" ;",
	}
	tests := []struct {
		format Format
		magic  string
		lines  []string
	}{
		{Classic, "CDF\x01", common},
		{Offset64, "CDF\x02", common},
		{NetCDF4, "\x89HDF", append(append([]string{}, common...),
			"\tuint64 u64(N) ;",
			"\t\tu64:big = 1099511627776ULL ;",
			"\t\t:g_ubyte = 200UB ;",
			"\t\t:g_ushort = 60000US ;",
			"\t\t:g_uint = 4000000000U ;",
			"\t\t:g_int64 = -5LL, 6LL ;",
			" ub = 0, 128, 255 ;",
			" us = 0, 65534, 7 ;",
			" ui = 4000000000, 1, 2 ;",
			" i64 = -1099511627776, 0, 1 ;",
			" u64 = 9223372036854775808, 0, 1 ;",
		)},
	}
	_, lookErr := exec.LookPath("ncdump")
	for _, tc := range tests {
		t.Run(tc.format.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sample.nc")
			writerSample(t, path, tc.format)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte(tc.magic)) {
				t.Fatalf("file starts with %q, want %q", data[:4], tc.magic)
			}
			if lookErr != nil {
				t.Skip("ncdump not found; skipping the CDL checks")
			}
			cdl := writerNcdump(t, path)
			have := make(map[string]bool)
			for _, l := range strings.Split(cdl, "\n") {
				have[l] = true
			}
			for _, want := range tc.lines {
				if !have[want] {
					t.Errorf("ncdump output lacks the line %q", want)
				}
			}
			if t.Failed() {
				t.Logf("ncdump output:\n%s", cdl)
			}
		})
	}
}

// TestWriterNetCDF4Deterministic writes the same NetCDF-4 file twice and
// compares the content (ncdump) and, as far as libnetcdf allows, the bytes.
func TestWriterNetCDF4Deterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.nc"), filepath.Join(dir, "b.nc")
	writerSample(t, a, NetCDF4)
	writerSample(t, b, NetCDF4)
	da, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(da, db) {
		t.Errorf("two NetCDF-4 files written alike differ in bytes (%d vs %d)", len(da), len(db))
	}
	if _, err := exec.LookPath("ncdump"); err != nil {
		t.Skip("ncdump not found; skipping the content comparison")
	}
	ca := strings.Replace(writerNcdump(t, a), "netcdf a {", "", 1)
	cb := strings.Replace(writerNcdump(t, b), "netcdf b {", "", 1)
	if ca != cb {
		t.Errorf("ncdump outputs differ")
	}
}

func TestWriterErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(filepath.Join(dir, "x.nc"), CDF5); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("Create(CDF5) = %v, want ErrUnsupported", err)
	}
	if _, err := Create(filepath.Join(dir, "no", "such", "dir.nc"), Classic); err == nil || !strings.HasPrefix(err.Error(), "nc: ") {
		t.Errorf("Create in a missing directory = %v, want an nc: error", err)
	}
	path := filepath.Join(dir, "e.nc")
	w, err := Create(path, Classic)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.AddDim("N", 2); err != nil {
		t.Fatal(err)
	}
	if err := w.AddDim("T", 0); err != nil {
		t.Fatal(err)
	}
	if err := w.AddDim("N", 3); err == nil {
		t.Error("duplicate dimension accepted")
	}
	if err := w.AddDim("M", -1); err == nil {
		t.Error("negative dimension length accepted")
	}
	if err := w.AddVar("v", Float, []string{"N"}); err != nil {
		t.Fatal(err)
	}
	if err := w.AddVar("r", Int, []string{"T", "N"}); err != nil {
		t.Fatal(err)
	}
	typeErrs := []struct {
		name string
		err  error
	}{
		{"ubyte in classic", w.AddVar("u", UByte, []string{"N"})},
		{"string var", w.AddVar("str", String, []string{"N"})},
		{"fill type", w.AddVar("x", Int, []string{"N"}, Attr{Name: "_FillValue", Type: Float, Value: []float32{1}})},
		{"fill length", w.AddVar("y", Int, []string{"N"}, Attr{Name: "_FillValue", Type: Int, Value: []int32{1, 2}})},
		{"attr Go type", w.PutAttr("v", Attr{Name: "units", Type: Char, Value: []byte("m")})},
		{"attr value type", w.PutAttr("", Attr{Name: "n", Type: Int, Value: []float64{1}})},
		{"write Go type", w.Write("v", []float64{1, 2})},
		{"write length", w.Write("v", []float32{1, 2, 3})},
		{"record length", w.Write("r", []int32{1, 2, 3})},
	}
	for _, te := range typeErrs {
		if !errors.Is(te.err, ErrType) {
			t.Errorf("%s: error %v, want ErrType", te.name, te.err)
		} else if !strings.HasPrefix(te.err.Error(), "nc: ") {
			t.Errorf("%s: error %q lacks the nc: prefix", te.name, te.err)
		}
	}
	if err := w.AddVar("late", Int, []string{"N", "T"}); err == nil {
		t.Error("unlimited dimension in second place accepted")
	}
	if err := w.AddVar("nodim", Int, []string{"Q"}); err == nil {
		t.Error("unknown dimension accepted")
	}
	if err := w.Write("nope", []float32{1, 2}); !errors.Is(err, ErrNoVar) {
		t.Errorf("Write(unknown) = %v, want ErrNoVar", err)
	}
	if err := w.Write("v", []float32{1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("r", []int32{}); err != nil {
		t.Errorf("writing no records: %v", err)
	}
	if err := w.AddDim("late", 2); err == nil {
		t.Error("AddDim after Write accepted")
	}
	if err := w.PutAttr("", Attr{Name: "late", Type: Char, Value: "x"}); err == nil {
		t.Error("PutAttr after Write accepted")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write("v", []float32{1, 2}); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
}
