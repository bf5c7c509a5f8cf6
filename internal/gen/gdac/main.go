// Command gdac writes the mini GDAC used by the tests: a few synthetic Argo
// floats under dac/<dac>/<wmo>/ (single-cycle core, B and S profile files,
// <wmo>_prof.nc, <wmo>_Sprof.nc, meta, trajectory and technical files) and
// the GDAC index files, all format-correct and fully deterministic.
//
// From the module root:
//
//	go run ./internal/gen/gdac -out testdata/gdac
//
// It needs libnetcdf through cgo; built without cgo it fails with
// nc.ErrNoNetCDF.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

// gdacDate is the fixed "Date of update" of the index files and the
// creation date of the GDAC-built multi-profile files.
var gdacDate = utc(2024, 6, 3, 9, 0, 0)

func main() {
	out := flag.String("out", "testdata/gdac", "output directory")
	erddapOut := flag.String("erddap", "", "output directory of the ERDDAP response (none if empty)")
	flag.Parse()
	if err := generate(*out, *erddapOut); err != nil {
		fmt.Fprintln(os.Stderr, "gdac:", err)
		os.Exit(1)
	}
}

// generator accumulates the index rows and the list of written files.
type generator struct {
	out              string
	prof, bio, synth []string
	meta, traj       []string
	primaries        []*profile          // every float's primary core profiles
	files            map[string][]string // per WMO, relative to out
}

// generate writes the whole mini GDAC under out, and when erddapOut is not
// empty the ERDDAP response for the same profiles (writeERDDAP) there. It
// first removes the dac/ tree, so that no stale file remains.
func generate(out, erddapOut string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(out, "dac")); err != nil {
		return err
	}
	g := &generator{out: out, prof: slices.Clone(quirkRows), files: map[string][]string{}}
	fl := floats()
	for _, f := range fl {
		if err := g.float(f); err != nil {
			return fmt.Errorf("float %s: %w", f.WMO, err)
		}
	}
	for _, ix := range []struct {
		k    indexKind
		rows []string
		gz   bool
	}{
		{profIndex, g.prof, true}, {synthIndex, g.synth, false}, {bioIndex, g.bio, false},
		{metaIndex, g.meta, false}, {trajIndex, g.traj, false},
	} {
		if err := writeIndex(out, ix.k, ix.rows, gdacDate, ix.gz); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(out, "README.md"), []byte(readme(fl, g.files)), 0o644); err != nil {
		return err
	}
	if erddapOut == "" {
		return nil
	}
	return writeERDDAP(erddapOut, g.primaries)
}

// float writes every file of one float and records its index rows.
func (g *generator) float(f *floatSpec) error {
	rel := filepath.ToSlash(filepath.Join(f.DAC, f.WMO))
	dir := filepath.Join(g.out, "dac", rel)
	if err := os.MkdirAll(filepath.Join(dir, "profiles"), 0o755); err != nil {
		return err
	}
	write := func(name string, format nc.Format, pf *profileFile) error {
		g.files[f.WMO] = append(g.files[f.WMO], name)
		return pf.write(filepath.Join(dir, filepath.FromSlash(name)), format)
	}
	var primaries, synthetics []*profile
	var lastUpdate time.Time
	for i := range f.Cycles {
		c := &f.Cycles[i]
		suffix := fmt.Sprintf("%s_%03d", f.WMO, c.N)
		if c.Descending {
			suffix += "D"
		}
		suffix += ".nc"

		core := coreProfiles(f, c)
		prim := core[0]
		name := "profiles/" + modeLetter(prim.Mode) + suffix
		if err := write(name, nc.Classic, &profileFile{kind: kindCore, v22: c.Format22, profiles: core,
			created: prim.Created, updated: prim.Updated, institution: f.Institution, history: true}); err != nil {
			return err
		}
		g.prof = append(g.prof, g.row(f, rel+"/"+name, prim, "", "").line(false))
		primaries = append(primaries, prim)
		lastUpdate = later(lastUpdate, prim.Updated)
		if !f.BGC {
			continue
		}

		b := bProfile(f, c, prim)
		name = "profiles/B" + modeLetter(b.Mode) + suffix
		if err := write(name, nc.Classic, &profileFile{kind: kindB, profiles: []*profile{b},
			created: b.Created, updated: b.Updated, institution: f.Institution, history: true}); err != nil {
			return err
		}
		g.bio = append(g.bio, g.row(f, rel+"/"+name, b, paramList(b), modeList(b)).line(true))

		s := sProfile(prim, b)
		name = "profiles/S" + modeLetter(highestMode(s.Params)) + suffix
		if err := write(name, nc.Classic, &profileFile{kind: kindS, profiles: []*profile{s},
			created: s.Created, updated: s.Updated, institution: f.Institution}); err != nil {
			return err
		}
		g.synth = append(g.synth, g.row(f, rel+"/"+name, s, paramList(s), modeList(s)).line(true))
		synthetics = append(synthetics, s)
		lastUpdate = later(lastUpdate, s.Updated)
	}

	g.primaries = append(g.primaries, primaries...)
	byTime := func(a, b *profile) int { return a.Time.Compare(b.Time) }
	slices.SortStableFunc(primaries, byTime)
	if err := write(f.WMO+"_prof.nc", nc.Classic, &profileFile{kind: kindCore, profiles: primaries,
		created: gdacDate, updated: gdacDate, institution: "FR GDAC"}); err != nil {
		return err
	}
	if len(synthetics) > 0 {
		slices.SortStableFunc(synthetics, byTime)
		if err := write(f.WMO+"_Sprof.nc", nc.NetCDF4, &profileFile{kind: kindS, profiles: synthetics,
			created: gdacDate, updated: gdacDate, institution: "FR GDAC"}); err != nil {
			return err
		}
	}

	name := f.WMO + "_meta.nc"
	g.files[f.WMO] = append(g.files[f.WMO], name)
	if err := writeMeta(filepath.Join(dir, name), f, lastUpdate); err != nil {
		return err
	}
	g.meta = append(g.meta, strings.Join([]string{rel + "/" + name, f.InstType, f.Centre, stamp(lastUpdate)}, ","))

	if f.Traj {
		cycles, meas := trajectory(f)
		name := f.WMO + "_Rtraj.nc"
		g.files[f.WMO] = append(g.files[f.WMO], name)
		created := f.Launch.Add(26 * time.Hour)
		updated := f.Cycles[len(f.Cycles)-1].Time.Add(5 * time.Hour)
		if err := writeTraj(filepath.Join(dir, name), f, cycles, meas, created, updated); err != nil {
			return err
		}
		latMax, latMin, lonMax, lonMin := trajBounds(meas)
		g.traj = append(g.traj, strings.Join([]string{rel + "/" + name, coord(latMax), coord(latMin), coord(lonMax), coord(lonMin),
			f.InstType, f.Centre, stamp(updated)}, ","))
	}
	if f.Tech {
		name := f.WMO + "_tech.nc"
		g.files[f.WMO] = append(g.files[f.WMO], name)
		if err := writeTech(filepath.Join(dir, name), f, f.Cycles[len(f.Cycles)-1].Time.Add(5*time.Hour)); err != nil {
			return err
		}
	}
	return nil
}

// row returns the index row of a profile file.
func (g *generator) row(f *floatSpec, file string, p *profile, params, modes string) profileRow {
	return profileRow{file: file, date: p.Time, lat: p.Lat, lon: p.Lon, profiler: f.InstType,
		institution: f.Centre, params: params, modes: modes, updated: p.Updated}
}

// modeLetter is the file-name prefix for a data mode: D, or R for R and A.
func modeLetter(m byte) string {
	if m == 'D' {
		return "D"
	}
	return "R"
}

func paramList(p *profile) string {
	names := make([]string, len(p.Params))
	for i, s := range p.Params {
		names[i] = s.Name
	}
	return strings.Join(names, " ")
}

func modeList(p *profile) string {
	b := make([]byte, len(p.Params))
	for i, s := range p.Params {
		b[i] = s.Mode
	}
	return string(b)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
