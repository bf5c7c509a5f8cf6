package argo

import (
	"math"
	"os"
	"path/filepath"
	"strings"
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

// FuzzIndexNames: a file name the index stores in parts rebuilds to the
// same bytes, and any row text reads without a panic.
func FuzzIndexNames(f *testing.F) {
	for _, s := range []string{"aoml/13857/profiles/R13857_001.nc", "coriolis/3902131/profiles/SD3902131_001D.nc",
		"aoml/5902319/profiles/R5902319_1000.nc", "csiro/5900865/5900865_meta.nc", "aoml/0123/profiles/R0123_001.nc", "x/1/profiles/R1_0999.nc"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, name []byte) {
		if p, ok := splitName(name); ok {
			if got := appendName(nil, string(p.dac), p.wmo, p.cycle, p.flags); string(got) != string(name) {
				t.Fatalf("%q rebuilt as %q", name, got)
			}
		}
		row := "file,date,latitude,longitude,ocean,profiler_type,institution,date_update\n" + string(name) + ",20200101000000,1,2,A,846,AO,20200101000000\n"
		if ix, err := ReadIndex(strings.NewReader(row)); err == nil && ix.Len() == 1 && !strings.ContainsAny(string(name), ",\n\r") && len(name) > 0 && name[0] != '#' {
			if got := ix.File(0); got != string(name) {
				t.Fatalf("row file %q read back as %q", name, got)
			}
		}
	})
}

// FuzzIndexCoreRow: any core index row reads the same through the one-pass
// reader (core layout) and the general reader (columns in another order),
// and never panics.
func FuzzIndexCoreRow(f *testing.F) {
	for _, s := range []string{
		"aoml/13857/profiles/R13857_001.nc,19970729200300,0.267,-16.032,A,845,AO,20080918131927",
		"aoml/1900001/profiles/R1900001_002.nc,20200101000000,-99.999,-999.999,A,846,AO,20200101000000",
		"aoml/1900001/profiles/R1900001_003.nc,202001010000,10.5,20.25,A,0851,AO,20200101000000",
		"coriolis/3902131/profiles/SD3902131_001D.nc,,,,,,,",
	} {
		f.Add(s)
	}
	header := []string{"file", "date", "latitude", "longitude", "ocean", "profiler_type", "institution", "date_update"}
	perm := []int{1, 0, 3, 2, 7, 6, 5, 4}
	f.Fuzz(func(t *testing.T, row string) {
		fast, errFast := ReadIndex(strings.NewReader(strings.Join(header, ",") + "\n" + row + "\n"))
		fields := strings.Split(row, ",")
		if strings.ContainsAny(row, "\n\r") || len(fields) != len(header) || strings.HasPrefix(fields[perm[0]], "#") {
			return // not a row in the other layout (a comment line there)
		}
		var h, r []string
		for _, c := range perm {
			h, r = append(h, header[c]), append(r, fields[c])
		}
		general, errGeneral := ReadIndex(strings.NewReader(strings.Join(h, ",") + "\n" + strings.Join(r, ",") + "\n"))
		if (errFast == nil) != (errGeneral == nil) {
			t.Fatalf("fast: %v, general: %v", errFast, errGeneral)
		}
		if errFast != nil || fast.Len() != 1 || general.Len() != 1 {
			return
		}
		a, b := fast.Entry(0), general.Entry(0)
		same := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
		if a.File != b.File || !a.Date.Equal(b.Date) || !same(a.Lat, b.Lat) || !same(a.Lon, b.Lon) || a.Ocean != b.Ocean ||
			a.ProfilerType != b.ProfilerType || a.Institution != b.Institution || !a.DateUpdate.Equal(b.DateUpdate) {
			t.Fatalf("%q:\nfast    %+v\ngeneral %+v", row, a, b)
		}
	})
}
