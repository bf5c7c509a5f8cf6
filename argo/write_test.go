package argo

import (
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/insitu-go/insitu/internal/nc"
)

// WriteNetCDF writes a CF discrete-sampling-geometry file that reads back
// with the same values, and that xarray opens when it is installed.
func TestWriteNetCDF(t *testing.T) {
	ps := gdacProfiles(t, "coriolis/6999001/profiles/D6999001_001.nc")
	ps = append(ps, gdacProfiles(t, "aoml/4999001/profiles/R4999001_001.nc")...) // TEMP only
	path := filepath.Join(t.TempDir(), "profiles.nc")
	err := WriteNetCDF(path, ps)
	if errors.Is(err, nc.ErrNoNetCDF) {
		t.Skip("writing needs libnetcdf")
	}
	if err != nil {
		t.Fatal(err)
	}
	f, err := nc.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if a, _ := f.Attr("featureType"); a.String() != "profile" {
		t.Errorf("featureType %q", a.String())
	}
	if a, _ := f.Attr("Conventions"); a.String() != "CF-1.8" {
		t.Errorf("Conventions %q", a.String())
	}
	rows, _ := f.Ints("row_size", -1)
	total := 0
	for i, p := range ps {
		if rows[i] != p.Levels() {
			t.Errorf("row_size[%d] = %d, want %d", i, rows[i], p.Levels())
		}
		total += rows[i]
	}
	if d, _ := f.Dim("obs"); d.Len != total {
		t.Errorf("obs %d, want %d", d.Len, total)
	}
	if a, _ := f.Var("row_size").Attr("sample_dimension"); a.String() != "obs" {
		t.Errorf("sample_dimension %q", a.String())
	}
	temp, _ := f.Float64s("temp")
	psal, _ := f.Float64s("psal")
	off := 0
	for _, p := range ps {
		v, _, _ := p.Param("TEMP").Best()
		for l := range p.Levels() {
			if !sameF32(temp[off+l], v[l]) {
				t.Fatalf("%s temp[%d] = %v, want %v", p.ID(), l, temp[off+l], v[l])
			}
			if p.Param("PSAL") == nil && !math.IsNaN(psal[off+l]) {
				t.Fatalf("%s psal[%d] = %v for a TEMP-only float", p.ID(), l, psal[off+l])
			}
		}
		off += p.Levels()
	}
	ids, _ := f.Strings("profile_id")
	if ids[0] != "6999001_001" || ids[2] != "4999001_001" {
		t.Errorf("profile_id %q", ids)
	}
	// Debian's python3 (with python3-xarray) first, then whatever is on PATH.
	py := "/usr/bin/python3"
	if _, err := exec.LookPath(py); err != nil {
		if py, err = exec.LookPath("python3"); err != nil {
			return
		}
	}
	script := `import sys, xarray as xr
ds = xr.open_dataset(sys.argv[1])
print(ds.attrs["featureType"], ds.sizes["profile"], ds.sizes["obs"], str(ds.time.values[0])[:19], int(ds.row_size.sum()))`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "ModuleNotFoundError") {
			t.Logf("xarray not installed: skipping the xarray check")
			return
		}
		t.Fatalf("xarray: %v\n%s", err, out)
	}
	want := "profile 3 " + strconv.Itoa(total) + " " + ps[0].Time.Format("2006-01-02T15:04:05") + " " + strconv.Itoa(total)
	if strings.TrimSpace(string(out)) != want {
		t.Errorf("xarray read %q, want %q", out, want)
	}
}

func sameF32(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return float32(a) == float32(b)
}
