package nc

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/insitu-go/insitu/internal/testutil"
)

// realNetCDF lists every NetCDF file (by magic bytes) under the real-data
// folder, with its format.
func realNetCDF(t testing.TB) map[string]Format {
	root := testutil.RealData(t)
	files := map[string]Format{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fh, err := os.Open(path)
		if err != nil {
			return err
		}
		head := make([]byte, 8)
		n, _ := io.ReadFull(fh, head)
		fh.Close()
		if f := Sniff(head[:n]); f != FormatUnknown {
			files[path] = f
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("found only %d NetCDF files under %s", len(files), root)
	}
	return files
}

func sortedKeys(m map[string]Format) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Every NetCDF file under the real data opens, and every variable reads with
// the number of values its shape says, through the typed read that fits it.
func TestRealDataReadsEveryFile(t *testing.T) {
	files := realNetCDF(t)
	var classic, hdf5 int
	for _, path := range sortedKeys(files) {
		format := files[path]
		rel, _ := filepath.Rel(testutil.RealData(t), path)
		f, err := Open(path)
		if format == NetCDF4 && err != nil && cgoDisabled() {
			continue // needs libnetcdf; checked in the cgo build
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if f.Format != format {
			t.Errorf("%s: format %v, sniffed %v", rel, f.Format, format)
		}
		if len(f.Vars) == 0 {
			t.Errorf("%s: no variables", rel)
		}
		readVars(t, f)
		for _, v := range f.Vars {
			if _, err := f.Values(v.Name); err != nil {
				t.Errorf("%s: %s: %v", rel, v.Name, err)
			}
		}
		f.Close()
		if format == NetCDF4 {
			hdf5++
		} else {
			classic++
		}
	}
	t.Logf("read %d classic and %d netCDF-4 files", classic, hdf5)
	if classic < 40 {
		t.Errorf("only %d classic files read", classic)
	}
}
