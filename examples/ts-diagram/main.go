// Command ts-diagram draws the temperature-salinity diagram of one Argo
// float: every level of every profile the user mode keeps, as potential
// temperature against salinity, coloured by pressure or by cycle, over
// isopleths of potential density (sigma-0, EOS-80), and prints a summary
// per profile:
//
//	out/ts.png   the diagram
//
// By default it reads float 6999003 (synthetic, Bay of Biscay, to 2000
// dbar) from the mini GDAC the project generates and needs no network.
// Run it from the module root:
//
//	go run ./examples/ts-diagram
//	go run ./examples/ts-diagram -wmo 6999001 -color cycle
//	go run ./examples/ts-diagram -gdac https://data-argo.ifremer.fr -wmo 6902746
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/examples/internal/chart"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "ts-diagram:", err)
		os.Exit(1)
	}
}

// Size of ts.png in pixels.
const width, height = 800, 700

type config struct {
	gdac, wmo, colour, out string
	mode                   argo.UserMode
	isopleths              bool
}

// level is one kept level of one profile.
type level struct {
	cycle             int
	pres, temp, s, th float64 // dbar, °C (ITS-90), PSS-78, °C (potential, ITS-90)
	sigma0            float64 // kg/m³ - 1000
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("ts-diagram", flag.ContinueOnError)
	gdac := fs.String("gdac", "testdata/gdac", "GDAC: a local mirror folder or an https URL such as https://data-argo.ifremer.fr")
	wmo := fs.String("wmo", "6999003", "float WMO number")
	colour := fs.String("color", "pressure", "colour the levels by `pressure` or by cycle")
	mode := fs.String("mode", "standard", "user mode: expert, standard or research")
	out := fs.String("out", "out", "output folder")
	iso := fs.Bool("isopleths", true, "draw potential density (sigma-0) isopleths")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config{gdac: *gdac, wmo: *wmo, colour: *colour, out: *out, isopleths: *iso}
	var ok bool
	if cfg.mode, ok = argo.ParseUserMode(*mode); !ok {
		return fmt.Errorf("-mode: %q is not expert, standard or research", *mode)
	}
	if cfg.colour != "pressure" && cfg.colour != "cycle" {
		return fmt.Errorf("-color: %q is not pressure or cycle", cfg.colour)
	}
	if _, err := strconv.Atoi(cfg.wmo); err != nil {
		return fmt.Errorf("-wmo: %q is not a WMO number", cfg.wmo)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	g, err := argo.NewGDAC(cfg.gdac)
	if err != nil {
		return err
	}
	// The float's multi-profile file <wmo>_prof.nc holds the primary
	// profile of every cycle.
	all, err := g.Float(ctx, cfg.wmo)
	if err != nil {
		return fmt.Errorf("float %s (run from the module root, or pass -gdac): %w", cfg.wmo, err)
	}
	kept := argo.Filter(all, cfg.mode)
	slices.SortStableFunc(kept, func(a, b *argo.Profile) int { return cmp.Compare(a.Cycle, b.Cycle) })
	fmt.Fprintf(stdout, "float %s: %d profiles in %s_prof.nc, %d kept in %s mode\n\n", cfg.wmo, len(all), cfg.wmo, len(kept), cfg.mode)

	levels, err := summarize(stdout, all, kept)
	if err != nil {
		return err
	}
	path := filepath.Join(cfg.out, "ts.png")
	if err := drawTS(path, cfg, levels); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if !cfg.isopleths {
		fmt.Fprintln(stdout, "isopleths: off (-isopleths=false)")
	}
	fmt.Fprintln(stdout, "wrote", path)
	return nil
}

// best returns the best values of a parameter, or nil.
func best(p *argo.Profile, name string) []float64 {
	if pp := p.Param(name); pp != nil {
		v, _, _ := pp.Best()
		return v
	}
	return nil
}

// summarize prints one line per kept profile and returns the levels that
// have a pressure, a temperature and a salinity.
func summarize(w io.Writer, all, kept []*argo.Profile) ([]level, error) {
	read := map[int]int{} // levels per cycle before the user mode
	for _, p := range all {
		read[p.Cycle] += p.Levels()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cycle\tdate (UTC)\tlat\tlon\tmode\tlevels kept/read\tdbar\tθ °C\tS\tσ0 kg/m³\t")
	var levels []level
	for _, p := range kept {
		pres, temp, psal := best(p, "PRES"), best(p, "TEMP"), best(p, "PSAL")
		if pres == nil || temp == nil || psal == nil {
			continue // a float without salinity (4999001) has no T-S diagram
		}
		var ls []level
		for i := range min(len(pres), len(temp), len(psal)) {
			if math.IsNaN(pres[i]) || math.IsNaN(temp[i]) || math.IsNaN(psal[i]) {
				continue
			}
			th := theta(psal[i], temp[i], pres[i])
			ls = append(ls, level{cycle: p.Cycle, pres: pres[i], temp: temp[i], s: psal[i], th: th, sigma0: sigma0(psal[i], th)})
		}
		if len(ls) == 0 {
			continue
		}
		r := func(f func(level) float64, prec int) string {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, l := range ls {
				lo, hi = math.Min(lo, f(l)), math.Max(hi, f(l))
			}
			return strconv.FormatFloat(lo, 'f', prec, 64) + "–" + strconv.FormatFloat(hi, 'f', prec, 64)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.3f\t%.3f\t%s\t%d/%d\t%s\t%s\t%s\t%s\t\n", p.Cycle, p.Time.Format("2006-01-02 15:04"), p.Lat, p.Lon, p.DataMode,
			len(ls), read[p.Cycle], r(func(l level) float64 { return l.pres }, 0), r(func(l level) float64 { return l.th }, 3),
			r(func(l level) float64 { return l.s }, 3), r(func(l level) float64 { return l.sigma0 }, 3))
		levels = append(levels, ls...)
	}
	tw.Flush()
	if len(levels) == 0 {
		return nil, errors.New("no level with pressure, temperature and salinity left (the float measures no salinity, or the user mode removed every level)")
	}
	// Water masses: the lightest and the densest level.
	lightest := slices.MinFunc(levels, func(a, b level) int { return cmp.Compare(a.sigma0, b.sigma0) })
	densest := slices.MaxFunc(levels, func(a, b level) int { return cmp.Compare(a.sigma0, b.sigma0) })
	fmt.Fprintf(w, "\n%d levels; lightest σ0 %.3f kg/m³ (cycle %d, %.0f dbar), densest σ0 %.3f kg/m³ (cycle %d, %.0f dbar)\n",
		len(levels), lightest.sigma0, lightest.cycle, lightest.pres, densest.sigma0, densest.cycle, densest.pres)
	return levels, nil
}

// pressureClasses are the colour classes of -color pressure (dbar, upper
// bounds), from warm shallow colours to dark deep ones.
var pressureClasses = []struct {
	max float64
	c   color.Color
}{
	{10, color.RGBA{0xfd, 0xe7, 0x25, 0xff}},
	{50, color.RGBA{0xb5, 0xde, 0x2b, 0xff}},
	{100, color.RGBA{0x6e, 0xce, 0x58, 0xff}},
	{200, color.RGBA{0x35, 0xb7, 0x79, 0xff}},
	{500, color.RGBA{0x1f, 0x9e, 0x89, 0xff}},
	{1000, color.RGBA{0x26, 0x82, 0x8e, 0xff}},
	{1500, color.RGBA{0x31, 0x68, 0x8e, 0xff}},
	{2000, color.RGBA{0x3e, 0x49, 0x89, 0xff}},
	{math.Inf(1), color.RGBA{0x44, 0x01, 0x54, 0xff}},
}

// group is one scatter layer of the diagram.
type group struct {
	label string
	c     color.Color
	xys   plotter.XYs
}

func groups(cfg config, levels []level) []group {
	var gs []group
	if cfg.colour == "cycle" {
		index := map[int]int{}
		for _, l := range levels {
			i, ok := index[l.cycle]
			if !ok {
				i = len(gs)
				index[l.cycle] = i
				gs = append(gs, group{label: fmt.Sprintf("cycle %d", l.cycle), c: chart.Cycle(i)})
			}
			gs[i].xys = append(gs[i].xys, plotter.XY{X: l.s, Y: l.th})
		}
		return gs
	}
	lo := 0.0
	for _, pc := range pressureClasses {
		g := group{c: pc.c}
		if math.IsInf(pc.max, 1) {
			g.label = fmt.Sprintf("> %.0f dbar", lo)
		} else {
			g.label = fmt.Sprintf("%.0f–%.0f dbar", lo, pc.max)
		}
		for _, l := range levels {
			if l.pres > lo && l.pres <= pc.max || lo == 0 && l.pres <= pc.max && l.pres >= 0 {
				g.xys = append(g.xys, plotter.XY{X: l.s, Y: l.th})
			}
		}
		if len(g.xys) > 0 {
			gs = append(gs, g)
		}
		lo = pc.max
	}
	return gs
}

func drawTS(path string, cfg config, levels []level) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("T-S diagram, float %s (%s mode)", cfg.wmo, cfg.mode)
	p.X.Label.Text = "practical salinity (PSS-78)"
	p.Y.Label.Text = "potential temperature θ (°C)"
	p.Add(plotter.NewGrid())
	p.X.Tick.Marker = chart.Ticks(6)
	p.Y.Tick.Marker = chart.Ticks(6)
	// Bottom right: warm salty and cold fresh water are rare, so a T-S
	// diagram's data run from the bottom left to the top right.
	p.Legend.Top = false
	p.Legend.Left = false

	// The axes: the data's range, padded.
	smin, smax, tmin, tmax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, l := range levels {
		smin, smax = math.Min(smin, l.s), math.Max(smax, l.s)
		tmin, tmax = math.Min(tmin, l.th), math.Max(tmax, l.th)
	}
	padS, padT := math.Max((smax-smin)*0.08, 0.05), math.Max((tmax-tmin)*0.08, 0.2)
	smin, smax, tmin, tmax = smin-padS, smax+padS, tmin-padT, tmax+padT

	if cfg.isopleths {
		if err := isopleths(p, smin, smax, tmin, tmax); err != nil {
			return err
		}
	}
	for _, g := range groups(cfg, levels) {
		s, err := plotter.NewScatter(g.xys)
		if err != nil {
			return err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: g.c, Shape: draw.CircleGlyph{}, Radius: vg.Points(3)}
		p.Add(s)
		p.Legend.Add(g.label, s)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = smin, smax, tmin, tmax
	return chart.Save(p, path, width, height)
}

// isopleths draws lines of constant sigma-0 across the box, labelled at
// their top end.
func isopleths(p *plot.Plot, smin, smax, tmin, tmax float64) error {
	// sigma-0 grows with S and falls with θ: its range over the box is
	// between the top-left and the bottom-right corners.
	lo, hi := sigma0(smin, tmax), sigma0(smax, tmin)
	step := 0.1
	for _, s := range []float64{0.1, 0.2, 0.25, 0.5, 1, 2} {
		if (hi-lo)/s <= 10 {
			step = s
			break
		}
	}
	prec := 1
	if step < 0.1 || step == 0.25 {
		prec = 2
	}
	var labels plotter.XYLabels
	for k := math.Ceil(lo / step); k*step <= hi; k++ {
		v := k * step
		var xys plotter.XYs
		const n = 80
		for i := range n + 1 {
			s := smin + (smax-smin)*float64(i)/n
			th, ok := solveTheta(s, v, tmin, tmax)
			if ok {
				xys = append(xys, plotter.XY{X: s, Y: th})
			}
		}
		if len(xys) < 2 {
			continue
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		l.LineStyle = draw.LineStyle{Color: isoColour, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
		p.Add(l)
		if len(labels.XYs) == 0 {
			p.Legend.Add("σ0 isopleths (EOS-80)", l)
		}
		top := slices.MaxFunc(xys, func(a, b plotter.XY) int { return cmp.Compare(a.Y, b.Y) })
		labels.XYs = append(labels.XYs, top)
		labels.Labels = append(labels.Labels, strconv.FormatFloat(v, 'f', prec, 64))
	}
	if len(labels.XYs) > 0 {
		lb, err := plotter.NewLabels(labels)
		if err != nil {
			return err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Color = isoColour
			lb.TextStyle[i].Font.Size = vg.Points(8)
		}
		p.Add(lb)
	}
	return nil
}

// isoColour is the colour of the isopleths and their labels.
var isoColour = color.RGBA{0xb0, 0x50, 0x90, 0xff}

// solveTheta finds the potential temperature in [tmin, tmax] at which water
// of salinity s has the potential density anomaly v, by bisection (sigma-0
// falls as θ rises at oceanic salinities).
func solveTheta(s, v, tmin, tmax float64) (float64, bool) {
	a, b := tmin, tmax
	fa, fb := sigma0(s, a)-v, sigma0(s, b)-v
	if fa < 0 || fb > 0 {
		return 0, false // the isopleth is not in the box at this salinity
	}
	for range 60 {
		m := (a + b) / 2
		if sigma0(s, m)-v > 0 {
			a = m
		} else {
			b = m
		}
	}
	return (a + b) / 2, true
}
