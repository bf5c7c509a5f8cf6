// Command gen writes the iroise-correlation example's fish samples,
// testdata/fish.csv. They are synthetic: there is no public table of fish
// samples with lengths and fishing effort in the Iroise Sea that the
// project may ship, so this program makes one whose relationship with the
// water temperature is known, from the Argo profiles of the mini GDAC.
//
// The mini GDAC has three profiles in the Iroise Sea (float 6999001,
// cycles 1 to 3, ten days apart). Around each, the program draws samples
// up to 25 km away and up to 6 days before or after, so that most fall
// within the example's 20 km and 5 day window and some do not. Each
// sample gets a fishing effort (hours trawled) and a fish length
//
//	length = 40 cm + 9 cm/°C · (T - 11.5 °C) - 0.2 cm/h · (effort - 20 h) + noise (σ = 2 cm)
//
// where T is the near-surface temperature of the profile it was drawn
// around: larger fish in warmer water, smaller fish where the fishing is
// intense. The example should find a positive correlation of length with
// temperature and a negative one with effort.
//
// Run it from the example's folder (go generate does):
//
//	go run ./internal/gen -gdac ../../testdata/gdac -out testdata/fish.csv
//
// The output is byte-identical from run to run (a fixed PCG seed, and
// normal deviates made here by Box-Muller from uniform ones); the test of
// this package checks that the committed file is what it writes.
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/insitu-go/insitu/argo"
	"github.com/insitu-go/insitu/geo"
)

func main() {
	gdac := flag.String("gdac", "../../testdata/gdac", "the mini GDAC")
	out := flag.String("out", "testdata/fish.csv", "output file")
	flag.Parse()
	data, err := generate(*gdac)
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// The Iroise Sea box the samples stay in.
const west, south, east, north = -5.5, 48.0, -4.4, 48.7

// perProfile is the number of samples drawn around each Argo profile.
const perProfile = 40

// nearSurface is the mean best temperature of the levels at or above
// 10 dbar (NaN without one), as the example computes it.
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

func generate(gdacPath string) ([]byte, error) {
	g, err := argo.NewGDAC(gdacPath)
	if err != nil {
		return nil, err
	}
	var profiles []*argo.Profile
	q := argo.Query{Region: geo.Box(west, south, east, north)}
	for p, err := range g.Profiles(context.Background(), q) {
		if err != nil {
			return nil, err
		}
		if p.Primary() && !math.IsNaN(nearSurface(p)) {
			profiles = append(profiles, p)
		}
	}
	if len(profiles) == 0 {
		return nil, fmt.Errorf("no Argo profile in the Iroise Sea in %s", gdacPath)
	}
	slices.SortFunc(profiles, func(a, b *argo.Profile) int { return a.Time.Compare(b.Time) })

	rng := rand.New(rand.NewPCG(48, 5))
	normal := func() float64 { // Box-Muller
		u1, u2 := 1-rng.Float64(), rng.Float64()
		return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
	}
	type sample struct {
		t              time.Time
		lon, lat       float64
		length, effort float64
	}
	var samples []sample
	for _, p := range profiles {
		temp := nearSurface(p)
		for range perProfile {
			var pt orb.Point
			for {
				// Up to 25 km away, uniformly over the disc.
				d := 25e3 * math.Sqrt(rng.Float64())
				pt = geo.Destination(p.Point(), 360*rng.Float64(), d)
				if pt[0] >= west && pt[0] <= east && pt[1] >= south && pt[1] <= north {
					break
				}
			}
			// Up to 6 days apart, to the minute.
			dt := time.Duration(rng.IntN(2*6*24*60+1)-6*24*60) * time.Minute
			effort := 5 + 35*rng.Float64()
			length := 40 + 9*(temp-11.5) - 0.2*(effort-20) + 2*normal()
			samples = append(samples, sample{p.Time.Add(dt), pt[0], pt[1], length, effort})
		}
	}
	slices.SortStableFunc(samples, func(a, b sample) int { return a.t.Compare(b.t) })

	var b bytes.Buffer
	for _, line := range []string{
		"SYNTHETIC fish samples for the iroise-correlation example, written by its internal/gen program.",
		"Not real observations: lengths follow the near-surface temperature of the mini GDAC's synthetic",
		"Argo float 6999001 (see internal/gen/main.go for the formula). effort_h: hours trawled that week.",
	} {
		b.WriteString("# " + line + "\n")
	}
	w := csv.NewWriter(&b)
	w.Write([]string{"sample_id", "time", "lon", "lat", "species", "length_cm", "effort_h"})
	for i, s := range samples {
		w.Write([]string{
			fmt.Sprintf("IR%03d", i+1),
			s.t.Format(time.RFC3339),
			strconv.FormatFloat(s.lon, 'f', 4, 64),
			strconv.FormatFloat(s.lat, 'f', 4, 64),
			"Dicentrarchus labrax",
			strconv.FormatFloat(s.length, 'f', 1, 64),
			strconv.FormatFloat(s.effort, 'f', 1, 64),
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	if strings.Count(b.String(), "\n") != len(samples)+4 {
		return nil, fmt.Errorf("unexpected line count")
	}
	return b.Bytes(), nil
}
