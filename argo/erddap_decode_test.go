package argo

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
	"github.com/insitu-go/insitu/internal/testutil"
)

// erddapFixtures are the ERDDAP tabledap .nc responses recorded by argopy
// from https://erddap.ifremer.fr/erddap (see realdata/erddap/MANIFEST.md).
var erddapFixtures = []struct {
	file     string
	profiles int
	kind     Kind
	ids      []string // the first profiles' IDs, in order
	levels   []int    // and their level counts
}{
	{"tabledap__ArgoFloats__wmo6902746_cyc34.nc", 1, KindCore, []string{"6902746_034"}, []int{109}},
	{"tabledap__ArgoFloats__wmo6902746_cyc1or12.nc", 3, KindCore, []string{"6902746_001D", "6902746_001", "6902746_012"}, []int{47, 109, 108}},
	{"tabledap__ArgoFloats__box_2007-08.nc", 2, KindCore, []string{"4900590_097", "4900782_037"}, []int{4, 4}},
	{"tabledap__ArgoFloats-synthetic-BGC__wmo5903248_cyc34.nc", 1, KindSynthetic, []string{"5903248_034"}, []int{70}},
	{"tabledap__ArgoFloats-reference__box_2018.nc", 104, KindCore, []string{"2903002_052", "2903208_017", "2902592_127"}, []int{1, 1, 10}},
}

func readERDDAPFixture(t testing.TB, name string) (string, []byte) {
	t.Helper()
	path := testutil.RealData(t, "erddap", "euroargodev__argopy", name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

func TestDecodeERDDAPGolden(t *testing.T) {
	for _, fx := range erddapFixtures {
		t.Run(fx.file, func(t *testing.T) {
			_, data := readERDDAPFixture(t, fx.file)
			ps, err := DecodeERDDAP(fx.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != fx.profiles {
				t.Fatalf("%d profiles, want %d", len(ps), fx.profiles)
			}
			for i, id := range fx.ids {
				if ps[i].ID() != id || ps[i].Levels() != fx.levels[i] {
					t.Errorf("profile %d: %s with %d levels, want %s with %d", i, ps[i].ID(), ps[i].Levels(), id, fx.levels[i])
				}
			}
			if ps[0].File.Kind != fx.kind {
				t.Errorf("kind %v, want %v", ps[0].File.Kind, fx.kind)
			}
		})
	}
}

// Every field of one profile, against the values ncdump prints.
func TestDecodeERDDAPProfile(t *testing.T) {
	_, data := readERDDAPFixture(t, "tabledap__ArgoFloats__wmo6902746_cyc34.nc")
	ps, err := DecodeERDDAP("cyc34.nc", data)
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	// time = 1513753080 s (ncdump), latitude 18.983, longitude -58.119000000000028
	// (ncdump -p 9,17: the server's double is not the float's shortest decimal).
	if want := time.Unix(1513753080, 0).UTC(); !p.Time.Equal(want) {
		t.Errorf("time %v, want %v", p.Time, want)
	}
	if p.Platform != "6902746" || p.Cycle != 34 || p.Direction != Ascending || p.DataMode != Delayed ||
		p.Lat != 18.983 || p.Lon != -58.119000000000028 || p.PositionQC != QCGood || p.TimeQC != QCGood || p.ConfigMission != 2 {
		t.Errorf("profile fields %+v", p)
	}
	if !strings.HasPrefix(p.VerticalSampling, "Primary sampling: averaged") {
		t.Errorf("vertical sampling %q", p.VerticalSampling)
	}
	if !p.Primary() {
		t.Error("not primary")
	}
	var names []string
	for _, q := range p.Params {
		names = append(names, q.Name)
		if q.Mode != Delayed || q.NValues != 1 || !q.Listed {
			t.Errorf("%s: mode %v, NValues %d", q.Name, q.Mode, q.NValues)
		}
	}
	if got := strings.Join(names, ","); got != "PRES,TEMP,PSAL" {
		t.Errorf("params %s", got)
	}
	pres := p.Param("PRES")
	if pres.Units != "decibar" || pres.Raw[0] != 3 || pres.Raw[108] != 2007 || pres.AdjustedError[0] != float64(float32(2.4)) {
		t.Errorf("PRES %s %v %v %v", pres.Units, pres.Raw[0], pres.Raw[108], pres.AdjustedError[0])
	}
	if v, qc, _ := p.Param("TEMP").Best(); v[0] != float64(float32(27.212)) || qc[0] != QCGood {
		t.Errorf("TEMP best %v %v", v[0], qc[0])
	}
}

// Rebuilding the table from the profiles gives back every cell ncdump prints:
// no row lost, duplicated or moved to another profile.
func TestDecodeERDDAPAllCells(t *testing.T) {
	for _, fx := range erddapFixtures {
		t.Run(fx.file, func(t *testing.T) {
			path, data := readERDDAPFixture(t, fx.file)
			ps, err := DecodeERDDAP(fx.file, data)
			if err != nil {
				t.Fatal(err)
			}
			f, err := nc.OpenBytes(fx.file, data)
			if err != nil {
				t.Fatal(err)
			}
			platforms := testutil.Ncdump(t, path, "platform_number")
			cycles := testutil.Ncdump(t, path, "cycle_number")
			var dirs []string
			if f.Var("direction") != nil {
				dirs = testutil.Ncdump(t, path, "direction")
			}
			// Map each row to its profile and level.
			type at struct{ p, l int }
			byID := map[string]int{}
			for i, p := range ps {
				byID[p.Platform+"/"+strconv.Itoa(p.Cycle)+"/"+p.Direction.String()] = i
			}
			next := make([]int, len(ps))
			rows := make([]at, len(platforms))
			for r := range platforms {
				d := ""
				if dirs != nil {
					d = parseDirection(dirs[r][0]).String()
				}
				i, ok := byID[platforms[r]+"/"+cycles[r]+"/"+d]
				if !ok {
					t.Fatalf("row %d (%s %s) is in no profile", r, platforms[r], cycles[r])
				}
				rows[r] = at{i, next[i]}
				next[i]++
			}
			for i, p := range ps {
				if next[i] != p.Levels() {
					t.Errorf("%s: %d rows, %d levels", p.ID(), next[i], p.Levels())
				}
			}
			checked := 0
			for _, v := range f.Vars {
				base, part := v.Name, ""
				for _, s := range paramSuffixes {
					if b, ok := strings.CutSuffix(v.Name, s); ok && p0(ps).Param(strings.ToUpper(b)) != nil {
						base, part = b, s
						break
					}
				}
				q := p0(ps).Param(strings.ToUpper(base))
				if q == nil {
					continue
				}
				want := testutil.Ncdump(t, path, v.Name)
				for r, w := range want {
					par := ps[rows[r].p].Param(strings.ToUpper(base))
					l := rows[r].l
					switch part {
					case "", "_adjusted", "_adjusted_error":
						x := map[string][]float64{"": par.Raw, "_adjusted": par.Adjusted, "_adjusted_error": par.AdjustedError}[part]
						if !sameCell(w, x[l], v.Type) {
							t.Fatalf("%s row %d: %v, ncdump %s", v.Name, r, x[l], w)
						}
					case "_qc", "_adjusted_qc":
						x := map[string][]QC{"_qc": par.RawQC, "_adjusted_qc": par.AdjustedQC}[part]
						if got := strings.TrimSpace(x[l].String()); got != strings.TrimSpace(w) {
							t.Fatalf("%s row %d: %q, ncdump %q", v.Name, r, got, w)
						}
					}
					checked++
				}
			}
			times := testutil.Ncdump(t, path, "time")
			lats := testutil.Ncdump(t, path, "latitude")
			for r := range times {
				p := ps[rows[r].p]
				sec, _ := strconv.ParseFloat(times[r], 64)
				if got := float64(p.Time.UnixMilli()) / 1000; math.Abs(got-sec) > 0.0005 {
					t.Fatalf("row %d time %v, ncdump %s", r, p.Time, times[r])
				}
				if !sameCell(lats[r], p.Lat, nc.Double) {
					t.Fatalf("row %d latitude %v, ncdump %s", r, p.Lat, lats[r])
				}
			}
			if checked == 0 {
				t.Fatal("no parameter cell compared")
			}
			t.Logf("%d parameter cells, %d rows", checked, len(times))
		})
	}
}

func p0(ps []*Profile) *Profile { return ps[0] }

// sameCell compares a decoded value with ncdump's text of a float or double.
func sameCell(text string, got float64, typ nc.Type) bool {
	if text == "_" || text == "NaN" || text == "NaNf" {
		return math.IsNaN(got)
	}
	w, err := strconv.ParseFloat(strings.TrimSuffix(text, "f"), 64)
	if err != nil {
		return false
	}
	if typ == nc.Float {
		return float32(w) == float32(got) || (w == 99999 && math.IsNaN(got))
	}
	return w == got || (w == 99999 && math.IsNaN(got))
}

func TestDecodeERDDAPErrors(t *testing.T) {
	_, body := readERDDAPFixture(t, "tabledap__ArgoFloats__box_nomatch__404.nc")
	if _, err := DecodeERDDAP("nomatch.nc", body); !errors.Is(err, ErrNotERDDAPTable) || !strings.Contains(err.Error(), "nRows = 0") {
		t.Errorf("ERDDAP error body: %v", err)
	}
	gdacFile, err := os.ReadFile(filepath.Join("..", "testdata", "gdac", "dac", "coriolis", "6999001", "profiles", "D6999001_001.nc"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeERDDAP("D6999001_001.nc", gdacFile); !errors.Is(err, ErrNotERDDAPTable) {
		t.Errorf("a GDAC profile file: %v", err)
	}
	if _, err := DecodeERDDAP("x.nc", []byte("<html>502 Bad Gateway</html>")); !errors.Is(err, ErrNotArgo) {
		t.Errorf("HTML: %v", err)
	}

	// Tables built by hand: a missing column, a column with two dimensions,
	// bad time units.
	base := func() *synthNC {
		s := (&synthNC{}).dim("row", 2).dim("platform_number_strlen", 7)
		s.text("platform_number", []string{"row", "platform_number_strlen"}, "6900001", "6900001")
		s.num("cycle_number", []int32{1, 1}, []string{"row"})
		s.num("latitude", []float64{10, 10}, []string{"row"})
		s.num("longitude", []float64{20, 20}, []string{"row"})
		return s
	}
	withTime := func(units string) *synthNC {
		return base().num("time", []float64{1, 1}, []string{"row"}, nc.Attr{Name: "units", Type: nc.Char, Value: units}).
			num("pres", []float32{5, 10}, []string{"row"})
	}
	if _, err := DecodeERDDAP("notime.nc", base().bytes()); !errors.Is(err, ErrNotERDDAPTable) || !strings.Contains(err.Error(), "time") {
		t.Errorf("no time column: %v", err)
	}
	var fe *FormatError
	if _, err := DecodeERDDAP("units.nc", withTime("furlongs").bytes()); !errors.As(err, &fe) || fe.Var != "time" {
		t.Errorf("bad time units: %v", err)
	}
	ps, err := DecodeERDDAP("days.nc", withTime("days since 2000-01-01T00:00:00Z").bytes())
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2000, 1, 2, 0, 0, 0, 0, time.UTC); len(ps) != 1 || !ps[0].Time.Equal(want) || ps[0].Levels() != 2 {
		t.Errorf("days since: %d profiles, %v", len(ps), ps[0].Time)
	}
	if ps[0].Param("PRES").RawQC != nil || ps[0].Param("PRES").Adjusted != nil {
		t.Error("columns not in the table must stay nil")
	}
	twoD := withTime("seconds since 1970-01-01T00:00:00Z").dim("n", 2)
	twoD.num("temp", []float32{1, 2, 3, 4}, []string{"row", "n"})
	if _, err := DecodeERDDAP("2d.nc", twoD.bytes()); !errors.As(err, &fe) || fe.Var != "temp" {
		t.Errorf("2-D column: %v", err)
	}
}

// Research-mode tables carry only the adjusted columns: the raw values are
// NaN (not requested), never a shorter profile.
func TestDecodeERDDAPAdjustedOnly(t *testing.T) {
	s := (&synthNC{}).dim("row", 3).dim("platform_number_strlen", 7).dim("q", 1)
	s.text("platform_number", []string{"row", "platform_number_strlen"}, "6900001", "6900001", "6900002")
	s.num("cycle_number", []int32{1, 1, 4}, []string{"row"})
	s.num("latitude", []float64{10, 10, 11}, []string{"row"})
	s.num("longitude", []float64{20, 20, 21}, []string{"row"})
	s.num("time", []float64{0, 0, 60}, []string{"row"})
	s.num("pres_adjusted", []float32{5, 10, 7}, []string{"row"}, nc.Attr{Name: "_FillValue", Type: nc.Float, Value: []float32{99999}})
	s.text("pres_adjusted_qc", []string{"row", "q"}, "1", "4", "1")
	s.num("doxy_adjusted", []float32{200, 99999, 210}, []string{"row"}, nc.Attr{Name: "_FillValue", Type: nc.Float, Value: []float32{99999}})
	ps, err := DecodeERDDAP("research.nc", s.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Levels() != 2 || ps[1].Levels() != 1 {
		t.Fatalf("%d profiles", len(ps))
	}
	pres, doxy := ps[0].Param("PRES"), ps[0].Param("DOXY")
	if pres == nil || doxy == nil || !math.IsNaN(pres.Raw[0]) || pres.Adjusted[1] != 10 || pres.AdjustedQC[1] != QCBad || !math.IsNaN(doxy.Adjusted[1]) {
		t.Errorf("PRES %+v DOXY %+v", pres, doxy)
	}
	if ps[0].File.Kind != KindSynthetic || pres.Mode != ModeUnknown {
		t.Errorf("kind %v mode %v", ps[0].File.Kind, pres.Mode)
	}
}

func TestCorruptedERDDAP(t *testing.T) {
	for _, fx := range erddapFixtures[:4] {
		_, data := readERDDAPFixture(t, fx.file)
		corruptAll(t, data, 300, func(b []byte) error {
			ps, err := DecodeERDDAP("c.nc", b)
			if err == nil {
				checkERDDAPProfiles(t, ps)
			}
			return err
		})
	}
}

func checkERDDAPProfiles(t testing.TB, ps []*Profile) {
	for _, p := range ps {
		n := p.Levels()
		for _, q := range p.Params {
			if len(q.Raw) != n || (q.Adjusted != nil && len(q.Adjusted) != n) || (q.RawQC != nil && len(q.RawQC) != n) {
				t.Fatalf("%s %s: ragged levels", p.ID(), q.Name)
			}
		}
	}
}

// FuzzDecodeERDDAP: any bytes give profiles or an error, never a panic.
func FuzzDecodeERDDAP(f *testing.F) {
	s := (&synthNC{}).dim("row", 1).dim("platform_number_strlen", 7)
	s.text("platform_number", []string{"row", "platform_number_strlen"}, "6900001")
	s.num("cycle_number", []int32{1}, []string{"row"}).num("latitude", []float64{1}, []string{"row"}).
		num("longitude", []float64{2}, []string{"row"}).num("time", []float64{3}, []string{"row"}).
		num("pres", []float32{5}, []string{"row"})
	f.Add(s.bytes())
	if root := os.Getenv("INSITU_REALDATA"); root != "" {
		if !filepath.IsAbs(root) {
			root = filepath.Join("..", root)
		}
		for _, fx := range erddapFixtures {
			if b, err := os.ReadFile(filepath.Join(root, "erddap", "euroargodev__argopy", fx.file)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) >= 4 && string(data[:4]) == "\x89HDF" {
			return // NetCDF-4 goes to libnetcdf, which Go cannot make memory-safe (internal/nc)
		}
		if ps, err := DecodeERDDAP("fuzz.nc", data); err == nil {
			checkERDDAPProfiles(t, ps)
		}
	})
}
