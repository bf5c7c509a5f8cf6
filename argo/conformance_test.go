package argo

import (
	"errors"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

// realProfileFiles lists the real Argo profile files (any kind) under the
// real data, with the number of profiles ReadProfiles must return.
func realProfileFiles(t *testing.T) []string {
	root := testutil.RealData(t, "argo")
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".nc") {
			return err
		}
		f, err := nc.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		if info, err := fileInfo(path, f); err == nil && info.Kind.IsProfile() {
			files = append(files, path)
		}
		return nil
	})
	return files
}

// ncFloats parses ncdump tokens as numbers ("_" is NaN).
func ncFloats(t *testing.T, toks []string) []float64 {
	out := make([]float64, len(toks))
	for i, s := range toks {
		if s == "_" {
			out[i] = math.NaN()
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "f"), 64)
		if err != nil {
			t.Fatalf("ncdump token %q: %v", s, err)
		}
		if math.IsInf(v, 0) {
			v = math.NaN()
		}
		out[i] = v
	}
	return out
}

// sameFloat32 compares a decoded value with an ncdump value of a float or
// double variable (NaN and fill both missing).
func sameFloat(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && (math.IsNaN(want) || want >= 99999)
	}
	return float32(got) == float32(want)
}

// Conformance with ncdump: for every real profile file, every profile's
// identity, time (to the millisecond), position, parameter list, and raw,
// adjusted and QC arrays equal what ncdump prints; the levels the reader
// trims hold no data; Best follows the data mode.
func TestConformanceWithNcdump(t *testing.T) {
	files := realProfileFiles(t)
	if len(files) < 20 {
		t.Fatalf("only %d real profile files", len(files))
	}
	for _, path := range files {
		rel := strings.TrimPrefix(path, testutil.RealData(t, "argo")+"/")
		t.Run(rel, func(t *testing.T) {
			ps, err := ReadProfiles(path)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := nc.Open(path)
			defer f.Close()
			nprof, _ := f.Dim("N_PROF")
			nlevDim, _ := f.Dim("N_LEVELS")
			nlev := nlevDim.Len
			if len(ps) != nprof.Len {
				t.Fatalf("%d profiles, N_PROF = %d", len(ps), nprof.Len)
			}
			plat := testutil.Ncdump(t, path, "PLATFORM_NUMBER")
			cyc := ncFloats(t, testutil.Ncdump(t, path, "CYCLE_NUMBER"))
			juld := ncFloats(t, testutil.Ncdump(t, path, "JULD"))
			lat := ncFloats(t, testutil.Ncdump(t, path, "LATITUDE"))
			lon := ncFloats(t, testutil.Ncdump(t, path, "LONGITUDE"))
			var modes, dirs string
			if f.Var("DATA_MODE") != nil {
				modes = strings.Join(testutil.Ncdump(t, path, "DATA_MODE"), "")
			}
			if f.Var("DIRECTION") != nil {
				dirs = strings.Join(testutil.Ncdump(t, path, "DIRECTION"), "")
			}
			var station []string
			if v := f.Var("STATION_PARAMETERS"); v != nil {
				station = testutil.Ncdump(t, path, "STATION_PARAMETERS")
			}
			ref := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
			for i, p := range ps {
				if p.Platform != strings.TrimSpace(plat[i]) {
					t.Errorf("profile %d: platform %q, ncdump %q", i, p.Platform, plat[i])
				}
				if float64(p.Cycle) != cyc[i] {
					t.Errorf("profile %d: cycle %d, ncdump %v", i, p.Cycle, cyc[i])
				}
				if modes != "" && i < len(modes) && p.DataMode != ParseMode(modes[i]) {
					t.Errorf("profile %d: mode %v, ncdump %q", i, p.DataMode, modes[i])
				}
				if dirs != "" && i < len(dirs) && p.Direction != parseDirection(dirs[i]) {
					t.Errorf("profile %d: direction %v, ncdump %q", i, p.Direction, dirs[i])
				}
				wantTime := time.Time{}
				if !math.IsNaN(juld[i]) && juld[i] < 999999 {
					wantTime = ref.Add(time.Duration(juld[i] * 86400e9))
				}
				// JULD is rounded to the second (its resolution is coarser), else to the ms
				tol := timeRounding(f.Var("JULD")) / 2
				if d := p.Time.Sub(wantTime); d > tol || d < -tol || p.Time.IsZero() != wantTime.IsZero() {
					t.Errorf("profile %d: time %v, ncdump %v", i, p.Time, wantTime)
				}
				if !sameFloat(p.Lat, lat[i]) && !(math.IsNaN(p.Lat) && math.Abs(lat[i]) > 90) {
					t.Errorf("profile %d: lat %v, ncdump %v", i, p.Lat, lat[i])
				}
				if !sameFloat(p.Lon, lon[i]) && !(math.IsNaN(p.Lon) && math.Abs(lon[i]) > 360) {
					t.Errorf("profile %d: lon %v, ncdump %v", i, p.Lon, lon[i])
				}
				// the listed parameters, in STATION_PARAMETERS order
				if station != nil {
					npar := len(station) / len(ps)
					var want, got []string
					for _, s := range station[i*npar : (i+1)*npar] {
						if s = strings.TrimSpace(s); s != "" && f.Var(s) != nil && !contains(want, s) {
							want = append(want, s)
						}
					}
					for _, q := range p.Params {
						if q.Listed {
							got = append(got, q.Name)
						}
					}
					if strings.Join(got, " ") != strings.Join(want, " ") {
						t.Errorf("profile %d: listed parameters %v, STATION_PARAMETERS %v", i, got, want)
					}
				}
			}
			// arrays of every parameter
			for _, name := range paramNames(ps) {
				v := f.Var(name)
				w := 1
				if len(v.Shape) == 3 {
					w = v.Shape[2]
				}
				raw := ncFloats(t, testutil.Ncdump(t, path, name))
				var adj []float64
				if f.Var(name+"_ADJUSTED") != nil {
					adj = ncFloats(t, testutil.Ncdump(t, path, name+"_ADJUSTED"))
				}
				var rawQC, adjQC []string
				if f.Var(name+"_QC") != nil {
					rawQC = testutil.Ncdump(t, path, name+"_QC")
				}
				if f.Var(name+"_ADJUSTED_QC") != nil {
					adjQC = testutil.Ncdump(t, path, name+"_ADJUSTED_QC")
				}
				for i, p := range ps {
					q := p.Param(name)
					if q == nil {
						// absent from this profile: it must hold no data there
						for k := i * nlev * w; k < (i+1)*nlev*w; k++ {
							if !math.IsNaN(raw[k]) && raw[k] < 99999 {
								t.Errorf("profile %d: %s dropped but holds %v at %d", i, name, raw[k], k)
								break
							}
						}
						continue
					}
					n := len(q.Raw)
					for k := range nlev * w {
						want := raw[i*nlev*w+k]
						if k < n {
							if !sameFloat(q.Raw[k], want) {
								t.Errorf("profile %d %s[%d] = %v, ncdump %v", i, name, k, q.Raw[k], want)
								break
							}
							if adj != nil && !sameFloat(q.Adjusted[k], adj[i*nlev*w+k]) {
								t.Errorf("profile %d %s_ADJUSTED[%d] = %v, ncdump %v", i, name, k, q.Adjusted[k], adj[i*nlev*w+k])
								break
							}
						} else if !math.IsNaN(want) && want < 99999 {
							t.Errorf("profile %d %s: level %d trimmed but holds %v", i, name, k/w, want)
							break
						}
					}
					checkQC := func(label string, got []QC, toks []string) {
						if toks == nil {
							if got != nil {
								t.Errorf("profile %d %s: flags without a variable", i, label)
							}
							return
						}
						s := toks[i]
						for l, c := range got {
							want := QCNone
							if l < len(s) {
								want = ParseQC(s[l])
							}
							if c != want {
								t.Errorf("profile %d %s[%d] = %q, ncdump %q", i, label, l, c, want)
								return
							}
						}
					}
					checkQC(name+"_QC", q.RawQC, rawQC)
					checkQC(name+"_ADJUSTED_QC", q.AdjustedQC, adjQC)
					// Best follows the mode
					v, qc, _ := q.Best()
					if q.Mode.UsesAdjusted() && q.Adjusted != nil {
						if &v[0] != &q.Adjusted[0] || (qc != nil && &qc[0] != &q.AdjustedQC[0]) {
							t.Errorf("profile %d %s: mode %v but Best is not the adjusted values", i, name, q.Mode)
						}
					} else if !q.Mode.UsesAdjusted() && len(v) > 0 && &v[0] != &q.Raw[0] {
						t.Errorf("profile %d %s: mode %v but Best is not the raw values", i, name, q.Mode)
					}
				}
			}
		})
	}
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func paramNames(ps []*Profile) []string {
	var names []string
	for _, p := range ps {
		for _, q := range p.Params {
			if !contains(names, q.Name) {
				names = append(names, q.Name)
			}
		}
	}
	return names
}

// The ERDDAP table responses among the real files are not Argo profile
// files; meta, traj and tech files are Argo files of another kind.
func TestNotArgoAndWrongKind(t *testing.T) {
	for _, name := range []string{
		"argo/euroargodev__argopy/b8c8a3bcf739bfc0dbee436e58be41b3a4ececc3fdc1744a61c350e74f80f5d7.nc",
		"argo/euroargodev__argopy/43dc6a8aade0b2e3268c9e32abc0c1fa48d7eb49cd4d4a74f3e56e1684ef551c.nc",
		"argo/euroargodev__argopy/82b404fc7f3f202508b28acf7615a85214f3bf35719985453a039a071a33d15d.nc",
		"argo/euroargodev__argopy/3b78450daf9c2a79c7da5a4ebcbf98025f7851c3eca1c4cf4e633d8a92df44e5.nc",
		"argo/euroargodev__argopy/ab4d680a8446f372a05c773c7c37e7ab5d0e99fba2aa58b23769a4e532454240.nc", // an ERDDAP error text
		"argo/euroargodev__argopy/f912c39019f215a08583c457d9e71d5fb594429e38c31abec934454d397d5f8e.json",
	} {
		_, err := ReadProfiles(testutil.RealData(t, name))
		if !errors.Is(err, ErrNotArgo) {
			t.Errorf("%s: %v, want ErrNotArgo", name, err)
		}
	}
	for _, name := range []string{
		"argo/euroargodev__argopy-data/5900865_meta.nc",
		"argo/euroargodev__argopy-data/5900865_tech.nc",
		"argo/euroargodev__argopy-data/5900865_Rtraj.nc",
		"argo/euroargodev__argopy-data/5900446_Dtraj.nc",
	} {
		_, err := ReadProfiles(testutil.RealData(t, name))
		if !errors.Is(err, ErrKind) {
			t.Errorf("%s: %v, want ErrKind", name, err)
		}
	}
	for _, data := range [][]byte{nil, []byte("<html><body>502 Bad Gateway</body></html>"), []byte("CDF\x01garbage")} {
		if _, err := DecodeProfiles("x.nc", data); err == nil {
			t.Errorf("%q: no error", data)
		}
	}
}
