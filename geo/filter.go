package geo

import (
	"runtime"
	"sync"

	"github.com/paulmach/orb"
)

// parallelMin is the input size from which Filter and FilterFunc split the work over
// the available cores.
const parallelMin = 1 << 15

// Filter returns the positions, in increasing order, of the points that r contains.
//
// Each point is first checked against the region's bounding boxes ([Bounds]), so points
// far from the region cost a few comparisons; only the rest go to r.Contains, which for
// a [Polygon] is mostly a grid lookup. Inputs of more than 32768 points are split over
// GOMAXPROCS goroutines, so r.Contains must be safe for concurrent use (every Region of
// this package is). Points with NaN coordinates are never contained.
func Filter(points []orb.Point, r Region) []int {
	if r == nil {
		return nil
	}
	if pg, ok := r.(*polygon); ok && !pg.empty && !pg.wraps {
		return filterPolygon(points, pg)
	}
	pf := newPrefilter(r)
	if pf == nil {
		return nil
	}
	return parallelRanges(len(points), func(lo, hi int, out []int) []int {
		minY, maxY := pf.minY, pf.maxY
		for i := lo; i < hi; i++ {
			p := &points[i]
			// The latitude test, inlined here, rejects most points.
			if y := p[1]; !(y >= minY && y <= maxY) {
				continue
			}
			if pf.candidate(p[0], p[1]) && r.Contains(*p) {
				out = append(out, i)
			}
		}
		return out
	})
}

// filterPolygon is Filter for a polygon within [-180, 180]: the bounding box test in
// the polygon's own coordinates, then the grid, without the interface call.
func filterPolygon(points []orb.Point, pg *polygon) []int {
	return parallelRanges(len(points), func(lo, hi int, out []int) []int {
		minX, minY, maxX, maxY := pg.minX, pg.minY, pg.maxX, pg.maxY
		for i := lo; i < hi; i++ {
			p := &points[i]
			x, y := p[0], p[1]
			if !(y >= minY && y <= maxY) {
				continue
			}
			if x >= minX && x <= maxX {
				if pg.containsXY(x, y) {
					out = append(out, i)
				}
			} else if !(x >= -180 && x <= 180) && pg.Contains(*p) {
				out = append(out, i)
			}
		}
		return out
	})
}

// FilterFunc is [Filter] for any slice of items with positions: it returns the positions,
// in increasing order, of the items whose Point() r contains.
func FilterFunc[T orb.Pointer](items []T, r Region) []int {
	if r == nil {
		return nil
	}
	pf := newPrefilter(r)
	if pf == nil {
		return nil
	}
	return parallelRanges(len(items), func(lo, hi int, out []int) []int {
		for i := lo; i < hi; i++ {
			p := items[i].Point()
			if pf.candidate(p[0], p[1]) && r.Contains(p) {
				out = append(out, i)
			}
		}
		return out
	})
}

// prefilter is the bounding-box test in front of Region.Contains.
type prefilter struct {
	minY, maxY float64 // latitude range of all pieces
	minX, maxX float64 // the only piece's longitudes, when single
	single     bool
	pieces     []orb.Bound
}

func newPrefilter(r Region) *prefilter {
	pieces := Bounds(r)
	if len(pieces) == 0 {
		return nil
	}
	c := coverBound(pieces)
	pf := &prefilter{minY: c.Min[1], maxY: c.Max[1], single: len(pieces) == 1, pieces: pieces}
	pf.minX, pf.maxX = pieces[0].Min[0], pieces[0].Max[0]
	return pf
}

// candidate reports whether (x, y) may be in the region. Longitudes outside
// [-180, 180] are normalised first; NaN fails every comparison.
func (pf *prefilter) candidate(x, y float64) bool {
	if !(y >= pf.minY && y <= pf.maxY) {
		return false
	}
	if !(x >= -180 && x <= 180) {
		x = normLon(x)
	}
	if pf.single {
		return x >= pf.minX && x <= pf.maxX
	}
	return inPieces(pf.pieces, x, y)
}

// parallelRanges runs scan over [0, n) in contiguous chunks, in parallel when n is large,
// and concatenates the results in order.
func parallelRanges(n int, scan func(lo, hi int, out []int) []int) []int {
	workers := min(runtime.GOMAXPROCS(0), n/(parallelMin/2))
	if n < parallelMin || workers < 2 {
		out := scan(0, n, nil)
		if len(out) == 0 {
			return nil
		}
		return out
	}
	// More chunks than workers balances uneven regions (dense clusters).
	chunks := workers * 4
	parts := make([][]int, chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := 0; c < chunks; c++ {
		next <- c
	}
	close(next)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				lo, hi := n*c/chunks, n*(c+1)/chunks
				parts[c] = scan(lo, hi, nil)
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, p := range parts {
		total += len(p)
	}
	if total == 0 {
		return nil
	}
	out := make([]int, 0, total)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
