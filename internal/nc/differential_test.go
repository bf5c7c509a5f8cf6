//go:build cgo

package nc

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

func cgoDisabled() bool { return false }

// compareFiles requires identical metadata and values from two decoders.
func compareFiles(t *testing.T, label string, a, b *File) {
	t.Helper()
	if a.Format != b.Format {
		t.Errorf("%s: format %v vs %v", label, a.Format, b.Format)
	}
	if !reflect.DeepEqual(a.Dims, b.Dims) {
		t.Errorf("%s: dims\n%v\n%v", label, a.Dims, b.Dims)
	}
	compareAttrs(t, label, a.Attrs, b.Attrs)
	if len(a.Vars) != len(b.Vars) {
		t.Fatalf("%s: %d vs %d variables", label, len(a.Vars), len(b.Vars))
	}
	for i, va := range a.Vars {
		vb := b.Vars[i]
		if va.Name != vb.Name || va.Type != vb.Type || !reflect.DeepEqual(va.Dims, vb.Dims) || !reflect.DeepEqual(va.Shape, vb.Shape) {
			t.Errorf("%s: variable %d: %s %v %v %v vs %s %v %v %v", label, i, va.Name, va.Type, va.Dims, va.Shape, vb.Name, vb.Type, vb.Dims, vb.Shape)
			continue
		}
		compareAttrs(t, label+"/"+va.Name, va.Attrs, vb.Attrs)
		x, err1 := a.Values(va.Name)
		y, err2 := b.Values(vb.Name)
		if err1 != nil || err2 != nil {
			t.Errorf("%s/%s: %v / %v", label, va.Name, err1, err2)
			continue
		}
		if !sameValues(x, y) {
			t.Errorf("%s/%s: values differ:\n%.300s\n%.300s", label, va.Name, fmtValues(x), fmtValues(y))
		}
	}
}

func compareAttrs(t *testing.T, label string, a, b []Attr) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d vs %d attributes", label, len(a), len(b))
		return
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Type != b[i].Type || !sameValues(a[i].Value, b[i].Value) {
			t.Errorf("%s: attribute %s %v %#v vs %s %v %#v", label, a[i].Name, a[i].Type, a[i].Value, b[i].Name, b[i].Type, b[i].Value)
		}
	}
}

// The pure-Go decoder and libnetcdf agree on every classic file of the real data.
func TestDifferentialRealClassic(t *testing.T) {
	files := realNetCDF(t)
	root := testutil.RealData(t)
	n := 0
	for _, path := range sortedKeys(files) {
		if files[path] == NetCDF4 {
			continue
		}
		rel, _ := filepath.Rel(root, path)
		a, err := Open(path)
		if err != nil {
			t.Errorf("%s: pure Go: %v", rel, err)
			continue
		}
		b, err := OpenClassicWithLibrary(path)
		if err != nil {
			t.Errorf("%s: libnetcdf: %v", rel, err)
			continue
		}
		compareFiles(t, rel, a, b)
		a.Close()
		b.Close()
		n++
	}
	if n < 40 {
		t.Errorf("compared only %d classic files", n)
	}
	t.Logf("both decoders agree on %d classic files", n)
}

// Files built by the test encoder (record variables, padding, CDF-2, CDF-5,
// unsigned and 64-bit types) read the same through libnetcdf.
func TestDifferentialEncoded(t *testing.T) {
	for _, version := range []byte{1, 2, 5} {
		e := sample(version)
		if version == 5 {
			e.vars = append(e.vars,
				encVar{name: "u16", typ: UShort, dims: []int{1}, data: []uint16{1, 65535, 3}},
				encVar{name: "i64", typ: Int64, dims: []int{1}, data: []int64{-1 << 40, 0, 1}},
				encVar{name: "u64", typ: UInt64, dims: []int{1}, data: []uint64{1 << 63, 0, 1}},
				encVar{name: "recf", typ: Float, dims: []int{3, 1}, data: []float32{1, 2, 3, 4, 5, 6, 7, 8, 9}},
			)
		}
		path := filepath.Join(t.TempDir(), fmt.Sprintf("cdf%d.nc", version))
		if err := os.WriteFile(path, e.encode(), 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := OpenClassicWithLibrary(path)
		if err != nil {
			t.Fatal(err)
		}
		compareFiles(t, fmt.Sprintf("CDF-%d", version), a, b)
	}
}
