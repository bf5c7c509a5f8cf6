// Command quickstart is what `make demo` runs: it searches a GDAC's profile
// index for a region and a period, fetches the matching profiles, applies
// the standard user mode, prints a summary table and writes
//
//	out/profiles.csv        one row per level kept (argo.WriteCSV)
//	out/positions.geojson   one point per profile, for a web map
//	out/map.png             the positions over a lon/lat graticule, coloured by data mode
//	out/profiles.png        temperature against pressure, one line per profile
//
// By default it reads the mini GDAC the project generates (testdata/gdac,
// synthetic floats off Brittany and in the Bay of Biscay) and needs no
// network. Run it from the module root:
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -gdac https://data-argo.ifremer.fr -start 2024-01-01 -end 2024-02-01
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
	"strings"
	"text/tabwriter"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/schollz/progressbar/v3"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/examples/internal/chart"
	"github.com/insitu-go/insitu/geo"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the flag package printed the usage
		}
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// config is what the flags say.
type config struct {
	gdac       string
	box        geo.Region
	boxText    string
	start, end time.Time
	mode       argo.UserMode
	out        string
	limit      int
	cache      string
	quiet      bool
}

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	gdac := fs.String("gdac", "testdata/gdac", "GDAC: a local mirror folder or an https URL such as https://data-argo.ifremer.fr")
	box := fs.String("box", "-12,44,-2,50", "region `west,south,east,north` in degrees (west > east crosses the antimeridian)")
	start := fs.String("start", "2009-01-01", "period start, inclusive (YYYY-MM-DD)")
	end := fs.String("end", "2023-01-01", "period end, exclusive (YYYY-MM-DD)")
	mode := fs.String("mode", "standard", "user mode: expert, standard or research")
	out := fs.String("out", "out", "output folder")
	limit := fs.Int("limit", 300, "fetch at most this many profile files (the most recent ones)")
	cache := fs.String("cache", "", "keep downloaded index and profile files in this folder (online use)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c := &config{gdac: *gdac, boxText: *box, out: *out, limit: *limit, cache: *cache, quiet: *quiet}
	var err error
	if c.box, err = parseBox(*box); err != nil {
		return nil, err
	}
	if c.start, err = time.Parse(time.DateOnly, *start); err != nil {
		return nil, fmt.Errorf("-start: %w", err)
	}
	if c.end, err = time.Parse(time.DateOnly, *end); err != nil {
		return nil, fmt.Errorf("-end: %w", err)
	}
	var ok bool
	if c.mode, ok = argo.ParseUserMode(*mode); !ok {
		return nil, fmt.Errorf("-mode: %q is not expert, standard or research", *mode)
	}
	if c.limit < 1 {
		return nil, fmt.Errorf("-limit must be at least 1")
	}
	return c, nil
}

// parseBox reads "west,south,east,north".
func parseBox(s string) (geo.Region, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, fmt.Errorf("-box wants west,south,east,north, got %q", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("-box %q: %w", s, err)
		}
		v[i] = f
	}
	return geo.Box(v[0], v[1], v[2], v[3]), nil
}

func run(args []string, stdout io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// The progress bar is made on the first report, when the number of
	// files is known; the GDAC calls it from one goroutine at a time.
	var bar *progressbar.ProgressBar
	opts := []argo.Option{argo.WithProgress(func(done, total int, _ int64) {
		if cfg.quiet {
			return
		}
		if bar == nil {
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(os.Stderr),
				progressbar.OptionSetDescription("profiles"),
				progressbar.OptionShowCount(),
				progressbar.OptionSetWidth(30),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionClearOnFinish(),
			)
		}
		bar.Set(done)
	})}
	if cfg.cache != "" {
		opts = append(opts, argo.WithCache(cfg.cache, 24*time.Hour))
	}
	gdac, err := argo.NewGDAC(cfg.gdac, opts...)
	if err != nil {
		return err
	}

	// 1. Search the index: a few hundred thousand lines over HTTPS (cached
	// by -cache), a few lines in the mini GDAC.
	if strings.HasPrefix(cfg.gdac, "http") {
		fmt.Fprintf(stdout, "reading the profile index of %s (about 50 MB on a real GDAC) ...\n", cfg.gdac)
	}
	ix, err := gdac.Index(ctx, argo.IndexProfile)
	if err != nil {
		return fmt.Errorf("reading the index (run from the module root, or pass -gdac): %w", err)
	}
	h := ix.Header()
	fmt.Fprintf(stdout, "GDAC %s: %d profile files in the index (updated %s)\n", cfg.gdac, ix.Len(), h.Updated.Format(time.DateOnly))

	q := argo.Query{Region: cfg.box, Start: cfg.start, End: cfg.end, Mode: cfg.mode}
	entries := ix.Search(q)
	fmt.Fprintf(stdout, "query: box %s, %s to %s (end excluded), %s mode: %d files\n",
		cfg.boxText, cfg.start.Format(time.DateOnly), cfg.end.Format(time.DateOnly), cfg.mode, len(entries))
	if len(entries) == 0 {
		return errors.New("no profile matches: widen -box or the period")
	}
	if len(entries) > cfg.limit {
		// Keep the most recent files: move the start of the period up to
		// the date of the limit-th most recent one.
		dates := make([]time.Time, len(entries))
		for i, e := range entries {
			dates[i] = e.Date
		}
		slices.SortFunc(dates, func(a, b time.Time) int { return b.Compare(a) })
		q.Start = dates[cfg.limit-1]
		fmt.Fprintf(stdout, "fetching the %d most recent (from %s; raise -limit for more)\n",
			len(ix.Search(q)), q.Start.Format(time.RFC3339))
	}

	// 2. Fetch and decode the files in parallel. The GDAC applies the user
	// mode; a file that fails is reported and the others still come.
	var profiles []*argo.Profile
	var failed int
	for p, err := range gdac.Profiles(ctx, q) {
		if fe := (*argo.FetchError)(nil); errors.As(err, &fe) {
			failed++
			fmt.Fprintf(stdout, "skipped %s: %v\n", fe.File, fe.Err)
			continue
		}
		if err != nil {
			return err
		}
		profiles = append(profiles, p)
	}
	if bar != nil {
		bar.Finish()
	}
	if len(profiles) == 0 {
		return fmt.Errorf("no profile left after the %s mode (%d files failed)", cfg.mode, failed)
	}
	slices.SortStableFunc(profiles, func(a, b *argo.Profile) int {
		return cmp.Or(strings.Compare(a.Platform, b.Platform), cmp.Compare(a.Cycle, b.Cycle), a.Time.Compare(b.Time))
	})

	// 3. The summary table.
	summarize(stdout, profiles, cfg.mode)

	// 4. The files.
	written, err := writeOutputs(cfg, profiles)
	for _, f := range written {
		fmt.Fprintln(stdout, "wrote", f)
	}
	return err
}

// surface returns the best value of a parameter at the shallowest level
// that has one, and that level's pressure.
func surface(p *argo.Profile, name string) (value, pres float64) {
	param, pp := p.Param(name), p.Param("PRES")
	if param == nil || pp == nil {
		return math.NaN(), math.NaN()
	}
	v, _, _ := param.Best()
	pr, _, _ := pp.Best()
	value, pres = math.NaN(), math.Inf(1)
	for i := range min(len(v), len(pr)) {
		if !math.IsNaN(v[i]) && !math.IsNaN(pr[i]) && pr[i] < pres {
			value, pres = v[i], pr[i]
		}
	}
	return value, pres
}

// presRange returns the smallest and largest pressure of a profile.
func presRange(p *argo.Profile) (lo, hi float64) {
	lo, hi = math.NaN(), math.NaN()
	if pp := p.Param("PRES"); pp != nil {
		pr, _, _ := pp.Best()
		for _, v := range pr {
			if !math.IsNaN(v) {
				lo, hi = nanMin(lo, v), nanMax(hi, v)
			}
		}
	}
	return lo, hi
}

func nanMin(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	return math.Min(a, b)
}

func nanMax(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	return math.Max(a, b)
}

func num(v float64, prec int) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func summarize(w io.Writer, profiles []*argo.Profile, mode argo.UserMode) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "profile\tdate (UTC)\tlat\tlon\tmode\tlevels\tdbar\tT surf °C\tS surf")
	floats := map[string]bool{}
	levels := 0
	byMode := map[argo.Mode]int{}
	for _, p := range profiles {
		t, _ := surface(p, "TEMP")
		s, _ := surface(p, "PSAL")
		lo, hi := presRange(p)
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%s\t%d\t%s-%s\t%s\t%s\n", p.ID(), p.Time.Format("2006-01-02 15:04"),
			p.Lat, p.Lon, p.DataMode, p.Levels(), num(lo, 0), num(hi, 0), num(t, 3), num(s, 3))
		floats[p.Platform] = true
		levels += p.Levels()
		byMode[p.DataMode]++
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d profiles from %d floats, %d levels kept in %s mode (data modes: %s)\n\n",
		len(profiles), len(floats), levels, mode, modeCounts(byMode))
}

func modeCounts(m map[argo.Mode]int) string {
	var parts []string
	for _, k := range []argo.Mode{argo.Delayed, argo.Adjusted, argo.RealTime, argo.ModeUnknown} {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", cmp.Or(k.String(), "?"), m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

// writeOutputs writes the four files and returns the paths written.
func writeOutputs(cfg *config, profiles []*argo.Profile) ([]string, error) {
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return nil, err
	}
	var written []string
	steps := []struct {
		name string
		fn   func(string, []*argo.Profile, *config) error
	}{
		{"profiles.csv", writeCSV},
		{"positions.geojson", writeGeoJSON},
		{"map.png", drawMap},
		{"profiles.png", drawProfiles},
	}
	for _, s := range steps {
		path := filepath.Join(cfg.out, s.name)
		if err := s.fn(path, profiles, cfg); err != nil {
			return written, fmt.Errorf("writing %s: %w", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

func writeCSV(path string, profiles []*argo.Profile, cfg *config) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	// The profiles already went through the user mode; Points applies it
	// again (a no-op) and flattens them to one row per level.
	if err := argo.WriteCSV(f, argo.Points(profiles, cfg.mode)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeGeoJSON(path string, profiles []*argo.Profile, _ *config) error {
	fc := geo.FeatureCollection(profiles, func(p *argo.Profile) geojson.Properties {
		t, _ := surface(p, "TEMP")
		return geojson.Properties{
			"id":        p.ID(),
			"platform":  p.Platform,
			"cycle":     p.Cycle,
			"time":      p.Time.Format(time.RFC3339),
			"data_mode": p.DataMode.String(),
			"levels":    p.Levels(),
			"temp_surf": t, // NaN becomes null
		}
	})
	data, err := fc.MarshalJSON()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// modeStyle is how each data mode is drawn on the map.
var modeStyle = []struct {
	mode  argo.Mode
	label string
	color color.Color
	shape draw.GlyphDrawer
}{
	{argo.Delayed, "D delayed mode", chart.Blue, draw.CircleGlyph{}},
	{argo.Adjusted, "A adjusted", chart.Orange, draw.SquareGlyph{}},
	{argo.RealTime, "R real time", chart.Red, draw.TriangleGlyph{}},
	{argo.ModeUnknown, "unknown mode", chart.Grey, draw.CrossGlyph{}},
}

func drawMap(path string, profiles []*argo.Profile, cfg *config) error {
	// The map shows the query box, unless the box is much larger than the
	// data (a world query): then it fits the positions.
	pts := make([]orb.Point, len(profiles))
	for i, p := range profiles {
		pts[i] = p.Point()
	}
	b := cfg.box.Bound()
	if fit := chart.Fit(pts, 2); area(fit)*20 < area(b) {
		b = fit
	}
	m := chart.NewMap(fmt.Sprintf("Argo profiles, %s to %s", cfg.start.Format(time.DateOnly), cfg.end.Format(time.DateOnly)), b)

	// Each float's track in time order, then the positions by data mode.
	byFloat := map[string][]*argo.Profile{}
	for _, p := range profiles {
		byFloat[p.Platform] = append(byFloat[p.Platform], p)
	}
	for _, wmo := range sortedKeys(byFloat) {
		ps := slices.Clone(byFloat[wmo])
		slices.SortStableFunc(ps, func(a, b *argo.Profile) int { return a.Time.Compare(b.Time) })
		track := make([]orb.Point, len(ps))
		for i, p := range ps {
			track[i] = p.Point()
		}
		if err := m.Line(track, chart.Grey, vg.Points(0.8)); err != nil {
			return err
		}
		if err := m.Label(track[len(track)-1], wmo); err != nil {
			return err
		}
	}
	for _, s := range modeStyle {
		var pts []orb.Point
		for _, p := range profiles {
			if p.DataMode == s.mode {
				pts = append(pts, p.Point())
			}
		}
		if len(pts) == 0 {
			continue
		}
		label := fmt.Sprintf("%s (%d)", s.label, len(pts))
		if _, err := m.Points(label, pts, s.color, s.shape, vg.Points(4)); err != nil {
			return err
		}
	}
	return m.Save(path, mapWidth)
}

func area(b orb.Bound) float64 {
	w := b.Max[0] - b.Min[0]
	if w < 0 {
		w += 360
	}
	return w * (b.Max[1] - b.Min[1])
}

// Image sizes in pixels (the map's height follows its aspect).
const (
	mapWidth                      = 900
	profilesWidth, profilesHeight = 900, 700
)

// drawProfiles plots temperature against pressure, one line per profile
// and one colour per float. When some profiles go deeper than 300 dbar, a
// second panel shows the whole depth next to the upper 200 dbar, where the
// shelf floats would otherwise be squashed.
func drawProfiles(path string, profiles []*argo.Profile, _ *config) error {
	floats := map[string]int{}
	deepest := 0.0
	for _, pr := range profiles {
		if _, ok := floats[pr.Platform]; !ok {
			floats[pr.Platform] = len(floats)
		}
		if _, hi := presRange(pr); hi > deepest {
			deepest = hi
		}
	}
	if deepest <= 300 {
		p, err := profilePanel("Temperature profiles", profiles, floats, 0)
		if err != nil {
			return err
		}
		return chart.Save(p, path, profilesWidth, profilesHeight)
	}
	top, err := profilePanel("Upper 200 dbar", profiles, floats, 200)
	if err != nil {
		return err
	}
	full, err := profilePanel("Full depth", profiles, floats, 0)
	if err != nil {
		return err
	}
	top.Legend = plot.NewLegend() // one legend is enough
	return chart.SaveRow(path, profilesWidth, profilesHeight, top, full)
}

// profilePanel draws the temperature profiles down to maxPres dbar (0: all).
func profilePanel(title string, profiles []*argo.Profile, floats map[string]int, maxPres float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "temperature (°C)"
	p.Y.Label.Text = "pressure (dbar)"
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}} // the surface on top
	p.Add(plotter.NewGrid())
	p.Legend.Top = false // bottom right: warm deep water is rare, so that corner is empty
	p.Legend.Left = false

	labelled := map[string]bool{}
	tmin, tmax := math.Inf(1), math.Inf(-1)
	for _, pr := range profiles {
		temp, pres := pr.Param("TEMP"), pr.Param("PRES")
		if temp == nil || pres == nil {
			continue
		}
		t, _, _ := temp.Best()
		ps, _, _ := pres.Best()
		var xys plotter.XYs
		for i := range min(len(t), len(ps)) {
			if !math.IsNaN(t[i]) && !math.IsNaN(ps[i]) {
				xys = append(xys, plotter.XY{X: t[i], Y: ps[i]})
				if maxPres == 0 || ps[i] <= maxPres {
					tmin, tmax = math.Min(tmin, t[i]), math.Max(tmax, t[i])
				}
			}
		}
		if len(xys) < 2 {
			continue
		}
		slices.SortFunc(xys, func(a, b plotter.XY) int { return cmp.Compare(a.Y, b.Y) })
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, err
		}
		l.LineStyle = draw.LineStyle{Color: chart.Cycle(floats[pr.Platform]), Width: vg.Points(1.2)}
		p.Add(l)
		if !labelled[pr.Platform] {
			p.Legend.Add("float "+pr.Platform, l)
			labelled[pr.Platform] = true
		}
	}
	p.Y.Min = 0
	if maxPres > 0 {
		// Lines are clipped to the panel: fix the axes to the part shown.
		p.Y.Max = maxPres
		if tmin <= tmax {
			pad := math.Max((tmax-tmin)*0.05, 0.1)
			p.X.Min, p.X.Max = tmin-pad, tmax+pad
		}
	}
	return p, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
