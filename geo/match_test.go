package geo

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// bruteMatch is the quadratic reference for Match.
func bruteMatch(a, b []Obs, opts MatchOptions) []Matchup {
	k := max(opts.K, 1)
	var out []Matchup
	for i, ao := range a {
		pa, ok := validQuery(ao.Point)
		if !ok || (opts.MaxTimeDelta > 0 && ao.Time.IsZero()) {
			continue
		}
		var group []Matchup
		for j, bo := range b {
			if _, ok := validQuery(bo.Point); !ok {
				continue
			}
			dt := bo.Time.Sub(ao.Time)
			if opts.MaxTimeDelta > 0 && (bo.Time.IsZero() || dt < -opts.MaxTimeDelta || dt > opts.MaxTimeDelta) {
				continue
			}
			d := Distance(pa, bo.Point)
			if opts.MaxDistance > 0 && d > opts.MaxDistance {
				continue
			}
			group = append(group, Matchup{A: i, B: j, AID: ao.ID, BID: bo.ID, Distance: d, TimeDelta: dt})
		}
		slices.SortFunc(group, func(x, y Matchup) int {
			if c := cmp.Compare(x.Distance, y.Distance); c != 0 {
				return c
			}
			if c := cmp.Compare(absDuration(x.TimeDelta), absDuration(y.TimeDelta)); c != 0 {
				return c
			}
			return cmp.Compare(x.B, y.B)
		})
		out = append(out, group[:min(k, len(group))]...)
	}
	return out
}

func matchTestObs(seed uint64, n int, t0 time.Time) []Obs {
	r := &splitMix64{seed}
	obs := make([]Obs, n)
	for i := range obs {
		var p orb.Point
		switch i % 4 {
		case 0:
			p = orb.Point{r.uniform(-6, -4), r.uniform(47, 49)} // Iroise approaches
		case 1:
			p = orb.Point{r.uniform(179, 181), r.uniform(-1, 1)} // across 180
		case 2:
			p = orb.Point{r.uniform(-180, 180), r.uniform(88, 90)} // north pole
		case 3:
			p = orb.Point{r.uniform(-180, 180), r.uniform(-80, 80)}
		}
		obs[i] = Obs{Point: p, Time: t0.Add(time.Duration(r.uniform(0, 30*24)) * time.Hour), ID: 1000 + i}
	}
	return obs
}

func TestMatch(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a := matchTestObs(50, 300, t0)
	b := matchTestObs(51, 2000, t0)
	// Some invalid and timeless observations on both sides.
	a = append(a, Obs{Point: orb.Point{nan, 0}, Time: t0}, Obs{Point: orb.Point{-5, 48}})
	b = append(b, Obs{Point: orb.Point{0, 95}, Time: t0}, Obs{Point: a[0].Point}, b[0], b[0])
	tests := []struct {
		Name string
		Opts MatchOptions
	}{
		{"20 km and 3 days", MatchOptions{MaxDistance: 20e3, MaxTimeDelta: 72 * time.Hour}},
		{"50 km, 1 day, K=5", MatchOptions{MaxDistance: 50e3, MaxTimeDelta: 24 * time.Hour, K: 5}},
		{"space only", MatchOptions{MaxDistance: 100e3, K: 3}},
		{"time only", MatchOptions{MaxTimeDelta: time.Hour, K: 2}},
		{"nearest at any distance and time", MatchOptions{}},
		{"large K", MatchOptions{MaxDistance: 300e3, MaxTimeDelta: 10 * 24 * time.Hour, K: 50}},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			got, err := Match(a, b, tt.Opts)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteMatch(a, b, tt.Opts)
			if len(got) != len(want) {
				t.Fatalf("%d matchups, brute force %d", len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				// Ties in distance may pick different b; compare what defines a match.
				if g.A != w.A || math.Abs(g.Distance-w.Distance) > 1e-6 {
					t.Fatalf("matchup %d = %+v, brute force %+v", i, g, w)
				}
				if g.AID != a[g.A].ID || g.BID != b[g.B].ID || g.TimeDelta != b[g.B].Time.Sub(a[g.A].Time) {
					t.Fatalf("matchup %+v inconsistent with input", g)
				}
				if tt.Opts.MaxTimeDelta > 0 && absDuration(g.TimeDelta) > tt.Opts.MaxTimeDelta {
					t.Fatalf("matchup %+v outside the time window", g)
				}
			}
		})
	}
}

func TestMatchWindowsAreClosed(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	a := []Obs{{Point: orb.Point{0, 0}, Time: t0, ID: 1}}
	far := Destination(orb.Point{0, 0}, 90, 20e3)
	d := Distance(orb.Point{0, 0}, far)
	b := []Obs{
		{Point: far, Time: t0.Add(72 * time.Hour), ID: 2},                   // exactly on both limits
		{Point: orb.Point{0, 0}, Time: t0.Add(72*time.Hour + 1), ID: 3},     // 1 ns too late
		{Point: Destination(orb.Point{0, 0}, 0, 20.001e3), Time: t0, ID: 4}, // 1 m too far
	}
	got, err := Match(a, b, MatchOptions{MaxDistance: d, MaxTimeDelta: 72 * time.Hour, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].BID != 2 || got[0].TimeDelta != 72*time.Hour || got[0].Distance != d {
		t.Errorf("Match = %+v, want only ID 2 at %v m and 72h", got, d)
	}
}

func TestMatchErrors(t *testing.T) {
	for _, opts := range []MatchOptions{
		{MaxDistance: -1},
		{MaxDistance: nan},
		{MaxTimeDelta: -time.Second},
		{K: -1},
	} {
		_, err := Match(nil, nil, opts)
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Match(%+v) error = %v, want ErrInvalidArgument", opts, err)
		}
	}
	got, err := Match([]Obs{{Point: orb.Point{0, 0}}}, nil, MatchOptions{})
	if err != nil || got != nil {
		t.Errorf("Match with empty b = %v, %v", got, err)
	}
}

// TestMatchParallel uses enough observations of a to run on several goroutines.
func TestMatchParallel(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	a := matchTestObs(60, 1200, t0) // enough for several goroutines
	b := matchTestObs(61, 1500, t0)
	opts := MatchOptions{MaxDistance: 100e3, MaxTimeDelta: 48 * time.Hour, K: 2}
	got, err := Match(a, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := bruteMatch(a, b, opts)
	if len(got) != len(want) {
		t.Fatalf("%d matchups, brute force %d", len(got), len(want))
	}
	for i := range got {
		if got[i].A != want[i].A || math.Abs(got[i].Distance-want[i].Distance) > 1e-6 {
			t.Fatalf("matchup %d = %+v, brute force %+v", i, got[i], want[i])
		}
	}
}
