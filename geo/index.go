package geo

import (
	"cmp"
	"math"
	"math/bits"
	"slices"

	"github.com/paulmach/orb"
)

// Index is a static spatial index over items with lon/lat positions. It answers nearest
// neighbour, radius and region queries with great-circle distances (see [Distance]), so
// results are right across the antimeridian and near the poles.
//
// Internally the positions are unit vectors on the sphere in a balanced k-d tree, where
// straight-line (chord) distance orders points exactly like great-circle distance.
//
// An Index is immutable once built, and its methods are safe for concurrent use. Items
// whose position has a NaN or infinite coordinate or a latitude outside [-90, 90] are
// kept in the Index (so positions still match the input slice) but are never returned.
type Index[T orb.Pointer] struct {
	// Items and positions are stored in tree order (indexed items first, then the
	// others), so that a query reads memory near the leaves it visits.
	items []T
	pos   []orb.Point // normalised positions, in the same order
	orig  []int       // orig[slot] = position in the caller's slice
	slot  []int       // slot[i] = where the caller's item i is stored
	tree  *kdTree
	n     int // indexed items: slots [0, n)
}

// Neighbor is an item found by an [Index] query.
type Neighbor[T any] struct {
	Item     T
	Index    int     // position of Item in the slice given to NewIndex
	Distance float64 // great-circle distance in metres from the query point (see Distance)
}

// NewIndex builds an index over items (the slice is copied). Building takes O(n log n)
// time and uses the available cores for large inputs; a million points take well under
// a second.
func NewIndex[T orb.Pointer](items []T) *Index[T] {
	pos := make([]orb.Point, len(items))
	pts := make([]float64, 0, 3*len(items))
	ids := make([]int, 0, len(items))
	var invalid []int
	for i, it := range items {
		p := it.Point()
		x := normLon(p[0])
		if math.IsNaN(x) || !(p[1] >= -90 && p[1] <= 90) {
			invalid = append(invalid, i)
			continue
		}
		pos[i] = orb.Point{x, p[1]}
		vx, vy, vz := unitVector(pos[i])
		pts = append(pts, vx, vy, vz)
		ids = append(ids, i)
	}
	ix := &Index[T]{n: len(ids)}
	ix.tree = buildKD(pts, ids, 3, [4]float64{1, 1, 1, 0})
	ix.orig = append(ix.tree.ids[:len(ix.tree.ids):len(ix.tree.ids)], invalid...)
	ix.items = make([]T, len(items))
	ix.pos = make([]orb.Point, len(items))
	ix.slot = make([]int, len(items))
	for s, i := range ix.orig {
		ix.items[s] = items[i]
		ix.pos[s] = pos[i]
		ix.slot[i] = s
	}
	return ix
}

// Len returns the number of items given to NewIndex, indexed or not.
func (ix *Index[T]) Len() int { return len(ix.items) }

// Item returns the i-th item given to NewIndex.
func (ix *Index[T]) Item(i int) T { return ix.items[ix.slot[i]] }

func validQuery(p orb.Point) (orb.Point, bool) {
	x := normLon(p[0])
	if math.IsNaN(x) || !(p[1] >= -90 && p[1] <= 90) {
		return p, false
	}
	return orb.Point{x, p[1]}, true
}

func queryVector(p orb.Point) [4]float64 {
	x, y, z := unitVector(p)
	return [4]float64{x, y, z, 0}
}

// Nearest returns the k items nearest to p, nearest first (ties broken by position in
// the input). It returns fewer when the index holds fewer than k valid items, and nil
// for k <= 0 or an invalid p. Distances are computed from the chord between the unit
// vectors and agree with [Distance] to within a nanometre or so.
func (ix *Index[T]) Nearest(p orb.Point, k int) []Neighbor[T] {
	p, ok := validQuery(p)
	if !ok || k <= 0 {
		return nil
	}
	q := knnQuery{t: ix.tree, q: queryVector(p), k: min(k, ix.n), limit2: math.Inf(1)}
	if q.k <= 16 {
		var buf [16]kdHit
		q.hits = buf[:0]
	}
	hits := q.run()
	out := make([]Neighbor[T], len(hits))
	for i, h := range hits {
		out[i] = Neighbor[T]{Item: ix.items[h.slot], Index: ix.orig[h.slot], Distance: chordDistance(h.d2)}
	}
	sortNeighbors(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// chordDistance converts a squared chord on the unit sphere to metres on the sphere of
// radius EarthRadius: the haversine formula with sin²(θ/2) = chord²/4. It agrees with
// Distance to about 1e-9 m.
func chordDistance(d2 float64) float64 {
	return 2 * EarthRadius * math.Asin(math.Min(math.Sqrt(d2)/2, 1))
}

// Within returns the items whose great-circle distance from p is at most radius metres
// (as computed by [Distance], so exactly the points a [Circle] of that radius contains),
// nearest first. It returns nil for a negative or NaN radius or an invalid p.
func (ix *Index[T]) Within(p orb.Point, radius float64) []Neighbor[T] {
	p, ok := validQuery(p)
	if !ok || !(radius >= 0) {
		return nil
	}
	q := queryVector(p)
	// Candidates by chord distance, widened against rounding; then the exact test.
	c := chordOf(radius)*(1+1e-9) + 1e-12
	slots := ix.tree.withinChord(0, &q, c*c, nil)
	var out []Neighbor[T]
	for _, s := range slots {
		if d := Distance(p, ix.pos[s]); d <= radius {
			out = append(out, Neighbor[T]{Item: ix.items[s], Index: ix.orig[s], Distance: d})
		}
	}
	sortNeighbors(out)
	return out
}

// sortNeighbors sorts by distance, then input position.
func sortNeighbors[T any](ns []Neighbor[T]) {
	slices.SortFunc(ns, func(a, b Neighbor[T]) int {
		if c := cmp.Compare(a.Distance, b.Distance); c != 0 {
			return c
		}
		return cmp.Compare(a.Index, b.Index)
	})
}

// InRegion returns the positions (in the slice given to NewIndex), in increasing order,
// of the items that r contains: the same result as [FilterFunc] on the items, found
// through the index.
func (ix *Index[T]) InRegion(r Region) []int {
	if r == nil {
		return nil
	}
	pieces := Bounds(r)
	var cand []int // slots
	for _, b := range pieces {
		lo, hi := patchBox(b)
		cand = ix.tree.inBox(0, &lo, &hi, cand)
	}
	out := make([]int, 0, len(cand))
	for _, s := range cand {
		if r.Contains(ix.pos[s]) {
			out = append(out, ix.orig[s])
		}
	}
	if len(out) > len(ix.items)/32 {
		// Many results: put them in order (and drop duplicates) with a bitmap
		// instead of sorting.
		set := make([]uint64, (len(ix.items)+63)/64)
		for _, i := range out {
			set[i/64] |= 1 << (i % 64)
		}
		out = out[:0]
		for w, word := range set {
			for word != 0 {
				out = append(out, w*64+bits.TrailingZeros64(word))
				word &= word - 1
			}
		}
	} else {
		slices.Sort(out)
		if len(pieces) > 1 {
			out = slices.Compact(out)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
