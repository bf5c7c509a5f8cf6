package main

import (
	"math"
	"strconv"
	"time"
)

// series is one parameter of one profile. NaN marks a fill value and a blank
// byte a missing QC flag.
type series struct {
	Name         string
	Raw          []float64
	RawQC        []byte
	Adj          []float64
	AdjQC        []byte
	AdjErr       []float64
	DPres        []float64 // <PARAM>_dPRES, S files only
	Mode         byte      // parameter data mode
	Intermediate bool      // B-file intermediate parameter: values and _QC only
	PresOnly     bool      // PRES in a B file: values only
}

// profile is one N_PROF entry of a profile file.
type profile struct {
	Float    *floatSpec
	Spec     *cycleSpec
	Cycle    int
	Dir      byte
	Mode     byte // DATA_MODE
	Time     time.Time
	LocTime  time.Time
	Lat, Lon float64
	Sampling string
	Params   []*series
	Created  time.Time
	Updated  time.Time
}

// param returns the named series, or nil.
func (p *profile) param(name string) *series {
	for _, s := range p.Params {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// nlevels returns the number of levels of the profile.
func (p *profile) nlevels() int { return len(p.Params[0].Raw) }

// fileDates returns DATE_CREATION and DATE_UPDATE of a cycle file: created
// five hours after the profile, and updated by delayed-mode QC a year later.
func fileDates(c *cycleSpec, modes ...byte) (created, updated time.Time) {
	created = c.Time.Add(5 * time.Hour)
	updated = created
	for _, m := range modes {
		if m == 'D' {
			updated = c.Time.Add(400 * 24 * time.Hour).Truncate(time.Hour).Add(17 * time.Minute)
		}
	}
	return created, updated
}

func wmoSeed(f *floatSpec) uint64 {
	n, _ := strconv.ParseUint(f.WMO, 10, 64)
	return n
}

func dirByte(c *cycleSpec) byte {
	if c.Descending {
		return 'D'
	}
	return 'A'
}

// Sampling schemes (R16).
const (
	primaryShelf = "Primary sampling: averaged [10 sec sampling, 5 dbar average from bottom to surface]"
	primaryDeep  = "Primary sampling: averaged [10 sec sampling, 100 dbar average from 2000 dbar to 1000 dbar; 50 dbar average to 200 dbar; 10 dbar average to 50 dbar; 5 dbar average to surface]"
	primaryNS    = "Primary sampling: averaged [10 sec sampling, 5 dbar average from bottom to 10 dbar]"
	nearSurface  = "Near-surface sampling: averaged, unpumped [10 sec sampling, 1 dbar average from 10 dbar to surface]"
	primaryDesc  = "Primary sampling: averaged [10 sec sampling, 5 dbar average from surface to bottom]"
)

// coreProfiles returns the core profiles of one cycle file: the primary
// profile and, when the spec asks for it, a near-surface profile.
func coreProfiles(f *floatSpec, c *cycleSpec) []*profile {
	r := newRNG(wmoSeed(f), uint64(c.N), uint64(dirByte(c)))
	w := f.Water
	w.TSurf += r.sym(0.25)
	w.SSurf += r.sym(0.02)

	top := 5.0
	if c.NearSurface != 0 {
		top = 10
	}
	prim := newProfile(f, c, c.Mode)
	switch {
	case c.NearSurface != 0:
		prim.Sampling = primaryNS
	case c.Descending:
		prim.Sampling = primaryDesc
	case f.Bottom <= 200:
		prim.Sampling = primaryShelf
	default:
		prim.Sampling = primaryDeep
	}
	var pres []float64
	for _, p := range levels(top, f.Bottom) {
		pres = append(pres, round(p+r.sym(0.4), 0.1))
	}
	prim.Params = ctdSeries(f, w, pres, r)
	applyQC(prim, c.QC)
	for _, s := range prim.Params {
		adjustCore(s, prim.Mode)
	}
	profs := []*profile{prim}

	if c.NearSurface != 0 {
		ns := newProfile(f, c, c.NearSurface)
		ns.Sampling = nearSurface
		var pres []float64
		for p := 1.0; p < 10; p++ {
			pres = append(pres, round(p+r.sym(0.3), 0.1))
		}
		ns.Params = ctdSeries(f, w, pres, r)
		for _, s := range ns.Params {
			for i := range s.Raw {
				s.RawQC[i] = '1'
			}
			adjustCore(s, ns.Mode)
		}
		profs = append(profs, ns)
	}
	modes := make([]byte, len(profs))
	for i, p := range profs {
		modes[i] = p.Mode
	}
	created, updated := fileDates(c, modes...)
	for _, p := range profs {
		p.Created, p.Updated = created, updated
	}
	return profs
}

func newProfile(f *floatSpec, c *cycleSpec, mode byte) *profile {
	p := &profile{
		Float: f, Spec: c, Cycle: c.N, Dir: dirByte(c), Mode: mode,
		Time: c.Time, Lat: c.Lat, Lon: c.Lon,
		LocTime: c.Time.Add(23 * time.Minute),
	}
	if c.Descending {
		p.LocTime = c.Time.Add(-41 * time.Minute) // last fix before the descent
	}
	return p
}

// ctdSeries returns PRES, TEMP and (unless the float has none) PSAL at the
// given pressures, with good raw QC.
func ctdSeries(f *floatSpec, w water, pres []float64, r *rng) []*series {
	n := len(pres)
	ps := &series{Name: "PRES", Raw: pres, RawQC: repeat('1', n)}
	ts := &series{Name: "TEMP", Raw: make([]float64, n), RawQC: repeat('1', n)}
	out := []*series{ps, ts}
	for i, p := range pres {
		ts.Raw[i] = round(w.temp(p)+r.sym(0.004), 0.001)
	}
	if !f.TempOnly {
		ss := &series{Name: "PSAL", Raw: make([]float64, n), RawQC: repeat('1', n)}
		for i, p := range pres {
			ss.Raw[i] = round(w.psal(p)+r.sym(0.003), 0.001)
		}
		out = append(out, ss)
	}
	return out
}

// applyQC sets the spec's raw QC flags and disturbs the flagged values.
func applyQC(p *profile, events []qcEvent) {
	for _, e := range events {
		s := p.param(e.Param)
		if s == nil || e.Level >= len(s.Raw) {
			panic("gdac: QC event outside the profile: " + e.Param) // a bug in the table
		}
		s.RawQC[e.Level] = e.Flag
		switch e.Flag {
		case '4':
			if s.Name == "TEMP" {
				s.Raw[e.Level] = round(s.Raw[e.Level]+1.812, 0.001)
			} else {
				s.Raw[e.Level] = round(s.Raw[e.Level]-0.473, 0.001)
			}
		case '3':
			s.Raw[e.Level] = round(s.Raw[e.Level]+0.041, 0.001)
		case '9':
			s.Raw[e.Level] = math.NaN()
		}
	}
}

// Adjustments and errors of the core parameters.
var coreAdjust = map[string]struct{ offsetD, offsetA, errD, res float64 }{
	"PRES": {-0.1, -0.1, 2.4, 0.1},
	"TEMP": {0, 0, 0.002, 0.001},
	"PSAL": {0.005, 0.004, 0.01, 0.001},
}

// adjustCore fills the adjusted section for the data mode: all fill in R;
// raw plus offset in A (errors fill); raw plus offset with errors in D,
// where bad (4) and missing (9) values are fill.
func adjustCore(s *series, mode byte) {
	n := len(s.Raw)
	s.Mode = mode
	s.Adj, s.AdjQC, s.AdjErr = nans(n), repeat(blank, n), nans(n)
	if mode == 'R' {
		return
	}
	a := coreAdjust[s.Name]
	off := a.offsetA
	if mode == 'D' {
		off = a.offsetD
	}
	for i, v := range s.Raw {
		q := s.RawQC[i]
		s.AdjQC[i] = q
		if math.IsNaN(v) || (mode == 'D' && q == '4') {
			continue
		}
		s.Adj[i] = round(v+off, a.res)
		if mode == 'D' {
			s.AdjErr[i] = a.errD
		}
	}
}

// doxyGain is the optode gain that delayed-mode (and real-time adjusted) QC
// applies to the raw DOXY of the BGC float.
const doxyGain = 1.032

// bProfile returns the B profile of a BGC float's cycle: PRES copied from
// the core primary profile, TEMP_DOXY (intermediate, flags 0) and DOXY, the
// optode sampling every other level.
func bProfile(f *floatSpec, c *cycleSpec, core *profile) *profile {
	r := newRNG(wmoSeed(f), uint64(c.N), uint64(dirByte(c)), 'B')
	b := newProfile(f, c, 'R')
	b.Sampling = core.Sampling
	pres := core.param("PRES").Raw
	temp := core.param("TEMP").Raw
	n := len(pres)
	ps := &series{Name: "PRES", Raw: pres, Mode: 'R', PresOnly: true}
	td := &series{Name: "TEMP_DOXY", Raw: nans(n), RawQC: repeat(blank, n), Mode: 'R', Intermediate: true}
	dx := &series{Name: "DOXY", Raw: nans(n), RawQC: repeat(blank, n), Mode: c.DoxyMode}
	for i := 0; i < n; i += 2 {
		td.Raw[i] = round(temp[i]+0.012+r.sym(0.003), 0.001)
		td.RawQC[i] = '0'
		dx.Raw[i] = round(f.Water.doxy(pres[i])/doxyGain+r.sym(0.8), 0.001)
		dx.RawQC[i] = '3' // real-time QC flags unadjusted DOXY as probably bad
	}
	dx.Adj, dx.AdjQC, dx.AdjErr = nans(n), repeat(blank, n), nans(n)
	if dx.Mode != 'R' {
		gain := doxyGain
		if dx.Mode == 'A' {
			gain = 1.030 // the real-time gain, before delayed-mode refinement
		}
		for i, v := range dx.Raw {
			if math.IsNaN(v) {
				continue
			}
			dx.Adj[i] = round(v*gain, 0.001)
			dx.AdjQC[i] = '1'
			if dx.Mode == 'D' {
				dx.AdjErr[i] = 4
			}
		}
	}
	b.Params = []*series{ps, td, dx}
	b.Mode = highestMode(b.Params)
	b.Created, b.Updated = fileDates(c, b.Mode)
	return b
}

// highestMode returns D if any parameter is D, else A if any is A, else R
// (the rule linking DATA_MODE to PARAMETER_DATA_MODE).
func highestMode(ss []*series) byte {
	m := byte('R')
	for _, s := range ss {
		switch {
		case s.Mode == 'D':
			return 'D'
		case s.Mode == 'A':
			m = 'A'
		}
	}
	return m
}

// sProfile merges a core primary profile and its B profile on the core
// pressure axis: PRES, TEMP, PSAL from the core file, DOXY from the B file.
// Levels without an oxygen sample take the nearest sampled one, and
// DOXY_dPRES records the pressure difference to it.
func sProfile(core, b *profile) *profile {
	s := *core
	s.Params = nil
	s.Mode = 0
	for _, cs := range core.Params {
		c := *cs
		if c.Name != "PRES" {
			c.DPres = nans(len(c.Raw))
			for i, v := range c.Raw {
				if !math.IsNaN(v) {
					c.DPres[i] = 0
				}
			}
		}
		s.Params = append(s.Params, &c)
	}
	bd := b.param("DOXY")
	pres := core.param("PRES").Raw
	n := len(pres)
	d := &series{Name: "DOXY", Mode: bd.Mode, Raw: nans(n), RawQC: repeat(blank, n),
		Adj: nans(n), AdjQC: repeat(blank, n), AdjErr: nans(n), DPres: nans(n)}
	for i := range pres {
		j := nearestSample(bd.Raw, pres, i)
		if j < 0 {
			continue
		}
		d.Raw[i], d.RawQC[i] = bd.Raw[j], bd.RawQC[j]
		d.Adj[i], d.AdjQC[i], d.AdjErr[i] = bd.Adj[j], bd.AdjQC[j], bd.AdjErr[j]
		d.DPres[i] = round(pres[j]-pres[i], 0.1)
	}
	s.Params = append(s.Params, d)
	if b.Updated.After(s.Updated) {
		s.Updated = b.Updated
	}
	return &s
}

// nearestSample returns the index of the level nearest to level i (in
// pressure) where x is not NaN, preferring the shallower one on a tie.
func nearestSample(x, pres []float64, i int) int {
	best, bestD := -1, math.Inf(1)
	for j, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if d := math.Abs(pres[j] - pres[i]); d < bestD {
			best, bestD = j, d
		}
	}
	return best
}

func repeat(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

func nans(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}
