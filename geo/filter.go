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
// a [Polygon] is mostly a grid lookup. Inputs of 32768 points or more are split over
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
	return parallelRanges(len(points), func(lo, hi int, out *collector) {
		minY, maxY := pf.minY, pf.maxY
		for i := lo; i < hi; i++ {
			p := &points[i]
			// The latitude test, inlined here, rejects most points.
			if y := p[1]; !(y >= minY && y <= maxY) {
				continue
			}
			if pf.candidate(p[0], p[1]) && r.Contains(*p) {
				out.add(i)
			}
		}
	})
}

// filterPolygon is Filter for a polygon within [-180, 180]: the bounding box test in
// the polygon's own coordinates, then the grid, without the interface call.
func filterPolygon(points []orb.Point, pg *polygon) []int {
	return parallelRanges(len(points), func(lo, hi int, out *collector) {
		minX, minY, maxX, maxY := pg.minX, pg.minY, pg.maxX, pg.maxY
		for i := lo; i < hi; i++ {
			p := &points[i]
			x, y := p[0], p[1]
			if !(y >= minY && y <= maxY) {
				continue
			}
			if x >= minX && x <= maxX {
				if pg.containsXY(x, y) {
					out.add(i)
				}
			} else if !(x >= -180 && x <= 180) && pg.Contains(*p) {
				out.add(i)
			}
		}
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
	return parallelRanges(len(items), func(lo, hi int, out *collector) {
		for i := lo; i < hi; i++ {
			p := items[i].Point()
			if pf.candidate(p[0], p[1]) && r.Contains(p) {
				out.add(i)
			}
		}
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

// collector gathers increasing indices in blocks that grow geometrically, so that large
// results are not copied again and again as a single slice would be.
type collector struct {
	blocks [][]int
	cur    []int
	n      int
}

func (c *collector) add(i int) {
	if len(c.cur) == cap(c.cur) {
		c.grow()
	}
	c.cur = append(c.cur, i)
}

func (c *collector) grow() {
	size := 256
	if c.cur != nil {
		c.blocks = append(c.blocks, c.cur)
		c.n += len(c.cur)
		size = min(2*cap(c.cur), 1<<16)
	}
	c.cur = make([]int, 0, size)
}

func (c *collector) len() int { return c.n + len(c.cur) }

func (c *collector) appendTo(out []int) []int {
	for _, b := range c.blocks {
		out = append(out, b...)
	}
	return append(out, c.cur...)
}

// parallelRanges runs scan over [0, n) in contiguous chunks, in parallel when n is large,
// and concatenates the results in order; nil when there are none.
func parallelRanges(n int, scan func(lo, hi int, out *collector)) []int {
	workers := min(runtime.GOMAXPROCS(0), n/(parallelMin/2))
	chunks := 1
	if n >= parallelMin && workers >= 2 {
		// More chunks than workers balances uneven regions (dense clusters).
		chunks = workers * 4
	}
	parts := make([]collector, chunks)
	if chunks == 1 {
		scan(0, n, &parts[0])
	} else {
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
					scan(n*c/chunks, n*(c+1)/chunks, &parts[c])
				}
			}()
		}
		wg.Wait()
	}
	total := 0
	for i := range parts {
		total += parts[i].len()
	}
	if total == 0 {
		return nil
	}
	out := make([]int, 0, total)
	for i := range parts {
		out = parts[i].appendTo(out)
	}
	return out
}
