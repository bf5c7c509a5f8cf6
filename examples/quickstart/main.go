// Command quickstart is what `make demo` runs: it reads the core profile
// index of a GDAC folder (by default the mini GDAC generated into
// testdata/gdac), lists the profiles in a region and period, opens the first
// of them and prints a summary of its levels.
//
// Until the argo package lands, this program reads the index and the
// profile file with the project's internal NetCDF reader; the examples issue
// replaces it with the full quickstart (argo.GDAC, user modes, plots).
//
//	go run ./examples/quickstart                    # the mini GDAC, a box around Brittany
//	go run ./examples/quickstart -gdac DIR -box -180,-90,180,90
package main

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/insitu-go/insitu/internal/nc"
)

func main() {
	gdac := flag.String("gdac", "testdata/gdac", "GDAC folder holding ar_index_global_prof.txt[.gz] and dac/")
	box := flag.String("box", "-12,44,-2,50", "region west,south,east,north in degrees (west > east crosses the antimeridian)")
	start := flag.String("start", "2000-01-01", "period start (inclusive), YYYY-MM-DD")
	end := flag.String("end", "2030-01-01", "period end (exclusive), YYYY-MM-DD")
	flag.Parse()
	if err := run(os.Stdout, *gdac, *box, *start, *end); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// entry is one row of the core profile index.
type entry struct {
	file     string
	date     time.Time
	lat, lon float64
}

func run(w io.Writer, gdac, boxFlag, startFlag, endFlag string) error {
	var b [4]float64
	parts := strings.Split(boxFlag, ",")
	if len(parts) != 4 {
		return fmt.Errorf("-box wants west,south,east,north, got %q", boxFlag)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return fmt.Errorf("-box: %w", err)
		}
		b[i] = v
	}
	start, err := time.Parse(time.DateOnly, startFlag)
	if err != nil {
		return fmt.Errorf("-start: %w", err)
	}
	end, err := time.Parse(time.DateOnly, endFlag)
	if err != nil {
		return fmt.Errorf("-end: %w", err)
	}

	entries, title, err := readIndex(gdac)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: %d profiles in the index\n", title, len(entries))
	var hits []entry
	for _, e := range entries {
		if inBox(e.lon, e.lat, b) && !e.date.IsZero() && !e.date.Before(start) && e.date.Before(end) {
			hits = append(hits, e)
		}
	}
	slices.SortFunc(hits, func(a, b entry) int { return cmp.Or(a.date.Compare(b.date), strings.Compare(a.file, b.file)) })
	fmt.Fprintf(w, "%d profiles in [%g, %g] x [%g, %g] from %s to %s:\n\n", len(hits), b[0], b[2], b[1], b[3], startFlag, endFlag)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "file\tdate\tlat\tlon")
	const shown = 20
	for i, e := range hits {
		if i == shown {
			fmt.Fprintf(tw, "... and %d more\n", len(hits)-shown)
			break
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\n", e.file, e.date.Format("2006-01-02 15:04"), e.lat, e.lon)
	}
	tw.Flush()
	if len(hits) == 0 {
		return nil
	}
	return summarize(w, filepath.Join(gdac, "dac", hits[0].file))
}

// inBox applies the closed space rule, with antimeridian crossing when west > east.
func inBox(lon, lat float64, b [4]float64) bool {
	if math.IsNaN(lon) || math.IsNaN(lat) || lat < b[1] || lat > b[3] {
		return false
	}
	if b[0] <= b[2] {
		return lon >= b[0] && lon <= b[2]
	}
	return lon >= b[0] || lon <= b[2]
}

// readIndex reads ar_index_global_prof.txt (or .txt.gz): 8 comment lines, a
// header line naming the columns, then one CSV row per profile file.
func readIndex(gdac string) ([]entry, string, error) {
	var r io.Reader
	f, err := os.Open(filepath.Join(gdac, "ar_index_global_prof.txt"))
	if errors.Is(err, os.ErrNotExist) {
		f, err = os.Open(filepath.Join(gdac, "ar_index_global_prof.txt.gz"))
		if err == nil {
			gz, gerr := gzip.NewReader(f)
			if gerr != nil {
				f.Close()
				return nil, "", gerr
			}
			r = gz
		}
	} else {
		r = f
	}
	if err != nil {
		return nil, "", fmt.Errorf("no core profile index in %s (run from the module root, or pass -gdac): %w", gdac, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(r)
	title := "index"
	col := map[string]int{}
	var out []entry
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			if t, ok := strings.CutPrefix(line, "# Title : "); ok {
				title = t
			}
			continue
		}
		fields := strings.Split(line, ",")
		if len(col) == 0 {
			for i, name := range fields {
				col[name] = i
			}
			for _, need := range []string{"file", "date", "latitude", "longitude"} {
				if _, ok := col[need]; !ok {
					return nil, "", fmt.Errorf("index header %q has no %s column", line, need)
				}
			}
			continue
		}
		if len(fields) != len(col) {
			return nil, "", fmt.Errorf("index row %q has %d fields, the header %d", line, len(fields), len(col))
		}
		e := entry{file: fields[col["file"]], lat: coord(fields[col["latitude"]], 90), lon: coord(fields[col["longitude"]], 180)}
		e.date, _ = time.Parse("20060102150405", fields[col["date"]]) // empty dates stay zero
		out = append(out, e)
	}
	return out, title, sc.Err()
}

// coord parses a position; empty fields and sentinels such as -999.999 are NaN.
func coord(s string, limit float64) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Abs(v) > limit {
		return math.NaN()
	}
	return v
}

// summarize prints the first profile of a file: identity, time, position and
// the levels of PRES, TEMP and PSAL with the values the data mode selects.
func summarize(w io.Writer, path string) error {
	f, err := nc.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	str := func(name string) string {
		s, err := f.Strings(name)
		if err != nil || len(s) == 0 {
			return ""
		}
		return strings.TrimSpace(s[0])
	}
	mode := str("DATA_MODE")
	if mode != "" {
		mode = mode[:1]
	}
	juld, _ := f.Float64s("JULD")
	lat, _ := f.Float64s("LATITUDE")
	lon, _ := f.Float64s("LONGITUDE")
	cycle, _ := f.Ints("CYCLE_NUMBER", -1)
	if len(cycle) == 0 || len(juld) == 0 || len(lat) == 0 || len(lon) == 0 {
		return fmt.Errorf("%s: not an Argo profile file (no CYCLE_NUMBER, JULD or position)", path)
	}
	fmt.Fprintf(w, "\n%s\n", filepath.Base(path))
	fmt.Fprintf(w, "  platform %s, cycle %d, data mode %s, %s\n", str("PLATFORM_NUMBER"), cycle[0], mode, cmp.Or(str("PLATFORM_TYPE"), str("INST_REFERENCE")))
	if !math.IsNaN(juld[0]) {
		t := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(juld[0] * 24 * float64(time.Hour)))
		fmt.Fprintf(w, "  time %s, position %.4f N %.4f E\n", t.Round(time.Second).Format(time.RFC3339), lat[0], lon[0])
	}
	nlev := 0
	if d, ok := f.Dim("N_LEVELS"); ok {
		nlev = d.Len
	}
	// R mode: raw values; A and D modes: adjusted values (Argo user's manual).
	suffix := ""
	if mode == "A" || mode == "D" {
		suffix = "_ADJUSTED"
	}
	cols := map[string][]float64{}
	for _, p := range []string{"PRES", "TEMP", "PSAL"} {
		if v, err := f.Float64s(p + suffix); err == nil {
			cols[p] = v[:nlev] // first profile
		}
	}
	if len(cols["PRES"]) == 0 {
		return fmt.Errorf("%s: no PRES%s", path, suffix)
	}
	n := 0
	for i := range nlev {
		if !math.IsNaN(cols["PRES"][i]) {
			n++
		}
	}
	fmt.Fprintf(w, "  %d levels (%s values)\n", n, map[bool]string{true: "adjusted", false: "raw"}[suffix != ""])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  PRES dbar\tTEMP °C\tPSAL psu\t")
	for i := 0; i < nlev; i += max(1, nlev/8) {
		if math.IsNaN(cols["PRES"][i]) {
			continue
		}
		fmt.Fprintf(tw, "  %.1f\t%s\t%s\t\n", cols["PRES"][i], num(cols["TEMP"], i), num(cols["PSAL"], i))
	}
	return tw.Flush()
}

func num(v []float64, i int) string {
	if i >= len(v) || math.IsNaN(v[i]) {
		return "-"
	}
	return strconv.FormatFloat(v[i], 'f', 3, 64)
}
