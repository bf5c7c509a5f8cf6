package geo

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/paulmach/orb"
)

// Obs is an observation for [Match]: a position, a time and the caller's identifier.
type Obs struct {
	Point orb.Point // lon, lat in degrees
	Time  time.Time // zero = unknown
	ID    int       // caller's identifier, copied to Matchup
}

// MatchOptions are the windows of [Match]. The zero value matches each observation with
// its single nearest neighbour, at any distance and time.
type MatchOptions struct {
	// MaxDistance is the largest great-circle distance in metres (see Distance),
	// inclusive. Zero means no limit.
	MaxDistance float64
	// MaxTimeDelta is the largest |b.Time - a.Time|, inclusive. Zero means no limit;
	// with a limit, observations with a zero Time never match.
	MaxTimeDelta time.Duration
	// K is the number of matches kept per observation of a, nearest first. Zero means 1.
	K int
}

// Matchup pairs an observation of a with one of b.
type Matchup struct {
	A, B      int           // positions in the a and b slices
	AID, BID  int           // a[A].ID and b[B].ID
	Distance  float64       // great-circle distance in metres (see Distance)
	TimeDelta time.Duration // b[B].Time - a[A].Time
}

// Match finds, for each observation of a, the (at most K) observations of b nearest in
// space within the distance and time windows of opts. Matchups come out grouped by
// observation of a, in the order of a, and within a group by increasing distance (then
// increasing |TimeDelta|, then position in b). Observations of a without a match do not
// appear.
//
// Distances are great-circle distances ([Distance]); both windows are closed (a b
// observation exactly MaxDistance away or exactly MaxTimeDelta apart matches).
// Observations with an invalid position (NaN, or a latitude outside [-90, 90]) never
// match. b goes into a 4-D k-d tree (position on the sphere and time), so the cost grows
// as about (len(a)+len(b))·log(len(b)) for bounded windows instead of len(a)·len(b);
// the observations of a are matched in parallel.
//
// Match returns an error wrapping [ErrInvalidArgument] for a negative or NaN MaxDistance,
// a negative MaxTimeDelta or a negative K.
func Match(a, b []Obs, opts MatchOptions) ([]Matchup, error) {
	switch {
	case !(opts.MaxDistance >= 0):
		return nil, fmt.Errorf("%w: match: MaxDistance %v is not a non-negative number", ErrInvalidArgument, opts.MaxDistance)
	case opts.MaxTimeDelta < 0:
		return nil, fmt.Errorf("%w: match: MaxTimeDelta %v is negative", ErrInvalidArgument, opts.MaxTimeDelta)
	case opts.K < 0:
		return nil, fmt.Errorf("%w: match: K %d is negative", ErrInvalidArgument, opts.K)
	}
	k := opts.K
	if k == 0 {
		k = 1
	}
	useTime := opts.MaxTimeDelta > 0
	dim := 3
	if useTime {
		dim = 4
	}
	limit2 := math.Inf(1)
	chordMax := 2.0
	if opts.MaxDistance > 0 {
		c := chordOf(opts.MaxDistance)*(1+1e-9) + 1e-12
		limit2, chordMax = c*c, c
	}
	dt := opts.MaxTimeDelta.Seconds()
	// Split on time when the spread of times, in units of the window, beats the spread
	// of positions in units of the distance window.
	scale := [4]float64{1, 1, 1, 0}
	if useTime {
		scale[3] = chordMax / dt
	}

	pts := make([]float64, 0, dim*len(b))
	ids := make([]int, 0, len(b))
	for i, o := range b {
		p, ok := validQuery(o.Point)
		if !ok || (useTime && o.Time.IsZero()) {
			continue
		}
		x, y, z := unitVector(p)
		pts = append(pts, x, y, z)
		if useTime {
			pts = append(pts, unixSeconds(o.Time))
		}
		ids = append(ids, i)
	}
	tree := buildKD(pts, ids, dim, scale)
	if len(ids) == 0 {
		return nil, nil
	}
	// b in tree order, so that searches read memory near the leaves they visit.
	bt := make([]Obs, len(ids))
	for s, i := range tree.ids {
		bt[s] = b[i]
	}

	matchOne := func(i int, hits []kdHit, out []Matchup) ([]kdHit, []Matchup) {
		ao := a[i]
		p, ok := validQuery(ao.Point)
		if !ok || (useTime && ao.Time.IsZero()) {
			return hits, out
		}
		q := knnQuery{t: tree, q: queryVector(p), k: k, limit2: limit2, useTime: useTime, hits: hits[:0]}
		if useTime {
			ts := unixSeconds(ao.Time)
			pad := dt*(1+1e-9) + 1e-3
			q.tlo, q.thi = ts-pad, ts+pad
		}
		q.accept = func(slot int) bool {
			bo := &bt[slot]
			if useTime {
				d := bo.Time.Sub(ao.Time)
				if d < -opts.MaxTimeDelta || d > opts.MaxTimeDelta {
					return false
				}
			}
			return opts.MaxDistance == 0 || Distance(p, bo.Point) <= opts.MaxDistance
		}
		hits = q.run()
		start := len(out)
		for _, h := range hits {
			bo := &bt[h.slot]
			out = append(out, Matchup{
				A: i, B: tree.ids[h.slot], AID: ao.ID, BID: bo.ID,
				Distance:  Distance(p, bo.Point),
				TimeDelta: bo.Time.Sub(ao.Time),
			})
		}
		group := out[start:]
		slices.SortFunc(group, func(x, y Matchup) int {
			if c := cmp.Compare(x.Distance, y.Distance); c != 0 {
				return c
			}
			if c := cmp.Compare(absDuration(x.TimeDelta), absDuration(y.TimeDelta)); c != 0 {
				return c
			}
			return cmp.Compare(x.B, y.B)
		})
		return hits, out
	}

	workers := min(runtime.GOMAXPROCS(0), len(a)/256)
	if workers < 2 {
		var out []Matchup
		var hits []kdHit
		for i := range a {
			hits, out = matchOne(i, hits, out)
		}
		return out, nil
	}
	chunks := workers * 4
	parts := make([][]Matchup, chunks)
	next := make(chan int, chunks)
	for c := 0; c < chunks; c++ {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var hits []kdHit
			for c := range next {
				var out []Matchup
				for i := len(a) * c / chunks; i < len(a)*(c+1)/chunks; i++ {
					hits, out = matchOne(i, hits, out)
				}
				parts[c] = out
			}
		}()
	}
	wg.Wait()
	var out []Matchup
	for _, p := range parts {
		out = append(out, p...)
	}
	return out, nil
}

func unixSeconds(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())*1e-9
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		if d == math.MinInt64 {
			return math.MaxInt64
		}
		return -d
	}
	return d
}
