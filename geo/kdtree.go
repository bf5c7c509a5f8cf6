package geo

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
)

// kdLeaf is the largest number of points in a leaf of a kdTree.
const kdLeaf = 8

// kdTree is a static, balanced k-d tree over points in 3 dimensions (unit vectors on the
// sphere, where Euclidean chord length orders points exactly like great-circle distance,
// so the antimeridian and the poles need no special case) or 4 (the same plus time in
// seconds). Nodes are stored in heap order (children of i are 2i+1 and 2i+2) with the
// bounding box of their points. A built tree is read-only and safe for concurrent use.
type kdTree struct {
	dim   int
	pts   []float64 // point i is pts[i*dim : i*dim+dim], in tree order
	ids   []int     // caller's index of point i
	nodes []kdNode
}

type kdNode struct {
	lo, hi   int // points [lo, hi)
	min, max [4]float64
}

// buildKD builds a tree over pts (len(ids)*dim values, reordered in place). scale weighs
// each dimension's extent when choosing the split dimension.
func buildKD(pts []float64, ids []int, dim int, scale [4]float64) *kdTree {
	t := &kdTree{dim: dim, pts: pts, ids: ids}
	n := len(ids)
	if n == 0 {
		return t
	}
	depth := 0
	for m := n; m > kdLeaf; m = (m + 1) / 2 {
		depth++
	}
	t.nodes = make([]kdNode, 1<<(depth+1)-1)
	var wg sync.WaitGroup
	t.build(0, 0, n, 0, scale, &wg)
	wg.Wait()
	return t
}

func (t *kdTree) build(node, lo, hi, depth int, scale [4]float64, wg *sync.WaitGroup) {
	nd := &t.nodes[node]
	nd.lo, nd.hi = lo, hi
	d := t.dim
	for k := 0; k < d; k++ {
		nd.min[k], nd.max[k] = math.Inf(1), math.Inf(-1)
	}
	for i := lo; i < hi; i++ {
		p := t.pts[i*d : i*d+d]
		for k, v := range p {
			nd.min[k] = math.Min(nd.min[k], v)
			nd.max[k] = math.Max(nd.max[k], v)
		}
	}
	if hi-lo <= kdLeaf {
		return
	}
	split, best := 0, -1.0
	for k := 0; k < d; k++ {
		if ext := (nd.max[k] - nd.min[k]) * scale[k]; ext > best {
			split, best = k, ext
		}
	}
	mid := lo + (hi-lo)/2
	t.selectK(lo, hi, mid, split)
	if depth < 3 && hi-lo > 1<<16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.build(2*node+1, lo, mid, depth+1, scale, wg)
		}()
	} else {
		t.build(2*node+1, lo, mid, depth+1, scale, wg)
	}
	t.build(2*node+2, mid, hi, depth+1, scale, wg)
}

func (t *kdTree) key(i, d int) float64 { return t.pts[i*t.dim+d] }

func (t *kdTree) swap(i, j int) {
	d := t.dim
	a, b := t.pts[i*d:i*d+d], t.pts[j*d:j*d+d]
	for k := range a {
		a[k], b[k] = b[k], a[k]
	}
	t.ids[i], t.ids[j] = t.ids[j], t.ids[i]
}

// selectK reorders points [lo, hi) so that point k has the k-th smallest coordinate d,
// with no larger values before it and no smaller after (Hoare's selection, pivot the
// median of three).
func (t *kdTree) selectK(lo, hi, k, d int) {
	l, r := lo, hi-1
	for l < r {
		a, b, c := t.key(l, d), t.key(l+(r-l)/2, d), t.key(r, d)
		x := max(min(a, b), min(max(a, b), c)) // median of three
		i, j := l, r
		for i <= j {
			for t.key(i, d) < x {
				i++
			}
			for x < t.key(j, d) {
				j--
			}
			if i <= j {
				t.swap(i, j)
				i++
				j--
			}
		}
		if j < k {
			l = i
		}
		if k < i {
			r = j
		}
	}
}

// boxDist2 returns the squared distance (first 3 dimensions) from q to the node's box.
func (nd *kdNode) boxDist2(q *[4]float64) float64 {
	var s float64
	for k := 0; k < 3; k++ {
		if v := q[k]; v < nd.min[k] {
			s += (nd.min[k] - v) * (nd.min[k] - v)
		} else if v > nd.max[k] {
			s += (v - nd.max[k]) * (v - nd.max[k])
		}
	}
	return s
}

func (t *kdTree) dist2(i int, q *[4]float64) float64 {
	p := t.pts[i*t.dim : i*t.dim+3]
	dx, dy, dz := p[0]-q[0], p[1]-q[1], p[2]-q[2]
	return dx*dx + dy*dy + dz*dz
}

// kdHit is a point found by a search: its slot in tree order and its squared chord
// distance. ids[slot] is the caller's index.
type kdHit struct {
	d2   float64
	slot int
}

// knnQuery finds the k nearest points within a squared chord limit, optionally within a
// time window [tlo, thi] on dimension 3, and optionally passing accept.
type knnQuery struct {
	t        *kdTree
	q        [4]float64
	k        int
	limit2   float64
	useTime  bool
	tlo, thi float64
	accept   func(slot int) bool
	hits     []kdHit // ascending by d2, at most k
}

func (s *knnQuery) worst() float64 {
	if len(s.hits) < s.k {
		return s.limit2
	}
	return s.hits[len(s.hits)-1].d2
}

func (s *knnQuery) run() []kdHit {
	if len(s.t.nodes) > 0 && s.k > 0 {
		s.search(0)
	}
	return s.hits
}

func (s *knnQuery) search(node int) {
	t := s.t
	nd := &t.nodes[node]
	if s.useTime && (nd.max[3] < s.tlo || nd.min[3] > s.thi) {
		return
	}
	if nd.hi-nd.lo <= kdLeaf {
		for i := nd.lo; i < nd.hi; i++ {
			d2 := t.dist2(i, &s.q)
			full := len(s.hits) == s.k
			if (full && d2 >= s.worst()) || (!full && d2 > s.limit2) {
				continue
			}
			if s.useTime {
				if tv := t.key(i, 3); tv < s.tlo || tv > s.thi {
					continue
				}
			}
			if s.accept != nil && !s.accept(i) {
				continue
			}
			s.insert(kdHit{d2, i})
		}
		return
	}
	l, r := 2*node+1, 2*node+2
	dl, dr := t.nodes[l].boxDist2(&s.q), t.nodes[r].boxDist2(&s.q)
	if dr < dl {
		l, r, dl, dr = r, l, dr, dl
	}
	if dl <= s.worst() {
		s.search(l)
	}
	if dr <= s.worst() {
		s.search(r)
	}
}

func (s *knnQuery) insert(h kdHit) {
	if len(s.hits) < s.k {
		s.hits = append(s.hits, h)
	} else {
		s.hits[len(s.hits)-1] = h
	}
	for i := len(s.hits) - 1; i > 0 && s.hits[i].d2 < s.hits[i-1].d2; i-- {
		s.hits[i], s.hits[i-1] = s.hits[i-1], s.hits[i]
	}
}

// withinChord appends the slots of all points at squared chord distance at most limit2
// from q.
func (t *kdTree) withinChord(node int, q *[4]float64, limit2 float64, out []int) []int {
	if len(t.nodes) == 0 {
		return out
	}
	nd := &t.nodes[node]
	if nd.boxDist2(q) > limit2 {
		return out
	}
	if nd.hi-nd.lo <= kdLeaf {
		for i := nd.lo; i < nd.hi; i++ {
			if t.dist2(i, q) <= limit2 {
				out = append(out, i)
			}
		}
		return out
	}
	out = t.withinChord(2*node+1, q, limit2, out)
	return t.withinChord(2*node+2, q, limit2, out)
}

// inBox appends the slots of all points inside the closed box [lo, hi] (first 3
// dimensions).
func (t *kdTree) inBox(node int, lo, hi *[3]float64, out []int) []int {
	if len(t.nodes) == 0 {
		return out
	}
	nd := &t.nodes[node]
	inside := true
	for k := 0; k < 3; k++ {
		if nd.max[k] < lo[k] || nd.min[k] > hi[k] {
			return out
		}
		if nd.min[k] < lo[k] || nd.max[k] > hi[k] {
			inside = false
		}
	}
	if inside {
		for i := nd.lo; i < nd.hi; i++ {
			out = append(out, i)
		}
		return out
	}
	if nd.hi-nd.lo <= kdLeaf {
	points:
		for i := nd.lo; i < nd.hi; i++ {
			p := t.pts[i*t.dim : i*t.dim+3]
			for k := 0; k < 3; k++ {
				if p[k] < lo[k] || p[k] > hi[k] {
					continue points
				}
			}
			out = append(out, i)
		}
		return out
	}
	out = t.inBox(2*node+1, lo, hi, out)
	return t.inBox(2*node+2, lo, hi, out)
}

// patchBox returns a 3-D box containing the unit vectors of every lon/lat point in b
// (Min.X <= Max.X, longitudes in [-180, 180]), widened against rounding.
func patchBox(b orb.Bound) (lo, hi [3]float64) {
	cs, cn := math.Cos(b.Min[1]*deg), math.Cos(b.Max[1]*deg)
	cLatMin, cLatMax := math.Min(cs, cn), math.Max(cs, cn)
	if b.Min[1] <= 0 && b.Max[1] >= 0 {
		cLatMax = 1
	}
	cLatMin = math.Max(cLatMin, 0)
	sw, cw := math.Sincos(b.Min[0] * deg)
	se, ce := math.Sincos(b.Max[0] * deg)
	cosMin, cosMax := math.Min(cw, ce), math.Max(cw, ce)
	sinMin, sinMax := math.Min(sw, se), math.Max(sw, se)
	if b.Min[0] <= 0 && b.Max[0] >= 0 {
		cosMax = 1
	}
	if b.Min[0] <= -180 || b.Max[0] >= 180 {
		cosMin = -1
	}
	if b.Min[0] <= -90 && b.Max[0] >= -90 {
		sinMin = -1
	}
	if b.Min[0] <= 90 && b.Max[0] >= 90 {
		sinMax = 1
	}
	prodRange := func(a0, a1, b0, b1 float64) (float64, float64) {
		p := [4]float64{a0 * b0, a0 * b1, a1 * b0, a1 * b1}
		return min(p[0], p[1], p[2], p[3]), max(p[0], p[1], p[2], p[3])
	}
	lo[0], hi[0] = prodRange(cLatMin, cLatMax, cosMin, cosMax)
	lo[1], hi[1] = prodRange(cLatMin, cLatMax, sinMin, sinMax)
	lo[2], hi[2] = math.Sin(b.Min[1]*deg), math.Sin(b.Max[1]*deg)
	const pad = 1e-9
	for k := range lo {
		lo[k] -= pad
		hi[k] += pad
	}
	return lo, hi
}
