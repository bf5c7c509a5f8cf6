// Command iroise-correlation asks whether fish length goes with water
// temperature and with fishing effort in the Iroise Sea. It joins each
// fish sample to the nearest Argo near-surface temperature within 20 km
// and 5 days (geo.Match), prints Pearson, Spearman and Kendall
// coefficients with p-values and 95% intervals (stats), a partial
// correlation and a fitted line, and writes
//
//	out/matchups.csv   one row per matched sample, with its Argo profile, distance, time lag and temperature
//	out/scatter.png    length against temperature and against effort, with the fitted lines
//
// By default it reads the fish samples embedded from testdata/fish.csv and
// the Argo profiles of the mini GDAC the project generates, and needs no
// network. Both are SYNTHETIC: internal/gen draws the samples around the
// three Iroise profiles of the mini GDAC's float 6999001 with lengths that
// follow their temperature (see its doc comment), so the correlation it
// finds is the one the generator put in. Run it from the module root:
//
//	go run ./examples/iroise-correlation
//	go run ./examples/iroise-correlation -fish my.csv -gdac https://data-argo.ifremer.fr -cache /tmp/argo
//	go run ./examples/iroise-correlation -fish my.csv -erddap https://erddap.ifremer.fr/erddap
package main

//go:generate go run ./internal/gen -gdac ../../testdata/gdac -out testdata/fish.csv

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"encoding/csv"
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
	"strings"
	"text/tabwriter"
	"time"

	"github.com/paulmach/orb"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/erddap"
	"github.com/insitu-go/insitu/examples/internal/chart"
	"github.com/insitu-go/insitu/geo"
	"github.com/insitu-go/insitu/stats"
)

//go:embed testdata/fish.csv
var embeddedFish []byte

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "iroise-correlation:", err)
		os.Exit(1)
	}
}

// Size of scatter.png in pixels.
const width, height = 1000, 500

// sample is one row of the fish table.
type sample struct {
	id             string
	time           time.Time
	pt             orb.Point
	length, effort float64 // cm, hours
}

// argoObs is the near-surface temperature of one Argo profile.
type argoObs struct {
	id   string
	time time.Time
	pt   orb.Point
	temp float64
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("iroise-correlation", flag.ContinueOnError)
	fish := fs.String("fish", "", "CSV `file` of fish samples (sample_id, time, lon, lat, length_cm, effort_h); default: the embedded synthetic samples")
	gdac := fs.String("gdac", "testdata/gdac", "GDAC: a local mirror folder or an https URL such as https://data-argo.ifremer.fr")
	erddapURL := fs.String("erddap", "", "read the Argo profiles from this ERDDAP server's ArgoFloats dataset (e.g. https://erddap.ifremer.fr/erddap) instead of -gdac")
	cache := fs.String("cache", "", "keep downloaded index, profile files and ERDDAP responses in this folder (online use)")
	maxKm := fs.Float64("km", 20, "largest distance between a sample and its Argo profile, km")
	maxDays := fs.Float64("days", 5, "largest time between a sample and its Argo profile, days")
	out := fs.String("out", "out", "output folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !(*maxKm > 0) || !(*maxDays > 0) {
		return errors.New("-km and -days must be positive")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// 1. The fish samples.
	name, data := "embedded fish.csv (synthetic)", embeddedFish
	if *fish != "" {
		var err error
		if data, err = os.ReadFile(*fish); err != nil {
			return err
		}
		name = filepath.Base(*fish)
	}
	samples, err := readFish(name, data)
	if err != nil {
		return err
	}
	var pts []orb.Point
	start, end := samples[0].time, samples[0].time
	for _, s := range samples {
		pts = append(pts, s.pt)
		start, end = minTime(start, s.time), maxTime(end, s.time)
	}
	b := orb.MultiPoint(pts).Bound()
	fmt.Fprintf(stdout, "%s: %d samples, %s to %s, lon %.2f to %.2f, lat %.2f to %.2f\n", name, len(samples),
		start.Format(time.DateOnly), end.Format(time.DateOnly), b.Min[0], b.Max[0], b.Min[1], b.Max[1])

	// 2. The Argo profiles around them: the samples' box widened by the
	// distance window, their period by the time window.
	window := time.Duration(*maxDays * 24 * float64(time.Hour))
	padLat := *maxKm / 111.2
	padLon := padLat / math.Max(math.Cos((b.Max[1]+b.Min[1])/2*math.Pi/180), 0.1)
	q := argo.Query{
		Region:  geo.Box(b.Min[0]-padLon, b.Min[1]-padLat, b.Max[0]+padLon, b.Max[1]+padLat),
		Start:   start.Add(-window),
		End:     end.Add(window + time.Second), // End is excluded
		PresMax: 10,                            // only the near-surface levels are used
		Mode:    argo.Standard,
	}
	src, err := argoSource(*gdac, *erddapURL, *cache, stdout)
	if err != nil {
		return err
	}
	var obs []argoObs
	for p, err := range src.Profiles(ctx, q) {
		if fe := (*argo.FetchError)(nil); errors.As(err, &fe) {
			fmt.Fprintf(stdout, "skipped %s: %v\n", fe.File, fe.Err)
			continue
		}
		if err != nil {
			return fmt.Errorf("reading Argo profiles (run from the module root, or pass -gdac or -erddap): %w", err)
		}
		// A file's secondary profiles (a near-surface sampling) repeat its
		// position and time: keep the primary one.
		if t := nearSurface(p); p.Primary() && !math.IsNaN(t) {
			obs = append(obs, argoObs{p.ID(), p.Time, p.Point(), t})
		}
	}
	slices.SortFunc(obs, func(a, b argoObs) int { return cmp.Or(a.time.Compare(b.time), strings.Compare(a.id, b.id)) })
	fmt.Fprintf(stdout, "Argo: %d profiles with a near-surface (<= 10 dbar) temperature in standard mode, %s to %s\n",
		len(obs), q.Start.Format(time.DateOnly), q.End.Format(time.DateOnly))
	if len(obs) == 0 {
		return errors.New("no Argo profile near the samples")
	}

	// 3. The matchups.
	a := make([]geo.Obs, len(samples))
	for i, s := range samples {
		a[i] = geo.Obs{Point: s.pt, Time: s.time, ID: i}
	}
	bo := make([]geo.Obs, len(obs))
	for i, o := range obs {
		bo[i] = geo.Obs{Point: o.pt, Time: o.time, ID: i}
	}
	ms, err := geo.Match(a, bo, geo.MatchOptions{MaxDistance: *maxKm * 1000, MaxTimeDelta: window})
	if err != nil {
		return err
	}
	used := map[int]int{}
	for _, m := range ms {
		used[m.B]++
	}
	fmt.Fprintf(stdout, "matched %d of %d samples within %g km and %g days, to %d Argo profiles:", len(ms), len(samples), *maxKm, *maxDays, len(used))
	for i, o := range obs {
		if used[i] > 0 {
			fmt.Fprintf(stdout, " %s (%.3f °C, %d)", o.id, o.temp, used[i])
		}
	}
	fmt.Fprintln(stdout)
	if len(used) < 5 {
		fmt.Fprintf(stdout, "note: with %d Argo profiles the temperature takes only %d values; Spearman and Kendall handle the ties, but a real GDAC gives a finer picture\n", len(used), len(used))
	}

	length, effort, temp := make([]float64, len(ms)), make([]float64, len(ms)), make([]float64, len(ms))
	for i, m := range ms {
		length[i], effort[i], temp[i] = samples[m.A].length, samples[m.A].effort, obs[m.B].temp
	}

	// 4. The statistics.
	fmt.Fprintln(stdout)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "length vs\tmethod\tcoefficient\tp-value\t95% interval\tN")
	for _, v := range []struct {
		name string
		x    []float64
	}{{"temperature", temp}, {"effort", effort}} {
		for _, f := range []struct {
			name string
			fn   func(x, y []float64) (stats.Corr, error)
		}{{"Pearson r", stats.Pearson}, {"Spearman rho", stats.Spearman}, {"Kendall tau-b", stats.Kendall}} {
			c, err := f.fn(v.x, length)
			if err != nil {
				return fmt.Errorf("%s of length and %s: %w", f.name, v.name, err)
			}
			fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.3g\t[%.4f, %.4f]\t%d\n", v.name, f.name, c.R, c.P, c.Lo, c.Hi, c.N)
		}
	}
	pc, err := stats.Partial(temp, length, effort)
	if err != nil {
		return fmt.Errorf("partial correlation: %w", err)
	}
	fmt.Fprintf(tw, "temperature | effort\tpartial r\t%.4f\t%.3g\t[%.4f, %.4f]\t%d\n", pc.R, pc.P, pc.Lo, pc.Hi, pc.N)
	tw.Flush()
	fitT, err := stats.LinearFit(temp, length)
	if err != nil {
		return fmt.Errorf("fit of length on temperature: %w", err)
	}
	fitE, err := stats.LinearFit(effort, length)
	if err != nil {
		return fmt.Errorf("fit of length on effort: %w", err)
	}
	fmt.Fprintf(stdout, "\nlength = %.2f + %.2f·T cm (slope ± %.2f cm/°C, p = %.3g)\n", fitT.Intercept, fitT.Slope, fitT.SlopeErr, fitT.P)
	fmt.Fprintf(stdout, "length = %.2f %+.3f·effort cm (slope ± %.3f cm/h, p = %.3g)\n\n", fitE.Intercept, fitE.Slope, fitE.SlopeErr, fitE.P)

	// 5. The files.
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	csvPath := filepath.Join(*out, "matchups.csv")
	if err := writeMatchups(csvPath, ms, samples, obs); err != nil {
		return fmt.Errorf("writing %s: %w", csvPath, err)
	}
	fmt.Fprintln(stdout, "wrote", csvPath)
	pngPath := filepath.Join(*out, "scatter.png")
	if err := drawScatter(pngPath, temp, effort, length, fitT, fitE); err != nil {
		return fmt.Errorf("writing %s: %w", pngPath, err)
	}
	fmt.Fprintln(stdout, "wrote", pngPath)
	return nil
}

// argoSource returns the ERDDAP source when erddapURL is set, the GDAC
// otherwise. Both are an argo.Source: the rest of the program does not
// know which it reads.
func argoSource(gdac, erddapURL, cache string, stdout io.Writer) (argo.Source, error) {
	if erddapURL != "" {
		var opts []erddap.Option
		if cache != "" {
			opts = append(opts, erddap.WithCache(cache))
		}
		c, err := erddap.NewClient(erddapURL, opts...)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "reading the %s dataset of %s ...\n", argo.ERDDAPDatasetPhy, erddapURL)
		return argo.NewERDDAP(c)
	}
	var opts []argo.Option
	if cache != "" {
		opts = append(opts, argo.WithCache(cache, 24*time.Hour))
	}
	g, err := argo.NewGDAC(gdac, opts...)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(gdac, "http") {
		fmt.Fprintf(stdout, "reading the profile index of %s (about 50 MB on a real GDAC) ...\n", gdac)
	}
	return g, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// nearSurface is the mean best temperature of the levels at or above
// 10 dbar, NaN without one.
func nearSurface(p *argo.Profile) float64 {
	pp, tp := p.Param("PRES"), p.Param("TEMP")
	if pp == nil || tp == nil {
		return math.NaN()
	}
	pres, _, _ := pp.Best()
	temp, _, _ := tp.Best()
	sum, n := 0.0, 0
	for i := range min(len(pres), len(temp)) {
		if pres[i] <= 10 && !math.IsNaN(temp[i]) {
			sum += temp[i]
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// readFish reads the fish table; lines starting with # are comments.
func readFish(name string, data []byte) ([]sample, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: reading the header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range []string{"sample_id", "time", "lon", "lat", "length_cm", "effort_h"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no %s column in the header %q", name, c, strings.Join(header, ","))
		}
	}
	var out []sample
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		num := func(c string) (float64, error) {
			v, err := strconv.ParseFloat(strings.TrimSpace(rec[col[c]]), 64)
			if err != nil {
				return 0, fmt.Errorf("%s line %d: %s %q is not a number", name, line, c, rec[col[c]])
			}
			return v, nil
		}
		s := sample{id: rec[col["sample_id"]]}
		if s.time, err = time.Parse(time.RFC3339, strings.TrimSpace(rec[col["time"]])); err != nil {
			return nil, fmt.Errorf("%s line %d: time %q is not RFC 3339 (2021-03-12T11:42:00Z)", name, line, rec[col["time"]])
		}
		s.time = s.time.UTC()
		var lon, lat float64
		if lon, err = num("lon"); err != nil {
			return nil, err
		}
		if lat, err = num("lat"); err != nil {
			return nil, err
		}
		if math.Abs(lat) > 90 || math.Abs(lon) > 360 || math.IsNaN(lon) || math.IsNaN(lat) {
			return nil, fmt.Errorf("%s line %d: position %g, %g is off the Earth", name, line, lon, lat)
		}
		s.pt = orb.Point{lon, lat}
		// A missing length or effort stays NaN: the statistics drop the pair.
		if s.length, err = num("length_cm"); err != nil {
			s.length = math.NaN()
		}
		if s.effort, err = num("effort_h"); err != nil {
			s.effort = math.NaN()
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no sample", name)
	}
	return out, nil
}

func writeMatchups(path string, ms []geo.Matchup, samples []sample, obs []argoObs) error {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"sample_id", "time", "lon", "lat", "length_cm", "effort_h", "argo_profile", "argo_time", "distance_km", "time_lag_h", "temperature_c"})
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for _, m := range ms {
		s, o := samples[m.A], obs[m.B]
		w.Write([]string{s.id, s.time.Format(time.RFC3339), f(s.pt[0], 4), f(s.pt[1], 4), f(s.length, 1), f(s.effort, 1),
			o.id, o.time.Format(time.RFC3339), f(m.Distance/1000, 2), f(m.TimeDelta.Hours(), 1), f(o.temp, 3)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// drawScatter draws length against temperature and against effort, side
// by side, each with its fitted line.
func drawScatter(path string, temp, effort, length []float64, fitT, fitE stats.Fit) error {
	left, err := panel("Length vs Argo near-surface temperature", "temperature (°C)", temp, length, fitT, chart.Red)
	if err != nil {
		return err
	}
	right, err := panel("Length vs fishing effort", "effort (hours trawled)", effort, length, fitE, chart.Blue)
	if err != nil {
		return err
	}
	return chart.SaveRow(path, width, height, left, right)
}

func panel(title, xlabel string, x, y []float64, fit stats.Fit, c color.Color) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = "fish length (cm)"
	p.X.Tick.Marker = chart.Ticks(5)
	p.Y.Tick.Marker = chart.Ticks(6)
	p.Add(plotter.NewGrid())
	var xys plotter.XYs
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xys = append(xys, plotter.XY{X: x[i], Y: y[i]})
			xmin, xmax = math.Min(xmin, x[i]), math.Max(xmax, x[i])
			ymin, ymax = math.Min(ymin, y[i]), math.Max(ymax, y[i])
		}
	}
	// Room above the points for the legend.
	p.Y.Min, p.Y.Max = ymin-(ymax-ymin)*0.05, ymax+(ymax-ymin)*0.25
	s, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	s.GlyphStyle = draw.GlyphStyle{Color: c, Shape: draw.CircleGlyph{}, Radius: vg.Points(3)}
	p.Add(s)
	p.Legend.Add(fmt.Sprintf("samples (%d)", len(xys)), s)
	pad := (xmax - xmin) * 0.05
	line, err := plotter.NewLine(plotter.XYs{{X: xmin - pad, Y: fit.Predict(xmin - pad)}, {X: xmax + pad, Y: fit.Predict(xmax + pad)}})
	if err != nil {
		return nil, err
	}
	line.LineStyle = draw.LineStyle{Color: chart.Grey, Width: vg.Points(1.5)}
	p.Add(line)
	p.Legend.Add(fmt.Sprintf("fit: slope %.3g, r = %.3f", fit.Slope, fit.R), line)
	p.Legend.Top = true
	return p, nil
}
