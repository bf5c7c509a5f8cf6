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
	items []T
	pos   []orb.Point // normalised positions; NaN when the item is not indexed
	tree  *kdTree
	n     int // indexed items
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
	ix := &Index[T]{items: slices.Clone(items), pos: make([]orb.Point, len(items))}
	pts := make([]float64, 0, 3*len(items))
	ids := make([]int, 0, len(items))
	for i, it := range ix.items {
		p := it.Point()
		x := normLon(p[0])
		if math.IsNaN(x) || !(p[1] >= -90 && p[1] <= 90) {
			ix.pos[i] = orb.Point{math.NaN(), math.NaN()}
			continue
		}
		ix.pos[i] = orb.Point{x, p[1]}
		vx, vy, vz := unitVector(ix.pos[i])
		pts = append(pts, vx, vy, vz)
		ids = append(ids, i)
	}
	ix.n = len(ids)
	ix.tree = buildKD(pts, ids, 3, [4]float64{1, 1, 1, 0})
	return ix
}

// Len returns the number of items given to NewIndex, indexed or not.
func (ix *Index[T]) Len() int { return len(ix.items) }

// Item returns the i-th item given to NewIndex.
func (ix *Index[T]) Item(i int) T { return ix.items[i] }

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
// for k <= 0 or an invalid p.
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
	return ix.neighbors(p, hits)
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
	ids := ix.tree.withinChord(0, &q, c*c, nil)
	hits := make([]kdHit, 0, len(ids))
	for _, id := range ids {
		if Distance(p, ix.pos[id]) <= radius {
			hits = append(hits, kdHit{id: id})
		}
	}
	return ix.neighbors(p, hits)
}

// neighbors turns hits into Neighbors sorted by distance, then input position.
func (ix *Index[T]) neighbors(p orb.Point, hits []kdHit) []Neighbor[T] {
	if len(hits) == 0 {
		return nil
	}
	out := make([]Neighbor[T], len(hits))
	for i, h := range hits {
		out[i] = Neighbor[T]{Item: ix.items[h.id], Index: h.id, Distance: Distance(p, ix.pos[h.id])}
	}
	slices.SortFunc(out, func(a, b Neighbor[T]) int {
		if c := cmp.Compare(a.Distance, b.Distance); c != 0 {
			return c
		}
		return cmp.Compare(a.Index, b.Index)
	})
	return out
}

// InRegion returns the positions (in the slice given to NewIndex), in increasing order,
// of the items that r contains: the same result as [FilterFunc] on the items, found
// through the index.
func (ix *Index[T]) InRegion(r Region) []int {
	if r == nil {
		return nil
	}
	pieces := Bounds(r)
	var cand []int
	for _, b := range pieces {
		lo, hi := patchBox(b)
		cand = ix.tree.inBox(0, &lo, &hi, cand)
	}
	if len(cand) > len(ix.items)/32 {
		// Many candidates: put them in order (and drop duplicates) with a bitmap
		// instead of sorting.
		set := make([]uint64, (len(ix.items)+63)/64)
		for _, id := range cand {
			set[id/64] |= 1 << (id % 64)
		}
		cand = cand[:0]
		for w, word := range set {
			for word != 0 {
				b := bits.TrailingZeros64(word)
				cand = append(cand, w*64+b)
				word &= word - 1
			}
		}
	} else {
		slices.Sort(cand)
		if len(pieces) > 1 {
			cand = slices.Compact(cand)
		}
	}
	out := cand[:0]
	for _, id := range cand {
		if r.Contains(ix.pos[id]) {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
