package argo

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeProfiles: any bytes give profiles or an error, never a panic;
// decoded profiles go through the user modes and the grade check.
func FuzzDecodeProfiles(f *testing.F) {
	for _, rel := range []string{
		"../testdata/gdac/dac/coriolis/6999001/profiles/D6999001_001.nc",
		"../testdata/gdac/dac/coriolis/6999002/profiles/BD6999002_001.nc",
		"../testdata/gdac/dac/coriolis/6999002/profiles/SD6999002_001.nc",
		"../testdata/gdac/dac/coriolis/6999003/profiles/D6999003_011.nc",
	} {
		if b, err := os.ReadFile(rel); err == nil {
			f.Add(b)
		}
	}
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		if !filepath.IsAbs(root) {
			root = filepath.Join("..", root)
		}
		for _, name := range []string{"euroargodev__argopy-data/D3902131_001.nc", "OneArgo__ArgoFormatChecker/R2903996_001.nc"} {
			if b, err := os.ReadFile(filepath.Join(root, "argo", name)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 && string(data[:4]) == "\x89HDF" {
			return // NetCDF-4 goes to libnetcdf, which Go cannot make memory-safe (internal/nc)
		}
		ps, err := DecodeProfiles("fuzz.nc", data)
		if err != nil {
			return
		}
		for _, p := range ps {
			for _, q := range p.Params {
				v, qc, _ := q.Best()
				if qc != nil && len(qc) != len(v) {
					t.Fatalf("%s: %d values, %d flags", q.Name, len(v), len(qc))
				}
			}
			p.CheckGrades()
		}
		Points(ps, Standard)
		Points(ps, Research)
		Filter(ps, Expert)
	})
}
